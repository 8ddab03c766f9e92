package cobit.change_approved_edited_test

import data.cobit.change_approved_edited
import data.lib.fixtures_test as fx

# An input holding the head changes, with a gate whose merge base held the
# before changes.
_doc(heads, befores) := object.union(fx.doc({"change": heads}), {"gate": {
	"base": "b1",
	"merge_base": "b1",
	"head": "h1",
	"author": null,
	"author_email": null,
	"files": {r._path: {"status": "modified", "from": null} | some r in befores},
	"before": {"change": {r.id: r | some r in befores}},
}})

# The base change at the merge base, approved by carol and scheduled.
_before := fx.change_with({"status": "scheduled"})

_approval(by, decision) := {"by": by, "role": "cab", "decision": decision, "at": "2026-10-03T10:00:00Z"}

_finding(field, message) := {
	"check": "REG-CHG-021",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": [field],
}

test_meta if {
	object.remove(change_approved_edited.meta, ["example"]) == {
		"id": "REG-CHG-021",
		"title": "Approved change redefined in a request without a new approval",
		"description": concat(" ", [
			"Run by regent gate on a pull request. An approval covers the change as its",
			"approvers saw it. The check takes each change that was approved at the",
			"merge base (an approving decision recorded and a status of approved or",
			"later) and flags every field that defines it (title, type, risk, impact,",
			"plan, configuration items, services, schedule) whose value the request",
			"changes, unless the request also adds an approving decision that was not",
			"there before. Adding a schedule to a change that had none, as the request",
			"moves it to scheduled or later, is the scheduling step that follows the",
			"approval, not a redefinition; changing a schedule is one.",
		]),
		"severity": "high",
		"remediation": concat(" ", [
			"Have the change approved again as it now stands and add the new decision",
			"to its approvals in the same request; if the edit was not meant to alter",
			"what was approved, restore the approved value.",
		]),
		"kinds": ["change"],
		"evidence": [],
		"config": [],
		"controls": {
			"cobit4": ["AI6.1", "AI6.2"],
			"cobit2019": ["BAI06.01"],
			"iso20000": ["8.5.1.3"],
			"iso17799": ["10.1.2"],
			"iso27002": ["8.32"],
		},
	}
}

test_fail_risk_lowered if {
	head := fx.patch(_before, {"risk": "low"})
	found := change_approved_edited.violation with input as _doc([head], [_before])
	found == {_finding("risk", "CHG-2026-0042 was approved by carol before this request, which changes its risk from high to low without adding an approving decision")}
}

test_fail_one_finding_per_field if {
	plan := object.union(_before.plan, {"backout": "None needed."})
	head := fx.patch(_before, {
		"plan": plan,
		"schedule": {"start": "2026-10-06T22:00:00Z", "end": "2026-10-07T02:00:00Z"},
		"type": "emergency",
		"title": "Renew every certificate",
	})
	found := change_approved_edited.violation with input as _doc([head], [_before])
	found == {
		_finding("plan", "CHG-2026-0042 was approved by carol before this request, which changes its plan without adding an approving decision"),
		_finding("schedule", "CHG-2026-0042 was approved by carol before this request, which changes its schedule without adding an approving decision"),
		_finding("type", "CHG-2026-0042 was approved by carol before this request, which changes its type from normal to emergency without adding an approving decision"),
		_finding("title", "CHG-2026-0042 was approved by carol before this request, which changes its title from Renew the web shop TLS certificate to Renew every certificate without adding an approving decision"),
	}
}

test_fail_field_removed_or_added if {
	head := fx.patch(object.remove(_before, ["services"]), {"impact": "high"})
	before := object.remove(_before, ["impact"])
	found := change_approved_edited.violation with input as _doc([head], [before])
	found == {
		_finding("services", "CHG-2026-0042 was approved by carol before this request, which removes its services without adding an approving decision"),
		_finding("impact", "CHG-2026-0042 was approved by carol before this request, which sets its impact without adding an approving decision"),
	}
}

test_fail_names_every_approver if {
	approvals := [_approval("dave", "approved"), _approval("carol", "approved"), _approval("erin", "rejected")]
	before := fx.patch(_before, {"approvals": approvals})
	head := fx.patch(before, {"configuration_items": ["CI-0001", "CI-0002"]})
	found := change_approved_edited.violation with input as _doc([head], [before])
	found == {_finding("configuration_items", "CHG-2026-0042 was approved by carol, dave before this request, which changes its configuration_items without adding an approving decision")}
}

