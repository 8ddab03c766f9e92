package security.release_self_acceptance_test

import data.lib.fixtures_test as fx
import data.security.release_self_acceptance

_finding(message, field) := {
	"check": "REG-SEC-014",
	"kind": "release",
	"id": "REL-2026-0010",
	"message": message,
	"field": field,
}

_accepted_by_bob := fx.patch(fx.release, {"acceptance": object.union(fx.release.acceptance, {"by": "bob"})})

test_meta if {
	release_self_acceptance.meta.id == "REG-SEC-014"
	release_self_acceptance.meta.kinds == ["release"]
	release_self_acceptance.meta.config == []
	release_self_acceptance.meta.controls.cobit2019 == ["BAI07.05", "DSS06.03"]
}

test_pass_world if {
	count(release_self_acceptance.violation) == 0 with input as fx.world
}

test_fail_accepted_by_deployer if {
	found := release_self_acceptance.violation with input as fx.world_with({"release": [_accepted_by_bob]})
	found == {_finding("REL-2026-0010 was accepted by bob, who deployed it", ["acceptance", "by"])}
}

test_fail_acceptance_without_outcome if {
	release := fx.patch(fx.release, {"acceptance": {"by": "bob", "at": "2026-10-05T12:00:00Z"}})
	found := release_self_acceptance.violation with input as fx.world_with({"release": [release]})
	found == {_finding("REL-2026-0010 was accepted by bob, who deployed it", ["acceptance", "by"])}
}

test_pass_failed_acceptance_by_deployer if {
	release := fx.patch(fx.release, {"acceptance": object.union(fx.release.acceptance, {"by": "bob", "passed": false})})
	count(release_self_acceptance.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_fail_approved_by_deployer if {
	release := fx.patch(fx.release, {"approvals": [
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-05T13:00:00Z"},
		{"by": "bob", "role": "release-manager", "decision": "approved", "at": "2026-10-05T14:00:00Z"},
	]})
	found := release_self_acceptance.violation with input as fx.world_with({"release": [release]})
	found == {_finding("REL-2026-0010 was approved by bob, who deployed it", ["approvals", 1, "by"])}
}

test_fail_accepted_and_approved_by_deployer if {
	release := fx.patch(_accepted_by_bob, {"approvals": [{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-10-05T13:00:00Z"}]})
	found := release_self_acceptance.violation with input as fx.world_with({"release": [release]})
	found == {
		_finding("REL-2026-0010 was accepted by bob, who deployed it", ["acceptance", "by"]),
		_finding("REL-2026-0010 was approved by bob, who deployed it", ["approvals", 0, "by"]),
	}
}

test_pass_rejection_by_deployer if {
	release := fx.patch(fx.release, {"approvals": [
		{"by": "bob", "role": "cab", "decision": "rejected", "at": "2026-10-05T12:30:00Z"},
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-05T13:00:00Z"},
	]})
	count(release_self_acceptance.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_pass_not_deployed if {
	release := fx.patch(object.remove(_accepted_by_bob, ["deployed"]), {"status": "approved"})
	count(release_self_acceptance.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_pass_deployer_unnamed if {
	release := fx.patch(_accepted_by_bob, {
		"deployed": {"at": "2026-10-05T23:30:00Z"},
		"approvals": [{"role": "cab", "decision": "approved", "at": "2026-10-05T13:00:00Z"}],
	})
	count(release_self_acceptance.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_pass_deployer_null if {
	release := fx.patch(fx.release, {
		"acceptance": {"passed": true, "by": null},
		"deployed": {"at": "2026-10-05T23:30:00Z", "by": null},
	})
	count(release_self_acceptance.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_fail_acceptance_names_no_acceptor if {
	release := fx.patch(fx.release, {"acceptance": object.remove(fx.release.acceptance, ["by"])})
	found := release_self_acceptance.violation with input as fx.world_with({"release": [release]})
	found == {_finding(
		"REL-2026-0010's acceptance names no one who gave it, so it cannot show that someone other than its deployer, bob, accepted it",
		["acceptance", "by"],
	)}
}

test_pass_failed_acceptance_naming_no_acceptor if {
	release := fx.patch(fx.release, {"acceptance": {"passed": false, "at": "2026-10-05T12:00:00Z"}})
	count(release_self_acceptance.violation) == 0 with input as fx.world_with({"release": [release]})
}
