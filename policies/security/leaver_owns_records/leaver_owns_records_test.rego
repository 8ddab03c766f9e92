package security.leaver_owns_records_test

import data.lib.fixtures_test as fx
import data.security.leaver_owns_records

_finding(kind, id, message) := {
	"check": "REG-SEC-002",
	"kind": kind,
	"id": id,
	"message": message,
	"field": ["owner"],
}

test_meta if {
	leaver_owns_records.meta.id == "REG-SEC-002"
	leaver_owns_records.meta.kinds == ["configuration_item", "service", "supplier"]
	leaver_owns_records.meta.config == []
	leaver_owns_records.meta.controls.iso17799 == ["7.1.2"]
}

test_pass_world if {
	count(leaver_owns_records.violation) == 0 with input as fx.world
}

test_fail_item_owned_by_leaver if {
	doc := fx.world_with({"configuration_item": [fx.patch(fx.configuration_item, {"owner": "gina"})]})
	found := leaver_owns_records.violation with input as doc
	found == {_finding(
		"configuration_item", "CI-0001",
		"CI-0001 is an active configuration item owned by gina, who left on 2026-10-02",
	)}
}

test_fail_service_owned_by_inactive_person if {
	doc := fx.world_with({"service": [fx.patch(fx.service, {"owner": "frank"})]})
	found := leaver_owns_records.violation with input as doc
	found == {_finding(
		"service", "SVC-0001",
		"SVC-0001 is an active service owned by frank, who is marked inactive in people.yaml",
	)}
}

test_fail_supplier_owned_by_unknown_person if {
	doc := fx.world_with({"supplier": [fx.patch(fx.supplier, {"owner": "zed"})]})
	found := leaver_owns_records.violation with input as doc
	found == {_finding(
		"supplier", "SUP-0001",
		"SUP-0001 is an active supplier owned by zed, who is not listed in people.yaml",
	)}
}

test_fail_every_kind_at_once if {
	doc := fx.world_with({
		"configuration_item": [fx.patch(fx.critical_ci, {"owner": "gina"})],
		"service": [fx.patch(fx.service, {"owner": "gina"})],
		"supplier": [fx.patch(fx.supplier, {"owner": "gina"})],
	})
	found := leaver_owns_records.violation with input as doc
	{[f.kind, f.id] | some f in found} == {
		["configuration_item", "CI-0002"],
		["service", "SVC-0001"],
		["supplier", "SUP-0001"],
	}
}

# Someone who leaves on the reference date has left; someone leaving the day after has not yet.
test_fail_left_on_the_reference_date if {
	people := object.union(fx.people, {"hugo": object.union(fx.people.hugo, {"left_on": "2026-11-23"})})
	doc := fx.world_with({"configuration_item": [fx.patch(fx.configuration_item, {"owner": "hugo"})]})
	found := leaver_owns_records.violation with input as doc with input.people as people
	found == {_finding(
		"configuration_item", "CI-0001",
		"CI-0001 is an active configuration item owned by hugo, who left on 2026-11-23",
	)}
}

test_pass_leaving_after_the_reference_date if {
	people := object.union(fx.people, {"hugo": object.union(fx.people.hugo, {"left_on": "2026-11-24"})})
	doc := fx.world_with({"configuration_item": [fx.patch(fx.configuration_item, {"owner": "hugo"})]})
	count(leaver_owns_records.violation) == 0 with input as doc with input.people as people
}

test_pass_inactive_records if {
	doc := fx.world_with({
		"configuration_item": [
			fx.patch(fx.configuration_item, {"owner": "gina", "status": "retired"}),
			fx.patch(fx.critical_ci, {"owner": "gina", "status": "planned"}),
		],
		"service": [fx.patch(fx.service, {"owner": "gina", "status": "retired"})],
		"supplier": [fx.patch(fx.supplier, {"owner": "gina", "status": "terminated"})],
	})
	count(leaver_owns_records.violation) == 0 with input as doc
}

test_pass_supplier_without_owner if {
	doc := fx.world_with({"supplier": [object.remove(fx.supplier, ["owner"])]})
	count(leaver_owns_records.violation) == 0 with input as doc
}

test_pass_current_owners if {
	doc := fx.world_with({
		"configuration_item": [fx.patch(fx.configuration_item, {"owner": "hugo"})],
		"service": [fx.patch(fx.service, {"owner": "bob"})],
	})
	count(leaver_owns_records.violation) == 0 with input as doc
}
