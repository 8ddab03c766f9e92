package cobit.change_unapproved_test

import data.cobit.change_unapproved
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-001",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": field,
}

test_meta if {
	change_unapproved.meta.id == "REG-CHG-001"
	change_unapproved.meta.severity == "high"
	change_unapproved.meta.kinds == ["change"]
	change_unapproved.meta.controls.cobit4 == ["AI6.2", "AI7.8"]
}

test_fail_implemented_without_approvals if {
	change := fx.change_without(["approvals"])
	found := change_unapproved.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z with no approved approval on record", ["approvals"])}
}

test_fail_only_rejected_approval if {
	change := fx.change_with({"approvals": [{"by": "carol", "role": "cab", "decision": "rejected", "at": "2026-10-02T10:00:00Z"}]})
	found := change_unapproved.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z with no approved approval on record", ["approvals"])}
}

test_fail_status_implemented_without_start_or_approval if {
	change := object.remove(fx.change, ["approvals", "implementation"])
	found := change_unapproved.violation with input as fx.changes([fx.patch(change, {"status": "implemented"})])
	found == {_finding("CHG-2026-0042 has status implemented with no approved approval on record", ["approvals"])}
}

test_fail_started_in_draft_without_approval if {
	change := fx.patch(fx.change_without(["approvals"]), {"status": "draft"})
	found := change_unapproved.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z with no approved approval on record", ["approvals"])}
}

test_fail_approved_after_start if {
	change := fx.change_with({"approvals": [
		{"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-05T22:40:00Z"},
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-05T23:30:00+01:00"},
	]})
	found := change_unapproved.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z, before its first approval at 2026-10-05T23:30:00+01:00 by carol",
		["implementation", "started"],
	)}
}

test_fail_rejected_before_start_approved_after if {
	change := fx.change_with({"approvals": [
		{"by": "carol", "role": "cab", "decision": "rejected", "at": "2026-10-02T10:00:00Z"},
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-06T10:00:00Z"},
	]})
	found := change_unapproved.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z, before its first approval at 2026-10-06T10:00:00Z by carol",
		["implementation", "started"],
	)}
}

test_fail_undated_approval if {
	change := fx.change_with({"approvals": [{"by": "carol", "role": "cab", "decision": "approved"}]})
	found := change_unapproved.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z, but none of its approvals is dated, so approval beforehand cannot be shown",
		["implementation", "started"],
	)}
}

test_fail_closed_without_approval if {
	found := change_unapproved.violation with input as fx.changes([fx.closed_without_work])
	found == {_finding("CHG-2026-0042 has status closed with no approved approval on record", ["approvals"])}
}

test_pass_closed_as_cancelled_without_approval if {
	cancelled := [fx.cancelled_change, fx.patch(fx.cancelled_change, {"id": "CHG-2026-0043", "status": "cancelled", "closure": null})]
	count(change_unapproved.violation) == 0 with input as fx.changes(cancelled)
}

test_fail_approved_after_start_lower_case_timestamps if {
	change := fx.change_with({
		"approvals": [{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-06t10:00:00z"}],
		"implementation": {"started": "2026-10-05t22:05:00z", "by": "bob"},
	})
	found := change_unapproved.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05t22:05:00z, before its first approval at 2026-10-06t10:00:00z by carol",
		["implementation", "started"],
	)}
}

test_pass_approved_before_start_lower_case_timestamps if {
	change := fx.change_with({
		"approvals": [{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02t10:00:00z"}],
		"implementation": {"started": "2026-10-05t22:05:00z", "by": "bob"},
	})
	count(change_unapproved.violation) == 0 with input as fx.changes([change])
}

test_pass_approved_before_start if {
	count(change_unapproved.violation) == 0 with input as fx.changes([fx.change])
}

test_pass_earliest_approval_counts if {
	change := fx.change_with({"approvals": [
		{"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-07T08:00:00Z"},
		{"by": "carol", "role": "cab", "decision": "approved"},
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-05T22:05:00Z"},
	]})
	count(change_unapproved.violation) == 0 with input as fx.changes([change])
}

test_pass_undated_approval_not_started if {
	change := fx.patch(
		fx.change_without(["implementation"]),
		{"status": "implemented", "approvals": [{"by": "carol", "role": "cab", "decision": "approved"}]},
	)
	count(change_unapproved.violation) == 0 with input as fx.changes([change])
}

test_pass_not_implemented if {
	change := fx.patch(fx.change_without(["approvals", "implementation", "review", "closure"]), {"status": "submitted"})
	count(change_unapproved.violation) == 0 with input as fx.changes([change])
}

test_pass_null_start_not_implemented if {
	change := fx.patch(fx.change_without(["approvals"]), {"status": "scheduled", "implementation": {"started": null}})
	count(change_unapproved.violation) == 0 with input as fx.changes([change])
}

test_pass_standard_and_emergency_changes if {
	standard := fx.change_with({"type": "standard", "approvals": []})
	emergency := fx.patch(fx.change_without(["approvals"]), {"id": "CHG-2026-0043", "type": "emergency"})
	count(change_unapproved.violation) == 0 with input as fx.changes([standard, emergency])
}

test_pass_no_changes if {
	count(change_unapproved.violation) == 0 with input as fx.doc({})
}
