package iso20000.supplier_contract_test

import data.iso20000.supplier_contract
import data.lib.fixtures_test as fx

_supplier(fields) := fx.patch(fx.supplier, fields)

_finding(message, field) := {
	"check": "REG-SUP-001",
	"kind": "supplier",
	"id": "SUP-0001",
	"message": message,
	"field": field,
}

_doc(supplier) := fx.world_with({"supplier": [supplier]})

test_meta if {
	supplier_contract.meta.id == "REG-SUP-001"
	supplier_contract.meta.controls.iso27002 == ["5.19", "5.20"]
}

test_fail_no_contract if {
	found := supplier_contract.violation with input as _doc(object.remove(fx.supplier, ["contract"]))
	found == {_finding("SUP-0001 is an active supplier with no contract on record", ["contract"])}
}

test_fail_null_contract if {
	found := supplier_contract.violation with input as _doc(_supplier({"contract": null}))
	found == {_finding("SUP-0001 is an active supplier with no contract on record", ["contract"])}
}

test_fail_no_end if {
	found := supplier_contract.violation with input as _doc(_supplier({"contract": {"start": "2025-01-01"}}))
	found == {_finding("SUP-0001 is an active supplier whose contract has no valid end date (YYYY-MM-DD)", ["contract", "end"])}
}

test_fail_no_start if {
	found := supplier_contract.violation with input as _doc(_supplier({"contract": {"end": "2027-12-31", "review_due": "2027-01-31"}}))
	found == {_finding("SUP-0001 is an active supplier whose contract has no valid start date (YYYY-MM-DD)", ["contract", "start"])}
}

test_fail_empty_contract if {
	found := supplier_contract.violation with input as _doc(_supplier({"contract": {}}))
	found == {_finding("SUP-0001 is an active supplier whose contract has no valid start or end date (YYYY-MM-DD)", ["contract", "start"])}
}

test_fail_unreadable_end if {
	found := supplier_contract.violation with input as _doc(_supplier({"contract": {"start": "2025-01-01", "end": "31/12/2027"}}))
	found == {_finding("SUP-0001 is an active supplier whose contract has no valid end date (YYYY-MM-DD)", ["contract", "end"])}
}

test_fail_contract_ended if {
	found := supplier_contract.violation with input as _doc(_supplier({"contract": {"start": "2025-01-01", "end": "2026-11-22"}}))
	found == {_finding("SUP-0001 is an active supplier whose contract ended on 2026-11-22, before 2026-11-23", ["contract", "end"])}
}

test_fail_ended_with_no_start if {
	found := supplier_contract.violation with input as _doc(_supplier({"contract": {"end": "2025-12-31"}}))
	found == {
		_finding("SUP-0001 is an active supplier whose contract has no valid start date (YYYY-MM-DD)", ["contract", "start"]),
		_finding("SUP-0001 is an active supplier whose contract ended on 2025-12-31, before 2026-11-23", ["contract", "end"]),
	}
}

test_pass_contract_ends_on_reference_date if {
	count(supplier_contract.violation) == 0 with input as _doc(_supplier({"contract": {"start": "2025-01-01", "end": "2026-11-23"}}))
}

test_pass_contract_in_force if {
	count(supplier_contract.violation) == 0 with input as fx.world
}

test_pass_terminated_supplier if {
	supplier := object.remove(_supplier({"status": "terminated"}), ["contract"])
	count(supplier_contract.violation) == 0 with input as _doc(supplier)
}

test_pass_terminated_supplier_with_ended_contract if {
	supplier := _supplier({"status": "terminated", "contract": {"start": "2020-01-01", "end": "2021-01-01"}})
	count(supplier_contract.violation) == 0 with input as _doc(supplier)
}
