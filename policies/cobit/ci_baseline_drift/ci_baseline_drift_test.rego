package cobit.ci_baseline_drift_test

import data.cobit.ci_baseline_drift
import data.lib.fixtures_test as fx

_baseline := {"tls_min_version": "1.2", "password_min_length": 14, "audit_logging": true}

_ci(settings) := fx.patch(fx.configuration_item, {"baseline": _baseline, "settings": settings})

_finding(message, key) := {
	"check": "REG-CFG-005",
	"kind": "configuration_item",
	"id": "CI-0001",
	"message": message,
	"field": ["settings", key],
}

test_meta if {
	ci_baseline_drift.meta.id == "REG-CFG-005"
	ci_baseline_drift.meta.controls == {
		"cobit4": ["DS9.3"],
		"cobit2019": ["BAI10.05"],
		"iso20000": ["8.2.6"],
		"iso27002": ["8.9"],
	}
}

test_fail_other_value if {
	ci := _ci(object.union(_baseline, {"tls_min_version": "1.0"}))
	found := ci_baseline_drift.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding(`CI-0001 has tls_min_version set to "1.0" where its baseline requires "1.2"`, "tls_min_version")}
}

# A number and the string that spells it are one value (YAML's 14 and "14"); a
# boolean and a string are not.
test_fail_other_type if {
	ci := _ci(object.union(_baseline, {"password_min_length": "14", "audit_logging": "true"}))
	found := ci_baseline_drift.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding(`CI-0001 has audit_logging set to "true" where its baseline requires true`, "audit_logging")}
}

test_fail_number_differs_from_string if {
	ci := _ci(object.union(_baseline, {"tls_min_version": 1.1}))
	found := ci_baseline_drift.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding(`CI-0001 has tls_min_version set to 1.1 where its baseline requires "1.2"`, "tls_min_version")}
}

test_pass_number_read_as_string_or_number if {
	ci := fx.patch(fx.configuration_item, {
		"baseline": {"tls_min_version": "1.2", "password_min_length": 14},
		"settings": {"tls_min_version": 1.2, "password_min_length": "14"},
	})
	count(ci_baseline_drift.violation) == 0 with input as fx.world_with({"configuration_item": [ci]})
}

test_fail_false_and_null_values_are_observed if {
	ci := _ci(object.union(_baseline, {"audit_logging": false, "password_min_length": null}))
	found := ci_baseline_drift.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {
		_finding("CI-0001 has audit_logging set to false where its baseline requires true", "audit_logging"),
		_finding("CI-0001 has password_min_length set to null where its baseline requires 14", "password_min_length"),
	}
}

test_fail_missing_setting if {
	ci := _ci(object.remove(_baseline, ["audit_logging"]))
	found := ci_baseline_drift.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding("CI-0001 has no observed value for audit_logging, which its baseline sets to true", "audit_logging")}
}

test_fail_no_settings_observed if {
	ci := object.remove(_ci({}), ["settings"])
	found := ci_baseline_drift.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {
		_finding(`CI-0001 has no observed value for tls_min_version, which its baseline sets to "1.2"`, "tls_min_version"),
		_finding("CI-0001 has no observed value for password_min_length, which its baseline sets to 14", "password_min_length"),
		_finding("CI-0001 has no observed value for audit_logging, which its baseline sets to true", "audit_logging"),
	}
}

test_fail_structured_value if {
	ci := fx.patch(fx.configuration_item, {
		"baseline": {"ciphers": ["TLS_AES_128_GCM_SHA256"]},
		"settings": {"ciphers": ["TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_RC4_128_SHA"]},
	})
	found := ci_baseline_drift.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding(`CI-0001 has ciphers set to ["TLS_AES_128_GCM_SHA256","TLS_RSA_WITH_RC4_128_SHA"] where its baseline requires ["TLS_AES_128_GCM_SHA256"]`, "ciphers")}
}

test_pass_extra_observed_settings if {
	ci := _ci(object.union(_baseline, {"http2": true}))
	count(ci_baseline_drift.violation) == 0 with input as fx.world_with({"configuration_item": [ci]})
}

test_pass_same_number_written_differently if {
	ci := _ci(object.union(_baseline, {"password_min_length": 14.0}))
	count(ci_baseline_drift.violation) == 0 with input as fx.world_with({"configuration_item": [ci]})
}

test_pass_no_baseline if {
	cis := [
		object.remove(_ci({}), ["baseline"]),
		fx.patch(fx.critical_ci, {"baseline": {}, "settings": {}}),
	]
	count(ci_baseline_drift.violation) == 0 with input as fx.world_with({"configuration_item": cis})
}

test_pass_not_live_production if {
	drifted := _ci({"tls_min_version": "1.0"})
	cis := [
		fx.patch(drifted, {"status": "retired"}),
		fx.patch(drifted, {"id": "CI-0101", "status": "planned"}),
		fx.patch(drifted, {"id": "CI-0102", "environment": "staging"}),
	]
	count(ci_baseline_drift.violation) == 0 with input as fx.world_with({"configuration_item": cis})
}

test_pass_world if {
	count(ci_baseline_drift.violation) == 0 with input as fx.world
}