test_fail_a_new_rejection_is_no_approval if {
	head := fx.patch(_before, {"risk": "low", "approvals": array.concat(_before.approvals, [_approval("dave", "rejected")])})
	found := change_approved_edited.violation with input as _doc([head], [_before])
	{f.field | some f in found} == {["risk"]}
}

test_fail_a_repeated_approval_is_no_new_one if {
	head := fx.patch(_before, {"risk": "low", "approvals": array.concat(_before.approvals, _before.approvals)})
	found := change_approved_edited.violation with input as _doc([head], [_before])
	{f.field | some f in found} == {["risk"]}
}

test_pass_approved_again_in_the_request if {
	head := fx.patch(_before, {"risk": "low", "approvals": array.concat(_before.approvals, [_approval("dave", "approved")])})
	count(change_approved_edited.violation) == 0 with input as _doc([head], [_before])
}

test_pass_an_edited_approval_is_a_new_one if {
	head := fx.patch(_before, {"risk": "low", "approvals": [object.union(_before.approvals[0], {"at": "2026-10-04T10:00:00Z"})]})
	count(change_approved_edited.violation) == 0 with input as _doc([head], [_before])
}

test_pass_not_approved_at_the_merge_base if {
	submitted := fx.patch(_before, {"status": "submitted"})
	count(change_approved_edited.violation) == 0 with input as _doc([fx.patch(submitted, {"risk": "low"})], [submitted])
	rejected := fx.patch(_before, {"status": "rejected"})
	count(change_approved_edited.violation) == 0 with input as _doc([fx.patch(rejected, {"risk": "low"})], [rejected])
	undecided := fx.patch(_before, {"approvals": [_approval("carol", "rejected")]})
	count(change_approved_edited.violation) == 0 with input as _doc([fx.patch(undecided, {"risk": "low"})], [undecided])
	none := object.remove(_before, ["approvals"])
	count(change_approved_edited.violation) == 0 with input as _doc([fx.patch(none, {"risk": "low"})], [none])
}

test_fail_title_changed if {
	# The same fields as REG-CHG-019 judges in the history: the title says what was approved.
	head := fx.patch(_before, {"title": "Renew the shop certificate"})
	found := change_approved_edited.violation with input as _doc([head], [_before])
	{f.field | some f in found} == {["title"]}
}

test_fail_schedule_added_without_scheduling if {
	before := object.remove(fx.change_with({"status": "approved"}), ["schedule"])
	head := fx.patch(before, {"schedule": {"start": "2026-10-05T22:00:00Z", "end": "2026-10-06T01:00:00Z"}})
	found := change_approved_edited.violation with input as _doc([head], [before])
	found == {_finding("schedule", "CHG-2026-0042 was approved by carol before this request, which sets its schedule without adding an approving decision")}
}

test_pass_scheduled_after_approval if {
	# The request takes the approved change to scheduled and gives it its window.
	before := object.remove(fx.change_with({"status": "approved"}), ["schedule"])
	head := fx.patch(before, {
		"status": "scheduled",
		"schedule": {"start": "2026-10-05T22:00:00Z", "end": "2026-10-06T01:00:00Z"},
	})
	count(change_approved_edited.violation) == 0 with input as _doc([head], [before])
}

test_pass_other_fields_changed if {
	head := fx.patch(_before, {
		"status": "implemented",
		"implementation": {"started": "2026-10-05T22:05:00Z", "by": "bob"},
		"test_evidence": [],
	})
	count(change_approved_edited.violation) == 0 with input as _doc([head], [_before])
}

test_pass_unchanged if {
	count(change_approved_edited.violation) == 0 with input as _doc([_before], [_before])
}

test_pass_added_or_deleted_change if {
	count(change_approved_edited.violation) == 0 with input as _doc([fx.patch(_before, {"risk": "low"})], [])
	count(change_approved_edited.violation) == 0 with input as _doc([], [_before])
}

test_pass_without_a_gate if {
	count(change_approved_edited.violation) == 0 with input as fx.world
}
