package iso20000.continuity_plan_test

import data.iso20000.continuity_plan
import data.lib.fixtures_test as fx

_service(fields) := fx.patch(fx.service, fields)

_finding(message) := {
	"check": "REG-BCM-001",
	"kind": "service",
	"id": "SVC-0001",
	"message": message,
	"field": ["continuity_plan"],
}

test_meta if {
	continuity_plan.meta.id == "REG-BCM-001"
	continuity_plan.meta.controls.iso27002 == ["5.29", "5.30"]
}

test_fail_no_plan_named if {
	found := continuity_plan.violation with input as fx.world_with({"service": [object.remove(fx.service, ["continuity_plan"])]})
	found == {_finding("SVC-0001 is an active critical service that names no continuity plan")}
}

test_fail_blank_plan if {
	found := continuity_plan.violation with input as fx.world_with({"service": [_service({"continuity_plan": " "})]})
	found == {_finding("SVC-0001 is an active critical service that names no continuity plan")}
}

test_fail_plan_not_an_evidence_record if {
	found := continuity_plan.violation with input as fx.world_with({"service": [_service({"continuity_plan": "EV-2026-0999"})]})
	found == {_finding("SVC-0001 is an active critical service whose continuity plan EV-2026-0999 is not an evidence record")}
}

test_fail_plan_of_another_type if {
	found := continuity_plan.violation with input as fx.world_with({"service": [_service({"continuity_plan": "EV-2026-0101"})]})
	found == {_finding("SVC-0001 is an active critical service whose continuity plan EV-2026-0101 is evidence of type continuity_test, not continuity_plan")}
}

test_fail_plan_evidence_retyped if {
	plan := fx.evidence_of("EV-2026-0100", "test_report", ["SVC-0001"], "2026-02-01T09:00:00Z", "pass")
	found := continuity_plan.violation with input as fx.world_with({"evidence": [plan]})
	found == {_finding("SVC-0001 is an active critical service whose continuity plan EV-2026-0100 is evidence of type test_report, not continuity_plan")}
}

test_pass_plan_on_record if {
	count(continuity_plan.violation) == 0 with input as fx.world
}

test_pass_high_service_without_plan if {
	service := object.remove(_service({"criticality": "high"}), ["continuity_plan"])
	count(continuity_plan.violation) == 0 with input as fx.world_with({"service": [service]})
}

test_pass_retired_critical_service_without_plan if {
	service := object.remove(_service({"status": "retired"}), ["continuity_plan"])
	count(continuity_plan.violation) == 0 with input as fx.world_with({"service": [service]})
}
