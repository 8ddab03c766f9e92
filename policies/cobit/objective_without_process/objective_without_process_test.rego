package cobit.objective_without_process_test

import data.cobit.objective_without_process
import data.lib.fixtures_test as fx

_margin := {
	"kind": "objective", "id": "OBJ-MARGIN", "title": "Keep the gross margin above plan", "owner": "frank",
	"_path": "business/objectives/OBJ-MARGIN.yaml",
}

_billing := {
	"kind": "business_process", "id": "BP-BILLING", "name": "Billing", "owner": "frank",
	"criticality": "high", "objectives": ["OBJ-MARGIN"], "services": ["SVC-0001"],
	"_path": "business/processes/BP-BILLING.yaml",
}

_finding(objective_id) := {
	"check": "REG-BIZ-003",
	"kind": "objective",
	"id": objective_id,
	"message": sprintf("%s is active but no active business process serves it", [objective_id]),
	"field": [],
}

test_meta if {
	objective_without_process.meta.id == "REG-BIZ-003"
}

test_fail_objective_no_process_serves if {
	export := fx.patch(_margin, {"id": "OBJ-EXPORT", "title": "Double export sales"})
	doc := fx.world_with({"objective": [_margin, export], "business_process": [_billing]})
	found := objective_without_process.violation with input as doc
	found == {_finding("OBJ-EXPORT")}
}

test_fail_objective_without_any_process if {
	found := objective_without_process.violation with input as fx.world_with({"objective": [_margin]})
	found == {_finding("OBJ-MARGIN")}
}

test_fail_only_a_retired_process_serves_it if {
	retired := fx.patch(_billing, {"status": "retired"})
	doc := fx.world_with({"objective": [_margin], "business_process": [retired]})
	found := objective_without_process.violation with input as doc
	found == {_finding("OBJ-MARGIN")}
}

test_pass_objective_served if {
	doc := fx.world_with({"objective": [_margin], "business_process": [_billing]})
	count(objective_without_process.violation) == 0 with input as doc
}

test_pass_retired_objective if {
	retired := fx.patch(_margin, {"status": "retired"})
	count(objective_without_process.violation) == 0 with input as fx.world_with({"objective": [retired]})
}
