package security.restore_test_age_test

import data.lib.fixtures_test as fx
import data.security.restore_test_age

_finding(id, history) := {
	"check": "REG-SEC-004",
	"kind": "configuration_item",
	"id": id,
	"message": sprintf("%s is a critical production configuration item whose restore test %s", [id, history]),
	"field": [],
}

# The world's restore test of CI-0002, collected at another time with a result.
_restore(at, result) := fx.evidence_of("EV-2026-0104", "backup_restore_test", ["CI-0002"], at, result)

test_meta if {
	restore_test_age.meta.id == "REG-SEC-004"
	restore_test_age.meta.kinds == ["configuration_item", "evidence"]
	restore_test_age.meta.config == ["thresholds.restore_test_days"]
	restore_test_age.meta.controls.iso17799 == ["10.5.1"]
}

test_pass_world if {
	count(restore_test_age.violation) == 0 with input as fx.world
}

test_fail_last_pass_too_old if {
	doc := fx.world_with({"evidence": [_restore("2026-06-01T09:00:00Z", "pass")]})
	found := restore_test_age.violation with input as doc
	found == {_finding("CI-0002", "last passed at 2026-06-01T09:00:00Z, more than 90 days ago")}
}

test_fail_never_tested if {
	found := restore_test_age.violation with input as fx.world_with({"evidence": [_restore("2026-10-20T09:00:00Z", "fail")]})
	found == {_finding("CI-0002", "has never passed (limit 90 days)")}
}

test_fail_recent_failure_after_an_old_pass if {
	doc := fx.world_with({"evidence": [
		_restore("2026-06-01T09:00:00Z", "pass"),
		fx.evidence_of("EV-2026-0110", "backup_restore_test", ["CI-0002"], "2026-11-20T09:00:00Z", "fail"),
	]})
	found := restore_test_age.violation with input as doc
	found == {_finding("CI-0002", "last passed at 2026-06-01T09:00:00Z, more than 90 days ago")}
}

test_fail_test_of_another_item if {
	critical := fx.patch(fx.critical_ci, {"id": "CI-0003"})
	found := restore_test_age.violation with input as fx.world_with({"configuration_item": [critical]})
	found == {_finding("CI-0003", "has never passed (limit 90 days)")}
}

test_fail_limit_from_config if {
	found := restore_test_age.violation with input as fx.world
		with input.config.thresholds.restore_test_days as 30
	found == {_finding("CI-0002", "last passed at 2026-10-20T09:00:00Z, more than 30 days ago")}
}

# 2026-08-25 is day 90 before the reference day, 23 November: within the limit from its first instant.
test_pass_exactly_at_the_limit if {
	count(restore_test_age.violation) == 0 with input as fx.world_with({"evidence": [_restore("2026-08-25T00:00:00Z", "pass")]})
}

test_fail_just_past_the_limit if {
	found := restore_test_age.violation with input as fx.world_with({"evidence": [_restore("2026-08-24T23:59:59Z", "pass")]})
	found == {_finding("CI-0002", "last passed at 2026-08-24T23:59:59Z, more than 90 days ago")}
}

test_pass_recent_pass_among_several if {
	doc := fx.world_with({"evidence": [
		_restore("2026-06-01T09:00:00Z", "pass"),
		fx.evidence_of("EV-2026-0110", "backup_restore_test", ["CI-0001", "CI-0002"], "2026-11-20T09:00:00Z", "pass"),
	]})
	count(restore_test_age.violation) == 0 with input as doc
}

test_pass_out_of_scope_items if {
	items := [
		fx.patch(fx.critical_ci, {"id": "CI-0010", "criticality": "high"}),
		object.remove(fx.patch(fx.critical_ci, {"id": "CI-0011"}), ["criticality"]),
		fx.patch(fx.critical_ci, {"id": "CI-0012", "environment": "staging"}),
		fx.patch(fx.critical_ci, {"id": "CI-0013", "status": "retired"}),
	]
	count(restore_test_age.violation) == 0 with input as fx.world_with({"configuration_item": items})
}
