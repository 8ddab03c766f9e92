package cobit.waiver_expired_test

import data.cobit.waiver_expired
import data.lib.fixtures_test as fx

_waiver := {
	"kind": "waiver",
	"id": "WVR-2026-007",
	"check": "REG-CHG-004",
	"records": ["CHG-2026-0042"],
	"reason": "Backout plan kept in the vendor runbook until migration.",
	"approved_by": "dave",
	"approved_at": "2026-09-01T10:00:00Z",
	"expires": "2026-12-31",
	"_path": "waivers/WVR-2026-007.yaml",
}

_waiver_with(fields) := fx.patch(_waiver, fields)

test_meta if {
	waiver_expired.meta.id == "REG-GOV-001"
	waiver_expired.meta.kinds == ["waiver"]
	waiver_expired.meta.rejects_waivers == true
}

test_fail_expired if {
	found := waiver_expired.violation with input as fx.doc({"waiver": [_waiver_with({"expires": "2026-11-22"})]})
	found == {{
		"check": "REG-GOV-001",
		"kind": "waiver",
		"id": "WVR-2026-007",
		"message": "WVR-2026-007 (waiving REG-CHG-004, approved by dave) expired on 2026-11-22, before 2026-11-23",
		"field": ["expires"],
	}}
}

test_fail_expired_without_check_or_approver if {
	waiver := object.remove(_waiver_with({"expires": "2025-01-31"}), ["check", "approved_by"])
	found := waiver_expired.violation with input as fx.doc({"waiver": [waiver]})
	found == {{
		"check": "REG-GOV-001",
		"kind": "waiver",
		"id": "WVR-2026-007",
		"message": "WVR-2026-007 (waiving an unnamed check, approved by nobody named) expired on 2025-01-31, before 2026-11-23",
		"field": ["expires"],
	}}
}

test_fail_reference_date_from_ns if {
	doc := object.remove(fx.doc({"waiver": [_waiver_with({"expires": "2026-11-22"})]}), ["reference_time"])
	found := waiver_expired.violation with input as doc
	{f.message | some f in found} == {"WVR-2026-007 (waiving REG-CHG-004, approved by dave) expired on 2026-11-22, before 2026-11-23"}
}

test_fail_no_expiry if {
	found := waiver_expired.violation with input as fx.doc({"waiver": [object.remove(_waiver, ["expires"])]})
	found == {{
		"check": "REG-GOV-001",
		"kind": "waiver",
		"id": "WVR-2026-007",
		"message": "WVR-2026-007 has no valid expiry date (YYYY-MM-DD), so it would never lapse",
		"field": ["expires"],
	}}
}

test_fail_unreadable_expiry if {
	found := waiver_expired.violation with input as fx.doc({"waiver": [_waiver_with({"expires": "31/12/2026"})]})
	{f.message | some f in found} == {"WVR-2026-007 has no valid expiry date (YYYY-MM-DD), so it would never lapse"}
}

test_pass_expires_on_reference_date if {
	count(waiver_expired.violation) == 0 with input as fx.doc({"waiver": [_waiver_with({"expires": "2026-11-23"})]})
}

test_pass_in_force if {
	count(waiver_expired.violation) == 0 with input as fx.doc({"waiver": [_waiver]})
}

test_pass_no_waivers if {
	count(waiver_expired.violation) == 0 with input as fx.changes([fx.change])
}

# Today is the local date of the reference instant: 02:59:59 UTC on 24 November is
# still 23 November in Chicago, so a waiver expiring on the 23rd is in force.
test_pass_expires_today_in_the_local_zone if {
	doc := fx.doc({"waiver": [_waiver_with({"expires": "2026-11-23"})]})
	count(waiver_expired.violation) == 0 with input as doc
		with input.reference_ns as fx.reference_ns + (3 * 3600000000000)
		with input.reference_time as "2026-11-24T02:59:59Z"
		with input.config.timezone as "America/Chicago"
}

# And 23:59:59 UTC on 23 November is already 24 November in Tokyo.
test_fail_expired_yesterday_in_the_local_zone if {
	doc := fx.doc({"waiver": [_waiver_with({"expires": "2026-11-23"})]})
	count(waiver_expired.violation) == 1 with input as doc
		with input.config.timezone as "Asia/Tokyo"
}
