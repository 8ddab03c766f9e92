package cobit.change_changed_after_approval_test

import data.cobit.change_changed_after_approval
import data.lib.fixtures_test as fx

_commits := {
	"c1": fx.commit_by("alice", 1),
	"c2": fx.commit_by("carol", 2),
	"c3": fx.commit_by("alice", 3),
	"c4": fx.commit_by("dave", 4),
}

# A change created in c1 and touched up to c4, with the commits that recorded
# some of its fields and each of its approvals entries.
_change(change, fields, approvals) := fx.patch(r, {"_git": object.union(r._git, {
	"fields": fields,
	"approvals": approvals,
})}) if {
	r := fx.recorded(change, ["c4", "c3", "c2", "c1"])
}

# The change with the fields its history facts say were added in the commit that recorded them.
_added(change, fields) := fx.patch(change, {"_git": object.union(change._git, {"added": fields})})

_approval(by, decision) := {"by": by, "role": "cab", "decision": decision, "at": "2026-10-02T10:00:00Z"}

_doc(change) := fx.git_doc({"change": [change]}, _commits)

_finding(field, message) := {
	"check": "REG-CHG-019",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": [field],
}

test_meta if {
	object.remove(change_changed_after_approval.meta, ["config", "example"]) == {
		"id": "REG-CHG-019",
		"title": "Change redefined after its approval",
		"description": concat(" ", [
			"An approval covers the change as it stood when it was given. The check",
			"reads the history of each approved change and flags every field that",
			"defines the change (title, type, risk, impact, plan, configuration items,",
			"services, schedule) whose present value was committed after the latest",
			"approving decision, when no approving decision was recorded in that commit",
			"or since. A schedule added after the approval to a change that had none,",
			"which now stands at scheduled or later, is the scheduling step, not a",
			"redefinition; a schedule changed after the approval is one. Values only in",
			"the work tree and commits at the edge of a shallow clone are not judged; an",
			"approving decision only in the work tree counts as a new one.",
		]),
		"severity": "high",
		"remediation": concat(" ", [
			"Have the change approved again as it now stands, and record the new",
			"decision in its approvals; if the edit was not meant to alter the change,",
			"restore the approved value.",
		]),
		"kinds": ["change"],
		"evidence": [],
		"controls": {
			"cobit4": ["AI6.1", "AI6.2"],
			"cobit2019": ["BAI06.01"],
			"iso20000": ["8.5.1.3"],
			"iso17799": ["10.1.2"],
			"iso27002": ["8.32"],
		},
	}
}

test_fail_plan_changed_after_approval if {
	change := _change(fx.change, {"plan": "c3"}, ["c2"])
	found := change_changed_after_approval.violation with input as _doc(change)
	found == {_finding(
		"plan",
		"CHG-2026-0042's plan changed in commit c3 by Alice <alice@example.com> after its approval by carol in commit c2, and no approval was recorded since",
	)}
}

test_fail_one_finding_per_field if {
	change := _change(fx.change, {"schedule": "c3", "risk": "c4", "status": "c4", "approvals": "c2"}, ["c2"])
	found := change_changed_after_approval.violation with input as _doc(change)
	found == {
		_finding(
			"schedule",
			"CHG-2026-0042's schedule changed in commit c3 by Alice <alice@example.com> after its approval by carol in commit c2, and no approval was recorded since",
		),
		_finding(
			"risk",
			"CHG-2026-0042's risk changed in commit c4 by Dave <dave@example.com> after its approval by carol in commit c2, and no approval was recorded since",
		),
	}
}

test_fail_approved_when_created if {
	# Without approvals facts, the approval was recorded with the file in c1.
	change := fx.patch(fx.change, {"_git": {
		"created": "c1", "last": "c2", "commits": 2, "touched": ["c2", "c1"],
		"fields": {"title": "c2"},
	}})
	found := change_changed_after_approval.violation with input as _doc(change)
	found == {_finding(
		"title",
		"CHG-2026-0042's title changed in commit c2 by Carol <carol@example.com> after its approval by carol in commit c1, and no approval was recorded since",
	)}
}

test_fail_names_the_latest_approval if {
	approvals := [_approval("carol", "approved"), _approval("dave", "approved"), _approval("erin", "approved")]
	change := _change(fx.change_with({"approvals": approvals}), {"services": "c4"}, ["c1", "c3", "c3"])
	found := change_changed_after_approval.violation with input as _doc(change)
	found == {_finding(
		"services",
		"CHG-2026-0042's services changed in commit c4 by Dave <dave@example.com> after its approval by dave in commit c3, and no approval was recorded since",
	)}
}

test_fail_rejection_since_is_no_approval if {
	approvals := [_approval("carol", "approved"), _approval("dave", "rejected")]
	change := _change(fx.change_with({"approvals": approvals}), {"configuration_items": "c3"}, ["c2", "c4"])
	found := change_changed_after_approval.violation with input as _doc(change)
	found == {_finding(
		"configuration_items",
		"CHG-2026-0042's configuration_items changed in commit c3 by Alice <alice@example.com> after its approval by carol in commit c2, and no approval was recorded since",
	)}
}

