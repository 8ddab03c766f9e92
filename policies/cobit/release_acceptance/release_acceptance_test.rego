package cobit.release_acceptance_test

import data.cobit.release_acceptance
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-REL-002",
	"kind": "release",
	"id": "REL-2026-0010",
	"message": message,
	"field": field,
}

# The world with the base release replaced.
_world(release) := fx.world_with({"release": [release]})

# The base release's acceptance with some fields replaced.
_acceptance(fields) := object.union(fx.release.acceptance, fields)

test_meta if {
	release_acceptance.meta.id == "REG-REL-002"
	release_acceptance.meta.kinds == ["release"]
	release_acceptance.meta.controls.iso17799 == ["10.3.2"]
}

test_fail_no_acceptance if {
	found := release_acceptance.violation with input as _world(object.remove(fx.release, ["acceptance"]))
	found == {_finding("REL-2026-0010 has status deployed but no acceptance on record", ["acceptance"])}
}

test_fail_empty_acceptance_after_rollback if {
	found := release_acceptance.violation with input as _world(fx.patch(fx.release, {"status": "rolled_back", "acceptance": {}}))
	found == {_finding("REL-2026-0010 has status rolled_back but no acceptance on record", ["acceptance"])}
}

test_fail_acceptance_failed if {
	found := release_acceptance.violation with input as _world(fx.patch(fx.release, {"acceptance": _acceptance({"passed": false})}))
	found == {_finding("REL-2026-0010 has status deployed but its acceptance did not pass", ["acceptance", "passed"])}
}

test_fail_acceptance_without_result if {
	release := fx.patch(fx.release, {"acceptance": object.remove(fx.release.acceptance, ["passed"])})
	found := release_acceptance.violation with input as _world(release)
	found == {_finding("REL-2026-0010 has status deployed but its acceptance records no result", ["acceptance", "passed"])}
}

test_fail_acceptance_passed_as_text if {
	found := release_acceptance.violation with input as _world(fx.patch(fx.release, {"acceptance": _acceptance({"passed": "yes"})}))
	found == {_finding("REL-2026-0010 has status deployed but its acceptance records no result", ["acceptance", "passed"])}
}

test_fail_acceptance_undated if {
	release := fx.patch(fx.release, {"acceptance": object.remove(fx.release.acceptance, ["at"])})
	found := release_acceptance.violation with input as _world(release)
	found == {_finding("REL-2026-0010 has status deployed but its acceptance is not dated", ["acceptance", "at"])}
}

test_fail_accepted_after_deployment if {
	found := release_acceptance.violation with input as _world(fx.patch(fx.release, {"acceptance": _acceptance({"at": "2026-10-05T23:30:01Z"})}))
	found == {_finding(
		"REL-2026-0010 was accepted at 2026-10-05T23:30:01Z, after it was deployed at 2026-10-05T23:30:00Z",
		["acceptance", "at"],
	)}
}

test_fail_failed_late_acceptance if {
	release := fx.patch(fx.release, {"acceptance": _acceptance({"passed": false, "at": "2026-10-06T09:00:00Z"})})
	found := release_acceptance.violation with input as _world(release)
	found == {
		_finding("REL-2026-0010 has status deployed but its acceptance did not pass", ["acceptance", "passed"]),
		_finding("REL-2026-0010 was accepted at 2026-10-06T09:00:00Z, after it was deployed at 2026-10-05T23:30:00Z", ["acceptance", "at"]),
	}
}

test_fail_release_naming_no_environment_is_production if {
	release := object.remove(fx.release, ["acceptance", "environment"])
	found := release_acceptance.violation with input as _world(release)
	found == {_finding("REL-2026-0010 has status deployed but no acceptance on record", ["acceptance"])}
}

test_pass_staging_release_not_judged if {
	release := fx.patch(object.remove(fx.release, ["acceptance"]), {"environment": "staging"})
	count(release_acceptance.violation) == 0 with input as _world(release)
}

test_fail_accepted_by_leaver if {
	found := release_acceptance.violation with input as _world(fx.patch(fx.release, {"acceptance": _acceptance({"by": "gina"})}))
	found == {_finding("REL-2026-0010 was accepted by gina at 2026-10-05T12:00:00Z, who left on 2026-10-02", ["acceptance", "by"])}
}

test_fail_accepted_by_unknown_person if {
	found := release_acceptance.violation with input as _world(fx.patch(fx.release, {"acceptance": _acceptance({"by": "zoe"})}))
	found == {_finding("REL-2026-0010 was accepted by zoe at 2026-10-05T12:00:00Z, who is not listed in people.yaml", ["acceptance", "by"])}
}

test_pass_accepted_before_leaving if {
	release := fx.patch(fx.release, {"acceptance": _acceptance({"by": "gina"})})
	count(release_acceptance.violation) == 0 with input as _world(release)
		with input.people.gina.left_on as "2026-10-06"
}

test_pass_world if {
	count(release_acceptance.violation) == 0 with input as fx.world
}

test_pass_accepted_at_the_moment_of_deployment if {
	count(release_acceptance.violation) == 0 with input as _world(fx.patch(fx.release, {"acceptance": _acceptance({"at": "2026-10-05T23:30:00Z"})}))
}

test_pass_deployment_undated if {
	count(release_acceptance.violation) == 0 with input as _world(fx.patch(fx.release, {"deployed": {"by": "bob"}}))
}

test_pass_not_deployed if {
	releases := [fx.patch(object.remove(fx.release, ["acceptance", "deployed"]), {"id": sprintf("REL-2026-09%d", [i]), "status": s}) |
		some i, s in ["planned", "tested", "approved"]
	]
	count(release_acceptance.violation) == 0 with input as fx.world_with({"release": releases})
}

test_fail_acceptance_names_no_acceptor if {
	release := fx.patch(fx.release, {"acceptance": object.remove(fx.release.acceptance, ["by"])})
	found := release_acceptance.violation with input as _world(release)
	found == {_finding("REL-2026-0010 has status deployed but its acceptance names no one who gave it", ["acceptance", "by"])}
	blank := fx.patch(fx.release, {"acceptance": _acceptance({"by": " "})})
	{f.field | some f in release_acceptance.violation} == {["acceptance", "by"]} with input as _world(blank)
}
