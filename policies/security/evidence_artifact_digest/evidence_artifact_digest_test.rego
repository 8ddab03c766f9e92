package security.evidence_artifact_digest_test

import data.lib.fixtures_test as fx
import data.security.evidence_artifact_digest

_finding(message, field) := {
	"check": "REG-SEC-017",
	"kind": "evidence",
	"id": "EV-2026-0105",
	"message": message,
	"field": field,
}

_listed := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

_other := "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"

_path := "evidence/artifacts/EV-2026-0105.pdf"

# The facts of an artifact held by commit c1, as the engine gives them.
_file(path, present, sha256) := {
	"path": path, "present": present, "sha256": sha256,
	"created": "c1", "last": "c1", "commits": 1,
}

# The world's backup evidence, committed in c1, with the given facts about its artifacts.
_backup(artifacts) := _with_facts(fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "pass"), artifacts)

_with_facts(manifest, artifacts) := fx.patch(recorded, {"_git": object.union(recorded._git, {"artifacts": artifacts})}) if {
	recorded := fx.recorded(manifest, ["c1"])
}

_doc(evidence) := fx.git_doc({"evidence": [evidence]}, {"c1": fx.commit_by("dave", 1)})

test_meta if {
	object.remove(evidence_artifact_digest.meta, ["config", "example"]) == {
		"id": "REG-SEC-017",
		"title": "Evidence artifact missing or not what its manifest hashed",
		"description": concat(" ", [
			"A manifest fixes the content of its evidence with the hash of each file;",
			"the evidence holds only while those files are still there, byte for byte.",
			"The check flags an artifact that is not in the repository at the scanned",
			"revision, and one whose bytes hash to another SHA-256 than the manifest",
			"records. Hashes are compared without regard to letter case.",
		]),
		"severity": "critical",
		"remediation": concat(" ", [
			"Find out why the file is gone or changed. Restore the file the manifest",
			"hashed from the history; if the evidence really is different material,",
			"record it as new evidence with its own manifest rather than editing the",
			"old one.",
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
	evidence_artifact_digest.meta.config == []
}

test_fail_artifact_missing if {
	found := evidence_artifact_digest.violation with input as _doc(_backup([_file(_path, false, null)]))
	found == {_finding(
		"EV-2026-0105 lists artifact evidence/artifacts/EV-2026-0105.pdf, which is not in the repository at this revision",
		["artifacts", 0, "path"],
	)}
}

test_fail_digest_differs if {
	found := evidence_artifact_digest.violation with input as _doc(_backup([_file(_path, true, _other)]))
	found == {_finding(
		"EV-2026-0105 lists artifact evidence/artifacts/EV-2026-0105.pdf with sha256 9f86d081884c..., but the file's bytes hash to 2c26b46b68ff...",
		["artifacts", 0, "sha256"],
	)}
}

test_fail_only_the_artifact_that_differs if {
	manifest := fx.patch(fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "pass"), {"artifacts": [
		{"path": "evidence/backups/ok.log", "sha256": _listed},
		{"path": "evidence/backups/db.log", "sha256": _listed},
		{"path": "evidence/backups/gone.log", "sha256": _listed},
	]})
	evidence := _with_facts(manifest, [
		_file("evidence/backups/ok.log", true, _listed),
		_file("evidence/backups/db.log", true, _other),
		_file("evidence/backups/gone.log", false, null),
	])
	found := evidence_artifact_digest.violation with input as _doc(evidence)
	found == {
		_finding(
			"EV-2026-0105 lists artifact evidence/backups/db.log with sha256 9f86d081884c..., but the file's bytes hash to 2c26b46b68ff...",
			["artifacts", 1, "sha256"],
		),
		_finding(
			"EV-2026-0105 lists artifact evidence/backups/gone.log, which is not in the repository at this revision",
			["artifacts", 2, "path"],
		),
	}
}

test_fail_manifest_not_yet_committed if {
	evidence := fx.patch(_backup([_file(_path, true, _other)]), {"_git": {
		"created": null, "last": null, "commits": 0, "uncommitted": true,
		"artifacts": [_file(_path, true, _other)],
	}})
	found := evidence_artifact_digest.violation with input as _doc(evidence)
	{f.field | some f in found} == {["artifacts", 0, "sha256"]}
}

test_pass_digest_matches if {
	count(evidence_artifact_digest.violation) == 0 with input as _doc(_backup([_file(_path, true, _listed)]))
}

test_pass_digest_matches_in_another_case if {
	evidence := fx.patch(_backup([_file(_path, true, _listed)]), {"artifacts": [{"path": _path, "sha256": upper(_listed)}]})
	count(evidence_artifact_digest.violation) == 0 with input as _doc(evidence)
}

test_pass_no_history_facts if {
	count(evidence_artifact_digest.violation) == 0 with input as fx.world
	count(evidence_artifact_digest.violation) == 0 with input as _doc(fx.recorded(fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "pass"), ["c1"]))
}

test_pass_nothing_to_compare if {
	# No facts for an entry without a string path; a file that could not be
	# hashed; a manifest entry whose sha256 is not a string (REG-SEC-012's
	# concern).
	count(evidence_artifact_digest.violation) == 0 with input as _doc(_backup([null]))
	count(evidence_artifact_digest.violation) == 0 with input as _doc(_backup([_file(_path, true, null)]))
	no_hash := fx.patch(_backup([_file(_path, true, _other)]), {"artifacts": [{"path": _path, "sha256": 12}]})
	count(evidence_artifact_digest.violation) == 0 with input as _doc(no_hash)
	no_entry := fx.patch(_backup([_file(_path, true, _other)]), {"artifacts": []})
	count(evidence_artifact_digest.violation) == 0 with input as _doc(no_entry)
}
