package cobit.incident_change_unreviewed_test

import data.cobit.incident_change_unreviewed
import data.lib.fixtures_test as fx

_change_finding(message) := {
	"check": "REG-CHG-018",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": ["review"],
}

# A second incident caused by the base change.
_second := fx.patch(fx.incident, {"id": "INC-2026-0002", "title": "Payments fail after certificate renewal"})

test_meta if {
	incident_change_unreviewed.meta.id == "REG-CHG-018"
	incident_change_unreviewed.meta.kinds == ["change", "incident"]
	incident_change_unreviewed.meta.controls.iso20000 == ["8.5.1.3", "8.6.1"]
	incident_change_unreviewed.meta.example.incident[0].caused_by_change == "CHG-2026-0108"
}

test_fail_causing_change_unreviewed if {
	found := incident_change_unreviewed.violation with input as fx.world_with({"change": [fx.change_without(["review"])]})
	found == {_change_finding("CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z and caused incident INC-2026-0001, but has no dated post-implementation review")}
}

test_fail_one_finding_naming_every_incident if {
	change := fx.change_with({"review": {"by": "dave", "outcome": "successful"}})
	found := incident_change_unreviewed.violation with input as fx.world_with({"change": [change], "incident": [_second]})
	found == {_change_finding("CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z and caused incidents INC-2026-0001, INC-2026-0002, but has no dated post-implementation review")}
}

test_fail_implemented_by_status if {
	change := fx.patch(fx.change_without(["review", "implementation", "closure"]), {"status": "implemented"})
	found := incident_change_unreviewed.violation with input as fx.world_with({"change": [change]})
	found == {_change_finding("CHG-2026-0042 has status implemented and caused incident INC-2026-0001, but has no dated post-implementation review")}
}

test_fail_causing_change_without_record if {
	incident := fx.patch(fx.incident, {"caused_by_change": "CHG-2026-0404"})
	found := incident_change_unreviewed.violation with input as fx.world_with({"incident": [incident]})
	found == {{
		"check": "REG-CHG-018",
		"kind": "incident",
		"id": "INC-2026-0001",
		"message": "INC-2026-0001 names CHG-2026-0404 as the change that caused it, which has no record",
		"field": ["caused_by_change"],
	}}
}

test_pass_world if {
	count(incident_change_unreviewed.violation) == 0 with input as fx.world
}

test_pass_unreviewed_change_without_incidents if {
	changes := [fx.patch(fx.emergency, {"review": {}}), fx.change_without(["review"])]
	incident := object.remove(fx.incident, ["caused_by_change"])
	count(incident_change_unreviewed.violation) == 0 with input as fx.world_with({"change": changes, "incident": [incident]})
}

test_pass_causing_change_not_implemented if {
	change := fx.patch(fx.change_without(["review", "implementation", "closure"]), {"status": "scheduled"})
	count(incident_change_unreviewed.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_pass_reviewed_after_a_failure if {
	change := fx.change_with({"review": {"at": "2026-10-07T09:00:00Z", "by": "dave", "outcome": "failed"}})
	count(incident_change_unreviewed.violation) == 0 with input as fx.world_with({"change": [change], "incident": [_second]})
}
