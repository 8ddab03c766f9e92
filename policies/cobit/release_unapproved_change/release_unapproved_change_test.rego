package cobit.release_unapproved_change_test

import data.cobit.release_unapproved_change
import data.lib.fixtures_test as fx

_finding(message, index) := {
	"check": "REG-REL-001",
	"kind": "release",
	"id": "REL-2026-0010",
	"message": message,
	"field": ["changes", index],
}

# The base release delivering both changes of the world.
_both := fx.patch(fx.release, {"changes": ["CHG-2026-0042", "CHG-2026-0050"]})

test_meta if {
	release_unapproved_change.meta.id == "REG-REL-001"
	release_unapproved_change.meta.severity == "high"
	release_unapproved_change.meta.kinds == ["release", "change"]
	release_unapproved_change.meta.example.release[0].status == "approved"
}

test_fail_change_without_record if {
	release := fx.patch(fx.release, {"changes": ["CHG-2026-0042", "CHG-2026-0404"]})
	found := release_unapproved_change.violation with input as fx.world_with({"release": [release]})
	found == {_finding("REL-2026-0010 has status deployed and contains change CHG-2026-0404, which has no record", 1)}
}

test_fail_change_not_authorised if {
	change := fx.change_with({"status": "rejected", "approvals": [{"by": "carol", "role": "cab", "decision": "rejected", "at": "2026-10-02T10:00:00Z"}]})
	found := release_unapproved_change.violation with input as fx.world_with({"release": [_both], "change": [change]})
	found == {
		_finding("REL-2026-0010 has status deployed and contains change CHG-2026-0042, which has status rejected", 0),
		_finding("REL-2026-0010 has status deployed and contains normal change CHG-2026-0042, which has no approved decision on record", 0),
	}
}

test_fail_change_approved_but_status_submitted if {
	release := fx.patch(_both, {"status": "approved"})
	change := fx.patch(fx.emergency, {"status": "submitted"})
	found := release_unapproved_change.violation with input as fx.world_with({"release": [release], "change": [change]})
	found == {_finding("REL-2026-0010 has status approved and contains change CHG-2026-0050, which has status submitted", 1)}
}

test_fail_change_without_approval if {
	change := fx.patch(fx.emergency, {"approvals": []})
	found := release_unapproved_change.violation with input as fx.world_with({"release": [_both], "change": [change]})
	found == {_finding("REL-2026-0010 has status deployed and contains emergency change CHG-2026-0050, which has no approved decision on record", 1)}
}

test_fail_each_status_never_authorised if {
	changes := [fx.change_with({"id": sprintf("CHG-2026-09%d", [i]), "status": s}) |
		some i, s in ["draft", "submitted", "rejected", "cancelled"]
	]
	release := fx.patch(fx.release, {"changes": [c.id | some c in changes]})
	found := release_unapproved_change.violation with input as fx.world_with({"release": [release], "change": changes})
	found == {_finding(sprintf("REL-2026-0010 has status deployed and contains change CHG-2026-09%d, which has status %s", [i, s]), i) |
		some i, s in ["draft", "submitted", "rejected", "cancelled"]
	}
}

test_fail_rolled_back_release if {
	release := fx.patch(fx.release, {"status": "rolled_back", "changes": ["CHG-2026-0404"]})
	found := release_unapproved_change.violation with input as fx.world_with({"release": [release]})
	found == {_finding("REL-2026-0010 has status rolled_back and contains change CHG-2026-0404, which has no record", 0)}
}

test_pass_world if {
	count(release_unapproved_change.violation) == 0 with input as fx.world
}

test_pass_approved_changes if {
	count(release_unapproved_change.violation) == 0 with input as fx.world_with({"release": [_both]})
}

test_pass_standard_change_without_approvals if {
	change := fx.change_with({"type": "standard", "template": "STD-0004", "approvals": []})
	count(release_unapproved_change.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_pass_release_not_yet_approved if {
	releases := [fx.patch(fx.release, {"id": sprintf("REL-2026-09%d", [i]), "status": s, "changes": ["CHG-2026-0404"]}) |
		some i, s in ["planned", "tested"]
	]
	count(release_unapproved_change.violation) == 0 with input as fx.world_with({"release": releases})
}
