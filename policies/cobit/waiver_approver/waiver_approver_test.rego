package cobit.waiver_approver_test

import data.cobit.waiver_approver
import data.lib.fixtures_test as fx

_waiver(fields) := fx.patch(fx.waiver, fields)

_finding(message) := {
	"check": "REG-GOV-003",
	"kind": "waiver",
	"id": "WVR-2026-0001",
	"message": message,
	"field": ["approved_by"],
}

test_meta if {
	waiver_approver.meta.id == "REG-GOV-003"
	waiver_approver.meta.config == ["roles.approvers"]
	waiver_approver.meta.severity == "high"
	waiver_approver.meta.rejects_waivers == true
}

test_fail_approver_not_listed if {
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "zoe"})]})
	found == {_finding("WVR-2026-0001 was approved by zoe, who is not listed in people.yaml")}
}

test_fail_approver_without_role if {
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "alice"})]})
	found == {_finding("WVR-2026-0001 was approved by alice, who holds none of the approver roles (cab, change-manager)")}
}

test_fail_approver_with_no_roles_at_all if {
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "hugo"})]})
	found == {_finding("WVR-2026-0001 was approved by hugo, who holds none of the approver roles (cab, change-manager)")}
}

test_fail_approver_left_before_approving if {
	waiver := _waiver({"approved_by": "gina", "approved_at": "2026-10-05T09:00:00Z"})
	found := waiver_approver.violation with input as fx.world_with({"waiver": [waiver]})
	found == {_finding("WVR-2026-0001 was approved by gina at 2026-10-05T09:00:00Z, who left on 2026-10-02")}
}

test_fail_approver_left_on_the_day if {
	waiver := _waiver({"approved_by": "gina", "approved_at": "2026-10-02T08:00:00Z"})
	found := waiver_approver.violation with input as fx.world_with({"waiver": [waiver]})
	found == {_finding("WVR-2026-0001 was approved by gina at 2026-10-02T08:00:00Z, who left on 2026-10-02")}
}

test_fail_approver_inactive if {
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "frank"})]})
	found == {_finding("WVR-2026-0001 was approved by frank at 2026-11-01T09:00:00Z, who is marked inactive in people.yaml")}
}

test_fail_inactive_with_a_leaving_date_says_when if {
	people := object.union(fx.people, {"frank": object.union(fx.people.frank, {"left_on": "2026-10-20"})})
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "frank"})]})
		with input.people as people
	found == {_finding("WVR-2026-0001 was approved by frank at 2026-11-01T09:00:00Z, who left on 2026-10-20")}
}

test_pass_inactive_now_but_there_when_approving if {
	people := object.union(fx.people, {"frank": object.union(fx.people.frank, {"left_on": "2026-11-15"})})
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "frank"})]})
		with input.people as people
	found == set()
}

test_fail_gone_and_without_role if {
	people := object.union(fx.people, {"alice": object.union(fx.people.alice, {"active": false})})
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "alice"})]})
		with input.people as people
	found == {
		_finding("WVR-2026-0001 was approved by alice at 2026-11-01T09:00:00Z, who is marked inactive in people.yaml"),
		_finding("WVR-2026-0001 was approved by alice, who holds none of the approver roles (cab, change-manager)"),
	}
}

test_fail_approver_roles_from_config if {
	found := waiver_approver.violation with input as fx.world
		with input.config.roles.approvers as ["risk-owner", "ciso"]
	found == {_finding("WVR-2026-0001 was approved by dave, who holds none of the approver roles (risk-owner, ciso)")}
}

test_fail_no_approver_roles_configured if {
	found := waiver_approver.violation with input as fx.world
		with input.config.roles as {}
	found == {_finding("WVR-2026-0001 was approved by dave, who holds none of the approver roles ()")}
}

test_pass_approver_left_after_approving if {
	waiver := _waiver({"approved_by": "gina", "approved_at": "2026-10-01T17:00:00Z"})
	count(waiver_approver.violation) == 0 with input as fx.world_with({"waiver": [waiver]})
}

test_pass_each_approver_role if {
	waivers := [_waiver({"id": "WVR-2026-0002", "approved_by": "carol"})]
	count(waiver_approver.violation) == 0 with input as fx.world_with({"waiver": waivers})
}

test_fail_emergency_cab_cannot_accept_risk if {
	# erin sits on the emergency CAB only: that approves emergency changes, not risk.
	found := waiver_approver.violation with input as fx.world_with({"waiver": [_waiver({"approved_by": "erin"})]})
	found == {_finding("WVR-2026-0001 was approved by erin, who holds none of the approver roles (cab, change-manager)")}
}

test_pass_approver_roles_from_config if {
	count(waiver_approver.violation) == 0 with input as fx.world_with({"waiver": [_waiver({"approved_by": "alice"})]})
		with input.config.roles.approvers as ["developer"]
}

test_fail_waiver_approved_by_requester_of_waived_change if {
	# dave requested and approved his own change (REG-CHG-002), then waived that finding.
	change := fx.change_with({
		"requested_by": "dave",
		"approvals": [{"by": "dave", "role": "change-manager", "decision": "approved", "at": "2026-10-02T10:00:00Z"}],
		"review": object.union(fx.change.review, {"by": "carol"}),
	})
	waiver := _waiver({"check": "REG-CHG-002", "records": ["CHG-2026-0042"]})
	found := waiver_approver.violation with input as fx.world_with({"change": [change], "waiver": [waiver]})
	found == {_finding("WVR-2026-0001 was approved by dave, who is named as requested_by on CHG-2026-0042, a record it waives: a finding about their own work")}
}

test_fail_waiver_approved_by_implementer_and_reviewer if {
	change := fx.change_with({"implementer": "dave", "implementation": object.union(fx.change.implementation, {"by": "dave"})})
	waiver := _waiver({"check": "REG-CHG-003", "records": ["CHG-2026-0050", "CHG-2026-0042"]})
	found := waiver_approver.violation with input as fx.world_with({"change": [change], "waiver": [waiver]})
	found == {
		_finding("WVR-2026-0001 was approved by dave, who is named as implementation.by and implementer and review.by on CHG-2026-0042, a record it waives: a finding about their own work"),
		_finding("WVR-2026-0001 was approved by dave, who is named as review.by on CHG-2026-0050, a record it waives: a finding about their own work"),
	}
}

test_fail_waiver_approved_by_acceptor_of_release if {
	waiver := _waiver({"check": "REG-REL-002", "records": ["REL-2026-0010"]})
	found := waiver_approver.violation with input as fx.world_with({"waiver": [waiver]})
	found == {_finding("WVR-2026-0001 was approved by dave, who is named as acceptance.by on REL-2026-0010, a record it waives: a finding about their own work")}
}

test_pass_waiver_approved_by_another_approver_of_the_change if {
	# carol approved the change too, but the finding waived is not about her work.
	waiver := _waiver({"check": "REG-CHG-002", "records": ["CHG-2026-0042"], "approved_by": "carol"})
	count(waiver_approver.violation) == 0 with input as fx.world_with({"waiver": [waiver]})
}

test_pass_waiver_for_every_record if {
	waiver := _waiver({"check": "REG-CHG-002", "records": ["*"]})
	count(waiver_approver.violation) == 0 with input as fx.world_with({"waiver": [waiver]})
}

test_pass_world if {
	count(waiver_approver.violation) == 0 with input as fx.world
}
