# METADATA
# title: Approval recorded by someone other than the approver
# description: >-
#   A decision on a change or release should be written into the record by the
#   person who took it, so that the history shows who authorised what. The check
#   reads the commit in which each approvals entry first appeared and flags an
#   entry whose commit was authored by anyone else, including an author whose
#   email is not in people.yaml. An organisation may let holders of the
#   recorders roles commit decisions for others, on records in which they have
#   no part (not the requester, implementer or deployer). Entries only in the
#   work tree and commits at the edge of a shallow clone are not judged.
# custom:
#   id: REG-SEC-016
#   severity: high
#   remediation: >-
#     Have each approver commit their own decision to the record, under an
#     email listed for them in people.yaml; confirm with the named approver
#     that they took the decision recorded in their name.
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
#         id: CHG-2026-0104
#         title: Raise the web shop upload size limit
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
#         _git:
#           created: 8d02e1d4ff12a14eb2446feedc5bc0f6638eea7d
#           last: 9b85d04d4ab2424da724a29200e6fc555768e863
#           commits: 2
#           touched: [9b85d04d4ab2424da724a29200e6fc555768e863, 8d02e1d4ff12a14eb2446feedc5bc0f6638eea7d]
#           rewrites: [9b85d04d4ab2424da724a29200e6fc555768e863]
#           fields: {approvals: 9b85d04d4ab2424da724a29200e6fc555768e863}
#           approvals: [9b85d04d4ab2424da724a29200e6fc555768e863]
#     git:
#       revision: 9b85d04d4ab2424da724a29200e6fc555768e863
#       shallow: false
#       commits:
#         8d02e1d4ff12a14eb2446feedc5bc0f6638eea7d:
#           {author: Alice, email: alice@example.com, person: alice,
#            authored: "2026-11-02T09:05:00Z", committed: "2026-11-02T09:05:00Z",
#            authored_ns: 1793610300000000000, committed_ns: 1793610300000000000,
#            order: 0, signature: none, signer: "", boundary: false}
#         9b85d04d4ab2424da724a29200e6fc555768e863:
#           {author: Alice, email: alice@example.com, person: alice,
#            authored: "2026-11-03T10:10:00Z", committed: "2026-11-03T10:10:00Z",
#            authored_ns: 1793700600000000000, committed_ns: 1793700600000000000,
#            order: 1, signature: none, signer: "", boundary: false}
package security.approval_committer

import data.lib.findings
import data.lib.git
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some kind in ["change", "release"]
	some record in input.records[kind]
	some i, approval in record.approvals
	sha := git.approval_recorded(record, i)
	git.judged(sha)
	commit := git.commit(sha)
	commit.person != approval.by
	not _may_record(commit.person, record)
	msg := sprintf(
		"%s's approval by %s was recorded in %s%s, not by %s",
		[record.id, approval.by, git.describe(sha), _unknown(commit), approval.by],
	)
	finding := findings.new(rego.metadata.chain(), kind, record, msg, ["approvals", i, "by"])
}

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

# A note on an author that people.yaml does not list; empty for a known one.
_unknown(commit) := ", whose email is not in people.yaml" if {
	commit.person == null
} else := ""
