package security.log_review_test

import data.lib.fixtures_test as fx
import data.security.log_review

_finding(id, classification, history) := {
	"check": "REG-SEC-011",
	"kind": "configuration_item",
	"id": id,
	"message": sprintf(
		"%s is an active production configuration item classified %s whose logs %s",
		[id, classification, history],
	),
	"field": [],
}

# The world's log review of CI-0002, collected at another time with a result.
_review(at, result) := object.union(
	fx.evidence_of("EV-2026-0107", "log_review", ["CI-0002"], at, result),
	{"period": "2026-10"},
)

test_meta if {
	log_review.meta.id == "REG-SEC-011"
	log_review.meta.kinds == ["configuration_item", "evidence"]
	log_review.meta.config == ["thresholds.log_review_days"]
	log_review.meta.controls.iso17799 == ["10.10.1", "10.10.2", "10.10.4"]
}

test_pass_world if {
	count(log_review.violation) == 0 with input as fx.world
}

test_fail_last_review_too_old if {
	found := log_review.violation with input as fx.world_with({"evidence": [_review("2026-10-05T09:00:00Z", "pass")]})
	found == {_finding("CI-0002", "restricted", "were last reviewed at 2026-10-05T09:00:00Z, more than 31 days ago")}
}

test_fail_never_reviewed if {
	doc := fx.world_with({"evidence": [fx.evidence_of("EV-2026-0107", "access_review", ["CI-0002"], "2026-11-05T09:00:00Z", "pass")]})
	found := log_review.violation with input as doc
	found == {_finding("CI-0002", "restricted", "have never been reviewed (limit 31 days)")}
}

test_fail_confidential_item_not_covered if {
	item := fx.patch(fx.critical_ci, {"id": "CI-0003", "classification": "confidential"})
	found := log_review.violation with input as fx.world_with({"configuration_item": [item]})
	found == {_finding("CI-0003", "confidential", "have never been reviewed (limit 31 days)")}
}

test_pass_failed_review_counts if {
	count(log_review.violation) == 0 with input as fx.world_with({"evidence": [_review("2026-11-05T09:00:00Z", "fail")]})
}

# 2026-10-23 is day 31 before the reference day, 23 November: within the limit from its first instant.
test_pass_exactly_at_the_limit if {
	count(log_review.violation) == 0 with input as fx.world_with({"evidence": [_review("2026-10-23T00:00:00Z", "pass")]})
}

test_fail_just_past_the_limit if {
	found := log_review.violation with input as fx.world_with({"evidence": [_review("2026-10-22T23:59:59Z", "pass")]})
	found == {_finding("CI-0002", "restricted", "were last reviewed at 2026-10-22T23:59:59Z, more than 31 days ago")}
}

test_fail_limit_from_config if {
	found := log_review.violation with input as fx.world
		with input.config.thresholds.log_review_days as 14
	found == {_finding("CI-0002", "restricted", "were last reviewed at 2026-11-05T09:00:00Z, more than 14 days ago")}
}

test_pass_limit_from_config if {
	count(log_review.violation) == 0 with input as fx.world_with({"evidence": [_review("2026-10-05T09:00:00Z", "pass")]})
		with input.config.thresholds.log_review_days as 60
}

test_pass_out_of_scope_items if {
	items := [
		fx.patch(fx.critical_ci, {"id": "CI-0010", "classification": "internal"}),
		object.remove(fx.patch(fx.critical_ci, {"id": "CI-0011"}), ["classification"]),
		fx.patch(fx.critical_ci, {"id": "CI-0012", "environment": "test"}),
		fx.patch(fx.critical_ci, {"id": "CI-0013", "status": "retired"}),
	]
	count(log_review.violation) == 0 with input as fx.world_with({"configuration_item": items})
}
