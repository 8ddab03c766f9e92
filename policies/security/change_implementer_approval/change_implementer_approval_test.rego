package security.change_implementer_approval_test

import data.lib.fixtures_test as fx
import data.security.change_implementer_approval

_finding(message, field) := {
	"check": "REG-CHG-003",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": field,
}

test_meta if {
	change_implementer_approval.meta.id == "REG-CHG-003"
	change_implementer_approval.meta.title == "Change approved by its implementer"
	change_implementer_approval.meta.controls.iso27002 == ["5.3", "8.32"]
}

test_fail_named_implementer_approved if {
	change := fx.change_with({"approvals": [{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	found := change_implementer_approval.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042 was approved by bob, who implemented it", ["approvals", 0, "by"])}
}

test_fail_recorded_implementer_approved if {
	change := fx.patch(fx.change_without(["implementer"]), {
		"implementation": {"started": "2026-10-05T22:05:00Z", "by": "dave"},
		"approvals": [
			{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"},
			{"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-02T11:00:00Z"},
		],
	})
	found := change_implementer_approval.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042 was approved by dave, who implemented it", ["approvals", 1, "by"])}
}

test_fail_both_implementer_fields if {
	change := fx.change_with({
		"implementer": "carol",
		"implementation": {"started": "2026-10-05T22:05:00Z", "by": "dave"},
		"approvals": [
			{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"},
			{"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-02T11:00:00Z"},
		],
	})
	found := change_implementer_approval.violation with input as fx.changes([change])
	found == {
		_finding("CHG-2026-0042 was approved by carol, who implemented it", ["approvals", 0, "by"]),
		_finding("CHG-2026-0042 was approved by dave, who implemented it", ["approvals", 1, "by"]),
	}
}

test_pass_implementer_rejected if {
	change := fx.change_with({"approvals": [
		{"by": "bob", "role": "cab", "decision": "rejected", "at": "2026-10-02T10:00:00Z"},
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T11:00:00Z"},
	]})
	count(change_implementer_approval.violation) == 0 with input as fx.changes([change])
}

test_pass_independent_approver if {
	count(change_implementer_approval.violation) == 0 with input as fx.changes([fx.change])
}

test_pass_no_implementer_named if {
	change := fx.patch(fx.change_without(["implementer", "implementation"]), {"approvals": [{"decision": "approved"}]})
	count(change_implementer_approval.violation) == 0 with input as fx.changes([change])
}
