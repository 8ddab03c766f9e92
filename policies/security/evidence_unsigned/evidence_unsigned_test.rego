package security.evidence_unsigned_test

import data.lib.fixtures_test as fx
import data.security.evidence_unsigned

_finding(message, field) := {
	"check": "REG-SEC-019",
	"kind": "evidence",
	"id": "EV-2026-0105",
	"message": message,
	"field": field,
}

_sha := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

_backup := fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "pass")

# History facts of a file touched by the given commits, newest first.
_facts(shas) := fx.recorded({}, shas)._git

# The facts of an artifact at path, touched by the given commits.
_file(path, shas) := object.union({"path": path, "present": true, "sha256": _sha}, _facts(shas))

# The backup evidence with facts about its manifest and its artifacts.
_evidence(manifest, artifacts) := fx.patch(_backup, {"_git": object.union(manifest, {"artifacts": artifacts})})

# A commit by a person at an order, with a signature status.
_signed(person, order, signature) := fx.patch(fx.commit_by(person, order), {"signature": signature})

_good := {
	"c1": _signed("dave", 1, "good"),
	"c2": _signed("bob", 2, "good"),
	"c3": _signed("alice", 3, "good"),
}

# An input with the given evidence, commits c1 to c3 signed well but for the
# given ones, and signed evidence required.
_doc(evidence, commits) := object.union(
	fx.git_doc({"evidence": [evidence]}, object.union(_good, commits)),
	{"config": object.union(fx.config, {"require_signed_evidence": true})},
)

_only := _evidence(_facts(["c1"]), [_file("evidence/artifacts/EV-2026-0105.pdf", ["c1"])])

test_meta if {
	object.remove(evidence_unsigned.meta, ["config", "example"]) == {
		"id": "REG-SEC-019",
		"title": "Evidence committed without a verified signature",
		"description": concat(" ", [
			"Where the organisation requires signed evidence (require_signed_evidence),",
			"every commit that adds or changes an evidence manifest or one of the files",
			"it lists must carry a signature that git verifies against a trusted key,",
			"so that who recorded the evidence cannot be disputed. The check flags each",
			"such commit that is unsigned or whose signature is untrusted, bad,",
			"expired, made with a revoked key or could not be checked: one finding per",
			"manifest and commit. Commits at the edge of a shallow clone are not",
			"judged, and nothing is flagged while the setting is off.",
		]),
		"severity": "high",
		"remediation": concat(" ", [
			"Sign evidence commits with a key that git trusts (commit -S, with the",
			"key in the allowed signers or the keyring the scan uses). For evidence",
			"already committed, have its owner confirm the content and record a new,",
			"signed manifest for it.",
		]),
		"kinds": ["evidence"],
		"evidence": [],
		"controls": {
			"cobit4": ["DS11.6", "ME2.1"],
			"cobit2019": ["DSS06.05", "MEA02.01"],
			"iso20000": ["7.5"],
			"iso17799": ["10.10.3", "15.1.3"],
			"iso27002": ["5.33", "8.15", "8.24"],
		},
	}
	evidence_unsigned.meta.config == ["require_signed_evidence"]
}

test_fail_each_signature_status if {
	reasons := {
		"none": "unsigned",
		"untrusted": "signed by a key git does not trust",
		"bad": "whose signature does not verify",
		"expired": "whose signature has expired",
		"revoked": "signed by a revoked key",
		"unverifiable": "whose signature git could not check",
		"odd": "whose signature git reports as odd",
	}
	every signature, reason in reasons {
		found := evidence_unsigned.violation with input as _doc(_only, {"c1": _signed("dave", 1, signature)})
		found == {_finding(
			sprintf("EV-2026-0105: evidence/EV-2026-0105.yaml was committed in commit c1 by Dave <dave@example.com>, %s", [reason]),
			[],
		)}
	}
}

