package security.approval_added_for_other_test

import data.lib.fixtures_test as fx
import data.security.approval_added_for_other

# A record committed in c1, with the commit that first held each of its
# approvals entries (null: only in the work tree).
_recorded(record, approvals) := fx.patch(record, {"_git": {
	"created": "c1", "last": "c1", "commits": 1,
	"approvals": approvals,
}})

# A record no commit holds yet.
_new(record) := fx.patch(record, {"_git": {"created": null, "last": null, "commits": 0}})

# An input holding the head records, with a work-tree gate committed by
# author (email) whose merge base held the before records (both as kind to
# list); files lists the paths the request changed.
_doc(heads, befores, files, author, email) := object.union(
	fx.git_doc(heads, {"c1": fx.commit_by("alice", 1)}),
	{"gate": {
		"base": "c1",
		"merge_base": "c1",
		"head": null,
		"author": author,
		"author_email": email,
		"files": {path: {"status": status, "from": null} | some path, status in files},
		"before": {kind: {r.id: r | some r in list} | some kind, list in befores},
	}},
)

# The base change as it stood at the merge base: submitted, with no decision yet.
_submitted := fx.patch(fx.change_without(["approvals"]), {"status": "submitted"})

# The base change at the head: carol's approval added in the work tree.
_approved := _recorded(fx.change, [null])

# The request of the base change being approved, committed by a person.
_approving(author) := _doc(
	{"change": [_approved]}, {"change": [_submitted]},
	{fx.change._path: "modified"}, author, fx.people[author].emails[0],
)

_approval(by) := {"by": by, "role": "cab", "decision": "approved", "at": "2026-10-03T10:00:00Z"}

_finding(message, i) := {
	"check": "REG-SEC-023",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": ["approvals", i, "by"],
}

test_meta if {
	object.remove(approval_added_for_other.meta, ["example"]) == {
		"id": "REG-SEC-023",
		"title": "Approval about to be committed in someone else's name",
		"description": concat(" ", [
			"Run by regent gate before a commit (a pre-commit hook, the head being the",
			"work tree). A decision on a change or release should be written into the",
			"record by the person who took it. The check takes each approvals entry that",
			"the request adds and that no commit holds yet, and flags it when the git",
			"user about to commit it is not the person the entry names, or when that",
			"user is not in people.yaml. An organisation may let holders of the",
			"recorders roles commit decisions for others, on records in which they have",
			"no part (not the requester, implementer or deployer). Entries already",
			"committed are judged by REG-SEC-016.",
		]),
		"severity": "high",
		"remediation": concat(" ", [
			"Leave the entry for the approver to add and commit under their own email",
			"listed in people.yaml; if you hold a recorders role and have no part in",
			"the record, check that your git user.email is listed for you.",
		]),
		"kinds": ["change", "release"],
		"evidence": [],
		"config": ["roles.recorders"],
		"controls": {
			"cobit4": ["AI6.2", "PO4.11"],
			"cobit2019": ["BAI06.01", "DSS06.03"],
			"iso20000": ["8.5.1.3"],
			"iso17799": ["10.1.3"],
			"iso27002": ["5.3", "8.32"],
		},
	}
}

test_fail_requester_adds_the_approval if {
	found := approval_added_for_other.violation with input as _approving("alice")
	found == {_finding("CHG-2026-0042's approval by carol is added in the work tree, to be committed by alice, not by carol", 0)}
}

test_fail_author_not_in_people if {
	doc := _doc({"change": [_approved]}, {"change": [_submitted]}, {fx.change._path: "modified"}, null, "mallory@example.org")
	found := approval_added_for_other.violation with input as doc
	found == {_finding("CHG-2026-0042's approval by carol is added in the work tree, to be committed by mallory@example.org, whose email is not in people.yaml, not by carol", 0)}
}

test_fail_git_user_unknown if {
	doc := _doc({"change": [_approved]}, {"change": [_submitted]}, {fx.change._path: "modified"}, null, null)
	found := approval_added_for_other.violation with input as doc
	found == {_finding("CHG-2026-0042's approval by carol is added in the work tree, to be committed by a git user whose email is unknown, not by carol", 0)}
}

