package cobit.problem_fix_change_test

import data.cobit.problem_fix_change
import data.lib.fixtures_test as fx

_finding(message) := {
	"check": "REG-PRB-002",
	"kind": "problem",
	"id": "PRB-2026-0003",
	"message": message,
	"field": ["fix_change"],
}

# The emergency change that fixes the world's problem, before it was carried out.
_unimplemented_fix(status) := fx.patch(object.remove(fx.emergency, ["implementation", "review", "closure"]), {"status": status})

test_meta if {
	problem_fix_change.meta.id == "REG-PRB-002"
	problem_fix_change.meta.kinds == ["problem", "change"]
}

test_fail_no_fix_change if {
	found := problem_fix_change.violation with input as fx.world_with({"problem": [object.remove(fx.problem, ["fix_change"])]})
	found == {_finding("PRB-2026-0003 has status resolved and a root cause but names no fix change that removed it")}
}

test_fail_blank_fix_change_on_closed_problem if {
	problem := fx.patch(fx.problem, {"status": "closed", "fix_change": ""})
	found := problem_fix_change.violation with input as fx.world_with({"problem": [problem]})
	found == {_finding("PRB-2026-0003 has status closed and a root cause but names no fix change that removed it")}
}

test_fail_fix_change_not_carried_out if {
	found := problem_fix_change.violation with input as fx.world_with({"change": [_unimplemented_fix("approved")]})
	found == {_finding("PRB-2026-0003 has status resolved but its fix change CHG-2026-0050 has status approved and was never carried out")}
}

test_fail_fix_change_rejected if {
	found := problem_fix_change.violation with input as fx.world_with({"change": [_unimplemented_fix("rejected")]})
	found == {_finding("PRB-2026-0003 has status resolved but its fix change CHG-2026-0050 has status rejected and was never carried out")}
}

test_fail_fix_change_closed_as_cancelled if {
	change := fx.patch(_unimplemented_fix("closed"), {"closure": {"at": "2026-10-07T10:00:00Z", "code": "cancelled"}})
	found := problem_fix_change.violation with input as fx.world_with({"change": [change]})
	found == {_finding("PRB-2026-0003 has status resolved but its fix change CHG-2026-0050 has status closed with closure code cancelled and was never carried out")}
}

test_fail_fix_change_started_then_cancelled if {
	change := fx.patch(fx.emergency, {"status": "cancelled", "closure": null, "review": null})
	found := problem_fix_change.violation with input as fx.world_with({"change": [change]})
	found == {_finding("PRB-2026-0003 has status resolved but its fix change CHG-2026-0050 has status cancelled, so it did not remove the root cause")}
}

test_fail_fix_change_backed_out if {
	change := fx.patch(fx.emergency, {"closure": {"at": "2026-10-07T10:00:00Z", "code": "backed_out"}})
	found := problem_fix_change.violation with input as fx.world_with({"change": [change]})
	found == {_finding("PRB-2026-0003 has status resolved but its fix change CHG-2026-0050 has status closed with closure code backed_out, so it did not remove the root cause")}
}

test_fail_fix_change_review_failed if {
	change := fx.patch(fx.emergency, {"status": "reviewed", "closure": null, "review": {"at": "2026-10-09T09:00:00Z", "by": "dave", "outcome": "failed"}})
	found := problem_fix_change.violation with input as fx.world_with({"change": [change]})
	found == {_finding("PRB-2026-0003 has status resolved but its fix change CHG-2026-0050 was reviewed with outcome failed, so it did not remove the root cause")}
}

test_pass_fix_change_closed_successful if {
	change := fx.patch(_unimplemented_fix("closed"), {"closure": {"at": "2026-10-07T10:00:00Z", "code": "successful"}})
	count(problem_fix_change.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_pass_fix_change_started if {
	change := fx.patch(_unimplemented_fix("scheduled"), {"implementation": {"started": "2026-10-05T22:05:00Z", "by": "bob"}})
	count(problem_fix_change.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_pass_fix_change_implemented if {
	change := _unimplemented_fix("implemented")
	count(problem_fix_change.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_pass_fix_change_without_record if {
	problem := fx.patch(fx.problem, {"fix_change": "CHG-2026-0404"})
	count(problem_fix_change.violation) == 0 with input as fx.world_with({"problem": [problem]})
}

test_pass_no_root_cause if {
	problem := object.remove(fx.problem, ["root_cause", "fix_change"])
	count(problem_fix_change.violation) == 0 with input as fx.world_with({"problem": [problem]})
}

test_pass_not_resolved if {
	problems := [
		fx.patch(object.remove(fx.problem, ["fix_change"]), {"id": "PRB-2026-0101", "status": "open"}),
		fx.patch(object.remove(fx.problem, ["fix_change"]), {"id": "PRB-2026-0102", "status": "known_error"}),
		fx.patch(fx.problem, {"status": "known_error"}),
	]
	count(problem_fix_change.violation) == 0 with input as fx.world_with({"problem": problems, "change": [_unimplemented_fix("approved")]})
}

test_pass_world if {
	count(problem_fix_change.violation) == 0 with input as fx.world
}
