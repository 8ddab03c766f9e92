# METADATA
# title: Change without implementation, backout or test plan
# description: >-
#   A normal or emergency change that has gone past submission must say how it
#   will be carried out, how it will be undone if it fails, and how it will be
#   tested. The check flags each of the three plans that is missing or blank,
#   on a change past submitted that was not called off (rejected, cancelled,
#   or closed with closure code cancelled).
# custom:
#   id: REG-CHG-004
#   severity: medium
#   remediation: >-
#     Write the missing plan into the change record (plan.implementation,
#     plan.backout or plan.test) before it is scheduled.
#   kinds: [change]
#   controls:
#     cobit4: [AI7.2, AI7.3]
#     cobit2019: [BAI07.01, BAI07.03]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   config: []
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0104
#         title: Move the file share to new storage
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
package cobit.change_plans

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# True when all three plans are written out as text, the usual case: such a
# change lacks none of them, and the check is settled without looking at each.
# It gets the plan rather than the whole change, which makes each call
# markedly cheaper.
_written_out(plan) if {
	is_string(plan.implementation)
	trim_space(plan.implementation) != ""
	is_string(plan.backout)
	trim_space(plan.backout) != ""
	is_string(plan.test)
	trim_space(plan.test) != ""
}

violation contains finding if {
	some type in ["normal", "emergency"]
	some change in changes.of_type[type]
	not _written_out(object.get(change, "plan", null))
	changes.pursued(change)
	object.get(change, "status", null) != "submitted"
	some part in ["implementation", "backout", "test"]
	not changes.filled(object.get(change, ["plan", part], null))
	msg := sprintf("%s has no %s plan", [change.id, part])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["plan", part])
}
