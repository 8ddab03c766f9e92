package cobit.change_closure_test

import data.cobit.change_closure
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-014",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": field,
}

# The world with the base change replaced.
_world(change) := fx.world_with({"change": [change]})

test_meta if {
	change_closure.meta.id == "REG-CHG-014"
	change_closure.meta.controls.cobit2019 == ["BAI06.04", "BAI07.08"]
	change_closure.meta.example.change[0].closure.code == "backed_out"
}

test_fail_no_closure if {
	found := change_closure.violation with input as _world(fx.change_without(["closure"]))
	found == {_finding("CHG-2026-0042 is closed but records no closure (code and date)", ["closure"])}
}

test_fail_empty_closure if {
	found := change_closure.violation with input as _world(fx.change_with({"closure": {}}))
	found == {_finding("CHG-2026-0042 is closed but records no closure (code and date)", ["closure"])}
}

test_fail_no_closure_code if {
	found := change_closure.violation with input as _world(fx.change_with({"closure": {"at": "2026-10-07T10:00:00Z"}}))
	found == {_finding("CHG-2026-0042 is closed but records no closure code", ["closure", "code"])}
}

test_fail_blank_closure_code if {
	change := fx.change_with({"closure": {"at": "2026-10-07T10:00:00Z", "code": " "}})
	found := change_closure.violation with input as _world(change)
	found == {_finding("CHG-2026-0042 is closed but records no closure code", ["closure", "code"])}
}

test_fail_no_closure_date if {
	found := change_closure.violation with input as _world(fx.change_with({"closure": {"code": "successful"}}))
	found == {_finding("CHG-2026-0042 is closed but records no closure date", ["closure", "at"])}
}

test_fail_backed_out_without_review if {
	change := fx.patch(fx.change_without(["review"]), {"closure": {"at": "2026-10-07T10:00:00Z", "code": "backed_out"}})
	found := change_closure.violation with input as _world(change)
	found == {_finding("CHG-2026-0042 was closed with code backed_out but has no dated post-implementation review", ["review"])}
}

test_fail_unsuccessful_with_undated_review if {
	change := fx.change_with({
		"closure": {"at": "2026-10-07T10:00:00Z", "code": "unsuccessful"},
		"review": {"by": "dave", "outcome": "failed"},
	})
	found := change_closure.violation with input as _world(change)
	found == {_finding("CHG-2026-0042 was closed with code unsuccessful but has no dated post-implementation review", ["review"])}
}

test_fail_unsuccessful_without_review_or_date if {
	change := fx.patch(fx.change_without(["review"]), {"closure": {"code": "unsuccessful"}})
	found := change_closure.violation with input as _world(change)
	found == {
		_finding("CHG-2026-0042 is closed but records no closure date", ["closure", "at"]),
		_finding("CHG-2026-0042 was closed with code unsuccessful but has no dated post-implementation review", ["review"]),
	}
}

test_pass_world if {
	count(change_closure.violation) == 0 with input as fx.world
}

test_pass_backed_out_and_reviewed if {
	change := fx.change_with({
		"closure": {"at": "2026-10-07T10:00:00Z", "code": "backed_out"},
		"review": {"at": "2026-10-07T09:00:00Z", "by": "dave", "outcome": "backed_out"},
	})
	count(change_closure.violation) == 0 with input as _world(change)
}

test_pass_successful_or_cancelled_without_review if {
	changes := [
		fx.change_without(["review"]),
		fx.patch(fx.change_without(["review", "implementation"]), {
			"id": "CHG-2026-0043",
			"closure": {"at": "2026-10-03T10:00:00Z", "code": "cancelled"},
		}),
	]
	count(change_closure.violation) == 0 with input as fx.world_with({"change": changes})
}

test_pass_not_closed_yet if {
	changes := [fx.patch(fx.change_without(["closure"]), {"id": sprintf("CHG-2026-09%d", [i]), "status": s}) |
		some i, s in ["implemented", "reviewed", "cancelled", "rejected"]
	]
	count(change_closure.violation) == 0 with input as fx.world_with({"change": changes})
}
