# METADATA
# title: Approval about to be committed in someone else's name
# description: >-
#   Run by regent gate before a commit (a pre-commit hook, the head being the
#   work tree). A decision on a change or release should be written into the
#   record by the person who took it. The check takes each approvals entry that
#   the request adds and that no commit holds yet, and flags it when the git
#   user about to commit it is not the person the entry names, or when that
#   user is not in people.yaml. An organisation may let holders of the
#   recorders roles commit decisions for others, on records in which they have
#   no part (not the requester, implementer or deployer). Entries already
#   committed are judged by REG-SEC-016.
# custom:
#   id: REG-SEC-023
#   severity: high
#   remediation: >-
#     Leave the entry for the approver to add and commit under their own email
#     listed in people.yaml; if you hold a recorders role and have no part in
#     the record, check that your git user.email is listed for you.
#   kinds: [change, release]
#   config: [roles.recorders]
#   controls:
#     cobit4: [AI6.2, PO4.11]
#     cobit2019: [BAI06.01, DSS06.03]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.3"]
#     iso27002: ["5.3", "8.32"]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0122
#         title: Enable HTTP/2 on the public load balancer
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-20T09:00:00Z"
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-23T10:00:00Z"}
#         _git:
#           created: 2f6a8c0e2d4b6a8c0e2f4a6c8e0a2c4e6a8c0e2f
#           last: 2f6a8c0e2d4b6a8c0e2f4a6c8e0a2c4e6a8c0e2f
#           commits: 1
#           uncommitted: true
#           fields: {status: null, approvals: null}
#           approvals: [null]
#     git:
#       revision: 2f6a8c0e2d4b6a8c0e2f4a6c8e0a2c4e6a8c0e2f
#       shallow: false
#       commits:
#         2f6a8c0e2d4b6a8c0e2f4a6c8e0a2c4e6a8c0e2f:
#           {author: Alice, email: alice@example.com, person: alice,
#            authored: "2026-11-20T09:05:00Z", committed: "2026-11-20T09:05:00Z",
#            authored_ns: 1795165500000000000, committed_ns: 1795165500000000000,
#            order: 0, signature: none, signer: "", boundary: false}
#     gate:
#       base: 2f6a8c0e2d4b6a8c0e2f4a6c8e0a2c4e6a8c0e2f
#       merge_base: 2f6a8c0e2d4b6a8c0e2f4a6c8e0a2c4e6a8c0e2f
#       head: null
#       author: alice
#       author_email: alice@example.com
#       files:
#         change/CHG-2026-0122.yaml: {status: modified, from: null}
#       before:
#         change:
#           CHG-2026-0122:
#             kind: change
#             id: CHG-2026-0122
#             title: Enable HTTP/2 on the public load balancer
#             type: normal
#             status: submitted
#             requested_by: alice
#             created: "2026-11-20T09:00:00Z"
#             _path: change/CHG-2026-0122.yaml
package security.approval_added_for_other

import data.lib.findings
import data.lib.git
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some kind in ["change", "release"]
	some record in input.records[kind]
	some i, approval in _added(kind, record)
	git.approval_recorded(record, i) == null
	author := input.gate.author
	author != approval.by
	not _may_record(author, record)
	msg := sprintf(
		"%s's approval by %s is added in the work tree, %s",
		[record.id, approval.by, _committer(approval.by)],
	)
	finding := findings.new(rego.metadata.chain(), kind, record, msg, ["approvals", i, "by"])
}

# The approvals entries that the request adds to a record, by list index:
# those its merge-base version lacks, or all of them for a record the request
# adds (one with no merge-base version in a file the request changed).
_added(kind, record) := {i: approval |
	some i, approval in _entries(record)
	not approval in _entries(before)
} if {
	before := input.gate.before[kind][record.id]
} else := {i: approval |
	some i, approval in _entries(record)
} if {
	input.gate.files[object.get(record, "_path", "")]
}

# A record's approvals entries; empty when it has none.
_entries(record) := record.approvals if is_array(record.approvals)

else := []

# Who will commit the work tree, for messages, set against the approver.
_committer(by) := sprintf("to be committed by %s, not by %s", [input.gate.author, by]) if {
	is_string(input.gate.author)
} else := msg if {
	is_string(input.gate.author_email)
	msg := sprintf(
		"to be committed by %s, whose email is not in people.yaml, not by %s",
		[input.gate.author_email, by],
	)
} else := sprintf("to be committed by a git user whose email is unknown, not by %s", [by])

# True when a person holds a recorders role and has no part in the record.
_may_record(person, record) if {
	not person in _parties(record)
	some role in input.config.roles.recorders
	role in people.roles(person)
}

# Who takes part in a change or release: its requester, implementer and deployer.
_parties(record) := {
	object.get(record, "requested_by", null),
	object.get(record, "implementer", null),
	object.get(record, ["implementation", "by"], null),
	object.get(record, ["deployed", "by"], null),
}
