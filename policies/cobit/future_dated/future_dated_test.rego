package cobit.future_dated_test

import data.cobit.future_dated
import data.lib.fixtures_test as fx

_finding(kind, id, message, field) := {
	"check": "REG-GOV-005",
	"kind": kind,
	"id": id,
	"message": message,
	"field": field,
}

test_meta if {
	future_dated.meta.id == "REG-GOV-005"
	future_dated.meta.severity == "medium"
	future_dated.meta.kinds == ["configuration_item", "supplier", "change", "service_report", "evidence"]
	future_dated.meta.controls == {
		"cobit4": ["ME2.1"],
		"cobit2019": ["MEA02.01"],
		"iso20000": ["7.5"],
		"iso17799": ["15.1.3"],
		"iso27002": ["5.33"],
	}
}

test_pass_world if {
	count(future_dated.violation) == 0 with input as fx.world
}

test_fail_verified_after_the_scans_day if {
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-11-24"})
	found := future_dated.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding(
		"configuration_item", ci.id,
		"CI-0001 was last verified on 2026-11-24, after 2026-11-23, the day of the scan",
		["last_verified"],
	)}
}

test_pass_verified_on_the_scans_day if {
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-11-23"})
	count(future_dated.violation) == 0 with input as fx.world_with({"configuration_item": [ci]})
}

test_fail_each_kind_after_the_scans_day if {
	supplier := fx.patch(fx.supplier, {"last_review": "2027-01-05"})
	change := fx.change_with({"review": object.union(fx.change.review, {"at": "2026-11-24T08:00:00Z"})})
	report := fx.patch(fx.service_report, {"reviewed_at": "2026-11-30T10:00:00Z"})
	manifest := fx.evidence_of("EV-2026-0300", "access_review", ["CI-0001"], "2026-11-24t00:00:01z", "pass")
	records := {"supplier": [supplier], "change": [change], "service_report": [report], "evidence": [manifest]}
	found := future_dated.violation with input as fx.world_with(records)
	{[f.kind, f.field] | some f in found} == {
		["supplier", ["last_review"]],
		["change", ["review", "at"]],
		["service_report", ["reviewed_at"]],
		["evidence", ["collected_at"]],
	}
}

test_local_day_decides if {
	# 20:00 in Chicago on 23 November is 02:00 UTC on the 24th: tomorrow in UTC, today in Chicago.
	manifest := fx.evidence_of("EV-2026-0300", "access_review", ["CI-0001"], "2026-11-23T20:00:00-06:00", "pass")
	doc := fx.world_with({"evidence": [manifest]})
	{f.id | some f in future_dated.violation} == {"EV-2026-0300"} with input as doc
	count(future_dated.violation) == 0 with input as doc with input.config.timezone as "America/Chicago"
		with input.reference_time as "2026-11-24T05:59:59Z"
		with input.reference_ns as 1795499999000000000
}

# A CI whose last_verified field was recorded by commit c3 (2026-10-04, 12:00 UTC).
_verified_in_c3(day) := fx.patch(fx.patch(fx.configuration_item, {"last_verified": day}), {"_git": _facts})

_facts := {
	"created": "c1",
	"last": "c3",
	"commits": 2,
	"touched": ["c3", "c1"],
	"fields": {"last_verified": "c3"},
}

_commits := {"c1": fx.commit_by("alice", 0), "c3": fx.commit_by("dave", 3)}

test_fail_verified_after_the_commit_that_recorded_it if {
	ci := _verified_in_c3("2026-10-06")
	found := future_dated.violation with input as fx.git_doc({"configuration_item": [ci]}, _commits)
	found == {_finding(
		"configuration_item", ci.id,
		"CI-0001 was last verified on 2026-10-06, after 2026-10-04, the day commit c3 recorded it",
		["last_verified"],
	)}
}

test_pass_verified_on_the_day_of_its_commit if {
	ci := _verified_in_c3("2026-10-04")
	count(future_dated.violation) == 0 with input as fx.git_doc({"configuration_item": [ci]}, _commits)
}

test_pass_commit_at_the_edge_of_a_shallow_clone if {
	ci := _verified_in_c3("2026-10-06")
	edge := object.union(_commits, {"c3": object.union(_commits.c3, {"boundary": true})})
	count(future_dated.violation) == 0 with input as fx.git_doc({"configuration_item": [ci]}, edge)
}

test_pass_planned_dates_not_judged if {
	supplier := fx.patch(fx.supplier, {"contract": {"start": "2026-01-01", "end": "2028-12-31", "review_due": "2027-06-01"}})
	count(future_dated.violation) == 0 with input as fx.world_with({"supplier": [supplier]})
}
