package cobit.release_unapproved_test

import data.cobit.release_unapproved
import data.lib.fixtures_test as fx

_finding(message) := {
	"check": "REG-REL-004",
	"kind": "release",
	"id": "REL-2026-0010",
	"message": message,
	"field": ["approvals"],
}

# The world with the base release's approvals replaced.
_world(approvals) := fx.world_with({"release": [fx.patch(fx.release, {"approvals": approvals})]})

_approval(by, decision, at) := {"by": by, "role": "cab", "decision": decision, "at": at}

test_meta if {
	release_unapproved.meta.id == "REG-REL-004"
	release_unapproved.meta.severity == "high"
	release_unapproved.meta.controls.cobit2019 == ["BAI07.06"]
}

test_fail_no_approvals if {
	found := release_unapproved.violation with input as fx.world_with({"release": [object.remove(fx.release, ["approvals"])]})
	found == {_finding("REL-2026-0010 has status deployed but no approved decision on record")}
}

test_fail_only_rejections if {
	found := release_unapproved.violation with input as _world([_approval("carol", "rejected", "2026-10-05T13:00:00Z")])
	found == {_finding("REL-2026-0010 has status deployed but no approved decision on record")}
}

test_fail_rolled_back_without_approval if {
	release := fx.patch(fx.release, {"status": "rolled_back", "approvals": []})
	found := release_unapproved.violation with input as fx.world_with({"release": [release]})
	found == {_finding("REL-2026-0010 has status rolled_back but no approved decision on record")}
}

test_fail_approved_only_after_deployment if {
	found := release_unapproved.violation with input as _world([
		_approval("dave", "approved", "2026-10-07T09:00:00Z"),
		_approval("carol", "rejected", "2026-10-05T13:00:00Z"),
		_approval("carol", "approved", "2026-10-05T23:30:01Z"),
	])
	found == {_finding("REL-2026-0010 was deployed at 2026-10-05T23:30:00Z, but its first approved decision is dated 2026-10-05T23:30:01Z, after that")}
}

test_fail_release_naming_no_environment_is_production if {
	release := object.remove(fx.release, ["approvals", "environment"])
	found := release_unapproved.violation with input as fx.world_with({"release": [release]})
	found == {_finding("REL-2026-0010 has status deployed but no approved decision on record")}
}

test_pass_staging_release_not_judged if {
	release := fx.patch(object.remove(fx.release, ["approvals"]), {"environment": "staging"})
	count(release_unapproved.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_fail_approved_by_leaver if {
	found := release_unapproved.violation with input as _world([_approval("gina", "approved", "2026-10-05T13:00:00Z")])
	found == {{
		"check": "REG-REL-004", "kind": "release", "id": "REL-2026-0010",
		"message": "REL-2026-0010 was approved by gina at 2026-10-05T13:00:00Z, who left on 2026-10-02",
		"field": ["approvals", 0, "by"],
	}}
}

test_fail_approved_by_inactive_person_and_late_by_entitled_one if {
	found := release_unapproved.violation with input as _world([
		_approval("frank", "approved", "2026-10-05T13:00:00Z"),
		_approval("carol", "approved", "2026-10-06T09:00:00Z"),
	])
	found == {
		{
			"check": "REG-REL-004", "kind": "release", "id": "REL-2026-0010",
			"message": "REL-2026-0010 was approved by frank at 2026-10-05T13:00:00Z, who is marked inactive in people.yaml",
			"field": ["approvals", 0, "by"],
		},
		_finding("REL-2026-0010 was deployed at 2026-10-05T23:30:00Z, but its first approved decision is dated 2026-10-06T09:00:00Z, after that"),
	}
}

test_fail_approved_without_approver_role if {
	found := release_unapproved.violation with input as _world([_approval("alice", "approved", "2026-10-05T13:00:00Z")])
	found == {{
		"check": "REG-REL-004", "kind": "release", "id": "REL-2026-0010",
		"message": "REL-2026-0010 was approved by alice at 2026-10-05T13:00:00Z, who holds none of the roles cab, change-manager",
		"field": ["approvals", 0, "by"],
	}}
}

test_pass_approved_by_leaver_before_leaving if {
	release := fx.patch(fx.release, {"approvals": [_approval("gina", "approved", "2026-10-01T13:00:00Z")]})
	count(release_unapproved.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_pass_world if {
	count(release_unapproved.violation) == 0 with input as fx.world
}

test_pass_approved_at_the_moment_of_deployment if {
	count(release_unapproved.violation) == 0 with input as _world([_approval("carol", "approved", "2026-10-05T23:30:00Z")])
}

test_pass_one_approval_before_deployment if {
	count(release_unapproved.violation) == 0 with input as _world([
		_approval("dave", "approved", "2026-10-07T09:00:00Z"),
		_approval("carol", "approved", "2026-10-06T01:00:00+02:00"),
	])
}

test_pass_deployment_undated if {
	release := fx.patch(fx.release, {"deployed": {"by": "bob"}, "approvals": [_approval("carol", "approved", "2026-10-07T09:00:00Z")]})
	count(release_unapproved.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_pass_not_deployed if {
	releases := [fx.patch(object.remove(fx.release, ["approvals", "deployed"]), {"id": sprintf("REL-2026-09%d", [i]), "status": s}) |
		some i, s in ["planned", "tested", "approved"]
	]
	count(release_unapproved.violation) == 0 with input as fx.world_with({"release": releases})
}

test_fail_approvals_all_undated if {
	undated := {"by": "carol", "role": "cab", "decision": "approved"}
	found := release_unapproved.violation with input as _world([undated])
	found == {_finding("REL-2026-0010 has status deployed, but none of its approved decisions by an entitled approver is dated, so none shows it came before the deployment")}
}

test_pass_one_dated_approval_beside_an_undated_one if {
	undated := {"by": "carol", "role": "cab", "decision": "approved"}
	count(release_unapproved.violation) == 0 with input as _world([undated, _approval("carol", "approved", "2026-10-05T13:00:00Z")])
}
