package security.record_dated_after_commit_test

import data.lib.fixtures_test as fx
import data.security.record_dated_after_commit

# Commits at 12:00 UTC on 2026-10-01 (c0), 10-02 (c1), 10-06 (c5) and 10-08 (c7).
_commits := {
	"c0": fx.commit_by("alice", 0),
	"c1": fx.commit_by("carol", 1),
	"c5": fx.commit_by("bob", 5),
	"c7": fx.commit_by("dave", 7),
}

# The base change as its history would record it: created in c0, approved in
# c1, implemented in c5, reviewed and closed in c7.
_change := fx.patch(fx.change, {"_git": {
	"created": "c0", "last": "c7", "commits": 4, "touched": ["c7", "c5", "c1", "c0"],
	"fields": {"approvals": "c1", "implementation": "c5", "review": "c7", "closure": "c7", "status": "c7"},
	"approvals": ["c1"],
}})

_change_with(fields) := fx.patch(_change, fields)

_with_git(r, facts) := fx.patch(r, {"_git": object.union(r._git, facts)})

_doc(records) := fx.git_doc(records, _commits)

test_meta if {
	object.remove(record_dated_after_commit.meta, ["config", "example"]) == {
		"id": "REG-SEC-021",
		"title": "Record dated after the commit that recorded it",
		"description": concat(" ", [
			"A record cannot tell of something that had not yet happened when it was",
			"committed. The check flags each timestamp of a past event (a change's",
			"creation, an approval, an implementation, a review, a closure, an",
			"acceptance, a deployment, an incident or problem being opened, resolved or",
			"closed, evidence being collected, a report being reviewed, a waiver being",
			"approved) that is later than the commit that recorded it, by more than the",
			"allowed clock skew: either the commit was backdated or the record was",
			"written ahead of the facts. Planned dates are not judged, nor values only",
			"in the work tree, nor commits at the edge of a shallow clone.",
		]),
		"severity": "medium",
		"remediation": concat(" ", [
			"Find out whether the event took place when the record says. If the record",
			"was written in advance, correct it to what happened and when; if the",
			"commit's date is wrong, fix the committer's clock and have the record",
			"reviewed. Raise commit_clock_skew_minutes only for clocks known to drift.",
		]),
		"kinds": ["change", "release", "incident", "problem", "evidence", "service_report", "waiver"],
		"evidence": [],
		"controls": {
			"cobit4": ["DS11.6", "DS13.3"],
			"cobit2019": ["DSS01.03", "DSS06.05"],
			"iso20000": ["7.5"],
			"iso17799": ["10.10.3", "10.10.6", "15.1.3"],
			"iso27002": ["5.33", "8.15", "8.17"],
		},
	}
	record_dated_after_commit.meta.config == ["thresholds.commit_clock_skew_minutes"]
}

