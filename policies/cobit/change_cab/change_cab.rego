# METADATA
# title: High-risk change without CAB approval
# description: >-
#   A normal change rated high risk needs the change advisory board's
#   authorisation before it goes ahead. The check flags a high-risk normal
#   change that has reached approval or later without an approving decision
#   from someone who held a CAB role in people.yaml, and had not left, on the
#   day of the decision. The role written on an approval entry proves
#   nothing: a change manager's approval marked "role: cab" is not a CAB
#   approval. A change closed as cancelled before any work is not judged.
# custom:
#   id: REG-CHG-005
#   severity: high
#   remediation: >-
#     Take the change to the CAB and record its approval, with a CAB role, on
#     the change; until then keep the change from being scheduled.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.2]
#     cobit2019: [BAI06.01]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   config: [roles.cab]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0105
#         title: Replace the core firewall
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         risk: high
#         approvals:
#           - {by: dave, role: change-manager, decision: approved, at: "2026-11-03T10:00:00Z"}
package cobit.change_cab

import data.lib.changes
import data.lib.findings
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

# The configured CAB roles, read once for the whole scan.
_cab_roles := object.get(input, ["config", "roles", "cab"], [])

# True when some approving decision in a change's list was given by someone
# who held a CAB role in people.yaml, and was still there, on the day: the
# role written on the approval is not evidence of membership.
_cab_approved(approvals) if {
	some approval in approvals
	approval.decision == "approved"
	people.acting(approval.by, _cab_roles, people.judged_at(object.get(approval, "at", null)))
}

violation contains finding if {
	some change in changes.of_type.normal
	change.risk == "high"
	change.status in {"approved", "scheduled", "implemented", "reviewed", "closed"}
	_went_ahead(change)
	not _cab_approved(object.get(change, "approvals", []))
	msg := sprintf(
		"%s is a high-risk change with status %s but no approval from a CAB role (%s)",
		[change.id, change.status, concat(", ", _cab_roles)],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals"])
}

# A change closed as cancelled before any work needs no CAB approval.
_went_ahead(change) if not changes.called_off(change)

_went_ahead(change) if changes.implemented(change)
