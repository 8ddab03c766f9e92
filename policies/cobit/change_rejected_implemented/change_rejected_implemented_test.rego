package cobit.change_rejected_implemented_test

import data.cobit.change_rejected_implemented
import data.lib.fixtures_test as fx

_finding(message, index) := {
	"check": "REG-CHG-010",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": ["approvals", index, "decision"],
}

_rejected := {"by": "carol", "role": "cab", "decision": "rejected", "at": "2026-10-03T10:00:00Z"}

_approved := {"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-02T10:00:00Z"}

test_meta if {
	change_rejected_implemented.meta.id == "REG-CHG-010"
	change_rejected_implemented.meta.severity == "high"
}

test_fail_rejected_then_implemented if {
	change := fx.change_with({"approvals": [_rejected]})
	found := change_rejected_implemented.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z although carol rejected it at 2026-10-03T10:00:00Z and no later approval overturned that",
		0,
	)}
}

test_fail_approval_before_rejection if {
	change := fx.change_with({"approvals": [_approved, _rejected]})
	found := change_rejected_implemented.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z although carol rejected it at 2026-10-03T10:00:00Z and no later approval overturned that",
		1,
	)}
}

test_fail_dated_order_beats_list_order if {
	# The approval is listed after the rejection but was given before it.
	change := fx.change_with({"approvals": [_rejected, _approved]})
	found := change_rejected_implemented.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z although carol rejected it at 2026-10-03T10:00:00Z and no later approval overturned that",
		0,
	)}
}

test_fail_undated_rejection_last if {
	change := fx.patch(fx.change_without(["implementation"]), {
		"status": "closed",
		"approvals": [_approved, {"by": "carol", "role": "cab", "decision": "rejected"}],
	})
	found := change_rejected_implemented.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 has status closed although carol rejected it at an unrecorded time and no later approval overturned that",
		1,
	)}
}

test_fail_reports_last_standing_rejection if {
	second := {"by": "erin", "role": "cab", "decision": "rejected", "at": "2026-10-04T10:00:00Z"}
	change := fx.change_with({"status": "implemented", "approvals": [_rejected, second]})
	found := change_rejected_implemented.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z although erin rejected it at 2026-10-04T10:00:00Z and no later approval overturned that",
		1,
	)}
}

test_fail_rejection_without_approver if {
	change := fx.change_with({"approvals": [{"decision": "rejected", "at": "2026-10-03T10:00:00Z"}]})
	found := change_rejected_implemented.violation with input as fx.changes([change])
	{f.message | some f in found} == {"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z although an unnamed approver rejected it at 2026-10-03T10:00:00Z and no later approval overturned that"}
}

test_pass_rejection_overturned if {
	later := {"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-04T09:00:00Z"}
	change := fx.change_with({"approvals": [_rejected, later]})
	count(change_rejected_implemented.violation) == 0 with input as fx.changes([change])
}

test_pass_undated_approval_listed_after if {
	later := {"by": "carol", "role": "cab", "decision": "approved"}
	change := fx.change_with({"approvals": [_rejected, later]})
	count(change_rejected_implemented.violation) == 0 with input as fx.changes([change])
}

test_pass_rejected_not_implemented if {
	change := fx.patch(fx.change_without(["implementation", "review", "closure"]), {"status": "rejected", "approvals": [_rejected]})
	count(change_rejected_implemented.violation) == 0 with input as fx.changes([change])
}

test_pass_never_rejected if {
	count(change_rejected_implemented.violation) == 0 with input as fx.changes([fx.change, fx.patch(fx.change_without(["approvals"]), {"id": "CHG-2026-0043"})])
}

test_fail_rejected_twice_reported_once if {
	change := fx.change_with({"approvals": [
		_rejected,
		{"by": "dave", "role": "change-manager", "decision": "rejected", "at": "2026-10-04T10:00:00Z"},
	]})
	found := change_rejected_implemented.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z although dave rejected it at 2026-10-04T10:00:00Z and no later approval overturned that",
		1,
	)}
}
