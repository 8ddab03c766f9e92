# METADATA
# title: Change submitted without a risk and impact assessment
# description: >-
#   Before a normal or emergency change can be authorised, its risk and its
#   impact must be assessed and the configuration items or services it affects
#   named. The check flags such a change, once submitted and not rejected or
#   cancelled (status cancelled, or closed with
#   closure code cancelled), that records no risk rating, no impact rating, or neither a
#   configuration item nor a service.
# custom:
#   id: REG-CHG-012
#   severity: medium
#   remediation: >-
#     Assess the change and record its risk and impact (low, medium or high)
#     and the configuration items and services it touches before it goes to
#     approval.
#   kinds: [change]
#   config: []
#   controls:
#     cobit4: [AI6.2]
#     cobit2019: [BAI06.01]
#     iso20000: ["8.5.1.3", "8.2.6"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0102, title: Move the mail relay to the new subnet, type: normal,
#          status: submitted, requested_by: alice, created: "2026-11-16T09:00:00Z", services: [SVC-0001]}
package cobit.change_risk_assessment

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The normal and emergency changes that have been put forward and are still live or done.
_submitted := [change |
	some type in ["normal", "emergency"]
	some change in changes.of_type[type]
	changes.pursued(change)
]

violation contains finding if {
	some change in _submitted
	some rating in ["risk", "impact"]
	not changes.filled(object.get(change, rating, null))
	msg := sprintf("%s has status %s but records no %s rating", [change.id, change.status, rating])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, [rating])
}

violation contains finding if {
	some change in _submitted
	not changes.filled(object.get(change, "configuration_items", null))
	not changes.filled(object.get(change, "services", null))
	msg := sprintf("%s has status %s but names no configuration item or service it affects", [change.id, change.status])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["configuration_items"])
}