test_fail_removed_field if {
	change := _change(fx.change_without(["type"]), {"type": "c3"}, ["c2"])
	found := change_changed_after_approval.violation with input as _doc(change)
	{f.field | some f in found} == {["type"]}
}

test_pass_approved_again if {
	approvals := [_approval("carol", "approved"), _approval("dave", "approved")]
	change := _change(fx.change_with({"approvals": approvals}), {"plan": "c3"}, ["c2", "c4"])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_approved_in_the_same_commit if {
	approvals := [_approval("carol", "approved"), _approval("dave", "approved")]
	change := _change(fx.change_with({"approvals": approvals}), {"plan": "c3"}, ["c2", "c3"])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_approved_again_in_the_work_tree if {
	approvals := [_approval("carol", "approved"), _approval("dave", "approved")]
	change := _change(fx.change_with({"approvals": approvals}), {"plan": "c3"}, ["c2", null])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_changed_before_approval if {
	change := _change(fx.change, {"plan": "c2", "title": "c1"}, ["c3"])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_changed_only_in_the_work_tree if {
	change := _change(fx.change, {"plan": null}, ["c2"])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_fail_impact_raised_after_approval if {
	change := _change(fx.change_with({"impact": "high"}), {"impact": "c3"}, ["c2"])
	found := change_changed_after_approval.violation with input as _doc(change)
	found == {_finding(
		"impact",
		"CHG-2026-0042's impact changed in commit c3 by Alice <alice@example.com> after its approval by carol in commit c2, and no approval was recorded since",
	)}
}

test_fail_schedule_moved_after_approval if {
	# The window existed when carol approved; c3 moves it.
	change := _change(fx.change_with({"status": "scheduled"}), {"schedule": "c3", "status": "c3"}, ["c2"])
	found := change_changed_after_approval.violation with input as _doc(change)
	found == {_finding(
		"schedule",
		"CHG-2026-0042's schedule changed in commit c3 by Alice <alice@example.com> after its approval by carol in commit c2, and no approval was recorded since",
	)}
}

test_fail_schedule_added_while_still_approved if {
	# A window added without the change moving to scheduled is not the scheduling step.
	change := _added(_change(fx.change_with({"status": "approved"}), {"schedule": "c3"}, ["c2"]), ["schedule"])
	found := change_changed_after_approval.violation with input as _doc(change)
	{f.field | some f in found} == {["schedule"]}
}

test_pass_scheduled_after_approval if {
	# c3 moves the approved change to scheduled and adds its window; c4 records its implementation.
	change := _added(_change(fx.change, {"schedule": "c3", "status": "c4", "implementation": "c4"}, ["c2"]), ["schedule"])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_other_fields_changed if {
	fields := {"status": "c4", "implementation": "c4", "review": "c4", "closure": "c4", "incidents": "c3"}
	change := _change(fx.change, fields, ["c2"])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_never_approved if {
	approvals := [_approval("carol", "rejected")]
	rejected := _change(fx.change_with({"approvals": approvals}), {"plan": "c3"}, ["c2"])
	count(change_changed_after_approval.violation) == 0 with input as _doc(rejected)
	undecided := _change(fx.change_without(["approvals"]), {"plan": "c3"}, [])
	count(change_changed_after_approval.violation) == 0 with input as _doc(undecided)
}

test_pass_approved_only_in_the_work_tree if {
	change := _change(fx.change, {"plan": "c3"}, [null])
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_boundary_commits if {
	change := _change(fx.change, {"plan": "c3"}, ["c2"])
	edge := {"boundary": true}
	count(change_changed_after_approval.violation) == 0 with input as fx.git_doc(
		{"change": [change]},
		object.union(_commits, {"c3": edge}),
	)
	count(change_changed_after_approval.violation) == 0 with input as fx.git_doc(
		{"change": [change]},
		object.union(_commits, {"c2": edge}),
	)
}

test_pass_approved_again_in_a_boundary_commit if {
	approvals := [_approval("carol", "approved"), _approval("dave", "approved")]
	change := _change(fx.change_with({"approvals": approvals}), {"plan": "c3"}, ["c2", "c4"])
	count(change_changed_after_approval.violation) == 0 with input as fx.git_doc(
		{"change": [change]},
		object.union(_commits, {"c4": {"boundary": true}}),
	)
}

test_pass_untracked_file if {
	change := fx.patch(fx.change, {"_git": {"created": null, "last": null, "commits": 0}})
	count(change_changed_after_approval.violation) == 0 with input as _doc(change)
}

test_pass_no_history_facts if {
	count(change_changed_after_approval.violation) == 0 with input as fx.world
}
