package cobit.record_references_test

import data.cobit.record_references
import data.lib.fixtures_test as fx

_finding(kind, id, message, field) := {
	"check": "REG-CFG-006",
	"kind": kind,
	"id": id,
	"message": message,
	"field": field,
}

test_meta if {
	record_references.meta.id == "REG-CFG-006"
	"change" in record_references.meta.kinds
	"service_report" in record_references.meta.kinds
}

test_fail_incident_references if {
	incident := fx.patch(fx.incident, {
		"services": ["SVC-0001", "SVC-0404"],
		"configuration_items": ["CI-0404"],
		"problem": "PRB-0404",
	})
	found := record_references.violation with input as fx.world_with({"incident": [incident]})
	found == {
		_finding("incident", "INC-2026-0001", "INC-2026-0001 names service SVC-0404, which has no record", ["services", 1]),
		_finding("incident", "INC-2026-0001", "INC-2026-0001 names configuration item CI-0404, which has no record", ["configuration_items", 0]),
		_finding("incident", "INC-2026-0001", "INC-2026-0001 names problem PRB-0404, which has no record", ["problem"]),
	}
}

test_fail_problem_references if {
	problem := fx.patch(fx.problem, {"incidents": ["INC-2026-0404", "INC-2026-0007"], "fix_change": "CHG-2026-0404"})
	found := record_references.violation with input as fx.world_with({"problem": [problem]})
	found == {
		_finding("problem", "PRB-2026-0003", "PRB-2026-0003 names incident INC-2026-0404, which has no record", ["incidents", 0]),
		_finding("problem", "PRB-2026-0003", "PRB-2026-0003 names fix change CHG-2026-0404, which has no record", ["fix_change"]),
	}
}

test_fail_service_references if {
	service := fx.patch(fx.service, {"configuration_items": ["CI-0001", "CI-0002", "CI-0404"], "suppliers": ["SUP-0404"]})
	found := record_references.violation with input as fx.world_with({"service": [service]})
	found == {
		_finding("service", "SVC-0001", "SVC-0001 names configuration item CI-0404, which has no record", ["configuration_items", 2]),
		_finding("service", "SVC-0001", "SVC-0001 names supplier SUP-0404, which has no record", ["suppliers", 0]),
	}
}

test_fail_service_report_service if {
	report := fx.patch(fx.service_report, {"service": "SVC-0404"})
	found := record_references.violation with input as fx.world_with({"service_report": [report]})
	found == {_finding("service_report", "SR-2026-10-SVC-0001", "SR-2026-10-SVC-0001 names service SVC-0404, which has no record", ["service"])}
}

test_fail_configuration_item_references if {
	ci := fx.patch(fx.critical_ci, {"services": ["SVC-0404"], "supplier": "SUP-0404"})
	found := record_references.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {
		_finding("configuration_item", "CI-0002", "CI-0002 names service SVC-0404, which has no record", ["services", 0]),
		_finding("configuration_item", "CI-0002", "CI-0002 names supplier SUP-0404, which has no record", ["supplier"]),
	}
}

test_fail_supplier_services if {
	supplier := fx.patch(fx.supplier, {"services": ["SVC-0001", "SVC-0404"]})
	found := record_references.violation with input as fx.world_with({"supplier": [supplier]})
	found == {_finding("supplier", "SUP-0001", "SUP-0001 names service SVC-0404, which has no record", ["services", 1])}
}

test_fail_reference_to_the_wrong_kind if {
	incident := fx.patch(fx.incident, {"services": ["CI-0001"], "configuration_items": ["SVC-0001"]})
	found := record_references.violation with input as fx.world_with({"incident": [incident]})
	{f.field | some f in found} == {["services", 0], ["configuration_items", 0]}
}

test_fail_named_kind_absent if {
	found := record_references.violation with input as fx.doc({"problem": [fx.problem]})
	found == {
		_finding("problem", "PRB-2026-0003", "PRB-2026-0003 names incident INC-2026-0007, which has no record", ["incidents", 0]),
		_finding("problem", "PRB-2026-0003", "PRB-2026-0003 names fix change CHG-2026-0050, which has no record", ["fix_change"]),
	}
}

test_pass_changes_and_relationships_are_not_judged_here if {
	change := fx.change_with({"configuration_items": ["CI-0404"], "services": ["SVC-0404"]})
	ci := fx.patch(fx.configuration_item, {"relationships": [{"type": "depends_on", "target": "CI-0404"}]})
	release := fx.patch(fx.release, {"changes": ["CHG-0404"]})
	count(record_references.violation) == 0 with input as fx.world_with({"change": [change], "configuration_item": [ci], "release": [release]})
}

test_pass_no_references if {
	records := {
		"incident": [object.remove(fx.incident, ["services", "configuration_items", "problem", "caused_by_change"])],
		"problem": [object.remove(fx.problem, ["incidents", "fix_change"])],
		"service": [object.remove(fx.service, ["configuration_items", "suppliers"])],
		"configuration_item": [object.remove(fx.critical_ci, ["services", "supplier"])],
		"supplier": [object.remove(fx.supplier, ["services"])],
	}
	count(record_references.violation) == 0 with input as fx.doc(records)
}

test_pass_world if {
	count(record_references.violation) == 0 with input as fx.world
}
