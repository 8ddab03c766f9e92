package cobit.change_risk_assessment_test

import data.cobit.change_risk_assessment
import data.lib.fixtures_test as fx

_finding(id, message, field) := {
	"check": "REG-CHG-012",
	"kind": "change",
	"id": id,
	"message": message,
	"field": field,
}

test_meta if {
	change_risk_assessment.meta.id == "REG-CHG-012"
	change_risk_assessment.meta.severity == "medium"
	change_risk_assessment.meta.controls.iso20000 == ["8.5.1.3", "8.2.6"]
}

test_fail_no_risk if {
	found := change_risk_assessment.violation with input as fx.world_with({"change": [fx.change_without(["risk"])]})
	found == {_finding("CHG-2026-0042", "CHG-2026-0042 has status closed but records no risk rating", ["risk"])}
}

test_fail_no_impact_on_emergency_change if {
	change := object.remove(fx.emergency, ["impact"])
	found := change_risk_assessment.violation with input as fx.world_with({"change": [change]})
	found == {_finding("CHG-2026-0050", "CHG-2026-0050 has status closed but records no impact rating", ["impact"])}
}

test_fail_blank_ratings if {
	change := fx.change_with({"status": "submitted", "risk": "", "impact": " "})
	found := change_risk_assessment.violation with input as fx.world_with({"change": [change]})
	found == {
		_finding("CHG-2026-0042", "CHG-2026-0042 has status submitted but records no risk rating", ["risk"]),
		_finding("CHG-2026-0042", "CHG-2026-0042 has status submitted but records no impact rating", ["impact"]),
	}
}

test_fail_nothing_affected if {
	change := fx.patch(fx.change_without(["services"]), {"status": "approved", "configuration_items": []})
	found := change_risk_assessment.violation with input as fx.world_with({"change": [change]})
	found == {_finding(
		"CHG-2026-0042",
		"CHG-2026-0042 has status approved but names no configuration item or service it affects",
		["configuration_items"],
	)}
}

test_fail_nothing_assessed if {
	change := fx.patch(fx.change_without(["risk", "impact", "configuration_items", "services"]), {"status": "scheduled"})
	found := change_risk_assessment.violation with input as fx.world_with({"change": [change]})
	found == {
		_finding("CHG-2026-0042", "CHG-2026-0042 has status scheduled but records no risk rating", ["risk"]),
		_finding("CHG-2026-0042", "CHG-2026-0042 has status scheduled but records no impact rating", ["impact"]),
		_finding(
			"CHG-2026-0042",
			"CHG-2026-0042 has status scheduled but names no configuration item or service it affects",
			["configuration_items"],
		),
	}
}

test_pass_world if {
	count(change_risk_assessment.violation) == 0 with input as fx.world
}

test_pass_service_or_item_is_enough if {
	changes := [
		fx.change_without(["configuration_items"]),
		fx.patch(fx.emergency, {"services": []}),
	]
	count(change_risk_assessment.violation) == 0 with input as fx.world_with({"change": changes})
}

test_pass_draft_rejected_cancelled if {
	changes := [fx.change_with({"id": sprintf("CHG-2026-09%d", [i]), "status": s, "risk": "", "services": []}) |
		some i, s in ["draft", "rejected", "cancelled"]
	]
	count(change_risk_assessment.violation) == 0 with input as fx.world_with({"change": changes})
}

test_pass_standard_change if {
	change := fx.change_without(["risk", "impact", "configuration_items", "services"])
	count(change_risk_assessment.violation) == 0 with input as fx.world_with({"change": [fx.patch(change, {"type": "standard"})]})
}

test_pass_closed_as_cancelled if {
	change := object.remove(fx.cancelled_change, ["risk"])
	count(change_risk_assessment.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_fail_closed_successfully_without_risk if {
	change := object.remove(fx.closed_without_work, ["risk"])
	found := change_risk_assessment.violation with input as fx.world_with({"change": [change]})
	{f.field | some f in found} == {["risk"]}
}
