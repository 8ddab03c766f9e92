# METADATA
# title: Change redefined after its approval
# description: >-
#   An approval covers the change as it stood when it was given. The check
#   reads the history of each approved change and flags every field that
#   defines the change (title, type, risk, impact, plan, configuration items,
#   services, schedule) whose present value was committed after the latest
#   approving decision, when no approving decision was recorded in that commit
#   or since. A schedule added after the approval to a change that had none,
#   which now stands at scheduled or later, is the scheduling step, not a
#   redefinition; a schedule changed after the approval is one. Values only in
#   the work tree and commits at the edge of a shallow clone are not judged; an
#   approving decision only in the work tree counts as a new one.
# custom:
#   id: REG-CHG-019
#   severity: high
#   remediation: >-
#     Have the change approved again as it now stands, and record the new
#     decision in its approvals; if the edit was not meant to alter the change,
#     restore the approved value.
#   kinds: [change]
#   config: []
#   controls:
#     cobit4: [AI6.1, AI6.2]
#     cobit2019: [BAI06.01]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0107
#         title: Move the order database to the new storage array
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-09T08:00:00Z"
#         risk: high
#         configuration_items: [CI-0002]
#         plan:
#           implementation: Copy the data files to the new array and switch the mount points.
#           backout: Switch the mount points back to the old array.
#           test: Compare row counts and run the order smoke tests.
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-10T11:00:00Z"}
#         _git:
#           created: ec6a03d61acf82a46a7088599a6052780cd49c12
#           last: 53857172bf2a505b84dd8132c16c9cef2f9fb391
#           commits: 3
#           touched:
#             - 53857172bf2a505b84dd8132c16c9cef2f9fb391
#             - 4477f460322a9dfbb87c1606fd2bbc40f55b4806
#             - ec6a03d61acf82a46a7088599a6052780cd49c12
#           rewrites: [4477f460322a9dfbb87c1606fd2bbc40f55b4806, 53857172bf2a505b84dd8132c16c9cef2f9fb391]
#           fields:
#             status: 4477f460322a9dfbb87c1606fd2bbc40f55b4806
#             approvals: 4477f460322a9dfbb87c1606fd2bbc40f55b4806
#             plan: 53857172bf2a505b84dd8132c16c9cef2f9fb391
#           approvals: [4477f460322a9dfbb87c1606fd2bbc40f55b4806]
#     git:
#       revision: 53857172bf2a505b84dd8132c16c9cef2f9fb391
#       shallow: false
#       commits:
#         ec6a03d61acf82a46a7088599a6052780cd49c12:
#           {author: Alice, email: alice@example.com, person: alice,
#            authored: "2026-11-09T08:30:00Z", committed: "2026-11-09T08:30:00Z",
#            authored_ns: 1794213000000000000, committed_ns: 1794213000000000000,
#            order: 0, signature: none, signer: "", boundary: false}
#         4477f460322a9dfbb87c1606fd2bbc40f55b4806:
#           {author: Carol, email: carol@example.com, person: carol,
#            authored: "2026-11-10T11:05:00Z", committed: "2026-11-10T11:05:00Z",
#            authored_ns: 1794308700000000000, committed_ns: 1794308700000000000,
#            order: 1, signature: none, signer: "", boundary: false}
#         53857172bf2a505b84dd8132c16c9cef2f9fb391:
#           {author: Alice, email: alice@example.com, person: alice,
#            authored: "2026-11-12T16:20:00Z", committed: "2026-11-12T16:20:00Z",
#            authored_ns: 1794500400000000000, committed_ns: 1794500400000000000,
#            order: 2, signature: none, signer: "", boundary: false}
package cobit.change_changed_after_approval

import data.lib.changes
import data.lib.findings
import data.lib.git

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some change in input.records.change
	git.committed(change)

	# Only a change with fields changed since it was created can have been
	# redefined after its approval: the rest, most changes, stop here.
	fields := git.of(change).fields

	# Each approving decision's index, with the commit that recorded it (null: the work tree).
	recorded := {i: sha |
		some i, approval in change.approvals
		approval.decision == "approved"
		sha := git.approval_recorded(change, i)
	}

	# An approving decision only in the work tree is newer than every commit.
	not null in recorded

	# The latest approving decision that a judged commit recorded; the first listed of a tie.
	latest := max({git.commit(sha).order | some sha in recorded; git.judged(sha)})
	i := min({j | some j, sha in recorded; git.judged(sha); git.commit(sha).order == latest})

	# git.field_recorded(change, field) for a field changed since the creation;
	# one left as created cannot come after an approval.
	some field in changes.defining
	changed := fields[field]
	git.judged(changed)
	git.after(changed, recorded[i])
	not _approved_after(recorded, changed)
	not _scheduled(change, field)

	msg := sprintf(
		"%s's %s changed in %s after its approval by %s in commit %s, and no approval was recorded since",
		[change.id, field, git.describe(changed), change.approvals[i].by, substring(recorded[i], 0, 12)],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, [field])
}

# True when an approving decision was recorded after the given commit, in one
# that cannot be judged: one recorded in a judged commit at or after it would
# be the latest.
_approved_after(recorded, sha) if {
	some approved in recorded
	git.after(approved, sha)
}

# True when the field is a schedule that the change did not have before the
# commit that recorded it, on a change now scheduled or later: the scheduling
# step that follows an approval.
_scheduled(change, "schedule") if {
	"schedule" in object.get(git.of(change), "added", [])
	changes.scheduling_step(change)
}
