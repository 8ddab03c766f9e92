package iso20000.service_report_breach_actions_test

import data.iso20000.service_report_breach_actions
import data.lib.fixtures_test as fx

_report(fields) := fx.patch(fx.service_report, fields)

_finding(message) := {
	"check": "REG-SLM-003",
	"kind": "service_report",
	"id": "SR-2026-10-SVC-0001",
	"message": message,
	"field": ["actions"],
}

_doc(report) := fx.world_with({"service_report": [report]})

test_meta if {
	service_report_breach_actions.meta.id == "REG-SLM-003"
	service_report_breach_actions.meta.controls.cobit2019 == ["APO09.04", "APO09.05", "MEA01.04"]
}

test_fail_below_target_without_actions if {
	found := service_report_breach_actions.violation with input as _doc(_report({"availability": 99.1, "actions": []}))
	found == {_finding("SR-2026-10-SVC-0001 measured 99.1 % availability against a target of 99.5 % for SVC-0001 in 2026-10, but records no actions")}
}

test_fail_below_target_actions_absent if {
	report := object.remove(_report({"availability": 97}), ["actions"])
	found := service_report_breach_actions.violation with input as _doc(report)
	found == {_finding("SR-2026-10-SVC-0001 measured 97 % availability against a target of 99.5 % for SVC-0001 in 2026-10, but records no actions")}
}

test_fail_one_breach_listed if {
	report := _report({"breaches": ["INC-2026-0007"], "actions": []})
	found := service_report_breach_actions.violation with input as _doc(report)
	found == {_finding("SR-2026-10-SVC-0001 lists 1 breach for SVC-0001 in 2026-10, but records no actions")}
}

test_fail_breaches_and_blank_actions if {
	report := _report({
		"breaches": ["INC-2026-0007", {"incident": "INC-2026-0001", "target": "resolution"}],
		"actions": ["", "  "],
	})
	found := service_report_breach_actions.violation with input as _doc(report)
	found == {_finding("SR-2026-10-SVC-0001 lists 2 breaches for SVC-0001 in 2026-10, but records no actions")}
}

test_fail_below_target_and_breaches if {
	report := _report({"availability": 98.25, "breaches": ["P1 resolution over 4 hours"], "actions": []})
	found := service_report_breach_actions.violation with input as _doc(report)
	found == {_finding("SR-2026-10-SVC-0001 measured 98.25 % availability against a target of 99.5 % and lists 1 breach for SVC-0001 in 2026-10, but records no actions")}
}

test_fail_target_from_another_service if {
	service := fx.patch(fx.service, {"id": "SVC-0002", "sla": {"availability": 99.95}})
	report := _report({"id": "SR-2026-10-SVC-0002", "service": "SVC-0002", "availability": 99.9, "actions": null})
	found := service_report_breach_actions.violation with input as fx.world_with({"service": [service], "service_report": [report]})
	found == {{
		"check": "REG-SLM-003",
		"kind": "service_report",
		"id": "SR-2026-10-SVC-0002",
		"message": "SR-2026-10-SVC-0002 measured 99.9 % availability against a target of 99.95 % for SVC-0002 in 2026-10, but records no actions",
		"field": ["actions"],
	}}
}

test_pass_exactly_at_target if {
	count(service_report_breach_actions.violation) == 0 with input as _doc(_report({"availability": 99.5, "actions": []}))
}

test_pass_below_target_with_actions if {
	report := _report({"availability": 98, "breaches": ["INC-2026-0007"]})
	count(service_report_breach_actions.violation) == 0 with input as _doc(report)
}

test_pass_nothing_to_act_on if {
	count(service_report_breach_actions.violation) == 0 with input as _doc(object.remove(fx.service_report, ["actions", "breaches"]))
}

test_pass_unknown_service_without_breaches if {
	report := _report({"service": "SVC-0404", "availability": 50, "actions": []})
	count(service_report_breach_actions.violation) == 0 with input as _doc(report)
}

test_pass_service_without_target if {
	service := fx.patch(fx.service, {"sla": {"resolution_hours": {"P1": 4}}})
	report := _report({"availability": 50, "actions": []})
	count(service_report_breach_actions.violation) == 0 with input as fx.world_with({"service": [service], "service_report": [report]})
}

test_pass_world if {
	count(service_report_breach_actions.violation) == 0 with input as fx.world
}
