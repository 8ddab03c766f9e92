package cobit.waiver_duration_test

import data.cobit.waiver_duration
import data.lib.fixtures_test as fx

_waiver(fields) := fx.patch(fx.waiver, fields)

_finding(message) := {
	"check": "REG-GOV-002",
	"kind": "waiver",
	"id": "WVR-2026-0001",
	"message": message,
	"field": ["expires"],
}

test_meta if {
	waiver_duration.meta.id == "REG-GOV-002"
	waiver_duration.meta.config == ["thresholds.max_waiver_days"]
	waiver_duration.meta.rejects_waivers == true
}

# 2026-11-01 to 2027-11-02 is 366 days.
test_fail_one_day_too_long if {
	found := waiver_duration.violation with input as fx.world_with({"waiver": [_waiver({"expires": "2027-11-02"})]})
	found == {_finding("WVR-2026-0001 was approved at 2026-11-01T09:00:00Z and expires on 2027-11-02, 366 days later, more than the 365 days a waiver may run")}
}

test_fail_open_ended if {
	found := waiver_duration.violation with input as fx.world_with({"waiver": [_waiver({"expires": "2099-12-31"})]})
	found == {_finding("WVR-2026-0001 was approved at 2026-11-01T09:00:00Z and expires on 2099-12-31, 26723 days later, more than the 365 days a waiver may run")}
}

test_fail_threshold_from_config if {
	found := waiver_duration.violation with input as fx.world
		with input.config.thresholds.max_waiver_days as 90
	found == {_finding("WVR-2026-0001 was approved at 2026-11-01T09:00:00Z and expires on 2027-03-01, 120 days later, more than the 90 days a waiver may run")}
}

# Approved late on 31 October in New York: 1 November in UTC, the default zone, the day counted from.
test_fail_approval_date_taken_in_utc if {
	waiver := _waiver({"approved_at": "2026-10-31T22:00:00-05:00", "expires": "2027-11-02"})
	found := waiver_duration.violation with input as fx.world_with({"waiver": [waiver]})
	found == {_finding("WVR-2026-0001 was approved at 2026-10-31T22:00:00-05:00 and expires on 2027-11-02, 366 days later, more than the 365 days a waiver may run")}
}

test_pass_exactly_the_limit if {
	count(waiver_duration.violation) == 0 with input as fx.world_with({"waiver": [_waiver({"expires": "2027-11-01"})]})
}

test_pass_threshold_from_config if {
	count(waiver_duration.violation) == 0 with input as fx.world_with({"waiver": [_waiver({"expires": "2028-11-01"})]})
		with input.config.thresholds.max_waiver_days as 731
}

test_pass_unreadable_dates_are_left_to_other_checks if {
	waivers := [
		_waiver({"expires": "forever"}),
		_waiver({"id": "WVR-2026-0002", "approved_at": "last year"}),
		object.remove(_waiver({"id": "WVR-2026-0003"}), ["approved_at"]),
	]
	count(waiver_duration.violation) == 0 with input as fx.world_with({"waiver": waivers})
}

test_pass_world if {
	count(waiver_duration.violation) == 0 with input as fx.world
}

test_pass_approval_day_is_local if {
	# The reproduction: approved at 09:00 on 1 June at +10:00, expiring on 1 June
	# next year, is 365 days in an organisation at +10:00 (Australia/Sydney).
	waiver := _waiver({"approved_at": "2026-06-01T09:00:00+10:00", "expires": "2027-06-01"})
	count(waiver_duration.violation) == 0 with input as fx.world_with({"waiver": [waiver]})
		with input.config.timezone as "Australia/Sydney"
}

test_fail_approval_day_is_local if {
	# One day longer in that zone: 2 June next year is 366 days.
	waiver := _waiver({"approved_at": "2026-06-01T09:00:00+10:00", "expires": "2027-06-02"})
	found := waiver_duration.violation with input as fx.world_with({"waiver": [waiver]})
		with input.config.timezone as "Australia/Sydney"
	found == {_finding("WVR-2026-0001 was approved at 2026-06-01T09:00:00+10:00 and expires on 2027-06-02, 366 days later, more than the 365 days a waiver may run")}
}
