package cobit.change_plans_test

import data.cobit.change_plans
import data.lib.fixtures_test as fx

_finding(id, part) := {
	"check": "REG-CHG-004",
	"kind": "change",
	"id": id,
	"message": sprintf("%s has no %s plan", [id, part]),
	"field": ["plan", part],
}

test_meta if {
	change_plans.meta.id == "REG-CHG-004"
	change_plans.meta.severity == "medium"
}

test_fail_no_plan_at_all if {
	change := fx.change_without(["plan"])
	found := change_plans.violation with input as fx.changes([change])
	found == {
		_finding("CHG-2026-0042", "implementation"),
		_finding("CHG-2026-0042", "backout"),
		_finding("CHG-2026-0042", "test"),
	}
}

test_fail_null_plan if {
	change := fx.change_with({"plan": null})
	found := change_plans.violation with input as fx.changes([change])
	count(found) == 3
}

test_fail_blank_backout if {
	change := fx.change_with({"plan": {"implementation": "Deploy.", "backout": "  \n", "test": "Smoke test."}})
	found := change_plans.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042", "backout")}
}

test_fail_missing_test_plan_on_emergency if {
	change := fx.patch(fx.emergency, {"status": "approved", "plan": {"implementation": "Deploy.", "backout": "Revert."}})
	found := change_plans.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0050", "test")}
}

test_fail_empty_and_wrong_type if {
	change := fx.change_with({"status": "scheduled", "plan": {"implementation": [], "backout": 0, "test": {}}})
	found := change_plans.violation with input as fx.changes([change])
	found == {
		_finding("CHG-2026-0042", "implementation"),
		_finding("CHG-2026-0042", "backout"),
		_finding("CHG-2026-0042", "test"),
	}
}

test_fail_missing_status if {
	change := object.remove(fx.change_with({"plan": {"implementation": "Deploy.", "backout": "Revert."}}), ["status"])
	found := change_plans.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042", "test")}
}

test_pass_all_plans if {
	count(change_plans.violation) == 0 with input as fx.changes([fx.change, fx.emergency])
}

test_pass_structured_plans if {
	change := fx.change_with({"plan": {"implementation": ["Deploy."], "backout": {"steps": ["Revert."]}, "test": "Smoke."}})
	count(change_plans.violation) == 0 with input as fx.changes([change])
}

test_pass_early_or_abandoned_statuses if {
	drafts := [fx.patch(fx.change_without(["plan"]), {"id": sprintf("CHG-%d", [i]), "status": s}) |
		some i, s in ["draft", "submitted", "rejected", "cancelled"]
	]
	count(change_plans.violation) == 0 with input as fx.changes(drafts)
}

test_pass_standard_change if {
	change := fx.patch(fx.change_without(["plan"]), {"type": "standard", "template": "STD-001"})
	count(change_plans.violation) == 0 with input as fx.changes([change])
}

test_pass_closed_as_cancelled if {
	change := fx.patch(fx.cancelled_change, {"plan": {"implementation": "Deploy."}})
	count(change_plans.violation) == 0 with input as fx.changes([change])
}

test_fail_closed_successfully_without_plans if {
	change := fx.patch(fx.closed_without_work, {"plan": {"implementation": "Deploy."}})
	found := change_plans.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042", "backout"), _finding("CHG-2026-0042", "test")}
}
