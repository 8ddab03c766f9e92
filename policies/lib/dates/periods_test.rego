package lib.dates_test

import data.lib.dates

test_pass_month_and_quarter_of if {
	n := dates.ns("2026-11-23T23:59:59Z")
	dates.month_of(n) == "2026-11"
	dates.quarter_of(n) == "2026-Q4"
	dates.quarter_of(dates.ns("2026-03-31T23:59:59Z")) == "2026-Q1"
	dates.quarter_of(dates.ns("2026-04-01T00:00:00Z")) == "2026-Q2"
	dates.period_of(n, "quarter") == "2026-Q4"
	dates.period_of(n, "month") == "2026-11"
}

test_pass_period_bounds if {
	dates.period_start_ns("2026-10") == dates.ns("2026-10-01T00:00:00Z")
	dates.period_end_ns("2026-12") == dates.ns("2027-01-01T00:00:00Z")
	dates.period_start_ns("2026-Q3") == dates.ns("2026-07-01T00:00:00Z")
	dates.period_end_ns("2026-Q4") == dates.ns("2027-01-01T00:00:00Z")
	not dates.period_start_ns("2026-13")
	not dates.period_start_ns("2026-Q5")
}

test_pass_due_period_after_grace if {
	dates.due_period("month", dates.ns("2026-11-23T23:59:59Z"), 10) == "2026-10"
	dates.due_period("month", dates.ns("2026-11-05T00:00:00Z"), 10) == "2026-09"
	dates.due_period("quarter", dates.ns("2026-11-23T23:59:59Z"), 15) == "2026-Q3"
	dates.due_period("quarter", dates.ns("2026-10-10T00:00:00Z"), 15) == "2026-Q2"
	dates.due_period("quarter", dates.ns("2027-01-16T00:00:00Z"), 15) == "2026-Q4"
}

test_pass_months_cover_their_quarter if {
	dates.months_of_quarter("2026-Q3") == {"2026-07", "2026-08", "2026-09"}
	dates.months_of_quarter("2026-Q1") == {"2026-01", "2026-02", "2026-03"}
	dates.covers(["2026-07", "2026-08", "2026-09"], "2026-Q3")
	dates.covers({"2026-Q3"}, "2026-Q3")
	dates.covers({"2026-10", "2026-Q3"}, "2026-10")
}

test_fail_part_of_a_quarter_does_not_cover_it if {
	not dates.covers(["2026-07", "2026-09"], "2026-Q3")
	not dates.covers(["2026-Q2"], "2026-Q3")
	not dates.covers(["2026-Q4"], "2026-10")
	not dates.months_of_quarter("2026-10")
}

test_periods_are_the_organisations_calendar if {
	# 23:30 UTC on 30 September is 09:30 on 1 October in Sydney: the fourth quarter there.
	n := dates.ns("2026-09-30T23:30:00Z")
	dates.quarter_of(n) == "2026-Q3"
	dates.quarter_of(n) == "2026-Q4" with input.config.timezone as "Australia/Sydney"
	dates.month_of(n) == "2026-10" with input.config.timezone as "Australia/Sydney"
	dates.period_start_ns("2026-Q4") == dates.ns("2026-10-01T00:00:00+10:00") with input.config.timezone as "Australia/Sydney"
	dates.period_end_ns("2026-10") == dates.ns("2026-11-01T00:00:00-05:00") with input.config.timezone as "America/Chicago"
}

test_due_period_counts_local_days if {
	# 20:00 on 10 November in Chicago is 02:00 UTC on the 11th.
	ref := dates.ns("2026-11-11T02:00:00Z")
	dates.due_period("month", ref, 10) == "2026-10"
	dates.due_period("month", ref, 10) == "2026-09" with input.config.timezone as "America/Chicago"
}

test_month_arithmetic if {
	dates.add_months("2026-01", -1) == "2025-12"
	dates.add_months("2026-11", 2) == "2027-01"
	dates.next_day("2026-Q4") == "2027-01-01"
	dates.first_day("2026-Q3") == "2026-07-01"
}
