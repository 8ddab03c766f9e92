package iso20000.service_report_missing_test

import data.iso20000.service_report_missing
import data.lib.fixtures_test as fx

_report(fields) := fx.patch(fx.service_report, fields)

_finding(message) := {
	"check": "REG-SLM-002",
	"kind": "service",
	"id": "SVC-0001",
	"message": message,
	"field": [],
}

test_meta if {
	service_report_missing.meta.id == "REG-SLM-002"
	service_report_missing.meta.config == ["thresholds.service_report_grace_days"]
	service_report_missing.meta.kinds == ["service", "service_report"]
}

test_fail_no_report if {
	found := service_report_missing.violation with input as fx.world_with({"service_report": []})
		with input.records.service_report as {}
	found == {_finding("SVC-0001 is an active service with no service report for 2026-10, overdue since 2026-11-11")}
}

test_fail_only_an_older_report if {
	report := _report({"period": "2026-09"})
	found := service_report_missing.violation with input as fx.world_with({"service_report": [report]})
		with input.records.service_report as {report.id: report}
	found == {_finding("SVC-0001 is an active service with no service report for 2026-10, overdue since 2026-11-11")}
}

test_fail_report_of_another_service if {
	report := _report({"service": "SVC-0002"})
	found := service_report_missing.violation with input as fx.world_with({"service_report": [report]})
	found == {_finding("SVC-0001 is an active service with no service report for 2026-10, overdue since 2026-11-11")}
}

test_fail_quarterly_report_does_not_count if {
	report := _report({"period": "2026-Q4"})
	found := service_report_missing.violation with input as fx.world_with({"service_report": [report]})
	found == {_finding("SVC-0001 is an active service with no service report for 2026-10, overdue since 2026-11-11")}
}

# On 2026-12-03 the default 10-day grace still makes October the month due;
# a 2-day grace makes November due, and the world has no report for it.
test_fail_grace_from_config if {
	found := service_report_missing.violation with input as fx.world
		with input.config.thresholds.service_report_grace_days as 2
		with input.reference_ns as fx.reference_ns + (10 * 86400000000000)
		with input.reference_time as "2026-12-03T23:59:59Z"
	found == {_finding("SVC-0001 is an active service with no service report for 2026-11, overdue since 2026-12-03")}
}

test_fail_several_services if {
	other := fx.patch(fx.service, {"id": "SVC-0002", "name": "Payroll"})
	found := service_report_missing.violation with input as fx.world_with({"service": [other]})
	found == {{
		"check": "REG-SLM-002",
		"kind": "service",
		"id": "SVC-0002",
		"message": "SVC-0002 is an active service with no service report for 2026-10, overdue since 2026-11-11",
		"field": [],
	}}
}

test_pass_report_for_due_month if {
	count(service_report_missing.violation) == 0 with input as fx.world
}

# On 2026-12-10 November is not yet due (grace of 10 days), so October's report suffices.
test_pass_within_grace if {
	count(service_report_missing.violation) == 0 with input as fx.world
		with input.reference_ns as fx.reference_ns + (16 * 86400000000000)
		with input.reference_time as "2026-12-09T23:59:59Z"
}

# The first instant after the grace period: November's report is now due.
test_fail_exactly_at_end_of_grace if {
	found := service_report_missing.violation with input as fx.world
		with input.reference_ns as (fx.reference_ns + (17 * 86400000000000)) + 1000000000
		with input.reference_time as "2026-12-11T00:00:00Z"
	found == {_finding("SVC-0001 is an active service with no service report for 2026-11, overdue since 2026-12-11")}
}

test_pass_retired_service if {
	service := fx.patch(fx.service, {"status": "retired"})
	count(service_report_missing.violation) == 0 with input as fx.world_with({"service": [service], "service_report": []})
		with input.records.service_report as {}
}

test_pass_larger_grace_moves_due_month_back if {
	report := _report({"period": "2026-09"})
	count(service_report_missing.violation) == 0 with input as fx.world_with({"service_report": [report]})
		with input.records.service_report as {report.id: report}
		with input.config.thresholds.service_report_grace_days as 23
}
