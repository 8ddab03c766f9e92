package cobit.ci_relationship_test

import data.cobit.ci_relationship
import data.lib.fixtures_test as fx

_ci(relationships) := fx.patch(fx.configuration_item, {"relationships": relationships})

_finding(message, i) := {
	"check": "REG-CFG-004",
	"kind": "configuration_item",
	"id": "CI-0001",
	"message": message,
	"field": ["relationships", i, "target"],
}

test_meta if {
	ci_relationship.meta.id == "REG-CFG-004"
	ci_relationship.meta.controls.cobit2019 == ["BAI10.03", "BAI10.05"]
	ci_relationship.meta.controls.iso17799 == ["7.1.1"]
	ci_relationship.meta.controls.iso27002 == ["5.9", "8.9"]
}

test_fail_target_without_record if {
	ci := _ci([{"type": "connects_to", "target": "CI-0002"}, {"type": "depends_on", "target": "CI-0404"}])
	found := ci_relationship.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding("CI-0001 depends on CI-0404, which has no configuration item record", 1)}
}

test_fail_retired_target if {
	retired := fx.patch(fx.critical_ci, {"status": "retired"})
	found := ci_relationship.violation with input as fx.world_with({"configuration_item": [retired]})
	found == {_finding("CI-0001 connects to CI-0002, which is retired", 0)}
}

test_fail_every_bad_relationship if {
	retired := fx.patch(fx.critical_ci, {"status": "retired"})
	ci := _ci([
		{"type": "runs_on", "target": "CI-0002"},
		{"type": "part_of", "target": "SVC-0001"},
		{"type": "connects_to", "target": "CI-0002"},
	])
	found := ci_relationship.violation with input as fx.world_with({"configuration_item": [ci, retired]})
	found == {
		_finding("CI-0001 runs on CI-0002, which is retired", 0),
		_finding("CI-0001 is part of SVC-0001, which has no configuration item record", 1),
		_finding("CI-0001 connects to CI-0002, which is retired", 2),
	}
}

test_fail_relationship_without_type if {
	ci := _ci([{"target": "CI-0404"}])
	found := ci_relationship.violation with input as fx.world_with({"configuration_item": [ci]})
	found == {_finding("CI-0001 relates to CI-0404, which has no configuration item record", 0)}
}

test_pass_target_planned if {
	planned := fx.patch(fx.critical_ci, {"status": "planned"})
	count(ci_relationship.violation) == 0 with input as fx.world_with({"configuration_item": [planned]})
}

test_pass_item_not_active if {
	cis := [
		fx.patch(_ci([{"type": "depends_on", "target": "CI-0404"}]), {"status": "retired"}),
		fx.patch(_ci([{"type": "depends_on", "target": "CI-0404"}]), {"id": "CI-0101", "status": "planned"}),
	]
	count(ci_relationship.violation) == 0 with input as fx.world_with({"configuration_item": cis})
}

test_pass_no_relationships if {
	ci := object.remove(fx.configuration_item, ["relationships"])
	count(ci_relationship.violation) == 0 with input as fx.doc({"configuration_item": [ci]})
}

test_pass_world if {
	count(ci_relationship.violation) == 0 with input as fx.world
}
