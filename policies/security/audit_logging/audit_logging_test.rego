package security.audit_logging_test

import data.lib.fixtures_test as fx
import data.security.audit_logging

_finding(id, message) := {
	"check": "REG-SEC-007",
	"kind": "configuration_item",
	"id": id,
	"message": message,
	"field": ["settings", "audit_logging"],
}

# The world's database with its observed audit logging setting replaced.
_db(value) := fx.patch(fx.critical_ci, {"settings": object.union(fx.critical_ci.settings, {"audit_logging": value})})

test_meta if {
	audit_logging.meta.id == "REG-SEC-007"
	audit_logging.meta.kinds == ["configuration_item"]
	audit_logging.meta.config == ["baseline.types", "baseline.audit_logging"]
	audit_logging.meta.controls.iso17799 == ["10.10.1"]
}

test_pass_world if {
	count(audit_logging.violation) == 0 with input as fx.world
}

test_fail_logging_off if {
	found := audit_logging.violation with input as fx.world_with({"configuration_item": [_db(false)]})
	found == {_finding("CI-0002", "CI-0002 is a production database with audit logging set to false, while the baseline requires it")}
}

test_fail_logging_not_a_boolean if {
	found := audit_logging.violation with input as fx.world_with({"configuration_item": [_db("yes")]})
	found == {_finding("CI-0002", "CI-0002 is a production database with audit logging set to yes, while the baseline requires it")}
}

test_fail_no_observed_setting if {
	web := fx.patch(fx.configuration_item, {"settings": {"tls_min_version": "1.2"}})
	found := audit_logging.violation with input as fx.world_with({"configuration_item": [web]})
	found == {_finding("CI-0001", "CI-0001 is a production server with no observed settings.audit_logging, which the baseline requires")}
}

test_fail_no_settings_at_all if {
	found := audit_logging.violation with input as fx.world_with({"configuration_item": [object.remove(fx.critical_ci, ["settings"])]})
	found == {_finding("CI-0002", "CI-0002 is a production database with no observed settings.audit_logging, which the baseline requires")}
}

test_fail_null_setting if {
	found := audit_logging.violation with input as fx.world_with({"configuration_item": [_db(null)]})
	found == {_finding("CI-0002", "CI-0002 is a production database with no observed settings.audit_logging, which the baseline requires")}
}

test_pass_baseline_does_not_require_it if {
	count(audit_logging.violation) == 0 with input as fx.world_with({"configuration_item": [_db(false)]})
		with input.config.baseline.audit_logging as false
}

test_pass_types_from_config if {
	count(audit_logging.violation) == 0 with input as fx.world_with({"configuration_item": [_db(false)]})
		with input.config.baseline.types as ["server"]
}

test_fail_types_from_config if {
	item := fx.patch(_db(false), {"type": "network"})
	found := audit_logging.violation with input as fx.world_with({"configuration_item": [item]})
		with input.config.baseline.types as ["network"]
	found == {_finding("CI-0002", "CI-0002 is a production network with audit logging set to false, while the baseline requires it")}
}

test_pass_out_of_scope_items if {
	items := [
		fx.patch(_db(false), {"id": "CI-0010", "type": "service-component"}),
		fx.patch(_db(false), {"id": "CI-0011", "environment": "staging"}),
		fx.patch(_db(false), {"id": "CI-0012", "status": "planned"}),
	]
	count(audit_logging.violation) == 0 with input as fx.world_with({"configuration_item": items})
}
