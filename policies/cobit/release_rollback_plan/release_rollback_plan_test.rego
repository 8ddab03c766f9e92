package cobit.release_rollback_plan_test

import data.cobit.release_rollback_plan
import data.lib.fixtures_test as fx

_finding(status) := {
	"check": "REG-REL-003",
	"kind": "release",
	"id": "REL-2026-0010",
	"message": sprintf("REL-2026-0010 has status %s but no rollback plan", [status]),
	"field": ["rollback_plan"],
}

test_meta if {
	release_rollback_plan.meta.id == "REG-REL-003"
	release_rollback_plan.meta.controls.cobit4 == ["AI7.3"]
	release_rollback_plan.meta.example.release[0].status == "approved"
}

test_fail_deployed_without_plan if {
	found := release_rollback_plan.violation with input as fx.world_with({"release": [object.remove(fx.release, ["rollback_plan"])]})
	found == {_finding("deployed")}
}

test_fail_approved_with_blank_plan if {
	release := fx.patch(fx.release, {"status": "approved", "rollback_plan": " \n"})
	found := release_rollback_plan.violation with input as fx.world_with({"release": [release]})
	found == {_finding("approved")}
}

test_fail_plan_not_text if {
	release := fx.patch(fx.release, {"rollback_plan": ["Redeploy the previous version"]})
	found := release_rollback_plan.violation with input as fx.world_with({"release": [release]})
	found == {_finding("deployed")}
}

test_fail_release_naming_no_environment_is_production if {
	release := object.remove(fx.release, ["rollback_plan", "environment"])
	found := release_rollback_plan.violation with input as fx.world_with({"release": [release]})
	found == {_finding("deployed")}
}

test_pass_staging_release_not_judged if {
	release := fx.patch(object.remove(fx.release, ["rollback_plan"]), {"environment": "staging"})
	count(release_rollback_plan.violation) == 0 with input as fx.world_with({"release": [release]})
}

test_pass_world if {
	count(release_rollback_plan.violation) == 0 with input as fx.world
}

test_pass_other_statuses if {
	releases := [fx.patch(object.remove(fx.release, ["rollback_plan"]), {"id": sprintf("REL-2026-09%d", [i]), "status": s}) |
		some i, s in ["planned", "tested", "rolled_back"]
	]
	count(release_rollback_plan.violation) == 0 with input as fx.world_with({"release": releases})
}
