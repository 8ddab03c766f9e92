# METADATA
# title: Change approved by its implementer
# description: >-
#   The person who carries out a change must not be the one who authorises it.
#   The check flags every approving decision given by the change's named
#   implementer or by whoever recorded the implementation.
# custom:
#   id: REG-CHG-003
#   severity: high
#   remediation: >-
#     Have the change authorised by someone who does not implement it, or hand
#     the implementation to someone other than the approver.
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
#         id: CHG-2026-0103
#         title: Rotate the database credentials
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         implementer: bob
#         approvals:
#           - {by: bob, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
package security.change_implementer_approval

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some [change, i, approval] in changes.decisions

	# The people the change names as implementing it: its implementer and
	# whoever recorded the implementation (null where it names nobody, which
	# no approver's name can match).
	approval.by in [object.get(change, "implementer", null), object.get(change, ["implementation", "by"], null)]
	approval.decision == "approved"
	is_string(approval.by)
	msg := sprintf("%s was approved by %s, who implemented it", [change.id, approval.by])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i, "by"])
}
