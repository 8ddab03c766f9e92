# METADATA
# title: Record changed by an author people.yaml does not know
# description: >-
#   Every change to the evidence must be traceable to a person the
#   organisation knows. The check flags each commit that touched a record's
#   file, or for evidence one of its artifacts, whose author's e-mail address
#   belongs to no one listed in people.yaml: whoever made it cannot be held to
#   a role, an approval or a separation of duties. Commits at the edge of a
#   shallow clone are not judged.
# custom:
#   id: REG-SEC-020
#   severity: medium
#   remediation: >-
#     Find out who made the commit. If it is a colleague, add the address they
#     commit with to their emails in people.yaml; otherwise have someone known
#     review the change it made and restore the record if it cannot be vouched
#     for.
#   kinds: [change, release, configuration_item, incident, problem, service, service_report, supplier, evidence, waiver]
#   config: []
#   controls:
#     cobit4: [DS5.3, PO4.11]
#     cobit2019: [DSS05.04, DSS06.03]
#     iso17799: ["10.10.3", "11.2.1"]
#     iso27002: ["5.16", "8.15"]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0103
#         title: Raise the database connection limit
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
#         _git:
#           created: 3f8e2a9c41d07b5e6a1c2d3e4f5a6b7c8d9e0f1a
#           last: 9b1d4c7e2f0a3b6c5d8e7f9a0b1c2d3e4f5a6b7c
#           commits: 2
#           touched: [9b1d4c7e2f0a3b6c5d8e7f9a0b1c2d3e4f5a6b7c, 3f8e2a9c41d07b5e6a1c2d3e4f5a6b7c8d9e0f1a]
#     git:
#       revision: 9b1d4c7e2f0a3b6c5d8e7f9a0b1c2d3e4f5a6b7c
#       shallow: false
#       commits:
#         3f8e2a9c41d07b5e6a1c2d3e4f5a6b7c8d9e0f1a:
#           author: Alice
#           email: alice@example.com
#           person: alice
#           authored: "2026-11-02T09:05:00Z"
#           committed: "2026-11-02T09:05:00Z"
#           authored_ns: 1793610300000000000
#           committed_ns: 1793610300000000000
#           order: 0
#           signature: none
#           signer: ""
#           boundary: false
#         9b1d4c7e2f0a3b6c5d8e7f9a0b1c2d3e4f5a6b7c:
#           author: Mallory
#           email: mallory@mail.example
#           person: null
#           authored: "2026-11-03T10:10:00Z"
#           committed: "2026-11-03T10:10:00Z"
#           authored_ns: 1793700600000000000
#           committed_ns: 1793700600000000000
#           order: 1
#           signature: none
#           signer: ""
#           boundary: false
package security.commit_author_unknown

import data.lib.findings
import data.lib.git

meta := findings.metadata(rego.metadata.chain())

_kinds := [
	"change", "release", "configuration_item", "incident", "problem",
	"service", "service_report", "supplier", "evidence", "waiver",
]

# What an evidence manifest's artifacts changed in a commit are, for messages.
_artifacts_phrase(paths) := sprintf("artifact %s was", [paths[0]]) if {
	count(paths) == 1
} else := sprintf("artifacts %s were", [concat(", ", paths)])

violation contains finding if {
	some kind in _kinds
	some r in input.records[kind]

	# Each commit that touched the record's file: a lookup by sha, the
	# cheapest test (whether its author is known) first.
	some sha in git.touched(git.of(r))
	input.git.commits[sha].person == null
	git.judged(sha)
	msg := sprintf("%s was changed in %s, whose e-mail people.yaml does not list", [r.id, git.describe(sha)])
	finding := findings.new(rego.metadata.chain(), kind, r, msg, [])
}

violation contains finding if {
	some r in input.records.evidence
	facts := git.of(r)
	some artifact in facts.artifacts
	some sha in git.touched(artifact)
	input.git.commits[sha].person == null
	git.judged(sha)

	# A commit that also touched the manifest is reported as a change of the record.
	not sha in git.touched(facts)
	paths := sort({a.path | some a in facts.artifacts; sha in git.touched(a)})
	msg := sprintf(
		"%s's %s changed in %s, whose e-mail people.yaml does not list",
		[r.id, _artifacts_phrase(paths), git.describe(sha)],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", r, msg, [])
}
