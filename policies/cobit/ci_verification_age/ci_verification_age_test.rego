package cobit.ci_verification_age_test

import data.cobit.ci_verification_age
import data.lib.fixtures_test as fx

_ci(fields) := fx.patch(fx.configuration_item, fields)

_finding(message) := {
	"check": "REG-CFG-002",
	"kind": "configuration_item",
	"id": "CI-0001",
	"message": message,
	"field": ["last_verified"],
}

test_meta if {
	ci_verification_age.meta.id == "REG-CFG-002"
	ci_verification_age.meta.config == ["thresholds.ci_verification_days"]
	ci_verification_age.meta.controls.cobit4 == ["DS9.3"]
}

# 2026-05-26 is 181 days before the reference date 2026-11-23.
test_fail_verified_too_long_ago if {
	found := ci_verification_age.violation with input as fx.world_with({"configuration_item": [_ci({"last_verified": "2026-05-26"})]})
	found == {_finding("CI-0001 is an active production configuration item last verified on 2026-05-26, more than 180 days before 2026-11-23")}
}

test_fail_never_verified if {
	found := ci_verification_age.violation with input as fx.world_with({"configuration_item": [object.remove(fx.configuration_item, ["last_verified"])]})
	found == {_finding("CI-0001 is an active production configuration item with no valid last_verified date (YYYY-MM-DD)")}
}

test_fail_unreadable_date if {
	found := ci_verification_age.violation with input as fx.world_with({"configuration_item": [_ci({"last_verified": "10/10/2026"})]})
	found == {_finding("CI-0001 is an active production configuration item with no valid last_verified date (YYYY-MM-DD)")}
}

test_fail_threshold_from_config if {
	found := ci_verification_age.violation with input as fx.world
		with input.config.thresholds.ci_verification_days as 50
	found == {{
		"check": "REG-CFG-002",
		"kind": "configuration_item",
		"id": "CI-0002",
		"message": "CI-0002 is an active production configuration item last verified on 2026-09-30, more than 50 days before 2026-11-23",
		"field": ["last_verified"],
	}}
}

test_fail_reference_date_from_ns if {
	doc := object.remove(fx.world_with({"configuration_item": [_ci({"last_verified": "2026-05-26"})]}), ["reference_time"])
	found := ci_verification_age.violation with input as doc
	found == {_finding("CI-0001 is an active production configuration item last verified on 2026-05-26, more than 180 days before 2026-11-23")}
}

test_pass_verified_exactly_at_the_limit if {
	count(ci_verification_age.violation) == 0 with input as fx.world_with({"configuration_item": [_ci({"last_verified": "2026-05-27"})]})
}

test_pass_threshold_from_config if {
	count(ci_verification_age.violation) == 0 with input as fx.world_with({"configuration_item": [_ci({"last_verified": "2025-11-23"})]})
		with input.config.thresholds.ci_verification_days as 365
}

test_pass_not_live_production if {
	cis := [
		_ci({"id": "CI-0101", "status": "planned", "last_verified": "2020-01-01"}),
		_ci({"id": "CI-0102", "status": "retired", "last_verified": "2020-01-01"}),
		object.remove(_ci({"id": "CI-0103", "environment": "test"}), ["last_verified"]),
		_ci({"id": "CI-0104", "environment": "staging", "last_verified": "2020-01-01"}),
	]
	count(ci_verification_age.violation) == 0 with input as fx.world_with({"configuration_item": cis})
}

test_pass_world if {
	count(ci_verification_age.violation) == 0 with input as fx.world
}
