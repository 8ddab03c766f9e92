package security.commit_author_unknown_test

import data.lib.fixtures_test as fx
import data.security.commit_author_unknown

_mallory := fx.patch(fx.commit_by("alice", 2), {"author": "Mallory", "email": "mallory@mail.example", "person": null})

_commits := {"c1": fx.commit_by("alice", 1), "c2": _mallory, "c3": fx.commit_by("carol", 3)}

# The history facts of an artifact whose file the commits touched, newest first.
_artifact(path, shas) := {
	"path": path, "present": true, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	"created": shas[count(shas) - 1], "last": shas[0], "commits": count(shas), "touched": shas, "rewrites": [],
}

# An evidence manifest committed in c1 whose artifacts have the given facts.
_evidence(artifacts) := fx.patch(ev, {"_git": object.union(ev._git, {"artifacts": artifacts})}) if {
	ev := fx.recorded(fx.world_evidence[1], ["c1"])
}

test_meta if {
	object.remove(commit_author_unknown.meta, ["config", "example"]) == {
		"id": "REG-SEC-020",
		"title": "Record changed by an author people.yaml does not know",
		"description": concat(" ", [
			"Every change to the evidence must be traceable to a person the",
			"organisation knows. The check flags each commit that touched a record's",
			"file, or for evidence one of its artifacts, whose author's e-mail address",
			"belongs to no one listed in people.yaml: whoever made it cannot be held to",
			"a role, an approval or a separation of duties. Commits at the edge of a",
			"shallow clone are not judged.",
		]),
		"severity": "medium",
		"remediation": concat(" ", [
			"Find out who made the commit. If it is a colleague, add the address they",
			"commit with to their emails in people.yaml; otherwise have someone known",
			"review the change it made and restore the record if it cannot be vouched",
			"for.",
		]),
		"kinds": [
			"change", "release", "configuration_item", "incident", "problem",
			"service", "service_report", "supplier", "evidence", "waiver",
		],
		"evidence": [],
		"controls": {
			"cobit4": ["DS5.3", "PO4.11"],
			"cobit2019": ["DSS05.04", "DSS06.03"],
			"iso17799": ["10.10.3", "11.2.1"],
			"iso27002": ["5.16", "8.15"],
		},
	}
	commit_author_unknown.meta.config == []
}

test_fail_record_changed_by_unknown_author if {
	change := fx.recorded(fx.change, ["c3", "c2", "c1"])
	found := commit_author_unknown.violation with input as fx.git_doc({"change": [change]}, _commits)
	found == {{
		"check": "REG-SEC-020",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 was changed in commit c2 by Mallory <mallory@mail.example>, whose e-mail people.yaml does not list",
		"field": [],
	}}
}

test_fail_record_created_by_unknown_author if {
	supplier := fx.recorded(fx.supplier, ["c2"])
	found := commit_author_unknown.violation with input as fx.git_doc({"supplier": [supplier]}, _commits)
	found == {{
		"check": "REG-SEC-020",
		"kind": "supplier",
		"id": "SUP-0001",
		"message": "SUP-0001 was changed in commit c2 by Mallory <mallory@mail.example>, whose e-mail people.yaml does not list",
		"field": [],
	}}
}

test_fail_one_finding_per_record_and_commit if {
	commits := object.union(_commits, {"c4": fx.patch(_mallory, {"order": 4})})
	waiver := fx.recorded(fx.waiver, ["c4", "c3", "c2"])
	incident := fx.recorded(fx.incident, ["c2", "c1"])
	found := commit_author_unknown.violation with input as fx.git_doc({"waiver": [waiver], "incident": [incident]}, commits)
	{[f.kind, f.id, substring(f.message, 0, 41)] | some f in found} == {
		["waiver", "WVR-2026-0001", "WVR-2026-0001 was changed in commit c4 by"],
		["waiver", "WVR-2026-0001", "WVR-2026-0001 was changed in commit c2 by"],
		["incident", "INC-2026-0001", "INC-2026-0001 was changed in commit c2 by"],
	}
}

