package lib.evidence_test

import data.lib.dates
import data.lib.evidence
import data.lib.fixtures_test as fx

_manifests := [
	fx.evidence_of("ev-1", "backup", ["CI-1", "CI-2"], "2026-11-01T00:00:00Z", "pass"),
	fx.evidence_of("ev-2", "backup", ["CI-1"], "2026-11-20T00:00:00Z", "fail"),
	fx.evidence_of("ev-3", "backup", ["CI-1"], "2026-11-10T00:00:00Z", "pass"),
	fx.evidence_of("ev-4", "restore", ["CI-1"], "2026-11-22T00:00:00Z", "pass"),
]

_doc := fx.doc({"evidence": _manifests})

test_pass_covering_filters_type_and_subject if {
	ids := {e.id | some e in evidence.covering("backup", "CI-1")} with input as _doc
	ids == {"ev-1", "ev-2", "ev-3"}
	evidence.covering("backup", "CI-3") == [] with input as _doc
	evidence.covering("scan", "CI-1") == [] with input as _doc
}

test_pass_last_pass_skips_failures if {
	evidence.last_pass("backup", "CI-1") == "2026-11-10T00:00:00Z" with input as _doc
	evidence.last_pass("backup", "CI-2") == "2026-11-01T00:00:00Z" with input as _doc
	not evidence.last_pass("backup", "CI-3") with input as _doc
}

test_pass_passed_within if {
	ref := dates.ns("2026-11-23T00:00:00Z")
	evidence.passed_within("backup", "CI-1", 13, ref) with input as _doc
	not evidence.passed_within("backup", "CI-1", 12, ref) with input as _doc
	not evidence.passed_within("backup", "CI-9", 100, ref) with input as _doc
}

test_pass_last_pass_phrase if {
	evidence.last_pass_phrase("backup", "CI-2") == "last passed at 2026-11-01T00:00:00Z" with input as _doc
	evidence.last_pass_phrase("backup", "CI-9") == "never passed" with input as _doc
}
