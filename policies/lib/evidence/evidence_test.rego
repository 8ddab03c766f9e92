package lib.evidence_test

import data.lib.dates
import data.lib.evidence
import data.lib.fixtures_test as fx

_manifests := [
	fx.evidence_of("ev-1", "backup", ["CI-1", "CI-2"], "2026-11-01T00:00:00Z", "pass"),
	fx.evidence_of("ev-2", "backup", ["CI-1"], "2026-11-20T00:00:00Z", "fail"),
	fx.evidence_of("ev-3", "backup", ["CI-1"], "2026-11-10T00:00:00Z", "pass"),
	fx.evidence_of("ev-4", "restore", ["CI-1"], "2026-11-22T00:00:00Z", "pass"),
	object.union(fx.evidence_of("ev-5", "access_review", ["CI-1"], "2026-10-05T00:00:00Z", "pass"), {"period": "2026-Q3"}),
	# Collected after the reference time: it does not count.
	fx.evidence_of("ev-6", "backup", ["CI-1"], "2026-11-30T00:00:00Z", "pass"),
]

_doc := fx.doc({"evidence": _manifests})

test_pass_by_type if {
	{e.id | some e in evidence.by_type.backup} == {"ev-1", "ev-2", "ev-3", "ev-6"} with input as _doc
}

test_pass_last_whatever_the_result if {
	evidence.last("backup", "CI-1").id == "ev-2" with input as _doc
	evidence.last("backup", "CI-2").id == "ev-1" with input as _doc
	not evidence.last("backup", "CI-3") with input as _doc
	not evidence.last("scan", "CI-1") with input as _doc
}

test_pass_last_passed_skips_failures_and_the_future if {
	evidence.last_passed("backup", "CI-1").id == "ev-3" with input as _doc
	evidence.last_passed("restore", "CI-1").id == "ev-4" with input as _doc
	not evidence.last_passed("backup", "CI-3") with input as _doc
}

test_pass_passed_within if {
	ref := dates.ns("2026-11-23T00:00:00Z")
	evidence.passed_within("backup", "CI-1", 13, ref) with input as _doc
	not evidence.passed_within("backup", "CI-1", 12, ref) with input as _doc
	not evidence.passed_within("backup", "CI-9", 100, ref) with input as _doc
}

test_pass_collected_within_whatever_the_result if {
	ref := dates.ns("2026-11-23T00:00:00Z")
	evidence.collected_within("backup", "CI-1", 3, ref) with input as _doc
	not evidence.collected_within("backup", "CI-1", 2, ref) with input as _doc
	not evidence.collected_within("backup", "CI-9", 100, ref) with input as _doc
}

test_pass_periods if {
	["access_review", "CI-1", "2026-Q3"] in evidence.periods with input as _doc
	not ["access_review", "CI-1", "2026-Q4"] in evidence.periods with input as _doc
}

test_pass_last_pass_phrase if {
	evidence.last_pass_phrase("backup", "CI-2") == "last passed at 2026-11-01T00:00:00Z" with input as _doc
	evidence.last_pass_phrase("backup", "CI-9") == "never passed" with input as _doc
}

test_pass_no_evidence if {
	not evidence.last("backup", "CI-1") with input as fx.doc({})
}
