# METADATA
# title: Configuration item related to a missing or retired item
# description: >-
#   The relationships between configuration items show what depends on what,
#   which impact assessment and incident diagnosis rely on; they must point
#   at items that exist and are still in service. The check flags every
#   relationship of an active configuration item whose target has no
#   configuration item record, or is a retired item.
# custom:
#   id: REG-CFG-004
#   severity: medium
#   remediation: >-
#     Correct the relationship's target, add the missing item's record, or
#     remove the relationship if the item no longer depends on the target.
#   kinds: [configuration_item]
#   config: []
#   controls:
#     cobit4: [DS9.2, DS9.3]
#     cobit2019: [BAI10.03, BAI10.05]
#     iso20000: ["8.2.6"]
#     iso17799: ["7.1.1"]
#     iso27002: ["5.9", "8.9"]
#   example:
#     configuration_item:
#       - kind: configuration_item
#         id: CI-0104
#         name: app-02
#         type: application
#         owner: dave
#         environment: production
#         status: active
#         relationships:
#           - {type: runs_on, target: CI-0404}
package cobit.ci_relationship

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# What is wrong with a relationship's target: no record, or retired.
_target_problem(target) := "which has no configuration item record" if {
	not input.records.configuration_item[target]
}

_target_problem(target) := "which is retired" if {
	input.records.configuration_item[target].status == "retired"
}

# A relationship's type as words for messages: "depends on", "is part of".
_verb(relationship) := "is part of" if {
	relationship.type == "part_of"
} else := replace(object.get(relationship, "type", "relates_to"), "_", " ")

violation contains finding if {
	some ci in input.records.configuration_item
	ci.status == "active"
	some i, relationship in ci.relationships
	problem := _target_problem(relationship.target)
	msg := sprintf(
		"%s %s %v, %s",
		[ci.id, _verb(relationship), relationship.target, problem],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["relationships", i, "target"])
}
