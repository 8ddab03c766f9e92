package cobit.ci_retired_in_use_test

import data.cobit.ci_retired_in_use
import data.lib.fixtures_test as fx

_retired_ci := fx.patch(fx.configuration_item, {"status": "retired"})

_finding(id, message) := {
	"check": "REG-CFG-003",
	"kind": "configuration_item",
	"id": id,
	"message": message,
	"field": ["status"],
}

test_meta if {
	ci_retired_in_use.meta.id == "REG-CFG-003"
	ci_retired_in_use.meta.kinds == ["configuration_item", "service"]
	ci_retired_in_use.meta.controls.cobit4 == ["DS9.2", "DS9.3"]
	ci_retired_in_use.meta.controls.cobit2019 == ["BAI10.03", "BAI10.05", "BAI09.03"]
}

# In the world, SVC-0001 lists CI-0001 and CI-0001 lists SVC-0001: both ways name it once.
test_fail_listed_both_ways if {
	found := ci_retired_in_use.violation with input as fx.world_with({"configuration_item": [_retired_ci]})
	found == {_finding("CI-0001", "CI-0001 is retired but still used by active service SVC-0001")}
}

test_fail_listed_by_the_service_only if {
	ci := fx.patch(_retired_ci, {"services": []})
	found := ci_retired_in_use.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding("CI-0001", "CI-0001 is retired but still used by active service SVC-0001")}
}

test_fail_listing_the_service_only if {
	service := fx.patch(fx.service, {"configuration_items": ["CI-0002"]})
	found := ci_retired_in_use.violation with input as fx.world_with({"configuration_item": [_retired_ci], "service": [service]})
	found == {_finding("CI-0001", "CI-0001 is retired but still used by active service SVC-0001")}
}

test_fail_several_services if {
	ci := fx.patch(_retired_ci, {"services": ["SVC-0001", "SVC-0003"]})
	services := [
		fx.patch(fx.service, {"id": "SVC-0002", "configuration_items": ["CI-0001"]}),
		fx.patch(fx.service, {"id": "SVC-0003", "configuration_items": []}),
	]
	found := ci_retired_in_use.violation with input as fx.world_with({"configuration_item": [ci], "service": services})
	found == {_finding("CI-0001", "CI-0001 is retired but still used by active services SVC-0001, SVC-0002, SVC-0003")}
}

test_fail_each_retired_item_apart if {
	cis := [_retired_ci, fx.patch(fx.critical_ci, {"status": "retired"})]
	found := ci_retired_in_use.violation with input as fx.world_with({"configuration_item": cis})
	found == {
		_finding("CI-0001", "CI-0001 is retired but still used by active service SVC-0001"),
		_finding("CI-0002", "CI-0002 is retired but still used by active service SVC-0001"),
	}
}

test_pass_retired_service if {
	service := fx.patch(fx.service, {"status": "retired"})
	count(ci_retired_in_use.violation) == 0 with input as fx.world_with({"configuration_item": [_retired_ci], "service": [service]})
}

test_pass_retired_item_no_longer_used if {
	ci := fx.patch(_retired_ci, {"services": []})
	service := fx.patch(fx.service, {"configuration_items": ["CI-0002"]})
	count(ci_retired_in_use.violation) == 0 with input as fx.world_with({"configuration_item": [ci], "service": [service]})
}

test_pass_planned_item if {
	ci := fx.patch(fx.configuration_item, {"status": "planned"})
	count(ci_retired_in_use.violation) == 0 with input as fx.world_with({"configuration_item": [ci]})
}

test_pass_references_without_records if {
	ci := fx.patch(_retired_ci, {"services": ["SVC-0404"]})
	service := fx.patch(fx.service, {"configuration_items": ["CI-0404"]})
	count(ci_retired_in_use.violation) == 0 with input as fx.world_with({"configuration_item": [ci], "service": [service]})
}

test_pass_no_services if {
	count(ci_retired_in_use.violation) == 0 with input as fx.doc({"configuration_item": [_retired_ci]})
}

test_pass_world if {
	count(ci_retired_in_use.violation) == 0 with input as fx.world
}
