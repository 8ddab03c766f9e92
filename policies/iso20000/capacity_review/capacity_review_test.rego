package iso20000.capacity_review_test

import data.iso20000.capacity_review
import data.lib.fixtures_test as fx

_review(collected_at, result) := fx.evidence_of("EV-2026-0102", "capacity_review", ["SVC-0001"], collected_at, result)

_finding(message) := {
	"check": "REG-CAP-001",
	"kind": "service",
	"id": "SVC-0001",
	"message": message,
	"field": [],
}

test_meta if {
	capacity_review.meta.id == "REG-CAP-001"
	capacity_review.meta.kinds == ["service", "evidence"]
	capacity_review.meta.config == ["thresholds.capacity_review_days"]
}

test_fail_review_too_old if {
	found := capacity_review.violation with input as fx.world_with({"evidence": [_review("2025-11-22T23:59:59Z", "pass")]})
	found == {_finding("SVC-0001 is a critical service whose last passing capacity review was at 2025-11-22T23:59:59Z, more than 365 days ago")}
}

test_pass_review_exactly_at_limit if {
	count(capacity_review.violation) == 0 with input as fx.world_with({"evidence": [_review("2025-11-23T00:00:00Z", "pass")]})
}

test_fail_never_reviewed if {
	found := capacity_review.violation with input as fx.world_with({"evidence": [fx.evidence_of("EV-2026-0102", "continuity_test", ["SVC-0001"], "2026-11-01T09:00:00Z", "pass")]})
	found == {_finding("SVC-0001 is a critical service with no passing capacity review on record")}
}

test_fail_recent_review_failed if {
	older := fx.evidence_of("EV-2025-0090", "capacity_review", ["SVC-0001"], "2025-03-01T09:00:00Z", "pass")
	found := capacity_review.violation with input as fx.world_with({"evidence": [_review("2026-11-01T09:00:00Z", "fail"), older]})
	found == {_finding("SVC-0001 is a critical service whose last passing capacity review was at 2025-03-01T09:00:00Z, more than 365 days ago")}
}

test_fail_review_of_another_service if {
	review := fx.evidence_of("EV-2026-0102", "capacity_review", ["SVC-0002"], "2026-11-01T09:00:00Z", "pass")
	found := capacity_review.violation with input as fx.world_with({"evidence": [review]})
	found == {_finding("SVC-0001 is a critical service with no passing capacity review on record")}
}

test_fail_high_service if {
	service := fx.patch(fx.service, {"criticality": "high"})
	found := capacity_review.violation with input as fx.world_with({"service": [service], "evidence": [_review("2025-01-10T09:00:00Z", "pass")]})
	found == {_finding("SVC-0001 is a high-criticality service whose last passing capacity review was at 2025-01-10T09:00:00Z, more than 365 days ago")}
}

test_fail_limit_from_config if {
	found := capacity_review.violation with input as fx.world
		with input.config.thresholds.capacity_review_days as 180
	found == {_finding("SVC-0001 is a critical service whose last passing capacity review was at 2026-03-01T09:00:00Z, more than 180 days ago")}
}

test_pass_recent_review if {
	count(capacity_review.violation) == 0 with input as fx.world
}

test_pass_medium_service if {
	service := fx.patch(fx.service, {"criticality": "medium"})
	count(capacity_review.violation) == 0 with input as fx.world_with({"service": [service], "evidence": [_review("2020-01-01T00:00:00Z", "pass")]})
}

test_pass_no_criticality if {
	service := object.remove(fx.service, ["criticality"])
	count(capacity_review.violation) == 0 with input as fx.world_with({"service": [service], "evidence": [_review("2020-01-01T00:00:00Z", "pass")]})
}

test_pass_retired_service if {
	service := fx.patch(fx.service, {"status": "retired"})
	count(capacity_review.violation) == 0 with input as fx.world_with({"service": [service], "evidence": [_review("2020-01-01T00:00:00Z", "pass")]})
}
