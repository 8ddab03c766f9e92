package cobit.change_references_test

import data.cobit.change_references
import data.lib.fixtures_test as fx

test_meta if {
	change_references.meta.id == "REG-CHG-009"
	change_references.meta.kinds == ["change", "configuration_item", "service"]
}

test_fail_unknown_configuration_item if {
	change := fx.change_with({"configuration_items": ["CI-0001", "CI-0404"]})
	found := change_references.violation with input as fx.changes([change])
	found == {{
		"check": "REG-CHG-009",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 names configuration item CI-0404, which has no record",
		"field": ["configuration_items", 1],
	}}
}

test_fail_unknown_service if {
	change := fx.change_with({"services": ["SVC-0404"]})
	found := change_references.violation with input as fx.changes([change])
	found == {{
		"check": "REG-CHG-009",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 names service SVC-0404, which has no record",
		"field": ["services", 0],
	}}
}

test_fail_no_records_of_either_kind if {
	found := change_references.violation with input as fx.doc({"change": [fx.change]})
	found == {
		{
			"check": "REG-CHG-009",
			"kind": "change",
			"id": "CHG-2026-0042",
			"message": "CHG-2026-0042 names configuration item CI-0001, which has no record",
			"field": ["configuration_items", 0],
		},
		{
			"check": "REG-CHG-009",
			"kind": "change",
			"id": "CHG-2026-0042",
			"message": "CHG-2026-0042 names service SVC-0001, which has no record",
			"field": ["services", 0],
		},
	}
}

test_fail_service_id_given_as_ci if {
	change := fx.change_with({"configuration_items": ["SVC-0001"], "services": []})
	found := change_references.violation with input as fx.changes([change])
	{f.field | some f in found} == {["configuration_items", 0]}
}

test_pass_known_references if {
	count(change_references.violation) == 0 with input as fx.changes([fx.change])
}

test_pass_no_references if {
	change := fx.change_without(["configuration_items", "services"])
	count(change_references.violation) == 0 with input as fx.doc({"change": [change]})
}
