package security.password_length_test

import data.lib.fixtures_test as fx
import data.security.password_length

_finding(id, message) := {
	"check": "REG-SEC-008",
	"kind": "configuration_item",
	"id": id,
	"message": message,
	"field": ["settings", "password_min_length"],
}

# The world's web server with its observed password length replaced.
_web(length) := fx.patch(fx.configuration_item, {"settings": object.union(
	fx.configuration_item.settings,
	{"password_min_length": length},
)})

test_meta if {
	password_length.meta.id == "REG-SEC-008"
	password_length.meta.kinds == ["configuration_item"]
	password_length.meta.config == ["baseline.types", "baseline.password_min_length"]
	password_length.meta.controls.iso27002 == ["5.17"]
}

test_pass_world if {
	count(password_length.violation) == 0 with input as fx.world
}

test_fail_too_short if {
	found := password_length.violation with input as fx.world_with({"configuration_item": [_web(8)]})
	found == {_finding("CI-0001", "CI-0001 is a production server accepting passwords of 8 characters, below the baseline minimum of 12")}
}

test_fail_one_below if {
	found := password_length.violation with input as fx.world_with({"configuration_item": [_web(11)]})
	found == {_finding("CI-0001", "CI-0001 is a production server accepting passwords of 11 characters, below the baseline minimum of 12")}
}

test_pass_exactly_the_baseline if {
	count(password_length.violation) == 0 with input as fx.world_with({"configuration_item": [_web(12)]})
}

test_fail_not_a_number if {
	found := password_length.violation with input as fx.world_with({"configuration_item": [_web("twelve")]})
	found == {_finding("CI-0001", "CI-0001 is a production server with no numeric settings.password_min_length (baseline 12)")}
}

# YAML reads a quoted "12" as a string: it is the same number.
test_pass_number_written_as_string if {
	count(password_length.violation) == 0 with input as fx.world_with({"configuration_item": [_web("12")]})
		with input.config.baseline.password_min_length as "12"
}

test_fail_number_written_as_string_too_short if {
	found := password_length.violation with input as fx.world_with({"configuration_item": [_web("8")]})
	found == {_finding("CI-0001", "CI-0001 is a production server accepting passwords of 8 characters, below the baseline minimum of 12")}
}

test_fail_no_observed_setting if {
	db := fx.patch(fx.critical_ci, {"settings": {"tls_min_version": "1.2", "audit_logging": true}})
	found := password_length.violation with input as fx.world_with({"configuration_item": [db]})
	found == {_finding("CI-0002", "CI-0002 is a production database with no numeric settings.password_min_length (baseline 12)")}
}

test_fail_no_settings_at_all if {
	found := password_length.violation with input as fx.world_with({"configuration_item": [object.remove(fx.critical_ci, ["settings"])]})
	found == {_finding("CI-0002", "CI-0002 is a production database with no numeric settings.password_min_length (baseline 12)")}
}

test_fail_baseline_from_config if {
	found := password_length.violation with input as fx.world
		with input.config.baseline.password_min_length as 16
	found == {
		_finding("CI-0001", "CI-0001 is a production server accepting passwords of 14 characters, below the baseline minimum of 16"),
		_finding("CI-0002", "CI-0002 is a production database accepting passwords of 14 characters, below the baseline minimum of 16"),
	}
}

test_pass_baseline_from_config if {
	count(password_length.violation) == 0 with input as fx.world_with({"configuration_item": [_web(8)]})
		with input.config.baseline.password_min_length as 8
}

test_pass_no_baseline_length if {
	count(password_length.violation) == 0 with input as fx.world_with({"configuration_item": [_web(8)]})
		with input.config.baseline as {"types": ["server"]}
}

test_pass_out_of_scope_items if {
	items := [
		fx.patch(_web(8), {"id": "CI-0010", "type": "network"}),
		fx.patch(_web(8), {"id": "CI-0011", "environment": "development"}),
		fx.patch(_web(8), {"id": "CI-0012", "status": "retired"}),
	]
	count(password_length.violation) == 0 with input as fx.world_with({"configuration_item": items})
}
