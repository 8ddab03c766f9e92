package cobit.change_test_evidence_test

import data.cobit.change_test_evidence
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-011",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": field,
}

# A test report on the base change, collected the day before it started, with some fields replaced.
_report(fields) := fx.patch(
	object.union(
		fx.evidence_of("EV-2026-0200", "test_report", ["CHG-2026-0042"], "2026-10-04T09:00:00Z", "pass"),
		{"details": {"environment": "test"}},
	),
	fields,
)

# The world with the base change listing the given evidence ids, and the given manifests.
_world(ids, manifests) := fx.world_with({
	"change": [fx.change_with({"test_evidence": ids})],
	"evidence": manifests,
})

test_meta if {
	change_test_evidence.meta.id == "REG-CHG-011"
	change_test_evidence.meta.kinds == ["change", "evidence"]
	change_test_evidence.meta.controls.iso27002 == ["8.29", "8.31"]
	change_test_evidence.meta.example.change[0].type == "normal"
}

# The world's test report names the base change in its subject, which is
# test evidence too: these two cases hold no evidence at all.
test_fail_no_test_evidence if {
	found := change_test_evidence.violation with input as fx.changes([fx.change_without(["test_evidence"])])
	found == {_finding("CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z with no test evidence on record", ["test_evidence"])}
}

test_fail_empty_test_evidence_without_start if {
	change := fx.patch(fx.change_without(["implementation"]), {"status": "implemented", "test_evidence": []})
	found := change_test_evidence.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042 has status implemented with no test evidence on record", ["test_evidence"])}
}

test_pass_unlisted_report_naming_the_change if {
	count(change_test_evidence.violation) == 0 with input as fx.world_with({"change": [fx.change_without(["test_evidence"])]})
}

test_fail_unlisted_reports_naming_the_change_unsound if {
	reports := [_report({"result": "fail"}), _report({"id": "EV-2026-0201", "collected_at": "2026-10-06T09:00:00Z"})]
	found := change_test_evidence.violation with input as _world([], array.concat(reports, [fx.patch(fx.world_evidence[0], {"subject": ["CI-0001"]})]))
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z with no test evidence on record; the test reports naming it (EV-2026-0200, EV-2026-0201) did not pass outside production before its implementation",
		["test_evidence"],
	)}
}

test_fail_report_about_another_change if {
	found := change_test_evidence.violation with input as _world(["EV-2026-0200"], [_report({"subject": ["CHG-2026-0099", "CI-0001"]})])
	found == {_finding(
		"CHG-2026-0042 lists test report EV-2026-0200, whose subject names CHG-2026-0099 and not this change",
		["test_evidence", 0],
	)}
}

test_pass_report_subject_names_items_only_or_this_change_too if {
	reports := [
		_report({"subject": ["CI-0001"]}),
		_report({"id": "EV-2026-0201", "subject": ["CHG-2026-0099", "CHG-2026-0042"]}),
		object.remove(_report({"id": "EV-2026-0202"}), ["subject"]),
	]
	count(change_test_evidence.violation) == 0 with input as _world(["EV-2026-0200", "EV-2026-0201", "EV-2026-0202"], reports)
}

test_fail_evidence_without_record if {
	found := change_test_evidence.violation with input as _world(["EV-2026-0001", "EV-2026-0999"], [])
	found == {_finding("CHG-2026-0042 lists test evidence EV-2026-0999, which has no record", ["test_evidence", 1])}
}

test_fail_not_a_test_report if {
	found := change_test_evidence.violation with input as _world(["EV-2026-0106"], [])
	found == {_finding(
		"CHG-2026-0042 lists EV-2026-0106 as test evidence, but it is evidence of type vulnerability_scan, not test_report",
		["test_evidence", 0],
	)}
}

test_fail_failed_report if {
	found := change_test_evidence.violation with input as _world(["EV-2026-0200"], [_report({"result": "fail"})])
	found == {_finding("CHG-2026-0042 lists test report EV-2026-0200, whose result is fail", ["test_evidence", 0])}
}

test_fail_report_without_result if {
	report := object.remove(_report({}), ["result"])
	found := change_test_evidence.violation with input as _world(["EV-2026-0001", "EV-2026-0200"], [report])
	found == {_finding("CHG-2026-0042 lists test report EV-2026-0200, which records no result", ["test_evidence", 1])}
}

test_fail_report_from_production if {
	found := change_test_evidence.violation with input as _world(
		["EV-2026-0200"],
		[_report({"details": {"environment": "production", "cases": 12}})],
	)
	found == {_finding(
		"CHG-2026-0042 lists test report EV-2026-0200, which was collected in production rather than a test environment",
		["test_evidence", 0],
	)}
}

