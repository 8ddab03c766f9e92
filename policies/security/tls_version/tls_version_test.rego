package security.tls_version_test

import data.lib.fixtures_test as fx
import data.security.tls_version

_finding(id, message) := {
	"check": "REG-SEC-006",
	"kind": "configuration_item",
	"id": id,
	"message": message,
	"field": ["settings", "tls_min_version"],
}

# The world's web server with its observed TLS minimum replaced.
_web(version) := fx.patch(fx.configuration_item, {"settings": object.union(
	fx.configuration_item.settings,
	{"tls_min_version": version},
)})

test_meta if {
	tls_version.meta.id == "REG-SEC-006"
	tls_version.meta.kinds == ["configuration_item"]
	tls_version.meta.config == ["baseline.types", "baseline.tls_min_version"]
	not tls_version.meta.controls.iso17799
}

test_pass_world if {
	count(tls_version.violation) == 0 with input as fx.world
}

test_fail_older_version if {
	found := tls_version.violation with input as fx.world_with({"configuration_item": [_web("1.0")]})
	found == {_finding("CI-0001", "CI-0001 is a production server accepting TLS 1.0, below the baseline minimum of 1.2")}
}

test_fail_version_read_as_a_number if {
	found := tls_version.violation with input as fx.world_with({"configuration_item": [_web(1.1)]})
	found == {_finding("CI-0001", "CI-0001 is a production server accepting TLS 1.1, below the baseline minimum of 1.2")}
}

test_pass_version_read_as_a_number if {
	count(tls_version.violation) == 0 with input as fx.world_with({"configuration_item": [_web(1.3)]})
}

test_fail_no_observed_setting if {
	db := fx.patch(fx.critical_ci, {"settings": {"audit_logging": true, "password_min_length": 14}})
	found := tls_version.violation with input as fx.world_with({"configuration_item": [db]})
	found == {_finding("CI-0002", "CI-0002 is a production database with no observed settings.tls_min_version (baseline 1.2)")}
}

test_fail_no_settings_at_all if {
	db := object.remove(fx.critical_ci, ["settings"])
	found := tls_version.violation with input as fx.world_with({"configuration_item": [db]})
	found == {_finding("CI-0002", "CI-0002 is a production database with no observed settings.tls_min_version (baseline 1.2)")}
}

test_fail_null_setting if {
	found := tls_version.violation with input as fx.world_with({"configuration_item": [_web(null)]})
	found == {_finding("CI-0001", "CI-0001 is a production server with no observed settings.tls_min_version (baseline 1.2)")}
}

test_fail_unknown_version if {
	found := tls_version.violation with input as fx.world_with({"configuration_item": [_web("TLSv1.2")]})
	found == {_finding(
		"CI-0001",
		"CI-0001 is a production server whose settings.tls_min_version TLSv1.2 is not one of 1.0, 1.1, 1.2, 1.3 (baseline 1.2)",
	)}
}

test_fail_setting_of_another_type if {
	found := tls_version.violation with input as fx.world_with({"configuration_item": [_web(true)]})
	found == {_finding(
		"CI-0001",
		"CI-0001 is a production server whose settings.tls_min_version true is not one of 1.0, 1.1, 1.2, 1.3 (baseline 1.2)",
	)}
}

test_fail_baseline_from_config if {
	found := tls_version.violation with input as fx.world
		with input.config.baseline.tls_min_version as "1.3"
	found == {
		_finding("CI-0001", "CI-0001 is a production server accepting TLS 1.2, below the baseline minimum of 1.3"),
		_finding("CI-0002", "CI-0002 is a production database accepting TLS 1.2, below the baseline minimum of 1.3"),
	}
}

test_pass_baseline_from_config if {
	count(tls_version.violation) == 0 with input as fx.world_with({"configuration_item": [_web("1.1")]})
		with input.config.baseline.tls_min_version as "1.1"
}

test_fail_baseline_written_as_number if {
	found := tls_version.violation with input as fx.world_with({"configuration_item": [_web("1.1")]})
		with input.config.baseline.tls_min_version as 1.2
	found == {_finding("CI-0001", "CI-0001 is a production server accepting TLS 1.1, below the baseline minimum of 1.2")}
}

test_pass_newer_version if {
	count(tls_version.violation) == 0 with input as fx.world_with({"configuration_item": [_web("1.3")]})
}

test_pass_types_from_config if {
	count(tls_version.violation) == 0 with input as fx.world_with({"configuration_item": [_web("1.0")]})
		with input.config.baseline.types as ["database"]
}

test_pass_out_of_scope_items if {
	items := [
		fx.patch(_web("1.0"), {"id": "CI-0010", "type": "network"}),
		fx.patch(_web("1.0"), {"id": "CI-0011", "environment": "test"}),
		fx.patch(_web("1.0"), {"id": "CI-0012", "status": "retired"}),
	]
	count(tls_version.violation) == 0 with input as fx.world_with({"configuration_item": items})
}

test_pass_unknown_baseline if {
	count(tls_version.violation) == 0 with input as fx.world_with({"configuration_item": [_web("1.0")]})
		with input.config.baseline.tls_min_version as "TLS1.2"
}
