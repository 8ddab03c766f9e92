package cobit.emergency_change_justification_test

import data.cobit.emergency_change_justification
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-017",
	"kind": "change",
	"id": "CHG-2026-0050",
	"message": message,
	"field": field,
}

# The world with the emergency change replaced.
_world(change) := fx.world_with({"change": [change]})

test_meta if {
	emergency_change_justification.meta.id == "REG-CHG-017"
	emergency_change_justification.meta.kinds == ["change", "incident"]
	emergency_change_justification.meta.controls.cobit4 == ["AI6.3"]
}

test_fail_no_incidents if {
	found := emergency_change_justification.violation with input as _world(object.remove(fx.emergency, ["incidents"]))
	found == {_finding(
		"CHG-2026-0050 is an emergency change with status closed but names no incident that justifies it",
		["incidents"],
	)}
}

test_fail_empty_incidents if {
	found := emergency_change_justification.violation with input as _world(fx.patch(fx.emergency, {"incidents": [], "status": "submitted"}))
	found == {_finding(
		"CHG-2026-0050 is an emergency change with status submitted but names no incident that justifies it",
		["incidents"],
	)}
}

test_fail_incident_without_record if {
	found := emergency_change_justification.violation with input as _world(fx.patch(fx.emergency, {"incidents": ["INC-2026-0007", "INC-2026-0404"]}))
	found == {_finding(
		"CHG-2026-0050 is an emergency change justified by incident INC-2026-0404, which has no record",
		["incidents", 1],
	)}
}

test_fail_no_incident_records_at_all if {
	doc := fx.doc({"change": [fx.emergency]})
	found := emergency_change_justification.violation with input as doc
	found == {_finding(
		"CHG-2026-0050 is an emergency change justified by incident INC-2026-0007, which has no record",
		["incidents", 0],
	)}
}

test_pass_world if {
	count(emergency_change_justification.violation) == 0 with input as fx.world
}

test_pass_any_known_incident if {
	count(emergency_change_justification.violation) == 0 with input as _world(fx.patch(fx.emergency, {"incidents": ["INC-2026-0001", "INC-2026-0007"]}))
}

test_pass_draft_rejected_cancelled if {
	changes := [fx.patch(fx.emergency, {"id": sprintf("CHG-2026-09%d", [i]), "status": s, "incidents": ["INC-2026-0404"]}) |
		some i, s in ["draft", "rejected", "cancelled"]
	]
	count(emergency_change_justification.violation) == 0 with input as fx.world_with({"change": changes})
}

test_pass_normal_change_naming_unknown_incident if {
	count(emergency_change_justification.violation) == 0 with input as fx.world_with({"change": [fx.change_with({"incidents": ["INC-2026-0404"]})]})
}

test_pass_closed_as_cancelled if {
	change := fx.patch(fx.emergency, {"status": "closed", "closure": {"at": "2026-10-03T09:00:00Z", "code": "cancelled"}, "incidents": []})
	count(emergency_change_justification.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_fail_closed_successfully_without_incident if {
	change := fx.patch(fx.emergency, {"status": "closed", "closure": {"at": "2026-10-03T09:00:00Z", "code": "successful"}, "incidents": []})
	found := emergency_change_justification.violation with input as fx.world_with({"change": [change]})
	{f.field | some f in found} == {["incidents"]}
}
