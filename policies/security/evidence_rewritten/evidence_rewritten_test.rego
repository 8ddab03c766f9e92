package security.evidence_rewritten_test

import data.lib.fixtures_test as fx
import data.security.evidence_rewritten

_finding(message, field) := {
	"check": "REG-SEC-018",
	"kind": "evidence",
	"id": "EV-2026-0105",
	"message": message,
	"field": field,
}

_path := "evidence/artifacts/EV-2026-0105.pdf"

_sha := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

_backup := fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "pass")

# History facts with the given commits (newest first) and rewrites (oldest first).
_facts(shas, rewrites) := object.union(fx.recorded({}, shas)._git, {"rewrites": rewrites | count(rewrites) > 0})

# The artifact's facts: the file at _path, touched by shas and rewritten by rewrites.
_file(shas, rewrites) := object.union({"path": _path, "present": true, "sha256": _sha}, _facts(shas, rewrites))

# The backup evidence with facts about its manifest and its artifacts.
_evidence(manifest, artifacts) := fx.patch(_backup, {"_git": object.union(manifest, {"artifacts": artifacts})})

_commits := {
	"c1": fx.commit_by("dave", 1),
	"c2": fx.commit_by("bob", 2),
	"c3": fx.commit_by("alice", 3),
}

_doc(evidence) := fx.git_doc({"evidence": [evidence]}, _commits)

test_meta if {
	object.remove(evidence_rewritten.meta, ["config", "example"]) == {
		"id": "REG-SEC-018",
		"title": "Evidence rewritten after it was committed",
		"description": concat(" ", [
			"Evidence is a record of what happened, so it is only ever added to: new",
			"or corrected evidence goes into a new file. The check flags every commit",
			"that changed the bytes of an evidence manifest, or of one of the files it",
			"lists, after the commit that added that file. Moving a file without",
			"changing it is not a rewrite, and commits at the edge of a shallow clone",
			"are not judged.",
		]),
		"severity": "critical",
		"remediation": concat(" ", [
			"Find out what the commit changed and why. Restore the evidence as first",
			"committed, and record any correction as new evidence with its own",
			"manifest that refers to the subject again.",
		]),
		"kinds": ["evidence"],
		"evidence": [],
		"controls": {
			"cobit4": ["DS11.6", "ME2.1"],
			"cobit2019": ["DSS06.05", "MEA02.01"],
			"iso20000": ["7.5"],
			"iso17799": ["10.10.3", "15.1.3"],
			"iso27002": ["5.33", "8.15"],
		},
	}
	evidence_rewritten.meta.config == []
}

test_fail_manifest_rewritten if {
	evidence := _evidence(_facts(["c2", "c1"], ["c2"]), [_file(["c1"], [])])
	found := evidence_rewritten.violation with input as _doc(evidence)
	found == {_finding(
		"EV-2026-0105: evidence/EV-2026-0105.yaml was rewritten after it was committed, in commit c2 by Bob <bob@example.com>",
		[],
	)}
}

test_fail_one_finding_per_rewrite if {
	evidence := _evidence(_facts(["c3", "c2", "c1"], ["c2", "c3"]), [_file(["c1"], [])])
	found := evidence_rewritten.violation with input as _doc(evidence)
	found == {
		_finding(
			"EV-2026-0105: evidence/EV-2026-0105.yaml was rewritten after it was committed, in commit c2 by Bob <bob@example.com>",
			[],
		),
		_finding(
			"EV-2026-0105: evidence/EV-2026-0105.yaml was rewritten after it was committed, in commit c3 by Alice <alice@example.com>",
			[],
		),
	}
}

test_fail_artifact_rewritten if {
	second := object.union(_file(["c3", "c1"], ["c3"]), {"path": "evidence/backups/db.log"})
	evidence := _evidence(_facts(["c1"], []), [null, second])
	found := evidence_rewritten.violation with input as _doc(evidence)
	found == {_finding(
		"EV-2026-0105: artifact evidence/backups/db.log was rewritten after it was committed, in commit c3 by Alice <alice@example.com>",
		["artifacts", 1, "path"],
	)}
}

test_fail_manifest_and_artifact_rewritten_together if {
	evidence := _evidence(_facts(["c2", "c1"], ["c2"]), [_file(["c2", "c1"], ["c2"])])
	found := evidence_rewritten.violation with input as _doc(evidence)
	{f.field | some f in found} == {[], ["artifacts", 0, "path"]}
}

test_fail_manifest_without_path if {
	evidence := object.remove(_evidence(_facts(["c2", "c1"], ["c2"]), []), ["_path"])
	found := evidence_rewritten.violation with input as _doc(evidence)
	{f.message | some f in found} == {"EV-2026-0105: its manifest was rewritten after it was committed, in commit c2 by Bob <bob@example.com>"}
}

test_pass_boundary_and_unknown_commits if {
	commits := object.union(_commits, {"c2": fx.patch(fx.commit_by("bob", 2), {"boundary": true})})
	evidence := _evidence(_facts(["c9", "c2", "c1"], ["c2", "c9"]), [_file(["c9", "c2", "c1"], ["c2", "c9"])])
	count(evidence_rewritten.violation) == 0 with input as fx.git_doc({"evidence": [evidence]}, commits)
}

test_pass_changed_without_rewrite if {
	# Touched twice, but the later commit only moved the files.
	evidence := _evidence(_facts(["c2", "c1"], []), [_file(["c2", "c1"], [])])
	count(evidence_rewritten.violation) == 0 with input as _doc(evidence)
}

test_pass_no_history_facts if {
	count(evidence_rewritten.violation) == 0 with input as fx.world
	uncommitted := _evidence({"created": null, "last": null, "commits": 0, "uncommitted": true}, [null])
	count(evidence_rewritten.violation) == 0 with input as _doc(uncommitted)
}
