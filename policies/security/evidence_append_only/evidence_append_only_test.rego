package security.evidence_append_only_test

import data.lib.fixtures_test as fx
import data.security.evidence_append_only

_id := "EV-2026-0104"

_file := "evidence/artifacts/EV-2026-0104.pdf"

_sha := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

_other_sha := "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"

# The restore test evidence as committed at the merge base.
_restore := fx.evidence_of(_id, "backup_restore_test", ["CI-0002"], "2026-10-20T09:00:00Z", "pass")

# An input holding the head manifests, with a gate whose merge base held the
# before manifests and that lists the given files (path to status and origin).
_doc(heads, befores, files) := object.union(fx.doc({"evidence": heads}), {"gate": {
	"base": "b1",
	"merge_base": "b1",
	"head": "h1",
	"author": null,
	"author_email": null,
	"files": files,
	"before": {"evidence": {r.id: r | some r in befores}},
}})

# The gate.files entry of a file the request modified.
_modified := {"status": "modified", "from": null}

# The manifest as committed, edited at the head: some top-level fields replaced.
_edited(fields) := _doc([fx.patch(_restore, fields)], [_restore], {_restore._path: _modified})

_finding(message, field) := {
	"check": "REG-SEC-022",
	"kind": "evidence",
	"id": _id,
	"message": message,
	"field": field,
}

test_meta if {
	object.remove(evidence_append_only.meta, ["example"]) == {
		"id": "REG-SEC-022",
		"title": "Committed evidence changed or deleted in a request",
		"description": concat(" ", [
			"Run by regent gate on a pull request. Evidence is only ever added to: a",
			"correction is new evidence with its own manifest. The check flags an",
			"evidence manifest that the request edits or deletes, and a file that a",
			"manifest lists (at the merge base or at the head) that the request",
			"modifies or deletes. Moving an artifact is allowed: the manifest may change",
			"an artifact's path when its sha256 stays the same and the request renames",
			"the file from the old path to the new one.",
		]),
		"severity": "critical",
		"remediation": concat(" ", [
			"Restore the manifest and its files as they were at the merge base. Record",
			"a correction or a newer result as new evidence with its own manifest and",
			"files; move a file only with git mv, keeping its bytes and its hash.",
		]),
		"kinds": ["evidence"],
		"evidence": [],
		"config": [],
		"controls": {
			"cobit4": ["DS11.6", "ME2.1"],
			"cobit2019": ["DSS06.05", "MEA02.01"],
			"iso20000": ["7.5"],
			"iso17799": ["10.10.3", "15.1.3"],
			"iso27002": ["5.33", "8.15"],
		},
	}
}

test_fail_result_edited if {
	found := evidence_append_only.violation with input as _edited({"result": "fail"})
	found == {_finding("EV-2026-0104's manifest was edited in this request: result changed from pass to fail", ["result"])}
}

test_fail_fields_added_changed_and_removed if {
	head := fx.patch(object.remove(_restore, ["collected_by"]), {"subject": ["CI-0001"], "period": "2026-10"})
	found := evidence_append_only.violation with input as _doc([head], [_restore], {})
	found == {
		_finding("EV-2026-0104's manifest was edited in this request: collected_by removed", ["collected_by"]),
		_finding("EV-2026-0104's manifest was edited in this request: subject changed", ["subject"]),
		_finding("EV-2026-0104's manifest was edited in this request: period added", ["period"]),
	}
}

test_fail_artifact_hash_edited if {
	found := evidence_append_only.violation with input as _edited({"artifacts": [{"path": _file, "sha256": _other_sha}]})
	found == {_finding(
		"EV-2026-0104's manifest was edited in this request: artifacts entry 0 changed from evidence/artifacts/EV-2026-0104.pdf (sha256 9f86d081884c...) to evidence/artifacts/EV-2026-0104.pdf (sha256 60303ae22b99...)",
		["artifacts", 0],
	)}
}

test_fail_artifact_path_changed_without_moving_the_file if {
	moved := [{"path": "evidence/2026/EV-2026-0104.pdf", "sha256": _sha}]
	message := "EV-2026-0104's manifest was edited in this request: artifacts entry 0 changed from evidence/artifacts/EV-2026-0104.pdf (sha256 9f86d081884c...) to evidence/2026/EV-2026-0104.pdf (sha256 9f86d081884c...)"
	not_renamed := evidence_append_only.violation with input as _doc(
		[fx.patch(_restore, {"artifacts": moved})], [_restore],
		{"evidence/2026/EV-2026-0104.pdf": {"status": "added", "from": null}},
	)
	not_renamed == {_finding(message, ["artifacts", 0])}
	renamed_from_elsewhere := evidence_append_only.violation with input as _doc(
		[fx.patch(_restore, {"artifacts": moved})], [_restore],
		{"evidence/2026/EV-2026-0104.pdf": {"status": "renamed", "from": "evidence/other.pdf"}},
	)
	renamed_from_elsewhere == {_finding(message, ["artifacts", 0])}
}

test_fail_artifact_moved_and_rehashed if {
	moved := [{"path": "evidence/2026/EV-2026-0104.pdf", "sha256": _other_sha}]
	found := evidence_append_only.violation with input as _doc(
		[fx.patch(_restore, {"artifacts": moved})], [_restore],
		{"evidence/2026/EV-2026-0104.pdf": {"status": "renamed", "from": _file}},
	)
	{f.field | some f in found} == {["artifacts", 0]}
}

