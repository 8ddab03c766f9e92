package iso20000.supplier_review_test

import data.iso20000.supplier_review
import data.lib.fixtures_test as fx

_supplier(fields) := fx.patch(fx.supplier, fields)

_contract(review_due) := {"start": "2025-01-01", "end": "2027-12-31", "review_due": review_due}

_finding(message, field) := {
	"check": "REG-SUP-002",
	"kind": "supplier",
	"id": "SUP-0001",
	"message": message,
	"field": field,
}

_doc(supplier) := fx.world_with({"supplier": [supplier]})

test_meta if {
	supplier_review.meta.id == "REG-SUP-002"
	supplier_review.meta.config == ["thresholds.supplier_review_days"]
}

test_fail_never_reviewed if {
	found := supplier_review.violation with input as _doc(object.remove(fx.supplier, ["last_review"]))
	found == {_finding("SUP-0001 is an active supplier with no valid last_review date (YYYY-MM-DD)", ["last_review"])}
}

test_fail_unreadable_review_date if {
	found := supplier_review.violation with input as _doc(_supplier({"last_review": "June 2026"}))
	found == {_finding("SUP-0001 is an active supplier with no valid last_review date (YYYY-MM-DD)", ["last_review"])}
}

# 2025-11-22 is 366 days before the reference date 2026-11-23.
test_fail_review_too_old if {
	found := supplier_review.violation with input as _doc(_supplier({"last_review": "2025-11-22"}))
	found == {_finding("SUP-0001 is an active supplier last reviewed on 2025-11-22, more than 365 days before 2026-11-23", ["last_review"])}
}

test_pass_review_exactly_at_limit if {
	count(supplier_review.violation) == 0 with input as _doc(_supplier({"last_review": "2025-11-23"}))
}

test_fail_limit_from_config if {
	found := supplier_review.violation with input as fx.world
		with input.config.thresholds.supplier_review_days as 90
	found == {_finding("SUP-0001 is an active supplier last reviewed on 2026-06-01, more than 90 days before 2026-11-23", ["last_review"])}
}

test_fail_review_due_passed if {
	found := supplier_review.violation with input as _doc(_supplier({"contract": _contract("2026-10-31")}))
	found == {_finding("SUP-0001 had a contract review due on 2026-10-31 but was last reviewed on 2026-06-01, before that date", ["contract", "review_due"])}
}

test_fail_review_due_passed_and_review_too_old if {
	supplier := _supplier({"contract": _contract("2026-01-31"), "last_review": "2025-06-01"})
	found := supplier_review.violation with input as _doc(supplier)
	found == {
		_finding("SUP-0001 is an active supplier last reviewed on 2025-06-01, more than 365 days before 2026-11-23", ["last_review"]),
		_finding("SUP-0001 had a contract review due on 2026-01-31 but was last reviewed on 2025-06-01, before that date", ["contract", "review_due"]),
	}
}

test_pass_reviewed_on_due_date if {
	supplier := _supplier({"contract": _contract("2026-06-01")})
	count(supplier_review.violation) == 0 with input as _doc(supplier)
}

test_pass_review_due_today if {
	supplier := _supplier({"contract": _contract("2026-11-23")})
	count(supplier_review.violation) == 0 with input as _doc(supplier)
}

test_pass_no_review_due if {
	supplier := _supplier({"contract": {"start": "2025-01-01", "end": "2027-12-31"}})
	count(supplier_review.violation) == 0 with input as _doc(supplier)
}

test_pass_reviewed_recently if {
	count(supplier_review.violation) == 0 with input as fx.world
}

test_pass_terminated_supplier if {
	supplier := object.remove(_supplier({"status": "terminated", "contract": _contract("2020-01-31")}), ["last_review"])
	count(supplier_review.violation) == 0 with input as _doc(supplier)
}

test_fail_never_reviewed_with_review_due_passed if {
	supplier := object.remove(_supplier({"contract": _contract("2026-10-31")}), ["last_review"])
	found := supplier_review.violation with input as _doc(supplier)
	found == {_finding("SUP-0001 is an active supplier with no valid last_review date (YYYY-MM-DD)", ["last_review"])}
}
