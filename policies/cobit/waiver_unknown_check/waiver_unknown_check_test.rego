package cobit.waiver_unknown_check_test

import data.cobit.waiver_unknown_check
import data.lib.fixtures_test as fx

_waiver(check) := {
	"kind": "waiver", "id": "WVR-2026-0012", "check": check, "records": ["CHG-2026-0042"],
	"reason": "Plans for the migration project are kept in the project wiki.",
	"approved_by": "dave", "approved_at": "2026-11-01T09:00:00Z", "expires": "2027-02-28",
	"_path": "waivers/WVR-2026-0012.yaml",
}

_checks := ["REG-CHG-004", "REG-INPUT-001", "ACME-OPS-001"]

test_meta if {
	waiver_unknown_check.meta.id == "REG-GOV-006"
	waiver_unknown_check.meta.rejects_waivers == true
	waiver_unknown_check.meta.kinds == ["waiver"]
	waiver_unknown_check.meta.controls.iso27002 == ["5.36"]
}

test_fail_misspelt_check if {
	found := waiver_unknown_check.violation with input as fx.doc({"waiver": [_waiver("REG-CHG-040")]})
		with input.checks as _checks
	found == {{
		"check": "REG-GOV-006",
		"kind": "waiver",
		"id": "WVR-2026-0012",
		"message": "WVR-2026-0012 waives REG-CHG-040, which is not a check this scan runs, so it accepts nothing",
		"field": ["check"],
	}}
}

test_fail_check_in_another_case if {
	found := waiver_unknown_check.violation with input as fx.doc({"waiver": [_waiver("reg-chg-004")]})
		with input.checks as _checks
	{f.id | some f in found} == {"WVR-2026-0012"}
}

test_pass_builtin_engine_and_organisation_checks if {
	waivers := [
		_waiver("REG-CHG-004"),
		object.union(_waiver("REG-INPUT-001"), {"id": "WVR-2026-0013"}),
		object.union(_waiver("ACME-OPS-001"), {"id": "WVR-2026-0014"}),
	]
	count(waiver_unknown_check.violation) == 0 with input as fx.doc({"waiver": waivers}) with input.checks as _checks
}

test_pass_without_a_list_of_checks if {
	count(waiver_unknown_check.violation) == 0 with input as fx.doc({"waiver": [_waiver("REG-CHG-040")]})
}