test_fail_report_after_start if {
	found := change_test_evidence.violation with input as _world(
		["EV-2026-0200"],
		[_report({"collected_at": "2026-10-05T22:05:01Z"})],
	)
	found == {_finding(
		"CHG-2026-0042 lists test report EV-2026-0200, collected at 2026-10-05T22:05:01Z, after implementation started at 2026-10-05T22:05:00Z",
		["test_evidence", 0],
	)}
}

test_fail_report_after_start_other_zone if {
	found := change_test_evidence.violation with input as _world(
		["EV-2026-0200"],
		[_report({"collected_at": "2026-10-06T00:30:00+02:00"})],
	)
	found == {_finding(
		"CHG-2026-0042 lists test report EV-2026-0200, collected at 2026-10-06T00:30:00+02:00, after implementation started at 2026-10-05T22:05:00Z",
		["test_evidence", 0],
	)}
}

test_fail_every_problem_of_one_report if {
	report := _report({"result": "fail", "collected_at": "2026-10-06T08:00:00Z", "details": {"environment": "production"}})
	found := change_test_evidence.violation with input as _world(["EV-2026-0200"], [report])
	found == {
		_finding("CHG-2026-0042 lists test report EV-2026-0200, whose result is fail", ["test_evidence", 0]),
		_finding(
			"CHG-2026-0042 lists test report EV-2026-0200, which was collected in production rather than a test environment",
			["test_evidence", 0],
		),
		_finding(
			"CHG-2026-0042 lists test report EV-2026-0200, collected at 2026-10-06T08:00:00Z, after implementation started at 2026-10-05T22:05:00Z",
			["test_evidence", 0],
		),
	}
}

test_fail_only_the_bad_of_several if {
	manifests := [_report({"id": "EV-2026-0201", "result": "fail"}), _report({"id": "EV-2026-0202"})]
	found := change_test_evidence.violation with input as _world(["EV-2026-0202", "EV-2026-0201"], manifests)
	found == {_finding("CHG-2026-0042 lists test report EV-2026-0201, whose result is fail", ["test_evidence", 1])}
}

test_fail_closed_without_test_evidence if {
	found := change_test_evidence.violation with input as fx.changes([fx.closed_without_work])
	found == {_finding("CHG-2026-0042 has status closed with no test evidence on record", ["test_evidence"])}
}

test_pass_closed_as_cancelled_without_test_evidence if {
	count(change_test_evidence.violation) == 0 with input as fx.changes([fx.cancelled_change])
}

test_pass_world if {
	count(change_test_evidence.violation) == 0 with input as fx.world
}

test_pass_collected_exactly_at_start if {
	report := _report({"collected_at": "2026-10-05T22:05:00Z"})
	count(change_test_evidence.violation) == 0 with input as _world(["EV-2026-0200"], [report])
}

test_pass_no_start_so_no_timing if {
	change := fx.patch(fx.change_without(["implementation"]), {"status": "closed", "test_evidence": ["EV-2026-0200"]})
	report := _report({"collected_at": "2026-11-01T09:00:00Z"})
	count(change_test_evidence.violation) == 0 with input as fx.world_with({"change": [change], "evidence": [report]})
}

test_pass_report_without_environment if {
	report := object.remove(_report({}), ["details"])
	count(change_test_evidence.violation) == 0 with input as _world(["EV-2026-0200"], [report])
}

test_pass_not_yet_implemented if {
	changes := [fx.patch(fx.change_without(["implementation", "test_evidence", "review", "closure"]), {"status": s}) |
		some s in ["draft", "submitted", "approved", "scheduled", "rejected", "cancelled"]
	]
	inputs := [fx.world_with({"change": [c]}) | some c in changes]
	every doc in inputs {
		count(change_test_evidence.violation) == 0 with input as doc
	}
}

test_pass_emergency_and_standard_changes if {
	changes := [
		fx.patch(fx.emergency, {"test_evidence": []}),
		fx.change_with({"id": "CHG-2026-0060", "type": "standard", "test_evidence": ["EV-2026-0999"]}),
	]
	count(change_test_evidence.violation) == 0 with input as fx.world_with({"change": changes})
}

test_fail_report_from_production_in_capitals if {
	found := change_test_evidence.violation with input as _world(
		["EV-2026-0200"],
		[_report({"details": {"environment": "Production"}})],
	)
	found == {_finding(
		"CHG-2026-0042 lists test report EV-2026-0200, which was collected in production rather than a test environment",
		["test_evidence", 0],
	)}
}

test_fail_unlisted_report_from_production_in_capitals if {
	# The only report naming the change was run in PRODUCTION: it does not test it.
	other := fx.patch(fx.world_evidence[0], {"subject": ["CI-0001"]})
	found := change_test_evidence.violation with input as _world([], [_report({"details": {"environment": "PRODUCTION"}}), other])
	{f.field | some f in found} == {["test_evidence"]}
}

test_pass_report_from_preproduction if {
	count(change_test_evidence.violation) == 0 with input as _world(["EV-2026-0200"], [_report({"details": {"environment": "Pre-production"}})])
}
