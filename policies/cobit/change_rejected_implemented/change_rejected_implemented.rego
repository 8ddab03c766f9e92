# METADATA
# title: Rejected change implemented
# description: >-
#   A change that was turned down must not be carried out unless a later
#   decision approves it. The check flags a change that was implemented while
#   its last rejection still stands, that is with no approval given after it.
# custom:
#   id: REG-CHG-010
#   severity: high
#   remediation: >-
#     Find out why the rejected change went ahead; back it out or have it
#     re-submitted and approved, and record that decision on the change.
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
#         id: CHG-2026-0110
#         title: Disable the legacy VPN
#         type: normal
#         status: implemented
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: carol, role: cab, decision: rejected, at: "2026-11-03T10:00:00Z"}
#         implementation: {started: "2026-11-06T21:00:00Z", by: bob}
package cobit.change_rejected_implemented

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# Approval a (at list index i) came after rejection r (at index j). Dated
# decisions are ordered by time; when either is undated, by their order in
# the list.
_after(a, _, r, _) if changes.at_ns(a) > changes.at_ns(r)

_after(a, i, r, j) if {
	not _both_dated(a, r)
	i > j
}

_both_dated(a, r) if {
	changes.at_ns(a)
	changes.at_ns(r)
}

# The list indexes of rejections that no later approval overturned.
_standing(change) := {j |
	some j, r in changes.rejected(change)
	every i, a in changes.approved(change) {
		not _after(a, i, r, j)
	}
}

violation contains finding if {
	# Only a change with a rejection can fail, so start from the rejections
	# rather than from every change. A change rejected more than once comes
	# up once for each, with the same finding each time.
	some [change, _, r] in changes.decisions
	r.decision == "rejected"
	changes.implemented(change)
	standing := _standing(change)
	count(standing) > 0
	j := max(standing)
	rejection := change.approvals[j]
	msg := sprintf(
		"%s %s although %v rejected it at %v and no later approval overturned that",
		[
			change.id, changes.how_implemented(change),
			object.get(rejection, "by", "an unnamed approver"), object.get(rejection, "at", "an unrecorded time"),
		],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", j, "decision"])
}
