package lib.dates_test

import data.lib.dates

test_pass_ns_parses_rfc3339 if {
	dates.ns("1970-01-01T00:00:01Z") == 1000000000
	dates.ns("2026-10-05T23:30:00+01:00") == dates.ns("2026-10-05T22:30:00Z")
}

test_pass_ns_undefined_for_bad_input if {
	not dates.ns("2026-10-05")
	not dates.ns("yesterday")
	not dates.ns(null)
	not dates.ns(1795478399)
	dates.ns("2026-10-05T22:05:00.5Z") == dates.ns("2026-10-05T22:05:00Z") + 500000000
}

test_pass_date_ns if {
	dates.date_ns("1970-01-02") == dates.day_ns
	not dates.date_ns("02/01/1970")
	not dates.date_ns(null)
	not dates.date_ns("2026-10-05T00:00:00Z")
}

test_pass_days if {
	dates.days(7) == 7 * 86400000000000
}

test_pass_days_between_rounds_up if {
	dates.days_between(0, dates.day_ns) == 1
	dates.days_between(0, dates.day_ns + 1) == 2
	dates.days_between(dates.day_ns, 0) == -1
}

test_pass_date_of if {
	dates.date_of(dates.ns("2026-11-23T23:59:59Z")) == "2026-11-23"
	dates.date_of(dates.ns("2026-11-23T23:59:59-05:00")) == "2026-11-24"
	not dates.date_of("2026-11-23")
}

test_pass_reference_ns_prefers_number if {
	dates.reference_ns({"reference_ns": 5, "reference_time": "2026-11-23T23:59:59Z"}) == 5
	dates.reference_ns({"reference_time": "1970-01-01T00:00:02Z"}) == 2000000000
	dates.reference_ns({"reference_ns": "5", "reference_time": "1970-01-01T00:00:02Z"}) == 2000000000
	not dates.reference_ns({})
}

test_pass_reference_date if {
	dates.reference_date({"reference_time": "2026-11-23T23:59:59-05:00"}) == "2026-11-23"
	dates.reference_date({"reference_ns": dates.ns("2026-11-23T12:00:00Z")}) == "2026-11-23"
	dates.reference_date({"reference_time": "garbage", "reference_ns": 0}) == "1970-01-01"
	not dates.reference_date({})
}

test_pass_not_after if {
	dates.not_after("2026-10-05T22:00:00Z", "2026-10-05T22:00:00Z")
	dates.not_after("2026-10-05T22:00:00Z", "2026-10-05T22:00:00.5Z")
	dates.not_after("2026-10-05T23:30:00+01:00", "2026-10-05T22:30:00Z")
	not dates.not_after("2026-10-05T22:00:01Z", "2026-10-05T22:00:00Z")
}

test_pass_not_after_undefined_for_bad_input if {
	not dates.not_after(null, "2026-10-05T22:00:00Z")
	not dates.not_after("2026-10-05T22:00:00Z", null)
	not dates.not_after("2026-10-05", "2026-10-05T22:00:00Z")
	not dates.not_after(1795478399, 1795478400)
}

test_pass_lower_case_t_and_z if {
	dates.ns("2026-10-07t20:00:00z") == dates.ns("2026-10-07T20:00:00Z")
	dates.ns("2026-10-07t22:00:00.5+02:00") == dates.ns("2026-10-07T20:00:00.5Z")
	dates.not_after("2026-10-07t20:00:00z", "2026-10-07T20:00:00Z")
	not dates.not_after("2026-10-07t20:00:01z", "2026-10-07T20:00:00Z")
}

test_pass_zone_defaults_to_utc if {
	dates.zone == "UTC" with input as {}
	dates.day_start_ns("2026-09-10") == dates.ns("2026-09-10T00:00:00Z") with input as {}
	dates.day_end_ns("2026-09-10") == dates.ns("2026-09-11T00:00:00Z") with input as {}
}

test_pass_day_bounds_in_the_configured_zone if {
	chicago := {"config": {"timezone": "America/Chicago"}}
	dates.day_start_ns("2026-09-10") == dates.ns("2026-09-10T00:00:00-05:00") with input as chicago
	dates.day_end_ns("2026-09-10") == dates.ns("2026-09-11T00:00:00-05:00") with input as chicago

	# The day clocks go forward is 23 hours long.
	dates.day_start_ns("2026-03-08") == dates.ns("2026-03-08T00:00:00-06:00") with input as chicago
	dates.day_end_ns("2026-03-08") == dates.ns("2026-03-09T00:00:00-05:00") with input as chicago
	not dates.day_start_ns("2026-9-10") with input as chicago
}

test_pass_day_of_a_date_or_a_timestamp if {
	dates.day_of("2026-09-10") == "2026-09-10"
	dates.day_of("2026-09-10T20:30:00-05:00") == "2026-09-11" with input as {}
	dates.day_of("2026-09-10T20:30:00-05:00") == "2026-09-10" with input as {"config": {"timezone": "America/Chicago"}}
	dates.day_of("2026-06-01T09:00:00+10:00") == "2026-06-01" with input as {"config": {"timezone": "Australia/Sydney"}}
	not dates.day_of("yesterday")
	not dates.day_of(null)
}

test_pass_days_after_counts_local_days if {
	dates.add_days("2026-12-31", 1) == "2027-01-01"
	dates.add_days("2026-03-01", -1) == "2026-02-28"
	dates.days_after("2026-06-01T09:00:00+10:00", "2027-06-01") == 365 with input as {"config": {"timezone": "Australia/Sydney"}}
	dates.days_after("2026-06-01T09:00:00+10:00", "2027-06-01") == 366 with input as {}
	dates.days_after("2026-09-10T23:59:59Z", "2026-09-10T00:00:00Z") == 0 with input as {}
}

test_pass_older_than_on_day_n if {
	ref := dates.ns("2026-03-31T23:59:59Z")
	not dates.older_than("2026-03-01", 30, ref) with input as {}
	not dates.older_than("2026-03-01T00:00:00Z", 30, ref) with input as {}
	not dates.older_than("2026-03-01T23:59:59Z", 30, dates.ns("2026-03-31T00:00:00Z")) with input as {}
}

test_fail_older_than_on_day_n_plus_1 if {
	ref := dates.ns("2026-04-01T00:00:00Z")
	dates.older_than("2026-03-01", 30, ref) with input as {}
	dates.older_than("2026-03-01T23:59:59Z", 30, ref) with input as {}
}

test_pass_today_is_the_local_reference_date if {
	doc := {"reference_time": "2026-09-11T01:30:00Z", "config": {"timezone": "America/Chicago"}}
	dates.today(doc) == "2026-09-10" with input as doc
	dates.today(doc) == "2026-09-11" with input as {}
}

test_pass_before_day if {
	chicago := {"config": {"timezone": "America/Chicago"}}
	dates.before_day("2026-09-29T20:00:00-05:00", "2026-09-30") with input as chicago
	not dates.before_day("2026-09-29T20:00:00-05:00", "2026-09-30") with input as {}
	not dates.before_day("2026-09-30T00:00:00-05:00", "2026-09-30") with input as chicago
}
