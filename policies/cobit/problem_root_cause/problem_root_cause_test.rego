package cobit.problem_root_cause_test

import data.cobit.problem_root_cause
import data.lib.fixtures_test as fx

_finding(status) := {
	"check": "REG-PRB-001",
	"kind": "problem",
	"id": "PRB-2026-0003",
	"message": sprintf("PRB-2026-0003 has status %s but no root cause recorded", [status]),
	"field": ["root_cause"],
}

test_meta if {
	problem_root_cause.meta.id == "REG-PRB-001"
	problem_root_cause.meta.controls.iso20000 == ["8.6.3"]
}

test_fail_resolved_without_root_cause if {
	found := problem_root_cause.violation with input as fx.world_with({"problem": [object.remove(fx.problem, ["root_cause"])]})
	found == {_finding("resolved")}
}

test_fail_closed_without_root_cause if {
	problem := fx.patch(object.remove(fx.problem, ["root_cause"]), {"status": "closed"})
	found := problem_root_cause.violation with input as fx.world_with({"problem": [problem]})
	found == {_finding("closed")}
}

test_fail_blank_root_cause if {
	found := problem_root_cause.violation with input as fx.world_with({"problem": [fx.patch(fx.problem, {"root_cause": " \n"})]})
	found == {_finding("resolved")}
}

test_fail_null_root_cause if {
	found := problem_root_cause.violation with input as fx.world_with({"problem": [fx.patch(fx.problem, {"root_cause": null})]})
	found == {_finding("resolved")}
}

test_pass_not_yet_resolved if {
	problems := [
		fx.patch(object.remove(fx.problem, ["root_cause"]), {"id": "PRB-2026-0101", "status": "open"}),
		fx.patch(object.remove(fx.problem, ["root_cause"]), {"id": "PRB-2026-0102", "status": "known_error"}),
	]
	count(problem_root_cause.violation) == 0 with input as fx.world_with({"problem": problems})
}

test_pass_closed_with_root_cause if {
	count(problem_root_cause.violation) == 0 with input as fx.world_with({"problem": [fx.patch(fx.problem, {"status": "closed"})]})
}

test_pass_world if {
	count(problem_root_cause.violation) == 0 with input as fx.world
}
