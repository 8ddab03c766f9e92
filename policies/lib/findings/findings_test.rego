package lib.findings_test

import data.lib.findings

_annotations := {
	"scope": "package",
	"title": "Something to check",
	"description": "Why it matters.",
	"custom": {
		"id": "REG-TST-001",
		"severity": "low",
		"remediation": "Fix it.",
		"kinds": ["change", "evidence"],
		"evidence": ["test_report"],
		"config": ["thresholds.emergency_review_days"],
		"controls": {"cobit4": ["AI6.2"]},
		"example": {"change": [{"id": "CHG-1"}]},
	},
}

_chain := [
	{"path": ["data", "cobit", "example", "violation"]},
	{"path": ["data", "cobit", "example"], "annotations": _annotations},
]

test_pass_metadata_from_nearest_annotated_link if {
	findings.metadata(_chain) == {
		"id": "REG-TST-001",
		"title": "Something to check",
		"description": "Why it matters.",
		"severity": "low",
		"remediation": "Fix it.",
		"kinds": ["change", "evidence"],
		"evidence": ["test_report"],
		"config": ["thresholds.emergency_review_days"],
		"controls": {"cobit4": ["AI6.2"]},
		"example": {"change": [{"id": "CHG-1"}]},
	}
}

test_pass_metadata_skips_links_without_an_id if {
	chain := array.flatten([
		[{"path": ["data", "cobit", "example", "meta"], "annotations": {"scope": "rule", "title": "A rule note"}}],
		_chain,
		[{"path": ["data", "cobit"], "annotations": {"custom": {"id": "REG-TST-999"}}}],
	])
	findings.metadata(chain).id == "REG-TST-001"
	findings.metadata(chain).title == "Something to check"
}

test_pass_metadata_fills_gaps_with_empty_values if {
	chain := [{"path": ["data", "custom", "bare"], "annotations": {"custom": {"id": "ACME-CHG-001"}}}]
	findings.metadata(chain) == {
		"id": "ACME-CHG-001",
		"title": "",
		"description": "",
		"severity": "",
		"remediation": "",
		"kinds": [],
		"evidence": [],
		"config": [],
		"controls": {},
		"example": {},
	}
}

test_pass_metadata_undefined_without_id if {
	not findings.metadata([{"path": ["data", "x"], "annotations": {"title": "No id"}}, {"path": ["data"]}])
}

test_pass_new_builds_finding if {
	record := {"kind": "change", "id": "CHG-2026-0001", "title": "A change"}
	findings.new(_chain, "change", record, "CHG-2026-0001 is wrong", ["approvals", 0, "by"]) == {
		"check": "REG-TST-001",
		"kind": "change",
		"id": "CHG-2026-0001",
		"message": "CHG-2026-0001 is wrong",
		"field": ["approvals", 0, "by"],
	}
}

# METADATA
# title: Annotated test rule
# custom:
#   id: REG-TST-002
#   severity: medium
#   remediation: None needed.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.2]
test_pass_real_chain if {
	meta := findings.metadata(rego.metadata.chain())
	meta.id == "REG-TST-002"
	meta.title == "Annotated test rule"
	meta.severity == "medium"
	findings.new(rego.metadata.chain(), "waiver", {"id": "W-1"}, "m", []).check == "REG-TST-002"
}

test_metadata_marks_a_check_that_rejects_waivers if {
	chain := [{"path": ["data", "x"], "annotations": {"title": "T", "custom": {"id": "REG-TST-002", "rejects_waivers": true}}}]
	findings.metadata(chain).rejects_waivers == true
	not "rejects_waivers" in object.keys(findings.metadata(_chain))
	plain := [{"path": ["data", "x"], "annotations": {"title": "T", "custom": {"id": "REG-TST-003", "rejects_waivers": "yes"}}}]
	not "rejects_waivers" in object.keys(findings.metadata(plain))
}
