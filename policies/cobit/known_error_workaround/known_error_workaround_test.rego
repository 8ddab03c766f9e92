package cobit.known_error_workaround_test

import data.cobit.known_error_workaround
import data.lib.fixtures_test as fx

_known_error := fx.patch(object.remove(fx.problem, ["fix_change", "resolved"]), {"status": "known_error"})

_finding := {
	"check": "REG-PRB-003",
	"kind": "problem",
	"id": "PRB-2026-0003",
	"message": "PRB-2026-0003 is a known error with no workaround recorded",
	"field": ["workaround"],
}

test_meta if {
	known_error_workaround.meta.id == "REG-PRB-003"
	known_error_workaround.meta.controls.cobit2019 == ["DSS03.03"]
}

test_fail_no_workaround if {
	found := known_error_workaround.violation with input as fx.world_with({"problem": [object.remove(_known_error, ["workaround"])]})
	found == {_finding}
}

test_fail_blank_workaround if {
	found := known_error_workaround.violation with input as fx.world_with({"problem": [fx.patch(_known_error, {"workaround": "   "})]})
	found == {_finding}
}

test_fail_null_workaround if {
	found := known_error_workaround.violation with input as fx.world_with({"problem": [fx.patch(_known_error, {"workaround": null})]})
	found == {_finding}
}

test_pass_known_error_with_workaround if {
	count(known_error_workaround.violation) == 0 with input as fx.world_with({"problem": [_known_error]})
}

test_pass_other_statuses if {
	problems := [fx.patch(object.remove(fx.problem, ["workaround"]), {"id": sprintf("PRB-2026-01%d", [i]), "status": s}) |
		some i, s in ["open", "resolved", "closed"]
	]
	count(known_error_workaround.violation) == 0 with input as fx.world_with({"problem": problems})
}

test_pass_world if {
	count(known_error_workaround.violation) == 0 with input as fx.world
}
