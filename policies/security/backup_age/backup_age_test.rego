package security.backup_age_test

import data.lib.fixtures_test as fx
import data.security.backup_age

_finding(id, history) := {
	"check": "REG-SEC-005",
	"kind": "configuration_item",
	"id": id,
	"message": sprintf("%s is a critical production configuration item whose backup %s", [id, history]),
	"field": [],
}

# The world's backup of CI-0002, collected at another time with a result.
_backup(at, result) := fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], at, result)

test_meta if {
	backup_age.meta.id == "REG-SEC-005"
	backup_age.meta.kinds == ["configuration_item", "evidence"]
	backup_age.meta.config == ["thresholds.backup_age_days"]
	backup_age.meta.controls.iso27002 == ["8.13"]
}

test_pass_world if {
	count(backup_age.violation) == 0 with input as fx.world
}

test_fail_last_backup_too_old if {
	found := backup_age.violation with input as fx.world_with({"evidence": [_backup("2026-11-20T02:00:00Z", "pass")]})
	found == {_finding("CI-0002", "last succeeded at 2026-11-20T02:00:00Z, more than 2 days ago")}
}

test_fail_never_backed_up if {
	found := backup_age.violation with input as fx.world_with({"evidence": [_backup("2026-11-23T02:00:00Z", "fail")]})
	found == {_finding("CI-0002", "has never succeeded (limit 2 days)")}
}

test_fail_recent_backup_failed if {
	doc := fx.world_with({"evidence": [
		_backup("2026-11-19T02:00:00Z", "pass"),
		fx.evidence_of("EV-2026-0110", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "fail"),
	]})
	found := backup_age.violation with input as doc
	found == {_finding("CI-0002", "last succeeded at 2026-11-19T02:00:00Z, more than 2 days ago")}
}

test_fail_backup_of_another_item if {
	critical := fx.patch(fx.critical_ci, {"id": "CI-0003"})
	found := backup_age.violation with input as fx.world_with({"configuration_item": [critical]})
	found == {_finding("CI-0003", "has never succeeded (limit 2 days)")}
}

test_fail_restore_test_is_not_a_backup if {
	doc := fx.world_with({"evidence": [fx.evidence_of("EV-2026-0105", "backup_restore_test", ["CI-0002"], "2026-11-23T02:00:00Z", "pass")]})
	found := backup_age.violation with input as doc
	found == {_finding("CI-0002", "has never succeeded (limit 2 days)")}
}

test_fail_limit_from_config if {
	found := backup_age.violation with input as fx.world_with({"evidence": [_backup("2026-11-21T02:00:00Z", "pass")]})
		with input.config.thresholds.backup_age_days as 1
	found == {_finding("CI-0002", "last succeeded at 2026-11-21T02:00:00Z, more than 1 days ago")}
}

test_pass_limit_from_config if {
	doc := fx.world_with({"evidence": [_backup("2026-11-15T02:00:00Z", "pass")]})
	count(backup_age.violation) == 0 with input as doc
		with input.config.thresholds.backup_age_days as 10
}

# 2026-11-21 is day two before the reference day, 23 November: within the limit from its first instant.
test_pass_exactly_at_the_limit if {
	count(backup_age.violation) == 0 with input as fx.world_with({"evidence": [_backup("2026-11-21T00:00:00Z", "pass")]})
}

test_fail_just_past_the_limit if {
	found := backup_age.violation with input as fx.world_with({"evidence": [_backup("2026-11-20T23:59:59Z", "pass")]})
	found == {_finding("CI-0002", "last succeeded at 2026-11-20T23:59:59Z, more than 2 days ago")}
}

test_pass_out_of_scope_items if {
	items := [
		fx.patch(fx.critical_ci, {"id": "CI-0010", "criticality": "high"}),
		fx.patch(fx.critical_ci, {"id": "CI-0011", "environment": "development"}),
		fx.patch(fx.critical_ci, {"id": "CI-0012", "status": "planned"}),
	]
	count(backup_age.violation) == 0 with input as fx.world_with({"configuration_item": items})
}
