package security.approval_committer_test

import data.lib.fixtures_test as fx
import data.security.approval_committer

# A record whose file alice created in c1 and that was changed in c2, with the
# approvals entries first recorded in the given commits.
_recorded(record, approvals) := fx.patch(r, {"_git": object.union(r._git, {"approvals": approvals})}) if {
	r := fx.recorded(record, ["c2", "c1"])
}

_commits := {
	"c1": fx.commit_by("alice", 1),
	"c2": fx.commit_by("carol", 2),
	"c3": fx.commit_by("alice", 3),
}

_two_approvals := [
	{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"},
	{"by": "dave", "role": "change-manager", "decision": "rejected", "at": "2026-10-03T10:00:00Z"},
]

test_meta if {
	object.remove(approval_committer.meta, ["config", "example"]) == {
		"id": "REG-SEC-016",
		"title": "Approval recorded by someone other than the approver",
		"description": concat(" ", [
			"A decision on a change or release should be written into the record by the",
			"person who took it, so that the history shows who authorised what. The check",
			"reads the commit in which each approvals entry first appeared and flags an",
			"entry whose commit was authored by anyone else, including an author whose",
			"email is not in people.yaml. An organisation may let holders of the",
			"recorders roles commit decisions for others, on records in which they have",
			"no part (not the requester, implementer or deployer). Entries only in the",
			"work tree and commits at the edge of a shallow clone are not judged.",
		]),
		"severity": "high",
		"remediation": concat(" ", [
			"Have each approver commit their own decision to the record, under an",
			"email listed for them in people.yaml; confirm with the named approver",
			"that they took the decision recorded in their name.",
		]),
		"kinds": ["change", "release"],
		"evidence": [],
		"controls": {
			"cobit4": ["AI6.2", "PO4.11"],
			"cobit2019": ["BAI06.01", "DSS06.03"],
			"iso20000": ["8.5.1.3"],
			"iso17799": ["10.1.3"],
			"iso27002": ["5.3", "8.32"],
		},
	}
}

test_fail_requester_recorded_the_approval if {
	change := _recorded(fx.change, ["c3"])
	found := approval_committer.violation with input as fx.git_doc({"change": [change]}, _commits)
	found == {{
		"check": "REG-SEC-016",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042's approval by carol was recorded in commit c3 by Alice <alice@example.com>, not by carol",
		"field": ["approvals", 0, "by"],
	}}
}

test_fail_approval_in_the_creating_commit if {
	# Without approvals facts every entry was recorded when the file was created, here by alice.
	change := fx.recorded(fx.change, ["c2", "c1"])
	found := approval_committer.violation with input as fx.git_doc({"change": [change]}, _commits)
	found == {{
		"check": "REG-SEC-016",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042's approval by carol was recorded in commit c1 by Alice <alice@example.com>, not by carol",
		"field": ["approvals", 0, "by"],
	}}
}

test_fail_rejection_recorded_by_another if {
	change := _recorded(fx.change_with({"approvals": _two_approvals}), ["c2", "c3"])
	found := approval_committer.violation with input as fx.git_doc({"change": [change]}, _commits)
	found == {{
		"check": "REG-SEC-016",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042's approval by dave was recorded in commit c3 by Alice <alice@example.com>, not by dave",
		"field": ["approvals", 1, "by"],
	}}
}

test_fail_release_approval_by_unknown_author if {
	release := _recorded(fx.release, ["c4"])
	stranger := object.union(fx.commit_by("hugo", 4), {"author": "Mallory", "email": "mallory@example.org", "person": null})
	found := approval_committer.violation with input as fx.git_doc({"release": [release]}, object.union(_commits, {"c4": stranger}))
	found == {{
		"check": "REG-SEC-016",
		"kind": "release",
		"id": "REL-2026-0010",
		"message": "REL-2026-0010's approval by carol was recorded in commit c4 by Mallory <mallory@example.org>, whose email is not in people.yaml, not by carol",
		"field": ["approvals", 0, "by"],
	}}
}

test_fail_one_finding_per_entry if {
	approvals := [
		{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"},
		{"by": "erin", "role": "cab", "decision": "approved", "at": "2026-10-02T11:00:00Z"},
	]
	change := _recorded(fx.change_with({"approvals": approvals}), ["c3", "c3"])
	found := approval_committer.violation with input as fx.git_doc({"change": [change]}, _commits)
	{f.field | some f in found} == {["approvals", 0, "by"], ["approvals", 1, "by"]}
}

test_pass_approver_recorded_it if {
	change := _recorded(fx.change, ["c2"])
	release := _recorded(fx.release, ["c2"])
	count(approval_committer.violation) == 0 with input as fx.git_doc({"change": [change], "release": [release]}, _commits)
}

test_pass_each_approver_recorded_their_own if {
	change := _recorded(fx.change_with({"approvals": _two_approvals}), ["c2", "c4"])
	commits := object.union(_commits, {"c4": fx.commit_by("dave", 4)})
	count(approval_committer.violation) == 0 with input as fx.git_doc({"change": [change]}, commits)
}

test_pass_approval_only_in_the_work_tree if {
	change := _recorded(fx.change, [null])
	count(approval_committer.violation) == 0 with input as fx.git_doc({"change": [change]}, _commits)
}

test_pass_boundary_commit if {
	change := _recorded(fx.change, ["c3"])
	commits := object.union(_commits, {"c3": object.union(fx.commit_by("alice", 3), {"boundary": true})})
	count(approval_committer.violation) == 0 with input as fx.git_doc({"change": [change]}, commits)
}

test_pass_commit_not_in_input if {
	change := _recorded(fx.change, ["c9"])
	count(approval_committer.violation) == 0 with input as fx.git_doc({"change": [change]}, _commits)
}

test_pass_untracked_file if {
	change := fx.patch(fx.change, {"_git": {"created": null, "last": null, "commits": 0}})
	count(approval_committer.violation) == 0 with input as fx.git_doc({"change": [change]}, _commits)
}

test_pass_no_history_facts if {
	count(approval_committer.violation) == 0 with input as fx.world
}

# dave is a change manager; with that role among the recorders he may commit the CAB's decisions.
_with_recorders := object.union(fx.config, {"roles": object.union(fx.config.roles, {"recorders": ["change-manager"]})})

test_pass_a_recorder_commits_the_decision_for_the_approver if {
	change := _recorded(fx.change, ["c4"])
	doc := fx.git_doc({"change": [change]}, object.union(_commits, {"c4": fx.commit_by("dave", 4)}))
	count(approval_committer.violation) == 0 with input as object.union(doc, {"config": _with_recorders})
}

test_fail_a_recorder_who_requested_the_change if {
	change := fx.patch(_recorded(fx.change, ["c4"]), {"requested_by": "dave"})
	doc := fx.git_doc({"change": [change]}, object.union(_commits, {"c4": fx.commit_by("dave", 4)}))
	found := approval_committer.violation with input as object.union(doc, {"config": _with_recorders})
	{f.field | some f in found} == {["approvals", 0, "by"]}
}

test_fail_recorder_role_not_configured if {
	change := _recorded(fx.change, ["c4"])
	doc := fx.git_doc({"change": [change]}, object.union(_commits, {"c4": fx.commit_by("dave", 4)}))
	count(approval_committer.violation) == 1 with input as doc
}