test_fail_every_entry_of_an_added_record if {
	release := _new(fx.patch(fx.release, {"approvals": [_approval("carol"), _approval("dave")]}))
	doc := _doc({"release": [release]}, {}, {fx.release._path: "added"}, "bob", "bob@example.com")
	found := approval_added_for_other.violation with input as doc
	found == {
		{
			"check": "REG-SEC-023",
			"kind": "release",
			"id": "REL-2026-0010",
			"message": "REL-2026-0010's approval by carol is added in the work tree, to be committed by bob, not by carol",
			"field": ["approvals", 0, "by"],
		},
		{
			"check": "REG-SEC-023",
			"kind": "release",
			"id": "REL-2026-0010",
			"message": "REL-2026-0010's approval by dave is added in the work tree, to be committed by bob, not by dave",
			"field": ["approvals", 1, "by"],
		},
	}
}

test_fail_only_the_new_entry if {
	approvals := [_approval("carol"), _approval("dave")]
	head := _recorded(fx.change_with({"approvals": approvals}), ["c1", null])
	before := fx.change_with({"approvals": [_approval("carol")]})
	doc := _doc({"change": [head]}, {"change": [before]}, {fx.change._path: "modified"}, "carol", "carol@example.com")
	found := approval_added_for_other.violation with input as doc
	found == {_finding("CHG-2026-0042's approval by dave is added in the work tree, to be committed by carol, not by dave", 1)}
}

test_fail_an_edited_entry_is_a_new_one if {
	head := _recorded(fx.change_with({"approvals": [_approval("carol")]}), [null])
	doc := _doc({"change": [head]}, {"change": [fx.change]}, {fx.change._path: "modified"}, "bob", "bob@example.com")
	found := approval_added_for_other.violation with input as doc
	found == {_finding("CHG-2026-0042's approval by carol is added in the work tree, to be committed by bob, not by carol", 0)}
}

test_pass_approver_adds_their_own if {
	count(approval_added_for_other.violation) == 0 with input as _approving("carol")
}

test_pass_committed_entry_is_not_judged_here if {
	head := _recorded(fx.change, ["c2"])
	doc := _doc({"change": [head]}, {"change": [_submitted]}, {fx.change._path: "modified"}, null, null)
	count(approval_added_for_other.violation) == 0 with input as doc
}

test_pass_entry_already_at_the_merge_base if {
	doc := _doc({"change": [_approved]}, {"change": [fx.change]}, {fx.change._path: "modified"}, "alice", "alice@example.com")
	count(approval_added_for_other.violation) == 0 with input as doc
}

test_pass_record_the_request_leaves_alone if {
	doc := _doc({"change": [_approved]}, {}, {"changes/CHG-2026-0050.yaml": "modified"}, "alice", "alice@example.com")
	count(approval_added_for_other.violation) == 0 with input as doc
}

test_pass_record_without_history_facts if {
	doc := _doc({"change": [fx.change]}, {"change": [_submitted]}, {fx.change._path: "modified"}, "alice", "alice@example.com")
	count(approval_added_for_other.violation) == 0 with input as doc
}

test_pass_rejection_by_its_author if {
	head := _recorded(fx.change_with({"approvals": [object.union(_approval("erin"), {"decision": "rejected"})]}), [null])
	doc := _doc({"change": [head]}, {"change": [_submitted]}, {fx.change._path: "modified"}, "erin", "erin@example.com")
	count(approval_added_for_other.violation) == 0 with input as doc
}

# dave is a change manager; with that role among the recorders he may add the CAB's decisions.
_with_recorders := object.union(fx.config, {"roles": object.union(fx.config.roles, {"recorders": ["change-manager"]})})

test_pass_a_recorder_adds_the_decision_for_the_approver if {
	count(approval_added_for_other.violation) == 0 with input as object.union(_approving("dave"), {"config": _with_recorders})
}

test_fail_a_recorder_who_requested_the_change if {
	doc := _doc(
		{"change": [fx.patch(_approved, {"requested_by": "dave"})]},
		{"change": [fx.patch(_submitted, {"requested_by": "dave"})]},
		{fx.change._path: "modified"}, "dave", "dave@example.com",
	)
	found := approval_added_for_other.violation with input as object.union(doc, {"config": _with_recorders})
	found == {_finding("CHG-2026-0042's approval by carol is added in the work tree, to be committed by dave, not by carol", 0)}
}

test_fail_recorder_role_not_configured if {
	found := approval_added_for_other.violation with input as _approving("dave")
	{f.field | some f in found} == {["approvals", 0, "by"]}
}

test_pass_without_a_gate if {
	count(approval_added_for_other.violation) == 0 with input as fx.world
	count(approval_added_for_other.violation) == 0 with input as fx.git_doc({"change": [_approved]}, {})
}
