package cobit.standard_change_template_test

import data.cobit.standard_change_template
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-013",
	"kind": "change",
	"id": "CHG-2026-0060",
	"message": message,
	"field": field,
}

# A scheduled, low-risk standard change that follows a template, with some fields replaced.
_standard(fields) := fx.patch(
	fx.change_with({
		"id": "CHG-2026-0060",
		"type": "standard",
		"status": "scheduled",
		"risk": "low",
		"template": "STD-0004",
		"approvals": [],
	}),
	fields,
)

test_meta if {
	standard_change_template.meta.id == "REG-CHG-013"
	standard_change_template.meta.controls.cobit4 == ["AI6.1"]
	standard_change_template.meta.example.change[0].risk == "high"
}

test_fail_no_template if {
	change := object.remove(_standard({}), ["template"])
	found := standard_change_template.violation with input as fx.world_with({"change": [change]})
	found == {_finding("CHG-2026-0060 is a standard change with status scheduled but names no pre-approved template", ["template"])}
}

test_fail_blank_template if {
	found := standard_change_template.violation with input as fx.world_with({"change": [_standard({"template": "  ", "status": "closed"})]})
	found == {_finding("CHG-2026-0060 is a standard change with status closed but names no pre-approved template", ["template"])}
}

test_fail_medium_risk if {
	found := standard_change_template.violation with input as fx.world_with({"change": [_standard({"risk": "medium"})]})
	found == {_finding("CHG-2026-0060 is a standard change rated medium risk, but a standard change must be low risk", ["risk"])}
}

test_fail_high_risk_without_template if {
	change := object.remove(_standard({"risk": "high", "status": "submitted"}), ["template"])
	found := standard_change_template.violation with input as fx.world_with({"change": [change]})
	found == {
		_finding("CHG-2026-0060 is a standard change with status submitted but names no pre-approved template", ["template"]),
		_finding("CHG-2026-0060 is a standard change rated high risk, but a standard change must be low risk", ["risk"]),
	}
}

test_pass_world if {
	count(standard_change_template.violation) == 0 with input as fx.world
}

test_pass_low_or_unrated_with_template if {
	changes := [
		_standard({}),
		object.remove(_standard({"id": "CHG-2026-0061"}), ["risk"]),
	]
	count(standard_change_template.violation) == 0 with input as fx.world_with({"change": changes})
}

test_pass_draft_rejected_cancelled if {
	changes := [object.remove(_standard({"id": sprintf("CHG-2026-09%d", [i]), "status": s, "risk": "high"}), ["template"]) |
		some i, s in ["draft", "rejected", "cancelled"]
	]
	count(standard_change_template.violation) == 0 with input as fx.world_with({"change": changes})
}

test_pass_normal_change_without_template if {
	count(standard_change_template.violation) == 0 with input as fx.world_with({"change": [fx.change_with({"risk": "high"})]})
}

test_pass_closed_as_cancelled if {
	closure := {"status": "closed", "closure": {"at": "2026-10-03T09:00:00Z", "code": "cancelled"}}
	change := object.remove(_standard(closure), ["template"])
	count(standard_change_template.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_fail_closed_successfully_without_template if {
	closure := {"status": "closed", "closure": {"at": "2026-10-03T09:00:00Z", "code": "successful"}}
	change := object.remove(_standard(closure), ["template"])
	found := standard_change_template.violation with input as fx.world_with({"change": [change]})
	{f.field | some f in found} == {["template"]}
}
