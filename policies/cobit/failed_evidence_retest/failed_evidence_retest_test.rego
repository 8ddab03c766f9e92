package cobit.failed_evidence_retest_test

import data.cobit.failed_evidence_retest
import data.lib.fixtures_test as fx

# A failed restore test of both world CIs, 40 days before the reference time.
_failed := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0001", "CI-0002"], "2026-10-14T09:00:00Z", "fail")

_finding(message, field) := {
	"check": "REG-GOV-004",
	"kind": "evidence",
	"id": "EV-2026-0200",
	"message": message,
	"field": field,
}

_ci0001_message := "EV-2026-0200 recorded a failed backup_restore_test of CI-0001 at 2026-10-14T09:00:00Z, more than 30 days ago, and no passing backup_restore_test of CI-0001 was collected after it"

test_meta if {
	failed_evidence_retest.meta.id == "REG-GOV-004"
	failed_evidence_retest.meta.kinds == ["evidence"]
	failed_evidence_retest.meta.config == ["thresholds.failed_evidence_retest_days"]
}

# The world's passing restore test of CI-0002 (EV-2026-0104, 2026-10-20) came after the failure.
test_fail_subject_not_retested if {
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [_failed]})
	found == {_finding(_ci0001_message, ["subject", 0])}
}

test_fail_every_subject_not_retested if {
	failed := fx.evidence_of("EV-2026-0200", "access_review", ["CI-0001", "CI-0002"], "2026-10-14T09:00:00Z", "fail")
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [failed]})
	found == {
		_finding("EV-2026-0200 recorded a failed access_review of CI-0001 at 2026-10-14T09:00:00Z, more than 30 days ago, and no passing access_review of CI-0001 was collected after it", ["subject", 0]),
		_finding("EV-2026-0200 recorded a failed access_review of CI-0002 at 2026-10-14T09:00:00Z, more than 30 days ago, and no passing access_review of CI-0002 was collected after it", ["subject", 1]),
	}
}

test_fail_only_passes_before_the_failure if {
	earlier := fx.evidence_of("EV-2026-0201", "backup_restore_test", ["CI-0001"], "2026-10-13T09:00:00Z", "pass")
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [_failed, earlier]})
	found == {_finding(_ci0001_message, ["subject", 0])}
}

test_fail_several_passes_all_before_the_failure if {
	passes := [
		fx.evidence_of("EV-2026-0201", "backup_restore_test", ["CI-0001"], "2026-10-01T09:00:00Z", "pass"),
		fx.evidence_of("EV-2026-0202", "backup_restore_test", ["CI-0001"], "2026-10-13T09:00:00Z", "pass"),
	]
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": array.concat([_failed], passes)})
	found == {_finding(_ci0001_message, ["subject", 0])}
}

test_fail_retest_at_the_same_instant_is_not_after if {
	same := fx.evidence_of("EV-2026-0201", "backup_restore_test", ["CI-0001"], "2026-10-14T09:00:00Z", "pass")
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [_failed, same]})
	found == {_finding(_ci0001_message, ["subject", 0])}
}

test_fail_later_retest_failed_too if {
	again := fx.evidence_of("EV-2026-0201", "backup_restore_test", ["CI-0001"], "2026-11-01T09:00:00Z", "fail")
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [_failed, again]})
	found == {_finding(_ci0001_message, ["subject", 0])}
}

test_fail_later_pass_of_another_type if {
	other := fx.evidence_of("EV-2026-0201", "vulnerability_scan", ["CI-0001"], "2026-11-20T09:00:00Z", "pass")
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [_failed, other]})
	found == {_finding(_ci0001_message, ["subject", 0])}
}

test_fail_no_subject if {
	failed := object.remove(fx.evidence_of("EV-2026-0200", "dr_exercise", [], "2026-09-01T09:00:00Z", "fail"), ["subject"])
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [failed]})
	found == {_finding("EV-2026-0200 recorded a failed dr_exercise with no subject at 2026-09-01T09:00:00Z, more than 30 days ago, and no passing dr_exercise was collected after it", ["result"])}
}

test_fail_threshold_from_config if {
	failed := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0001"], "2026-11-13T09:00:00Z", "fail")
	found := failed_evidence_retest.violation with input as fx.world_with({"evidence": [failed]})
		with input.config.thresholds.failed_evidence_retest_days as 7
	found == {_finding("EV-2026-0200 recorded a failed backup_restore_test of CI-0001 at 2026-11-13T09:00:00Z, more than 7 days ago, and no passing backup_restore_test of CI-0001 was collected after it", ["subject", 0])}
}

test_pass_retested if {
	retest := fx.evidence_of("EV-2026-0201", "backup_restore_test", ["CI-0001", "CI-0003"], "2026-10-30T09:00:00Z", "pass")
	count(failed_evidence_retest.violation) == 0 with input as fx.world_with({"evidence": [_failed, retest]})
}

test_pass_latest_of_several_passes_counts if {
	passes := [
		fx.evidence_of("EV-2026-0201", "backup_restore_test", ["CI-0001"], "2026-10-01T09:00:00Z", "pass"),
		fx.evidence_of("EV-2026-0202", "backup_restore_test", ["CI-0001"], "2026-11-02T09:00:00Z", "pass"),
		fx.evidence_of("EV-2026-0203", "backup_restore_test", ["CI-0001"], "2026-10-13T09:00:00Z", "pass"),
	]
	count(failed_evidence_retest.violation) == 0 with input as fx.world_with({"evidence": array.concat([_failed], passes)})
}

test_pass_no_subject_retested if {
	failed := fx.evidence_of("EV-2026-0200", "dr_exercise", [], "2026-09-01T09:00:00Z", "fail")
	retest := fx.evidence_of("EV-2026-0201", "dr_exercise", ["SVC-0001"], "2026-09-15T09:00:00Z", "pass")
	count(failed_evidence_retest.violation) == 0 with input as fx.world_with({"evidence": [failed, retest]})
}

test_pass_exactly_at_the_limit if {
	failed := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0001"], "2026-10-24T23:59:59Z", "fail")
	count(failed_evidence_retest.violation) == 0 with input as fx.world_with({"evidence": [failed]})
}

test_pass_threshold_from_config if {
	count(failed_evidence_retest.violation) == 0 with input as fx.world_with({"evidence": [_failed]})
		with input.config.thresholds.failed_evidence_retest_days as 45
}

test_pass_passing_manifest_old if {
	old := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0001"], "2025-01-01T09:00:00Z", "pass")
	count(failed_evidence_retest.violation) == 0 with input as fx.world_with({"evidence": [old]})
}

test_pass_world if {
	count(failed_evidence_retest.violation) == 0 with input as fx.world
}

# Failed on 23 October, 31 days before the reference day, 23 November.
test_fail_failed_on_day_31 if {
	failed := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0001"], "2026-10-23T23:59:59Z", "fail")
	count(failed_evidence_retest.violation) == 1 with input as fx.world_with({"evidence": [failed]})
}

# Failed at the first instant of 24 October: day 30, within the limit.
test_pass_failed_on_day_30 if {
	failed := fx.evidence_of("EV-2026-0200", "backup_restore_test", ["CI-0001"], "2026-10-24T00:00:00Z", "fail")
	count(failed_evidence_retest.violation) == 0 with input as fx.world_with({"evidence": [failed]})
}
