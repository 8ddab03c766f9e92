package iso20000.service_report_review_test

import data.iso20000.service_report_review
import data.lib.fixtures_test as fx

_report(fields) := fx.patch(fx.service_report, fields)

_finding(message, field) := {
	"check": "REG-SLM-004",
	"kind": "service_report",
	"id": "SR-2026-10-SVC-0001",
	"message": message,
	"field": field,
}

_doc(report) := fx.world_with({"service_report": [report]})

test_meta if {
	service_report_review.meta.id == "REG-SLM-004"
	service_report_review.meta.config == ["thresholds.service_report_grace_days"]
}

test_fail_never_reviewed if {
	found := service_report_review.violation with input as _doc(object.remove(fx.service_report, ["reviewed_by", "reviewed_at"]))
	found == {_finding(
		"SR-2026-10-SVC-0001 (SVC-0001, 2026-10) has no reviewed_by and no reviewed_at, though its review has been overdue since 2026-11-11",
		["reviewed_by"],
	)}
}

test_fail_no_review_time if {
	found := service_report_review.violation with input as _doc(object.remove(fx.service_report, ["reviewed_at"]))
	found == {_finding(
		"SR-2026-10-SVC-0001 (SVC-0001, 2026-10) has no reviewed_at, though its review has been overdue since 2026-11-11",
		["reviewed_at"],
	)}
}

test_fail_blank_reviewer if {
	found := service_report_review.violation with input as _doc(_report({"reviewed_by": " "}))
	found == {_finding(
		"SR-2026-10-SVC-0001 (SVC-0001, 2026-10) has no reviewed_by, though its review has been overdue since 2026-11-11",
		["reviewed_by"],
	)}
}

test_fail_quarterly_report if {
	report := object.remove(_report({"period": "2026-Q3"}), ["reviewed_by", "reviewed_at"])
	found := service_report_review.violation with input as _doc(report)
	found == {_finding(
		"SR-2026-10-SVC-0001 (SVC-0001, 2026-Q3) has no reviewed_by and no reviewed_at, though its review has been overdue since 2026-10-11",
		["reviewed_by"],
	)}
}

test_fail_unknown_reviewer if {
	found := service_report_review.violation with input as _doc(_report({"reviewed_by": "zoe"}))
	found == {_finding("SR-2026-10-SVC-0001 was reviewed by zoe, who is not listed in people.yaml", ["reviewed_by"])}
}

# An unknown reviewer is flagged even before the review is due.
test_fail_unknown_reviewer_of_current_month if {
	report := object.remove(_report({"period": "2026-11", "reviewed_by": "zoe"}), ["reviewed_at"])
	found := service_report_review.violation with input as _doc(report)
	found == {_finding("SR-2026-10-SVC-0001 was reviewed by zoe, who is not listed in people.yaml", ["reviewed_by"])}
}

# October ends on 2026-11-01; with a grace of 23 days the review is due from
# 2026-11-24T00:00:00Z, one second after the reference time.
test_pass_grace_from_config if {
	report := object.remove(fx.service_report, ["reviewed_by", "reviewed_at"])
	count(service_report_review.violation) == 0 with input as _doc(report)
		with input.config.thresholds.service_report_grace_days as 23
}

test_fail_at_first_instant_after_grace if {
	report := object.remove(fx.service_report, ["reviewed_by", "reviewed_at"])
	found := service_report_review.violation with input as _doc(report)
		with input.config.thresholds.service_report_grace_days as 23
		with input.reference_ns as fx.reference_ns + 1000000000
		with input.reference_time as "2026-11-24T00:00:00Z"
	found == {_finding(
		"SR-2026-10-SVC-0001 (SVC-0001, 2026-10) has no reviewed_by and no reviewed_at, though its review has been overdue since 2026-11-24",
		["reviewed_by"],
	)}
}

test_pass_current_month_not_yet_due if {
	report := object.remove(_report({"period": "2026-11"}), ["reviewed_by", "reviewed_at"])
	count(service_report_review.violation) == 0 with input as _doc(report)
}

test_pass_reviewed if {
	count(service_report_review.violation) == 0 with input as fx.world
}

test_pass_reviewed_by_someone_who_left_later if {
	count(service_report_review.violation) == 0 with input as _doc(_report({"reviewed_by": "gina"}))
		with input.people.gina.left_on as "2026-11-05"
}

test_fail_reviewed_by_leaver if {
	found := service_report_review.violation with input as _doc(_report({"reviewed_by": "gina"}))
	found == {_finding("SR-2026-10-SVC-0001 was reviewed by gina at 2026-11-04T10:00:00Z, who left on 2026-10-02", ["reviewed_by"])}
}

test_fail_reviewed_by_inactive_person if {
	found := service_report_review.violation with input as _doc(_report({"reviewed_by": "frank"}))
	found == {_finding("SR-2026-10-SVC-0001 was reviewed by frank at 2026-11-04T10:00:00Z, who is marked inactive in people.yaml", ["reviewed_by"])}
}

test_fail_undated_review_by_leaver if {
	found := service_report_review.violation with input as _doc(object.remove(_report({"reviewed_by": "gina"}), ["reviewed_at"]))
	found == {
		_finding("SR-2026-10-SVC-0001 was reviewed by gina at an unrecorded time, who left on 2026-10-02", ["reviewed_by"]),
		_finding(
			"SR-2026-10-SVC-0001 (SVC-0001, 2026-10) has no reviewed_at, though its review has been overdue since 2026-11-11",
			["reviewed_at"],
		),
	}
}