test_pass_artifact_moved_with_its_file if {
	moved := [{"path": "evidence/2026/EV-2026-0104.pdf", "sha256": _sha}]
	files := {
		_restore._path: _modified,
		"evidence/2026/EV-2026-0104.pdf": {"status": "renamed", "from": _file},
	}
	count(evidence_append_only.violation) == 0 with input as _doc([fx.patch(_restore, {"artifacts": moved})], [_restore], files)
}

test_fail_artifact_added if {
	artifacts := array.concat(_restore.artifacts, [{"path": "evidence/artifacts/extra.csv", "sha256": _other_sha}])
	found := evidence_append_only.violation with input as _edited({"artifacts": artifacts})
	found == {_finding(
		"EV-2026-0104's manifest was edited in this request: artifact evidence/artifacts/extra.csv (sha256 60303ae22b99...) was added to it",
		["artifacts", 1],
	)}
}

test_fail_artifact_removed if {
	found := evidence_append_only.violation with input as _edited({"artifacts": []})
	found == {_finding(
		"EV-2026-0104's manifest was edited in this request: artifact evidence/artifacts/EV-2026-0104.pdf (sha256 9f86d081884c...) was removed from it",
		["artifacts"],
	)}
}

test_fail_empty_artifacts_field_removed if {
	before := fx.patch(_restore, {"artifacts": []})
	found := evidence_append_only.violation with input as _doc([object.remove(_restore, ["artifacts"])], [before], {})
	found == {_finding("EV-2026-0104's manifest was edited in this request: artifacts removed", ["artifacts"])}
}

test_fail_manifest_deleted if {
	found := evidence_append_only.violation with input as _doc([], [_restore], {_restore._path: {"status": "deleted", "from": null}})
	found == {_finding("EV-2026-0104's manifest evidence/EV-2026-0104.yaml was deleted in this request", [])}
}

test_fail_manifest_deleted_with_its_file if {
	files := {_restore._path: {"status": "deleted", "from": null}, _file: {"status": "deleted", "from": null}}
	found := evidence_append_only.violation with input as _doc([], [object.remove(_restore, ["_path"])], files)
	found == {
		_finding("EV-2026-0104's manifest file was deleted in this request", []),
		_finding(
			"EV-2026-0104 listed artifact evidence/artifacts/EV-2026-0104.pdf at the merge base, which this request deletes",
			["artifacts", 0, "path"],
		),
	}
}

test_fail_artifact_file_modified if {
	found := evidence_append_only.violation with input as _doc([_restore], [], {_file: _modified})
	found == {_finding("EV-2026-0104 lists artifact evidence/artifacts/EV-2026-0104.pdf, which this request modifies", ["artifacts", 0, "path"])}
}

test_fail_artifact_file_deleted_and_dropped_from_the_manifest if {
	files := {_restore._path: _modified, _file: {"status": "deleted", "from": null}}
	found := evidence_append_only.violation with input as _doc([fx.patch(_restore, {"artifacts": []})], [_restore], files)
	found == {
		_finding(
			"EV-2026-0104's manifest was edited in this request: artifact evidence/artifacts/EV-2026-0104.pdf (sha256 9f86d081884c...) was removed from it",
			["artifacts"],
		),
		_finding(
			"EV-2026-0104 listed artifact evidence/artifacts/EV-2026-0104.pdf at the merge base, which this request deletes",
			["artifacts"],
		),
	}
}

test_fail_new_manifest_over_a_modified_file if {
	added := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0002"], "2026-11-20T09:00:00Z", "pass")
	claims := fx.patch(added, {"artifacts": _restore.artifacts})
	files := {added._path: {"status": "added", "from": null}, _file: _modified}
	found := evidence_append_only.violation with input as _doc([_restore, claims], [], files)
	{[f.id, f.field] | some f in found} == {[_id, ["artifacts", 0, "path"]], ["EV-2026-0200", ["artifacts", 0, "path"]]}
}

test_pass_new_evidence_added if {
	added := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0002"], "2026-11-20T09:00:00Z", "pass")
	files := {
		added._path: {"status": "added", "from": null},
		added.artifacts[0].path: {"status": "added", "from": null},
	}
	count(evidence_append_only.violation) == 0 with input as _doc([_restore, added], [], files)
}

test_pass_manifest_moved_without_an_edit if {
	head := fx.patch(_restore, {"_path": "evidence/2026/EV-2026-0104.yaml"})
	files := {head._path: {"status": "renamed", "from": _restore._path}}
	count(evidence_append_only.violation) == 0 with input as _doc([head], [_restore], files)
}

test_pass_artifact_file_only_renamed if {
	files := {"evidence/2026/EV-2026-0104.pdf": {"status": "renamed", "from": _file}}
	count(evidence_append_only.violation) == 0 with input as _doc([_restore], [], files)
}

test_pass_other_files_modified if {
	files := {"changes/CHG-2026-0042.yaml": _modified, "evidence/README.md": _modified}
	count(evidence_append_only.violation) == 0 with input as _doc([_restore], [], files)
}

test_pass_without_a_gate if {
	count(evidence_append_only.violation) == 0 with input as fx.world
}
