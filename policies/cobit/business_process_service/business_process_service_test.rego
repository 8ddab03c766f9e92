package cobit.business_process_service_test

import data.cobit.business_process_service
import data.lib.fixtures_test as fx

# Billing depends on the world's web shop (SVC-0001).
_billing := {
	"kind": "business_process", "id": "BP-BILLING", "name": "Billing", "owner": "frank",
	"criticality": "high", "objectives": ["OBJ-MARGIN"], "services": ["SVC-0001"],
	"_path": "business/processes/BP-BILLING.yaml",
}

_finding(service_id, i) := {
	"check": "REG-BIZ-001",
	"kind": "business_process",
	"id": "BP-BILLING",
	"message": sprintf("BP-BILLING depends on %s, which has no service record", [service_id]),
	"field": ["services", i],
}

test_meta if {
	business_process_service.meta.id == "REG-BIZ-001"
	business_process_service.meta.kinds == ["business_process", "service"]
}

test_fail_service_without_record if {
	process := fx.patch(_billing, {"services": ["SVC-0001", "SVC-INVOICING"]})
	found := business_process_service.violation with input as fx.world_with({"business_process": [process]})
	found == {_finding("SVC-INVOICING", 1)}
}

test_fail_process_without_status_is_active if {
	process := fx.patch(object.remove(_billing, ["status"]), {"services": ["SVC-0404"]})
	found := business_process_service.violation with input as fx.world_with({"business_process": [process]})
	found == {_finding("SVC-0404", 0)}
}

test_pass_every_service_has_a_record if {
	count(business_process_service.violation) == 0 with input as fx.world_with({"business_process": [_billing]})
}

test_pass_retired_process if {
	process := fx.patch(_billing, {"status": "retired", "services": ["SVC-0404"]})
	count(business_process_service.violation) == 0 with input as fx.world_with({"business_process": [process]})
}

test_pass_process_naming_no_service if {
	process := object.remove(_billing, ["services"])
	count(business_process_service.violation) == 0 with input as fx.world_with({"business_process": [process]})
}