test_fail_approval_dated_after_its_commit if {
	change := _change_with({"approvals": [{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T13:00:01Z"}]})
	found := record_dated_after_commit.violation with input as _doc({"change": [change]})
	found == {{
		"check": "REG-SEC-021",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042's approval by carol is dated 2026-10-02T13:00:01Z, after commit c1 by Carol <carol@example.com> recorded it at 2026-10-02T12:00:00Z",
		"field": ["approvals", 0, "at"],
	}}
}

test_fail_approval_without_its_own_commit_falls_back_to_the_creating_one if {
	change := fx.patch(_change, {"_git": object.remove(_change._git, ["approvals"])})
	found := record_dated_after_commit.violation with input as _doc({"change": [change]})
	found == {{
		"check": "REG-SEC-021",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042's approval by carol is dated 2026-10-02T10:00:00Z, after commit c0 by Alice <alice@example.com> recorded it at 2026-10-01T12:00:00Z",
		"field": ["approvals", 0, "at"],
	}}
}

test_fail_nested_timestamp_dated_after_the_commit_of_its_field if {
	change := _change_with({"implementation": {"started": "2026-10-05T22:05:00Z", "completed": "2026-10-06T13:31:00+00:30", "by": "bob"}})
	found := record_dated_after_commit.violation with input as _doc({"change": [change]})
	found == {{
		"check": "REG-SEC-021",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042's implementation.completed is dated 2026-10-06T13:31:00+00:30, after commit c5 by Bob <bob@example.com> recorded it at 2026-10-06T12:00:00Z",
		"field": ["implementation", "completed"],
	}}
}

test_fail_date_counts_from_its_start if {
	dated := {"opened": "2026-10-03", "resolved": "2026-10-02", "closed": "2026-10-02T09:00:00Z"}
	incident := fx.patch(fx.recorded(fx.incident, ["c1"]), dated)
	found := record_dated_after_commit.violation with input as _doc({"incident": [incident]})
	found == {{
		"check": "REG-SEC-021",
		"kind": "incident",
		"id": "INC-2026-0001",
		"message": "INC-2026-0001's opened is dated 2026-10-03, after commit c1 by Carol <carol@example.com> recorded it at 2026-10-02T12:00:00Z",
		"field": ["opened"],
	}}
}

test_fail_every_event_of_every_kind if {
	records := {kind: [fx.recorded(r, ["c0"]) | some r in list] | some kind, list in fx.world_records}
	found := record_dated_after_commit.violation with input as _doc(records)
	{[f.kind, f.id, f.field] | some f in found} == {
		["change", "CHG-2026-0042", ["approvals", 0, "at"]],
		["change", "CHG-2026-0042", ["implementation", "started"]],
		["change", "CHG-2026-0042", ["implementation", "completed"]],
		["change", "CHG-2026-0042", ["review", "at"]],
		["change", "CHG-2026-0042", ["closure", "at"]],
		["change", "CHG-2026-0050", ["approvals", 0, "at"]],
		["change", "CHG-2026-0050", ["implementation", "started"]],
		["change", "CHG-2026-0050", ["implementation", "completed"]],
		["change", "CHG-2026-0050", ["review", "at"]],
		["change", "CHG-2026-0050", ["closure", "at"]],
		["release", "REL-2026-0010", ["approvals", 0, "at"]],
		["release", "REL-2026-0010", ["acceptance", "at"]],
		["release", "REL-2026-0010", ["deployed", "at"]],
		["incident", "INC-2026-0001", ["opened"]],
		["incident", "INC-2026-0001", ["resolved"]],
		["incident", "INC-2026-0001", ["closed"]],
		["incident", "INC-2026-0007", ["opened"]],
		["incident", "INC-2026-0007", ["resolved"]],
		["incident", "INC-2026-0007", ["closed"]],
		["problem", "PRB-2026-0003", ["opened"]],
		["problem", "PRB-2026-0003", ["resolved"]],
		["service_report", "SR-2026-10-SVC-0001", ["reviewed_at"]],
		["waiver", "WVR-2026-0001", ["approved_at"]],
		["evidence", "EV-2026-0001", ["collected_at"]],
		["evidence", "EV-2026-0103", ["collected_at"]],
		["evidence", "EV-2026-0104", ["collected_at"]],
		["evidence", "EV-2026-0105", ["collected_at"]],
		["evidence", "EV-2026-0106", ["collected_at"]],
		["evidence", "EV-2026-0107", ["collected_at"]],
		["evidence", "EV-2026-0108", ["collected_at"]],
	}
}

test_fail_release_approval_by_no_one_named if {
	release := fx.patch(fx.recorded(fx.release, ["c5"]), {"approvals": [{"decision": "approved", "at": "2026-10-09T10:00:00Z"}]})
	found := record_dated_after_commit.violation with input as _doc({"release": [release]})
	found == {{
		"check": "REG-SEC-021",
		"kind": "release",
		"id": "REL-2026-0010",
		"message": "REL-2026-0010's approval by someone is dated 2026-10-09T10:00:00Z, after commit c5 by Bob <bob@example.com> recorded it at 2026-10-06T12:00:00Z",
		"field": ["approvals", 0, "at"],
	}}
}

test_pass_dated_before_its_commits if {
	count(record_dated_after_commit.violation) == 0 with input as _doc({"change": [_change]})
}

test_pass_within_the_clock_skew if {
	change := _change_with({"approvals": [{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T13:00:00Z"}]})
	count(record_dated_after_commit.violation) == 0 with input as _doc({"change": [change]})
}

test_pass_skew_from_the_configuration if {
	change := _change_with({"approvals": [{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T14:00:00Z"}]})
	doc := fx.git_doc({"change": [change]}, _commits)
	config := json.patch(doc.config, [{"op": "replace", "path": "/thresholds/commit_clock_skew_minutes", "value": 120}])
	count(record_dated_after_commit.violation) == 0 with input as object.union(doc, {"config": config})
}

test_pass_planned_dates_are_not_judged if {
	change := _change_with({"schedule": {"start": "2026-12-05T22:00:00Z", "end": "2026-12-06T02:00:00Z"}})
	count(record_dated_after_commit.violation) == 0 with input as _doc({"change": [change]})
}

test_pass_records_without_history_facts if {
	count(record_dated_after_commit.violation) == 0 with input as object.union(fx.world, {"git": {"commits": _commits}})
}

test_pass_values_only_in_the_work_tree if {
	change := _with_git(
		_change_with({"review": {"at": "2026-11-20T09:00:00Z", "by": "dave", "outcome": "successful"}}),
		{"fields": {"review": null}, "approvals": [null]},
	)
	later := fx.patch(change, {"approvals": [{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-11-20T10:00:00Z"}]})
	untracked := fx.patch(fx.incident, {"_git": {"created": null, "last": null, "commits": 0}})
	count(record_dated_after_commit.violation) == 0 with input as _doc({"change": [later], "incident": [untracked]})
}

test_pass_boundary_and_unknown_commits if {
	commits := object.union(_commits, {"c0": fx.patch(fx.commit_by("alice", 0), {"boundary": true})})
	waiver := fx.recorded(fx.waiver, ["c0"])
	problem := fx.recorded(fx.problem, ["c9"])
	count(record_dated_after_commit.violation) == 0 with input as fx.git_doc({"waiver": [waiver], "problem": [problem]}, commits)
}

# c1 was committed at 12:00 UTC and the skew is an hour: 13:00:00Z is the limit.
_approved_at(at) := _change_with({"approvals": [{"by": "carol", "role": "cab", "decision": "approved", "at": at}]})

test_fail_timestamp_with_an_offset_past_the_limit if {
	found := record_dated_after_commit.violation with input as _doc({"change": [_approved_at("2026-10-02T14:00:01+01:00")]})
	{f.field | some f in found} == {["approvals", 0, "at"]}
}

test_pass_timestamp_with_an_offset_within_the_limit if {
	# Later than 13:00 as written, but 12:30 UTC.
	count(record_dated_after_commit.violation) == 0 with input as _doc({"change": [_approved_at("2026-10-02T14:30:00+02:00")]})
}

test_fail_fractions_of_a_second_past_the_limit if {
	found := record_dated_after_commit.violation with input as _doc({"change": [_approved_at("2026-10-02T13:00:00.5Z")]})
	{f.field | some f in found} == {["approvals", 0, "at"]}
}

test_pass_a_value_with_a_negative_offset_written_the_day_before if {
	# 2026-10-01 23:30 at -12:00 is 2026-10-02T11:30:00Z, before c1's limit.
	count(record_dated_after_commit.violation) == 0 with input as _doc({"change": [_approved_at("2026-10-01T23:30:00-12:00")]})
}

test_fail_a_value_with_a_negative_offset_past_the_limit if {
	# 01:30 at -12:00 is 13:30 UTC: after the limit although it reads earlier.
	found := record_dated_after_commit.violation with input as _doc({"change": [_approved_at("2026-10-02T01:30:00-12:00")]})
	{f.field | some f in found} == {["approvals", 0, "at"]}
}
