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
	future_dated.meta.config == []
	future_dated.meta.controls.cobit2019 == ["MEA02.01"]
}

test_pass_world if {
	count(future_dated.violation) == 0 with input as fx.world
}

# The reference day is 23 November: a date on the 24th is in the future.
test_fail_verified_tomorrow if {
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-11-24"})
	found := future_dated.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding(
		"configuration_item", "CI-0001",
		"CI-0001 was last verified on 2026-11-24, after 2026-11-23, the day of the scan",
		["last_verified"],
	)}
}

test_pass_verified_today if {
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-11-23"})
	count(future_dated.violation) == 0 with input as fx.world_with({"configuration_item": [ci]})
}

test_fail_collected_tomorrow if {
	e := fx.evidence_of("EV-2026-0300", "backup", ["CI-0002"], "2026-11-24T00:00:00Z", "pass")
	found := future_dated.violation with input as fx.world_with({"evidence": [e]})
	found == {_finding(
		"evidence", "EV-2026-0300",
		"EV-2026-0300 was collected at 2026-11-24T00:00:00Z, after 2026-11-23, the day of the scan",
		["collected_at"],
	)}
}

# A time later than the reference instant on the same local day is not flagged.
test_pass_collected_later_the_same_day if {
	e := fx.evidence_of("EV-2026-0300", "backup", ["CI-0002"], "2026-11-23T20:00:00-05:00", "pass")
	count(future_dated.violation) == 0 with input as fx.world_with({"evidence": [e]})
		with input.config.timezone as "America/Chicago"
}

test_fail_reviews_in_the_future if {
	change := fx.patch(fx.emergency, {"review": {"at": "2026-12-01T09:00:00Z", "by": "dave"}})
	report := fx.patch(fx.service_report, {"reviewed_at": "2026-11-30T10:00:00Z"})
	supplier := fx.patch(fx.supplier, {"last_review": "2027-01-05"})
	doc := fx.world_with({"change": [change], "service_report": [report], "supplier": [supplier]})
	found := future_dated.violation with input as doc
	found == {
		_finding("change", "CHG-2026-0050", "CHG-2026-0050 was reviewed at 2026-12-01T09:00:00Z, after 2026-11-23, the day of the scan", ["review", "at"]),
		_finding("service_report", "SR-2026-10-SVC-0001", "SR-2026-10-SVC-0001 was reviewed at 2026-11-30T10:00:00Z, after 2026-11-23, the day of the scan", ["reviewed_at"]),
		_finding("supplier", "SUP-0001", "SUP-0001 was last reviewed on 2027-01-05, after 2026-11-23, the day of the scan", ["last_review"]),
	}
}

test_pass_missing_or_unreadable_dates if {
	ci := fx.patch(fx.configuration_item, {"last_verified": "soon"})
	change := object.remove(fx.emergency, ["review"])
	count(future_dated.violation) == 0 with input as fx.world_with({"configuration_item": [ci], "change": [change]})
}
