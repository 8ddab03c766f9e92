package cobit.ci_classification_test

import data.cobit.ci_classification
import data.lib.fixtures_test as fx

_ci(fields) := fx.patch(fx.configuration_item, fields)

_finding(message, field) := {
	"check": "REG-CFG-001",
	"kind": "configuration_item",
	"id": "CI-0001",
	"message": message,
	"field": field,
}

test_meta if {
	ci_classification.meta.id == "REG-CFG-001"
	ci_classification.meta.kinds == ["configuration_item"]
	ci_classification.meta.controls.iso27002 == ["5.9", "5.12", "8.9"]
}

test_fail_no_classification if {
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [object.remove(fx.configuration_item, ["classification"])]})
	found == {_finding("CI-0001 is an active production configuration item with no classification recorded", ["classification"])}
}

test_fail_no_criticality if {
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [object.remove(fx.configuration_item, ["criticality"])]})
	found == {_finding("CI-0001 is an active production configuration item with no criticality recorded", ["criticality"])}
}

test_fail_blank_or_null_classification_and_criticality if {
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [_ci({"classification": "  ", "criticality": null})]})
	found == {
		_finding("CI-0001 is an active production configuration item with no classification recorded", ["classification"]),
		_finding("CI-0001 is an active production configuration item with no criticality recorded", ["criticality"]),
	}
}

test_fail_owner_not_listed if {
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [_ci({"owner": "zoe"})]})
	found == {_finding("CI-0001 is an active production configuration item owned by zoe, who is not listed in people.yaml", ["owner"])}
}

test_fail_owner_left if {
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [_ci({"owner": "gina"})]})
	found == {_finding("CI-0001 is an active production configuration item owned by gina, who left on 2026-10-02", ["owner"])}
}

test_fail_owner_inactive if {
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [_ci({"owner": "frank"})]})
	found == {_finding("CI-0001 is an active production configuration item owned by frank, who is marked inactive in people.yaml", ["owner"])}
}

test_fail_owner_inactive_with_leaving_date if {
	people := object.union(fx.people, {"frank": object.union(fx.people.frank, {"left_on": "2026-01-31"})})
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [_ci({"owner": "frank"})]})
		with input.people as people
	found == {_finding("CI-0001 is an active production configuration item owned by frank, who left on 2026-01-31", ["owner"])}
}

test_fail_every_gap_at_once if {
	ci := object.remove(_ci({"owner": "zoe"}), ["classification", "criticality"])
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [ci]})
	{f.field | some f in found} == {["classification"], ["criticality"], ["owner"]}
}

test_pass_owner_leaves_after_reference_time if {
	people := object.union(fx.people, {"gina": object.union(fx.people.gina, {"left_on": "2026-11-24"})})
	count(ci_classification.violation) == 0 with input as fx.world_with({"configuration_item": [_ci({"owner": "gina"})]})
		with input.people as people
}

test_fail_owner_leaves_on_reference_date if {
	people := object.union(fx.people, {"gina": object.union(fx.people.gina, {"left_on": "2026-11-23"})})
	found := ci_classification.violation with input as fx.world_with({"configuration_item": [_ci({"owner": "gina"})]})
		with input.people as people
	found == {_finding("CI-0001 is an active production configuration item owned by gina, who left on 2026-11-23", ["owner"])}
}

test_pass_not_live_production if {
	bare := object.remove(_ci({"owner": "zoe"}), ["classification", "criticality"])
	cis := [
		fx.patch(bare, {"id": "CI-0101", "status": "planned"}),
		fx.patch(bare, {"id": "CI-0102", "status": "retired"}),
		fx.patch(bare, {"id": "CI-0103", "environment": "staging"}),
		fx.patch(bare, {"id": "CI-0104", "environment": "development"}),
	]
	count(ci_classification.violation) == 0 with input as fx.world_with({"configuration_item": cis})
}

test_pass_world if {
	count(ci_classification.violation) == 0 with input as fx.world
}

test_pass_no_configuration_items if {
	count(ci_classification.violation) == 0 with input as fx.doc({"service": [fx.service]})
}
