# METADATA
# title: Standard change without a template or above low risk
# description: >-
#   A standard change skips individual approval because it follows a
#   pre-approved, low-risk change model. The check flags a standard change,
#   once submitted and not rejected or cancelled (status cancelled, or closed with
#   closure code cancelled), that names no template, and
#   one rated medium or high risk, which a standard change cannot be.
# custom:
#   id: REG-CHG-013
#   severity: medium
#   remediation: >-
#     Record the id of the pre-approved model the change follows in its
#     template field; a change that fits no model, or carries more than low
#     risk, should be raised as a normal change and approved as one.
#   kinds: [change]
#   config: []
#   controls:
#     cobit4: [AI6.1]
#     cobit2019: [BAI06.01]
#     iso20000: ["8.5.1.1", "8.5.1.2"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0103, title: Add a disk to the file server, type: standard,
#          status: scheduled, requested_by: alice, created: "2026-11-18T09:00:00Z", risk: high,
#          configuration_items: [CI-0001]}
package cobit.standard_change_template

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The standard changes that have been put forward and are still live or done.
_standard := [change |
	some change in input.records.change
	change.type == "standard"
	changes.pursued(change)
]

violation contains finding if {
	some change in _standard
	not _named(object.get(change, "template", null))
	msg := sprintf("%s is a standard change with status %s but names no pre-approved template", [change.id, change.status])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["template"])
}

violation contains finding if {
	some change in _standard
	change.risk in {"medium", "high"}
	msg := sprintf(
		"%s is a standard change rated %s risk, but a standard change must be low risk",
		[change.id, change.risk],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["risk"])
}

# True when a reference is a non-blank string.
_named(ref) if {
	is_string(ref)
	trim_space(ref) != ""
}
