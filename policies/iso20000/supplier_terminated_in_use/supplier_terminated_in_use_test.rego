package iso20000.supplier_terminated_in_use_test

import data.iso20000.supplier_terminated_in_use
import data.lib.fixtures_test as fx

_terminated := fx.patch(fx.supplier, {"status": "terminated"})

_finding(message) := {
	"check": "REG-SUP-003",
	"kind": "supplier",
	"id": "SUP-0001",
	"message": message,
	"field": ["status"],
}

test_meta if {
	supplier_terminated_in_use.meta.id == "REG-SUP-003"
	supplier_terminated_in_use.meta.kinds == ["supplier", "service", "configuration_item"]
}

# In the world SUP-0001 supports the service SVC-0001 and the database CI-0002.
test_fail_named_by_service_and_ci if {
	found := supplier_terminated_in_use.violation with input as fx.world_with({"supplier": [_terminated]})
	found == {_finding("SUP-0001 is terminated but still named by active configuration item CI-0002, active service SVC-0001")}
}

test_fail_named_by_service_only if {
	ci := object.remove(fx.critical_ci, ["supplier"])
	found := supplier_terminated_in_use.violation with input as fx.world_with({"supplier": [_terminated], "configuration_item": [ci]})
	found == {_finding("SUP-0001 is terminated but still named by active service SVC-0001")}
}

test_fail_named_by_ci_only if {
	service := fx.patch(fx.service, {"suppliers": ["SUP-0002"]})
	found := supplier_terminated_in_use.violation with input as fx.world_with({"supplier": [_terminated], "service": [service]})
	found == {_finding("SUP-0001 is terminated but still named by active configuration item CI-0002")}
}

test_fail_several_items if {
	ci := fx.patch(fx.configuration_item, {"supplier": "SUP-0001"})
	other := fx.patch(fx.service, {"id": "SVC-0002", "name": "Payroll", "suppliers": ["SUP-0003", "SUP-0001"]})
	found := supplier_terminated_in_use.violation with input as fx.world_with({
		"supplier": [_terminated],
		"configuration_item": [ci],
		"service": [other],
	})
	found == {_finding("SUP-0001 is terminated but still named by active configuration item CI-0001, active configuration item CI-0002, active service SVC-0001, active service SVC-0002")}
}

test_fail_only_the_terminated_supplier if {
	other := fx.patch(fx.supplier, {"id": "SUP-0002", "name": "Fabrikam"})
	service := fx.patch(fx.service, {"suppliers": ["SUP-0001", "SUP-0002"]})
	found := supplier_terminated_in_use.violation with input as fx.world_with({"supplier": [_terminated, other], "service": [service]})
	found == {_finding("SUP-0001 is terminated but still named by active configuration item CI-0002, active service SVC-0001")}
}

test_pass_active_supplier if {
	count(supplier_terminated_in_use.violation) == 0 with input as fx.world
}

test_pass_only_retired_items if {
	service := fx.patch(fx.service, {"status": "retired"})
	ci := fx.patch(fx.critical_ci, {"status": "retired"})
	doc := fx.world_with({"supplier": [_terminated], "service": [service], "configuration_item": [ci]})
	count(supplier_terminated_in_use.violation) == 0 with input as doc
}

test_pass_planned_ci if {
	service := object.remove(fx.service, ["suppliers"])
	ci := fx.patch(fx.critical_ci, {"status": "planned"})
	doc := fx.world_with({"supplier": [_terminated], "service": [service], "configuration_item": [ci]})
	count(supplier_terminated_in_use.violation) == 0 with input as doc
}

test_pass_unknown_supplier_named if {
	service := fx.patch(fx.service, {"suppliers": ["SUP-0404"]})
	ci := fx.patch(fx.critical_ci, {"supplier": "SUP-0404"})
	count(supplier_terminated_in_use.violation) == 0 with input as fx.world_with({"service": [service], "configuration_item": [ci]})
}
