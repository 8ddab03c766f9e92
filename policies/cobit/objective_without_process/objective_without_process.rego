# METADATA
# title: Objective that no business process serves
# description: >-
#   An objective is reached through the business processes that serve it;
#   one that no process names has no path to the IT services that support
#   it, so nothing IT does can be weighed against it. The check flags an
#   active objective that no active business process lists in its
#   objectives.
# custom:
#   id: REG-BIZ-003
#   severity: low
#   remediation: >-
#     Name the objective in the objectives of the business processes that
#     serve it, or retire it if the organisation no longer pursues it.
#   kinds: [objective, business_process]
#   config: []
#   controls:
#     cobit4: [PO1.2]
#     cobit2019: [APO02.01]
#     iso20000: ["8.3.2"]
#   example:
#     objective:
#       - kind: objective
#         id: OBJ-EXPORT
#         title: Double export sales
#         owner: frank
package cobit.objective_without_process

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The objectives that some active business process serves.
_served contains objective_id if {
	some process in input.records.business_process
	object.get(process, "status", "active") == "active"
	some objective_id in object.get(process, "objectives", [])
}

violation contains finding if {
	some objective in input.records.objective
	object.get(objective, "status", "active") == "active"
	not objective.id in _served
	msg := sprintf("%s is active but no active business process serves it", [objective.id])
	finding := findings.new(rego.metadata.chain(), "objective", objective, msg, [])
}
