package security.evidence_artifacts_test

import data.lib.fixtures_test as fx
import data.security.evidence_artifacts

_finding(id, message, field) := {
	"check": "REG-SEC-012",
	"kind": "evidence",
	"id": id,
	"message": message,
	"field": field,
}

_sha := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

# The world's backup evidence with its artifacts replaced.
_backup(artifacts) := fx.patch(
	fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "pass"),
	{"artifacts": artifacts},
)

_at(path) := _backup([{"path": path, "sha256": _sha}])

_escaping(path) := _finding(
	"EV-2026-0105",
	sprintf("EV-2026-0105 lists artifact %s, a path that is absolute or leaves the repository", [path]),
	["artifacts", 0, "path"],
)

test_meta if {
	evidence_artifacts.meta.id == "REG-SEC-012"
	evidence_artifacts.meta.kinds == ["evidence"]
	evidence_artifacts.meta.config == []
	evidence_artifacts.meta.controls.iso27002 == ["5.33"]
}

test_pass_world if {
	count(evidence_artifacts.violation) == 0 with input as fx.world
}

test_fail_no_artifacts_listed if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [object.remove(_backup([]), ["artifacts"])]})
	found == {_finding("EV-2026-0105", "EV-2026-0105 lists no artifacts, so no file in the repository backs it", ["artifacts"])}
}

test_fail_empty_artifacts if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([])]})
	found == {_finding("EV-2026-0105", "EV-2026-0105 lists no artifacts, so no file in the repository backs it", ["artifacts"])}
}

test_fail_artifacts_not_a_list if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup(null)]})
	found == {_finding("EV-2026-0105", "EV-2026-0105 lists no artifacts, so no file in the repository backs it", ["artifacts"])}
}

test_fail_uppercase_hash if {
	shouted := upper(_sha)
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([
		{"path": "evidence/backups/ok.log", "sha256": _sha},
		{"path": "evidence/backups/db.log", "sha256": shouted},
	])]})
	found == {_finding(
		"EV-2026-0105",
		sprintf("EV-2026-0105 lists artifact evidence/backups/db.log with sha256 %s, which is not 64 lowercase hexadecimal characters", [shouted]),
		["artifacts", 1, "sha256"],
	)}
}

test_fail_short_hash if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([{"path": "evidence/backups/db.log", "sha256": "abc123"}])]})
	found == {_finding(
		"EV-2026-0105",
		"EV-2026-0105 lists artifact evidence/backups/db.log with sha256 abc123, which is not 64 lowercase hexadecimal characters",
		["artifacts", 0, "sha256"],
	)}
}

test_fail_hash_of_another_length if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([{"path": "a.log", "sha256": concat("", [_sha, "00"])}])]})
	{f.field | some f in found} == {["artifacts", 0, "sha256"]}
}

test_fail_hash_not_hexadecimal if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([{"path": "a.log", "sha256": replace(_sha, "9", "g")}])]})
	{f.field | some f in found} == {["artifacts", 0, "sha256"]}
}

test_fail_hash_missing if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([{"path": "evidence/backups/db.log"}])]})
	found == {_finding("EV-2026-0105", "EV-2026-0105 lists artifact evidence/backups/db.log with no sha256", ["artifacts", 0, "sha256"])}
}

test_fail_hash_not_a_string if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([{"path": "a.log", "sha256": 12}])]})
	found == {_finding(
		"EV-2026-0105",
		"EV-2026-0105 lists artifact a.log with sha256 12, which is not 64 lowercase hexadecimal characters",
		["artifacts", 0, "sha256"],
	)}
}

test_fail_hash_and_path_missing if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([{}])]})
	found == {_finding("EV-2026-0105", "EV-2026-0105 lists artifact 0 with no sha256", ["artifacts", 0, "sha256"])}
}

test_fail_absolute_path if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_at("/etc/backups/db.log")]})
	found == {_escaping("/etc/backups/db.log")}
}

test_fail_windows_paths if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_at(`C:\backups\db.log`)]})
	found == {_escaping(`C:\backups\db.log`)}
	found_unc := evidence_artifacts.violation with input as fx.world_with({"evidence": [_at(`\\server\share\db.log`)]})
	found_unc == {_escaping(`\\server\share\db.log`)}
}

test_fail_climbing_paths if {
	every path in ["../outside.log", "evidence/../../outside.log", "evidence/..", "..", `evidence\..\..\x.log`] {
		found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_at(path)]})
		found == {_escaping(path)}
	}
}

test_pass_dots_inside_names if {
	every path in ["evidence/..hidden/db.log", "evidence/db..log", "evidence/./db.log", "evidence/backups/db.log..", ".../x"] {
		count(evidence_artifacts.violation) == 0 with input as fx.world_with({"evidence": [_at(path)]})
	}
}

test_fail_both_flaws_on_one_artifact if {
	found := evidence_artifacts.violation with input as fx.world_with({"evidence": [_backup([{"path": "/tmp/x.log", "sha256": "x"}])]})
	{f.field | some f in found} == {["artifacts", 0, "sha256"], ["artifacts", 0, "path"]}
}