test_fail_artifact_changed_by_unknown_author if {
	evidence := _evidence([_artifact("evidence/artifacts/EV-2026-0100.pdf", ["c2", "c1"])])
	found := commit_author_unknown.violation with input as fx.git_doc({"evidence": [evidence]}, _commits)
	found == {{
		"check": "REG-SEC-020",
		"kind": "evidence",
		"id": "EV-2026-0100",
		"message": "EV-2026-0100's artifact evidence/artifacts/EV-2026-0100.pdf was changed in commit c2 by Mallory <mallory@mail.example>, whose e-mail people.yaml does not list",
		"field": [],
	}}
}

test_fail_artifacts_changed_in_one_commit_make_one_finding if {
	evidence := _evidence([
		_artifact("evidence/artifacts/b.pdf", ["c2", "c1"]),
		null,
		_artifact("evidence/artifacts/a.pdf", ["c3", "c2"]),
		_artifact("evidence/artifacts/c.pdf", ["c1"]),
	])
	found := commit_author_unknown.violation with input as fx.git_doc({"evidence": [evidence]}, _commits)
	found == {{
		"check": "REG-SEC-020",
		"kind": "evidence",
		"id": "EV-2026-0100",
		"message": "EV-2026-0100's artifacts evidence/artifacts/a.pdf, evidence/artifacts/b.pdf were changed in commit c2 by Mallory <mallory@mail.example>, whose e-mail people.yaml does not list",
		"field": [],
	}}
}

test_fail_commit_of_manifest_and_artifact_makes_one_finding if {
	manifest := fx.recorded(fx.world_evidence[1], ["c2", "c1"])
	artifacts := [_artifact("evidence/artifacts/EV-2026-0100.pdf", ["c2"])]
	evidence := fx.patch(manifest, {"_git": object.union(manifest._git, {"artifacts": artifacts})})
	found := commit_author_unknown.violation with input as fx.git_doc({"evidence": [evidence]}, _commits)
	found == {{
		"check": "REG-SEC-020",
		"kind": "evidence",
		"id": "EV-2026-0100",
		"message": "EV-2026-0100 was changed in commit c2 by Mallory <mallory@mail.example>, whose e-mail people.yaml does not list",
		"field": [],
	}}
}

test_pass_known_authors if {
	change := fx.recorded(fx.change, ["c3", "c1"])
	evidence := _evidence([_artifact("evidence/artifacts/EV-2026-0100.pdf", ["c3", "c1"])])
	count(commit_author_unknown.violation) == 0 with input as fx.git_doc({"change": [change], "evidence": [evidence]}, _commits)
}

test_pass_records_without_history_facts if {
	count(commit_author_unknown.violation) == 0 with input as object.union(fx.world, {"git": {"commits": _commits}})
}

test_pass_uncommitted_records_and_artifacts if {
	untracked := {"created": null, "last": null, "commits": 0}
	change := fx.patch(fx.change, {"_git": untracked})
	evidence := _evidence([object.union(_artifact("evidence/artifacts/EV-2026-0100.pdf", ["c2"]), untracked)])
	count(commit_author_unknown.violation) == 0 with input as fx.git_doc({"change": [change], "evidence": [evidence]}, _commits)
}

test_pass_boundary_commit if {
	commits := object.union(_commits, {"c2": fx.patch(_mallory, {"boundary": true})})
	change := fx.recorded(fx.change, ["c3", "c2"])
	evidence := _evidence([_artifact("evidence/artifacts/EV-2026-0100.pdf", ["c2", "c1"])])
	count(commit_author_unknown.violation) == 0 with input as fx.git_doc({"change": [change], "evidence": [evidence]}, commits)
}

test_pass_sha_missing_from_commits if {
	change := fx.recorded(fx.change, ["c9", "c1"])
	count(commit_author_unknown.violation) == 0 with input as fx.git_doc({"change": [change]}, _commits)
}
