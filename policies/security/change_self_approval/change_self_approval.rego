# METADATA
# title: Change approved by its own requester
# description: >-
#   Whoever asks for a change must not also be the one who authorises it.
#   The check flags every approving decision given by the change's requester.
# custom:
#   id: REG-CHG-002
#   severity: high
#   remediation: >-
#     Have the change authorised by an approver other than its requester, and
#     record that approval on the change.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.2, PO4.11]
#     cobit2019: [BAI06.01, DSS06.03]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2", "10.1.3"]
#     iso27002: ["5.3", "8.32"]
#   config: []
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0102
#         title: Open the reporting port to the partner network
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: alice, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
package security.change_self_approval

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some [change, i, approval] in changes.decisions

	# The cheapest test first; then that it is an approving decision.
	approval.by == change.requested_by
	approval.decision == "approved"
	is_string(approval.by)
	msg := sprintf("%s was approved by %s, who requested it", [change.id, approval.by])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i, "by"])
}
