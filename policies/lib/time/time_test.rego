package lib.time_test

import data.lib.time

test_pass_ns_parses_rfc3339 if {
	time.ns("1970-01-01T00:00:01Z") == 1000000000
	time.ns("2026-10-05T23:30:00+01:00") == time.ns("2026-10-05T22:30:00Z")
}

test_pass_ns_undefined_for_bad_input if {
	not time.ns("2026-10-05")
	not time.ns("yesterday")
	not time.ns(null)
	not time.ns(1795478399)
	time.ns("2026-10-05T22:05:00.5Z") == time.ns("2026-10-05T22:05:00Z") + 500000000
}

test_pass_date_ns if {
	time.date_ns("1970-01-02") == time.day_ns
	not time.date_ns("02/01/1970")
	not time.date_ns(null)
	not time.date_ns("2026-10-05T00:00:00Z")
}

test_pass_days if {
	time.days(7) == 7 * 86400000000000
}

test_pass_days_between_rounds_up if {
	time.days_between(0, time.day_ns) == 1
	time.days_between(0, time.day_ns + 1) == 2
	time.days_between(time.day_ns, 0) == -1
}

test_pass_date_of if {
	time.date_of(time.ns("2026-11-23T23:59:59Z")) == "2026-11-23"
	time.date_of(time.ns("2026-11-23T23:59:59-05:00")) == "2026-11-24"
	not time.date_of("2026-11-23")
}

test_pass_reference_ns_prefers_number if {
	time.reference_ns({"reference_ns": 5, "reference_time": "2026-11-23T23:59:59Z"}) == 5
	time.reference_ns({"reference_time": "1970-01-01T00:00:02Z"}) == 2000000000
	time.reference_ns({"reference_ns": "5", "reference_time": "1970-01-01T00:00:02Z"}) == 2000000000
	not time.reference_ns({})
}

test_pass_reference_date if {
	time.reference_date({"reference_time": "2026-11-23T23:59:59-05:00"}) == "2026-11-23"
	time.reference_date({"reference_ns": time.ns("2026-11-23T12:00:00Z")}) == "2026-11-23"
	time.reference_date({"reference_time": "garbage", "reference_ns": 0}) == "1970-01-01"
	not time.reference_date({})
}

test_pass_not_after if {
	time.not_after("2026-10-05T22:00:00Z", "2026-10-05T22:00:00Z")
	time.not_after("2026-10-05T22:00:00Z", "2026-10-05T22:00:00.5Z")
	time.not_after("2026-10-05T23:30:00+01:00", "2026-10-05T22:30:00Z")
	not time.not_after("2026-10-05T22:00:01Z", "2026-10-05T22:00:00Z")
}

test_pass_not_after_undefined_for_bad_input if {
	not time.not_after(null, "2026-10-05T22:00:00Z")
	not time.not_after("2026-10-05T22:00:00Z", null)
	not time.not_after("2026-10-05", "2026-10-05T22:00:00Z")
	not time.not_after(1795478399, 1795478400)
}
