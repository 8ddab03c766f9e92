package security.change_approver_authority_test

import data.lib.fixtures_test as fx
import data.security.change_approver_authority

_finding(id, message, field) := {
	"check": "REG-CHG-008",
	"kind": "change",
	"id": id,
	"message": message,
	"field": field,
}

# An approval naming no role: the role written on an entry is judged on its own (test_fail_role_written_not_held).
_approval(by) := {"by": by, "decision": "approved", "at": "2026-10-02T10:00:00Z"}

_normal_roles := "cab, change-manager"

test_meta if {
	change_approver_authority.meta.id == "REG-CHG-008"
	change_approver_authority.meta.controls.iso17799 == ["10.1.2", "11.2.2"]
}

test_fail_unknown_approver if {
	change := fx.change_with({"approvals": [_approval("carol"), _approval("zed")]})
	found := change_approver_authority.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 was approved by zed, who is unknown: not listed in people.yaml",
		["approvals", 1, "by"],
	)}
}

test_fail_no_people_list if {
	found := change_approver_authority.violation with input as object.remove(fx.changes([fx.change]), ["people"])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 was approved by carol, who is unknown: not listed in people.yaml",
		["approvals", 0, "by"],
	)}
}

test_fail_approval_names_nobody if {
	change := fx.change_with({"approvals": [{"role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]})
	found := change_approver_authority.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 has an approval at 2026-10-02T10:00:00Z that names no approver",
		["approvals", 0],
	)}
}

test_fail_approval_names_nobody_undated if {
	change := fx.change_with({"approvals": [{"by": null, "decision": "approved"}]})
	found := change_approver_authority.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 has an approval at an unrecorded time that names no approver",
		["approvals", 0],
	)}
}

test_fail_inactive_approver if {
	change := fx.change_with({"approvals": [_approval("frank")]})
	found := change_approver_authority.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042", "CHG-2026-0042 was approved by frank, who is marked inactive", ["approvals", 0, "by"])}
}

test_fail_approved_on_leaving_day if {
	change := fx.change_with({"approvals": [fx.patch(_approval("gina"), {"at": "2026-10-02T18:00:00Z"})]})
	found := change_approver_authority.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 was approved by gina, who left on 2026-10-02, on or before the approval at 2026-10-02T18:00:00Z",
		["approvals", 0, "by"],
	)}
}

test_fail_leaver_undated_approval if {
	change := fx.change_with({"approvals": [object.remove(_approval("gina"), ["at"])]})
	found := change_approver_authority.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 was approved by gina, who left on 2026-10-02 and the approval is undated",
		["approvals", 0, "by"],
	)}
}

test_fail_no_approver_role if {
	change := fx.change_with({"approvals": [_approval("alice"), _approval("hugo")]})
	found := change_approver_authority.violation with input as fx.changes([change])
	found == {
		_finding(
			"CHG-2026-0042",
			sprintf("CHG-2026-0042 was approved by alice, who holds no approver role (allowed: %s; has: developer)", [_normal_roles]),
			["approvals", 0, "by"],
		),
		_finding(
			"CHG-2026-0042",
			sprintf("CHG-2026-0042 was approved by hugo, who holds no approver role (allowed: %s; has: none)", [_normal_roles]),
			["approvals", 1, "by"],
		),
	}
}

test_fail_emergency_role_on_normal_change if {
	# By default the emergency CAB approves emergency changes only.
	found := change_approver_authority.violation with input as fx.changes([fx.change_with({"approvals": [_approval("erin")]})])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 was approved by erin, who holds no approver role (allowed: cab, change-manager; has: emergency-cab)",
		["approvals", 0, "by"],
	)}
}

test_fail_emergency_change_lists_both_role_sets if {
	change := fx.patch(fx.emergency, {"approvals": [_approval("bob")]})
	found := change_approver_authority.violation with input as fx.changes([change])
		with input.config.roles as {"approvers": ["cab"], "emergency_approvers": ["emergency-cab"]}
	found == {_finding(
		"CHG-2026-0050",
		"CHG-2026-0050 was approved by bob, who holds no approver role (allowed: cab, emergency-cab; has: developer)",
		["approvals", 0, "by"],
	)}
}

test_fail_every_reason_in_one_finding if {
	people := object.union(fx.people, {"ivan": {
		"id": "ivan", "name": "Ivan", "emails": ["ivan@example.com"],
		"roles": ["auditor", "developer"], "active": false, "left_on": "2026-09-30",
	}})
	approval := object.union(_approval("ivan"), {"role": "cab"})
	found := change_approver_authority.violation with input as fx.changes([fx.change_with({"approvals": [approval]})])
		with input.people as people
	found == {_finding(
		"CHG-2026-0042",
		sprintf(
			"CHG-2026-0042 was approved by ivan, who is marked inactive and left on 2026-09-30, on or before the approval at 2026-10-02T10:00:00Z and holds no approver role (allowed: %s; has: auditor, developer) and is recorded as approving in role cab, which people.yaml does not give them",
			[_normal_roles],
		),
		["approvals", 0, "by"],
	)}
}

test_fail_no_role_lists_configured if {
	found := change_approver_authority.violation with input as object.remove(fx.changes([fx.change]), ["config"])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 was approved by carol, who holds no approver role (allowed: none; has: cab)",
		["approvals", 0, "by"],
	)}
}

test_fail_role_written_not_held if {
	approval := object.union(_approval("dave"), {"role": "cab"})
	found := change_approver_authority.violation with input as fx.changes([fx.change_with({"approvals": [approval]})])
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 was approved by dave, who is recorded as approving in role cab, which people.yaml does not give them (has: change-manager)",
		["approvals", 0, "by"],
	)}
}

test_pass_role_written_and_held if {
	approvals := [object.union(_approval("carol"), {"role": "cab"}), object.union(_approval("dave"), {"role": "change-manager"})]
	count(change_approver_authority.violation) == 0 with input as fx.changes([fx.change_with({"approvals": approvals})])
}

test_pass_inactive_approver_approved_before_leaving_date if {
	people := object.union(fx.people, {"ivan": {
		"id": "ivan", "name": "Ivan", "emails": ["ivan@example.com"],
		"roles": ["cab"], "active": false, "left_on": "2026-10-03",
	}})
	found := change_approver_authority.violation with input as fx.changes([fx.change_with({"approvals": [_approval("ivan")]})])
		with input.people as people
	count(found) == 0
}

test_pass_entitled_approvers if {
	change := fx.change_with({"approvals": [_approval("carol"), _approval("dave")]})
	count(change_approver_authority.violation) == 0 with input as fx.changes([change, fx.emergency])
}

test_pass_approved_before_leaving if {
	change := fx.change_with({"approvals": [fx.patch(_approval("gina"), {"at": "2026-10-01T23:59:59Z"})]})
	count(change_approver_authority.violation) == 0 with input as fx.changes([change])
}

test_pass_undated_approval_by_future_leaver if {
	people := object.union(fx.people, {"gina": {"id": "gina", "name": "Gina", "emails": [], "roles": ["cab"], "left_on": "2027-01-31"}})
	change := fx.change_with({"approvals": [object.remove(_approval("gina"), ["at"])]})
	count(change_approver_authority.violation) == 0 with input as fx.changes([change])
		with input.people as people
}

test_pass_rejections_are_not_judged if {
	change := fx.change_with({"approvals": [
		{"by": "zed", "decision": "rejected", "at": "2026-10-01T10:00:00Z"},
		{"decision": "rejected"},
		_approval("carol"),
	]})
	count(change_approver_authority.violation) == 0 with input as fx.changes([change])
}
