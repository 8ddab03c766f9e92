package cobit.service_without_process_test

import data.cobit.service_without_process
import data.lib.fixtures_test as fx

_billing := {
	"kind": "business_process", "id": "BP-BILLING", "name": "Billing", "owner": "frank",
	"criticality": "high", "services": ["SVC-0001"],
	"_path": "business/processes/BP-BILLING.yaml",
}

_payroll := fx.patch(fx.service, {"id": "SVC-0002", "name": "Payroll", "criticality": "medium"})

_finding(service_id) := {
	"check": "REG-BIZ-002",
	"kind": "service",
	"id": service_id,
	"message": sprintf("%s is active but no active business process depends on it", [service_id]),
	"field": [],
}

test_meta if {
	service_without_process.meta.id == "REG-BIZ-002"
}

test_fail_service_no_process_names if {
	doc := fx.world_with({"business_process": [_billing], "service": [_payroll]})
	found := service_without_process.violation with input as doc
	found == {_finding("SVC-0002")}
}

test_fail_only_a_retired_process_names_it if {
	retired := fx.patch(_billing, {"id": "BP-FAX", "status": "retired", "services": ["SVC-0002"]})
	doc := fx.world_with({"business_process": [_billing, retired], "service": [_payroll]})
	found := service_without_process.violation with input as doc
	found == {_finding("SVC-0002")}
}

test_pass_every_service_serves_a_process if {
	process := fx.patch(_billing, {"services": ["SVC-0001", "SVC-0002"]})
	doc := fx.world_with({"business_process": [process], "service": [_payroll]})
	count(service_without_process.violation) == 0 with input as doc
}

test_pass_no_process_recorded_yet if {
	count(service_without_process.violation) == 0 with input as fx.world_with({"service": [_payroll]})
}

test_pass_retired_service if {
	retired := fx.patch(_payroll, {"status": "retired"})
	doc := fx.world_with({"business_process": [_billing], "service": [retired]})
	count(service_without_process.violation) == 0 with input as doc
}
