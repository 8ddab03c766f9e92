# METADATA
# title: Change implemented without prior approval
# description: >-
#   A normal change must be authorised before work on it starts. The check
#   flags a normal change that has been carried out with no approved decision,
#   or whose first approval came after implementation started.
# custom:
#   id: REG-CHG-001
#   severity: high
#   remediation: >-
#     Record the approval that authorised the change, dated before work began;
#     if there was none, raise the gap with the change manager and treat the
#     change as unauthorised.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.2, AI7.8]
#     cobit2019: [BAI06.01, BAI07.06]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2", "12.5.1"]
#     iso27002: ["8.32"]
#   config: []
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0101
#         title: Upgrade the payment gateway library
#         type: normal
#         status: implemented
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         implementation: {started: "2026-11-04T21:00:00Z", completed: "2026-11-04T22:00:00Z", by: bob}
package cobit.change_unapproved

import data.lib.changes
import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The normal changes that have been carried out, less those with an approving
# decision dated no later than the implementation start: such a change breaks
# none of the rules below, and it is the common case, so the rules only look
# at what is left. Computed once for all three rules. The helper gets the
# parts of the change it reads rather than the whole record, which makes each
# call markedly cheaper.
_in_scope := [change |
	some change in changes.of_type.normal
	not _approved_beforehand(object.get(change, "approvals", []), object.get(change, ["implementation", "started"], null))
	changes.implemented(change)
]

_approved_beforehand(approvals, started) if {
	some approval in approvals
	approval.decision == "approved"
	dates.not_after(approval.at, started)
}

violation contains finding if {
	some change in _in_scope
	not changes.has_approval(change)
	msg := sprintf("%s %s with no approved approval on record", [change.id, changes.how_implemented(change)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals"])
}

violation contains finding if {
	some change in _in_scope
	started := dates.ns(change.implementation.started)
	dated := {[at, i] |
		some i, a in changes.approved(change)
		at := changes.at_ns(a)
	}
	count(dated) > 0
	first := min(dated)
	first[0] > started
	a := change.approvals[first[1]]
	msg := sprintf(
		"%s started implementation at %s, before its first approval at %s by %s",
		[change.id, change.implementation.started, a.at, a.by],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["implementation", "started"])
}

violation contains finding if {
	some change in _in_scope
	changes.has_approval(change)
	dates.ns(change.implementation.started)
	every a in changes.approved(change) {
		not changes.at_ns(a)
	}
	msg := sprintf(
		"%s started implementation at %s, but none of its approvals is dated, so approval beforehand cannot be shown",
		[change.id, change.implementation.started],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["implementation", "started"])
}
