package iso20000.continuity_testing_test

import data.iso20000.continuity_testing
import data.lib.fixtures_test as fx

_test(collected_at, result) := fx.evidence_of("EV-2026-0101", "continuity_test", ["SVC-0001"], collected_at, result)

_finding(message) := {
	"check": "REG-BCM-002",
	"kind": "service",
	"id": "SVC-0001",
	"message": message,
	"field": [],
}

test_meta if {
	continuity_testing.meta.id == "REG-BCM-002"
	continuity_testing.meta.config == ["thresholds.continuity_test_days"]
	continuity_testing.meta.controls.iso17799 == ["14.1.5"]
}

test_fail_test_too_old if {
	found := continuity_testing.violation with input as fx.world_with({"evidence": [_test("2025-11-22T23:59:59Z", "pass")]})
	found == {_finding("SVC-0001 is an active critical service whose last passing continuity test was at 2025-11-22T23:59:59Z, more than 365 days ago")}
}

test_pass_test_exactly_at_limit if {
	count(continuity_testing.violation) == 0 with input as fx.world_with({"evidence": [_test("2025-11-23T00:00:00Z", "pass")]})
}

test_fail_never_tested if {
	found := continuity_testing.violation with input as fx.world_with({"evidence": [fx.evidence_of("EV-2026-0101", "capacity_review", ["SVC-0001"], "2026-11-01T09:00:00Z", "pass")]})
	found == {_finding("SVC-0001 is an active critical service with no passing continuity test on record")}
}

test_fail_recent_test_failed if {
	found := continuity_testing.violation with input as fx.world_with({"evidence": [_test("2026-11-01T09:00:00Z", "fail")]})
	found == {_finding("SVC-0001 is an active critical service with no passing continuity test on record")}
}

test_fail_recent_test_failed_after_old_pass if {
	older := fx.evidence_of("EV-2024-0050", "continuity_test", ["SVC-0001"], "2024-10-01T09:00:00Z", "pass")
	found := continuity_testing.violation with input as fx.world_with({"evidence": [_test("2026-11-01T09:00:00Z", "fail"), older]})
	found == {_finding("SVC-0001 is an active critical service whose last passing continuity test was at 2024-10-01T09:00:00Z, more than 365 days ago")}
}

test_fail_test_of_another_service if {
	test := fx.evidence_of("EV-2026-0101", "continuity_test", ["SVC-0002"], "2026-11-01T09:00:00Z", "pass")
	found := continuity_testing.violation with input as fx.world_with({"evidence": [test]})
	found == {_finding("SVC-0001 is an active critical service with no passing continuity test on record")}
}

test_fail_limit_from_config if {
	found := continuity_testing.violation with input as fx.world
		with input.config.thresholds.continuity_test_days as 180
	found == {_finding("SVC-0001 is an active critical service whose last passing continuity test was at 2026-05-14T09:00:00Z, more than 180 days ago")}
}

test_pass_recent_test if {
	count(continuity_testing.violation) == 0 with input as fx.world
}

test_pass_test_covering_several_services if {
	test := fx.evidence_of("EV-2026-0101", "continuity_test", ["SVC-0002", "SVC-0001"], "2026-11-01T09:00:00Z", "pass")
	count(continuity_testing.violation) == 0 with input as fx.world_with({"evidence": [test]})
}

test_pass_high_service if {
	service := fx.patch(fx.service, {"criticality": "high"})
	count(continuity_testing.violation) == 0 with input as fx.world_with({"service": [service], "evidence": [_test("2020-01-01T00:00:00Z", "pass")]})
}

test_pass_retired_service if {
	service := fx.patch(fx.service, {"status": "retired"})
	count(continuity_testing.violation) == 0 with input as fx.world_with({"service": [service], "evidence": [_test("2020-01-01T00:00:00Z", "pass")]})
}
