# METADATA
# title: Emergency change not justified by an incident
# description: >-
#   The expedited emergency procedure is for restoring or protecting a service,
#   so an emergency change should be traceable to the incident that called for
#   it. The check flags an emergency change, once submitted and not rejected or
#   cancelled (status cancelled, or closed with
#   closure code cancelled), that names no incident, and each incident it names that has no
#   record.
# custom:
#   id: REG-CHG-017
#   severity: medium
#   remediation: >-
#     Record the ids of the incidents that made the change urgent in its
#     incidents list, and make sure each incident has a record; a change with
#     no incident behind it should follow the normal change procedure.
#   kinds: [change, incident]
#   config: []
#   controls:
#     cobit4: [AI6.3]
#     cobit2019: [BAI06.02]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2", "12.5.1"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0107, title: Open the firewall for the new partner, type: emergency,
#          status: implemented, requested_by: alice, created: "2026-11-20T17:00:00Z",
#          implementation: {started: "2026-11-20T18:00:00Z", completed: "2026-11-20T18:30:00Z", by: bob}}
package cobit.emergency_change_justification

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The emergency changes that have been put forward and are still live or done.
_raised := [change |
	some change in changes.of_type.emergency
	changes.pursued(change)
]

violation contains finding if {
	some change in _raised
	not changes.filled(object.get(change, "incidents", null))
	msg := sprintf(
		"%s is an emergency change with status %s but names no incident that justifies it",
		[change.id, change.status],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["incidents"])
}

violation contains finding if {
	some change in _raised
	some i, id in change.incidents
	not input.records.incident[id]
	msg := sprintf("%s is an emergency change justified by incident %v, which has no record", [change.id, id])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["incidents", i])
}
