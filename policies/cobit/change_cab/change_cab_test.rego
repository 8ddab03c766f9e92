package cobit.change_cab_test

import data.cobit.change_cab
import data.lib.fixtures_test as fx

_finding(status) := {
	"check": "REG-CHG-005",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": sprintf("CHG-2026-0042 is a high-risk change with status %s but no approval from a CAB role (cab)", [status]),
	"field": ["approvals"],
}

test_meta if {
	change_cab.meta.id == "REG-CHG-005"
	change_cab.meta.controls.cobit2019 == ["BAI06.01"]
}

test_fail_change_manager_only if {
	change := fx.change_with({"approvals": [{"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	found := change_cab.violation with input as fx.changes([change])
	found == {_finding("closed")}
}

test_fail_cab_rejected if {
	change := fx.change_with({"status": "scheduled", "approvals": [
		{"by": "carol", "role": "cab", "decision": "rejected", "at": "2026-10-02T10:00:00Z"},
		{"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-02T11:00:00Z"},
	]})
	found := change_cab.violation with input as fx.changes([change])
	found == {_finding("scheduled")}
}

test_fail_no_approvals if {
	change := fx.patch(fx.change_without(["approvals"]), {"status": "approved"})
	found := change_cab.violation with input as fx.changes([change])
	found == {_finding("approved")}
}

test_fail_approval_claiming_cab_role_not_held if {
	change := fx.change_with({"approvals": [{"by": "dave", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	found := change_cab.violation with input as fx.changes([change])
	found == {_finding("closed")}
}

test_fail_cab_member_approved_after_leaving if {
	change := fx.change_with({"approvals": [{"by": "gina", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	found := change_cab.violation with input as fx.changes([change])
	found == {_finding("closed")}
}

test_fail_inactive_cab_member if {
	change := fx.change_with({"approvals": [{"by": "frank", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	found := change_cab.violation with input as fx.changes([change])
	found == {_finding("closed")}
}

test_pass_cab_member_approved_before_leaving if {
	change := fx.change_with({"approvals": [{"by": "gina", "role": "cab", "decision": "approved", "at": "2026-10-01T10:00:00Z"}]})
	count(change_cab.violation) == 0 with input as fx.changes([change])
}

test_pass_cab_member_approval_without_written_role if {
	change := fx.change_with({"approvals": [{"by": "carol", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	count(change_cab.violation) == 0 with input as fx.changes([change])
}

test_pass_closed_as_cancelled_without_approval if {
	change := fx.patch(fx.cancelled_change, {"risk": "high"})
	count(change_cab.violation) == 0 with input as fx.changes([change])
}

test_fail_cab_roles_from_config if {
	found := change_cab.violation with input as fx.changes([fx.change])
		with input.config.roles.cab as ["board", "steering"]
	found == {{
		"check": "REG-CHG-005",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 is a high-risk change with status closed but no approval from a CAB role (board, steering)",
		"field": ["approvals"],
	}}
}

test_pass_cab_approved if {
	count(change_cab.violation) == 0 with input as fx.changes([fx.change])
}

test_pass_not_high_risk_or_not_normal if {
	changes := [
		fx.change_with({"id": "CHG-1", "risk": "medium", "approvals": []}),
		fx.change_with({"id": "CHG-2", "type": "emergency", "approvals": []}),
		object.remove(fx.change_with({"id": "CHG-3", "approvals": []}), ["risk"]),
	]
	count(change_cab.violation) == 0 with input as fx.changes(changes)
}

test_pass_before_approval if {
	changes := [fx.change_with({"id": sprintf("CHG-%d", [i]), "status": s, "approvals": []}) |
		some i, s in ["draft", "submitted", "rejected", "cancelled"]
	]
	count(change_cab.violation) == 0 with input as fx.changes(changes)
}

test_fail_null_approvals if {
	change := fx.change_with({"approvals": null})
	found := change_cab.violation with input as fx.changes([change])
	found == {_finding("closed")}
}