test_fail_one_finding_per_commit if {
	# c1 added the manifest and its file; c2 changed both; c3 changed the file alone.
	evidence := _evidence(_facts(["c2", "c1"]), [_file("evidence/artifacts/EV-2026-0105.pdf", ["c3", "c2", "c1"])])
	found := evidence_unsigned.violation with input as _doc(evidence, {
		"c1": _signed("dave", 1, "none"),
		"c2": _signed("bob", 2, "none"),
		"c3": _signed("alice", 3, "bad"),
	})
	found == {
		_finding("EV-2026-0105: evidence/EV-2026-0105.yaml was committed in commit c1 by Dave <dave@example.com>, unsigned", []),
		_finding("EV-2026-0105: evidence/EV-2026-0105.yaml was committed in commit c2 by Bob <bob@example.com>, unsigned", []),
		_finding(
			"EV-2026-0105: artifact evidence/artifacts/EV-2026-0105.pdf was committed in commit c3 by Alice <alice@example.com>, whose signature does not verify",
			["artifacts", 0, "path"],
		),
	}
}

test_fail_commit_on_artifacts_alone_names_the_first if {
	evidence := _evidence(_facts(["c1"]), [
		null,
		_file("evidence/backups/db.log", ["c2", "c1"]),
		_file("evidence/backups/app.log", ["c2", "c1"]),
	])
	found := evidence_unsigned.violation with input as _doc(evidence, {"c2": _signed("bob", 2, "untrusted")})
	found == {_finding(
		"EV-2026-0105: artifact evidence/backups/db.log was committed in commit c2 by Bob <bob@example.com>, signed by a key git does not trust",
		["artifacts", 1, "path"],
	)}
}

test_fail_manifest_not_yet_committed if {
	evidence := _evidence(
		{"created": null, "last": null, "commits": 0, "uncommitted": true},
		[_file("evidence/backups/db.log", ["c1"])],
	)
	found := evidence_unsigned.violation with input as _doc(evidence, {"c1": _signed("dave", 1, "expired")})
	{f.field | some f in found} == {["artifacts", 0, "path"]}
}

test_fail_manifest_without_path if {
	evidence := object.remove(_only, ["_path"])
	found := evidence_unsigned.violation with input as _doc(evidence, {"c1": _signed("dave", 1, "revoked")})
	{f.message | some f in found} == {"EV-2026-0105: its manifest was committed in commit c1 by Dave <dave@example.com>, signed by a revoked key"}
}

test_pass_setting_off if {
	unsigned := {"c1": _signed("dave", 1, "none")}
	count(evidence_unsigned.violation) == 0 with input as fx.git_doc({"evidence": [_only]}, unsigned)
	doc := _doc(_only, unsigned)
	count(evidence_unsigned.violation) == 0 with input as doc with input.config.require_signed_evidence as false
	count(evidence_unsigned.violation) == 0 with input as doc with input.config as {}
}

test_pass_good_signatures if {
	evidence := _evidence(_facts(["c2", "c1"]), [_file("evidence/artifacts/EV-2026-0105.pdf", ["c3", "c1"])])
	count(evidence_unsigned.violation) == 0 with input as _doc(evidence, {})
}

test_pass_boundary_and_unknown_commits if {
	evidence := _evidence(_facts(["c9", "c1"]), [_file("evidence/artifacts/EV-2026-0105.pdf", ["c9", "c1"])])
	boundary := fx.patch(_signed("dave", 1, "none"), {"boundary": true})
	count(evidence_unsigned.violation) == 0 with input as _doc(evidence, {"c1": boundary})
}

test_pass_no_history_facts if {
	world := object.union(fx.world, {"config": object.union(fx.config, {"require_signed_evidence": true})})
	count(evidence_unsigned.violation) == 0 with input as world
	uncommitted := _evidence({"created": null, "last": null, "commits": 0, "uncommitted": true}, [null])
	count(evidence_unsigned.violation) == 0 with input as _doc(uncommitted, {})
}
