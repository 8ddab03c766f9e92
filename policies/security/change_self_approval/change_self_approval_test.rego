package security.change_self_approval_test

import data.lib.fixtures_test as fx
import data.security.change_self_approval

test_meta if {
	object.remove(change_self_approval.meta, ["config", "example"]) == {
		"id": "REG-CHG-002",
		"title": "Change approved by its own requester",
		"description": concat(" ", [
			"Whoever asks for a change must not also be the one who authorises it.",
			"The check flags every approving decision given by the change's requester.",
		]),
		"severity": "high",
		"remediation": concat(" ", [
			"Have the change authorised by an approver other than its requester, and",
			"record that approval on the change.",
		]),
		"kinds": ["change"],
		"evidence": [],
		"controls": {
			"cobit4": ["AI6.2", "PO4.11"],
			"cobit2019": ["BAI06.01", "DSS06.03"],
			"iso20000": ["8.5.1.3"],
			"iso17799": ["10.1.2", "10.1.3"],
			"iso27002": ["5.3", "8.32"],
		},
	}
}

test_fail_requester_approved if {
	change := fx.change_with({"approvals": [
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"},
		{"by": "alice", "role": "change-manager", "decision": "approved", "at": "2026-10-02T11:00:00Z"},
	]})
	found := change_self_approval.violation with input as fx.changes([change])
	found == {{
		"check": "REG-CHG-002",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 was approved by alice, who requested it",
		"field": ["approvals", 1, "by"],
	}}
}

test_fail_one_finding_per_approval if {
	change := fx.change_with({"approvals": [
		{"by": "alice", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"},
		{"by": "alice", "role": "cab", "decision": "approved", "at": "2026-10-03T10:00:00Z"},
	]})
	found := change_self_approval.violation with input as fx.changes([change])
	{f.field | some f in found} == {["approvals", 0, "by"], ["approvals", 1, "by"]}
}

test_pass_requester_rejected if {
	change := fx.change_with({"approvals": [
		{"by": "alice", "role": "cab", "decision": "rejected", "at": "2026-10-02T10:00:00Z"},
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T11:00:00Z"},
	]})
	count(change_self_approval.violation) == 0 with input as fx.changes([change])
}

test_pass_other_approver if {
	count(change_self_approval.violation) == 0 with input as fx.changes([fx.change])
}

test_pass_missing_fields if {
	no_requester := fx.patch(fx.change_without(["requested_by"]), {"approvals": [{"decision": "approved"}]})
	no_approvals := fx.patch(fx.change_without(["approvals"]), {"id": "CHG-2026-0043"})
	count(change_self_approval.violation) == 0 with input as fx.changes([no_requester, no_approvals])
}
