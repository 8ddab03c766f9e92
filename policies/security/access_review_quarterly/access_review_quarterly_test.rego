package security.access_review_quarterly_test

import data.lib.fixtures_test as fx
import data.security.access_review_quarterly

_finding(id, classification, quarter, grace) := {
	"check": "REG-SEC-001",
	"kind": "configuration_item",
	"id": id,
	"message": sprintf(
		"%s is an active production configuration item classified %s with no access review for %s (grace %v days)",
		[id, classification, quarter, grace],
	),
	"field": [],
}

# A confidential production database that only the world's Q3 review would cover, were it named there.
_confidential := fx.patch(fx.critical_ci, {"id": "CI-0003", "classification": "confidential"})

_review(id, subject, period) := object.union(
	fx.evidence_of(id, "access_review", subject, "2026-10-08T09:00:00Z", "pass"),
	{"period": period},
)

test_meta if {
	access_review_quarterly.meta.id == "REG-SEC-001"
	access_review_quarterly.meta.kinds == ["configuration_item", "evidence"]
	access_review_quarterly.meta.config == ["thresholds.access_review_grace_days"]
	access_review_quarterly.meta.controls.iso27002 == ["5.18", "8.2"]
}

test_pass_world if {
	count(access_review_quarterly.violation) == 0 with input as fx.world
}

test_fail_no_review_at_all if {
	found := access_review_quarterly.violation with input as fx.world_with({"evidence": [_review("EV-2026-0103", [], "2026-Q3")]})
	found == {_finding("CI-0002", "restricted", "2026-Q3", 15)}
}

test_fail_confidential_item_not_in_subject if {
	found := access_review_quarterly.violation with input as fx.world_with({"configuration_item": [_confidential]})
	found == {_finding("CI-0003", "confidential", "2026-Q3", 15)}
}

test_fail_review_for_an_earlier_quarter if {
	doc := fx.world_with({"evidence": [_review("EV-2026-0103", ["CI-0002"], "2026-Q2")]})
	found := access_review_quarterly.violation with input as doc
	found == {_finding("CI-0002", "restricted", "2026-Q3", 15)}
}

test_fail_review_without_period if {
	review := fx.evidence_of("EV-2026-0103", "access_review", ["CI-0002"], "2026-10-08T09:00:00Z", "pass")
	found := access_review_quarterly.violation with input as fx.world_with({"evidence": [review]})
	found == {_finding("CI-0002", "restricted", "2026-Q3", 15)}
}

test_fail_other_evidence_type if {
	doc := fx.world_with({"evidence": [object.union(_review("EV-2026-0103", ["CI-0002"], "2026-Q3"), {"type": "log_review"})]})
	found := access_review_quarterly.violation with input as doc
	found == {_finding("CI-0002", "restricted", "2026-Q3", 15)}
}

# With 60 days of grace, at 2026-11-23 the quarter due is still 2026-Q2.
test_fail_grace_from_config if {
	found := access_review_quarterly.violation with input as fx.world
		with input.config.thresholds.access_review_grace_days as 60
	found == {_finding("CI-0002", "restricted", "2026-Q2", 60)}
}

test_pass_grace_from_config if {
	doc := fx.world_with({"evidence": [_review("EV-2026-0103", ["CI-0002"], "2026-Q2")]})
	count(access_review_quarterly.violation) == 0 with input as doc
		with input.config.thresholds.access_review_grace_days as 60
}

test_pass_monthly_reviews_cover_the_quarter if {
	reviews := [_review(sprintf("EV-2026-02%d", [i]), ["CI-0002"], m) | some i, m in ["2026-07", "2026-08", "2026-09"]]
	count(access_review_quarterly.violation) == 0 with input as fx.world_with({"evidence": array.concat(
		[_review("EV-2026-0103", [], "2026-Q3")],
		reviews,
	)})
}

test_fail_two_monthly_reviews_of_three if {
	reviews := [_review(sprintf("EV-2026-02%d", [i]), ["CI-0002"], m) | some i, m in ["2026-07", "2026-09", "2026-10"]]
	found := access_review_quarterly.violation with input as fx.world_with({"evidence": array.concat(
		[_review("EV-2026-0103", [], "2026-Q3")],
		reviews,
	)})
	found == {_finding("CI-0002", "restricted", "2026-Q3", 15)}
}

test_pass_failed_review_still_counts if {
	review := object.union(_review("EV-2026-0103", ["CI-0002"], "2026-Q3"), {"result": "fail"})
	doc := fx.world_with({"evidence": [review]})
	count(access_review_quarterly.violation) == 0 with input as doc
}

test_pass_one_review_covers_several_items if {
	doc := fx.world_with({
		"configuration_item": [_confidential],
		"evidence": [_review("EV-2026-0103", ["CI-0002", "CI-0003"], "2026-Q3")],
	})
	count(access_review_quarterly.violation) == 0 with input as doc
}

# Before the grace days after Q3 have run out, Q2 is the quarter due.
test_pass_within_grace if {
	doc := fx.world_with({"evidence": [_review("EV-2026-0103", ["CI-0002"], "2026-Q2")]})
	count(access_review_quarterly.violation) == 0 with input as doc
		with input.reference_ns as 1792108799000000000
}

test_fail_just_after_grace if {
	doc := fx.world_with({"evidence": [_review("EV-2026-0103", ["CI-0002"], "2026-Q2")]})
	found := access_review_quarterly.violation with input as doc
		with input.reference_ns as 1792108800000000000
	found == {_finding("CI-0002", "restricted", "2026-Q3", 15)}
}

test_pass_out_of_scope_items if {
	items := [
		fx.patch(_confidential, {"id": "CI-0010", "classification": "internal"}),
		fx.patch(_confidential, {"id": "CI-0011", "classification": "public"}),
		object.remove(fx.patch(_confidential, {"id": "CI-0012"}), ["classification"]),
		fx.patch(_confidential, {"id": "CI-0013", "environment": "staging"}),
		fx.patch(_confidential, {"id": "CI-0014", "status": "retired"}),
		fx.patch(_confidential, {"id": "CI-0015", "status": "planned"}),
	]
	count(access_review_quarterly.violation) == 0 with input as fx.world_with({"configuration_item": items})
}
