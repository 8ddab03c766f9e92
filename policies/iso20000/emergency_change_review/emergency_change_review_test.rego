package iso20000.emergency_change_review_test

import data.iso20000.emergency_change_review
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-006",
	"kind": "change",
	"id": "CHG-2026-0050",
	"message": message,
	"field": field,
}

test_meta if {
	emergency_change_review.meta.id == "REG-CHG-006"
	emergency_change_review.meta.controls.iso17799 == ["10.1.2", "12.5.1"]
}

test_fail_never_reviewed if {
	change := fx.patch(fx.emergency, {"review": null})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 completed implementation at 2026-10-05T23:30:00Z and had no dated post-implementation review within 7 days",
		["review"],
	)}
}

test_fail_review_without_date if {
	change := fx.patch(fx.emergency, {"review": {"by": "dave", "outcome": "successful"}})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 completed implementation at 2026-10-05T23:30:00Z and had no dated post-implementation review within 7 days",
		["review"],
	)}
}

test_fail_never_reviewed_no_completion if {
	change := fx.patch(object.remove(fx.emergency, ["review"]), {
		"status": "implemented",
		"implementation": {"started": "2026-10-05T22:05:00Z"},
	})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 started implementation at 2026-10-05T22:05:00Z and had no dated post-implementation review within 7 days",
		["review"],
	)}
}

test_fail_limit_from_config if {
	change := fx.patch(object.remove(fx.emergency, ["review"]), {"implementation": {"completed": "2026-11-20T12:00:00Z"}})
	found := emergency_change_review.violation with input as fx.changes([change])
		with input.config.thresholds.emergency_review_days as 2
	found == {_finding(
		"CHG-2026-0050 completed implementation at 2026-11-20T12:00:00Z and had no dated post-implementation review within 2 days",
		["review"],
	)}
}

test_fail_reviewed_late if {
	change := fx.patch(fx.emergency, {"review": {"at": "2026-10-14T09:00:00Z", "by": "dave", "outcome": "successful"}})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 was reviewed by dave at 2026-10-14T09:00:00Z, 9 days after it completed implementation at 2026-10-05T23:30:00Z (limit 7 days)",
		["review", "at"],
	)}
}

# Reviewed at the first instant of 13 October, day 8 after completion on 5 October.
test_fail_reviewed_late_by_unnamed_reviewer if {
	change := fx.patch(fx.emergency, {"review": {"at": "2026-10-13T00:00:00Z"}})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 was reviewed by an unnamed reviewer at 2026-10-13T00:00:00Z, 8 days after it completed implementation at 2026-10-05T23:30:00Z (limit 7 days)",
		["review", "at"],
	)}
}

test_fail_implemented_without_approval if {
	change := fx.patch(fx.emergency, {"approvals": [{"by": "erin", "role": "emergency-cab", "decision": "rejected", "at": "2026-10-05T21:50:00Z"}]})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 started implementation at 2026-10-05T22:05:00Z as an emergency change with no approved approval on record",
		["approvals"],
	)}
}

test_fail_status_implemented_without_approval if {
	change := fx.patch(object.remove(fx.emergency, ["approvals", "implementation"]), {"status": "implemented"})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 has status implemented as an emergency change with no approved approval on record",
		["approvals"],
	)}
}

test_fail_closed_without_implementation_times_never_reviewed if {
	change := fx.patch(object.remove(fx.emergency, ["implementation", "review"]), {"status": "closed"})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 was closed at 2026-10-07T10:00:00Z and had no dated post-implementation review within 7 days",
		["review"],
	)}
}

test_fail_closed_late_review_counted_from_closure if {
	change := fx.patch(object.remove(fx.emergency, ["implementation"]), {"review": {"at": "2026-10-15T10:00:00Z", "by": "dave"}})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 was reviewed by dave at 2026-10-15T10:00:00Z, 8 days after it was closed at 2026-10-07T10:00:00Z (limit 7 days)",
		["review", "at"],
	)}
}

test_fail_carried_out_with_no_time_and_no_review if {
	change := fx.patch(object.remove(fx.emergency, ["implementation", "review", "closure"]), {"status": "reviewed"})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 has status reviewed and records no implementation time; it was created at 2026-10-01T09:00:00Z and had no dated post-implementation review within 7 days",
		["review"],
	)}
}

test_pass_closed_as_cancelled_needs_no_review if {
	change := fx.patch(object.remove(fx.emergency, ["implementation", "review"]), {"closure": {"at": "2026-10-07T10:00:00Z", "code": "cancelled"}})
	count(emergency_change_review.violation) == 0 with input as fx.changes([change])
}

test_pass_closed_without_implementation_times_reviewed_in_time if {
	change := fx.patch(object.remove(fx.emergency, ["implementation"]), {"review": {"at": "2026-10-14T10:00:00Z", "by": "dave"}})
	count(emergency_change_review.violation) == 0 with input as fx.changes([change])
}

test_pass_carried_out_with_no_time_recorded_this_week if {
	change := fx.patch(object.remove(fx.emergency, ["implementation", "review", "closure"]), {"status": "implemented", "created": "2026-11-20T09:00:00Z"})
	count(emergency_change_review.violation) == 0 with input as fx.changes([change])
}

test_fail_reviewed_late_lower_case_timestamps if {
	change := fx.patch(fx.emergency, {
		"implementation": {"started": "2026-10-05t22:05:00z", "completed": "2026-10-05t23:30:00z", "by": "bob"},
		"review": {"at": "2026-10-14t09:00:00z", "by": "dave", "outcome": "successful"},
	})
	found := emergency_change_review.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0050 was reviewed by dave at 2026-10-14t09:00:00z, 9 days after it completed implementation at 2026-10-05t23:30:00z (limit 7 days)",
		["review", "at"],
	)}
}

test_pass_reviewed_in_time if {
	count(emergency_change_review.violation) == 0 with input as fx.changes([fx.emergency])
}

# Reviewed at the last second of 12 October, day 7 after completion on 5 October.
test_pass_reviewed_exactly_at_limit if {
	change := fx.patch(fx.emergency, {"review": {"at": "2026-10-12T23:59:59Z", "by": "dave"}})
	count(emergency_change_review.violation) == 0 with input as fx.changes([change])
}

test_pass_review_not_yet_due if {
	change := fx.patch(object.remove(fx.emergency, ["review"]), {"implementation": {"completed": "2026-11-20T12:00:00Z"}})
	count(emergency_change_review.violation) == 0 with input as fx.changes([change])
}

test_pass_not_yet_implemented if {
	change := fx.patch(object.remove(fx.emergency, ["implementation", "review", "approvals"]), {"status": "submitted"})
	count(emergency_change_review.violation) == 0 with input as fx.changes([change])
}

test_pass_normal_change_unreviewed if {
	count(emergency_change_review.violation) == 0 with input as fx.changes([fx.change_without(["review", "approvals"])])
}

# Completed on 16 November: unreviewed, it is overdue from 24 November, day 8.
test_pass_unreviewed_on_day_7 if {
	change := fx.patch(object.remove(fx.emergency, ["review"]), {"implementation": {"completed": "2026-11-16T00:00:00Z"}})
	count(emergency_change_review.violation) == 0 with input as fx.changes([change])
}

test_fail_unreviewed_on_day_8 if {
	change := fx.patch(object.remove(fx.emergency, ["review"]), {"implementation": {"completed": "2026-11-15T23:59:59Z"}})
	count(emergency_change_review.violation) == 1 with input as fx.changes([change])
}
