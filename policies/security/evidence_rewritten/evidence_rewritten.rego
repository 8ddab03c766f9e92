# METADATA
# title: Evidence rewritten after it was committed
# description: >-
#   Evidence is a record of what happened, so it is only ever added to: new
#   or corrected evidence goes into a new file. The check flags every commit
#   that changed the bytes of an evidence manifest, or of one of the files it
#   lists, after the commit that added that file. Moving a file without
#   changing it is not a rewrite, and commits at the edge of a shallow clone
#   are not judged.
# custom:
#   id: REG-SEC-018
#   severity: critical
#   remediation: >-
#     Find out what the commit changed and why. Restore the evidence as first
#     committed, and record any correction as new evidence with its own
#     manifest that refers to the subject again.
#   kinds: [evidence]
#   config: []
#   controls:
#     cobit4: [DS11.6, ME2.1]
#     cobit2019: [DSS06.05, MEA02.01]
#     iso20000: ["7.5"]
#     iso17799: ["10.10.3", "15.1.3"]
#     iso27002: ["5.33", "8.15"]
#   example:
#     evidence:
#       - kind: evidence
#         id: EV-2026-0211
#         type: backup_restore_test
#         collected_at: "2026-10-08T09:00:00Z"
#         collected_by: dave
#         subject: [CI-0002]
#         result: pass
#         artifacts:
#           - {path: evidence/restore-tests/2026-10/db-01.log,
#              sha256: e4f934f321eb76c9bf8b5103e0a0d9afe72d6e62ace3d3ea849790619bf7487a}
#         _git:
#           created: "3c363836cf4e16666669a25da280a1865c2d2874"
#           last: "58e6b3a414a1e090dfc6029add0f3555ccba127f"
#           commits: 2
#           touched: ["58e6b3a414a1e090dfc6029add0f3555ccba127f", "3c363836cf4e16666669a25da280a1865c2d2874"]
#           rewrites: ["58e6b3a414a1e090dfc6029add0f3555ccba127f"]
#           artifacts:
#             - path: evidence/restore-tests/2026-10/db-01.log
#               present: true
#               sha256: e4f934f321eb76c9bf8b5103e0a0d9afe72d6e62ace3d3ea849790619bf7487a
#               created: "3c363836cf4e16666669a25da280a1865c2d2874"
#               last: "3c363836cf4e16666669a25da280a1865c2d2874"
#               commits: 1
#     git:
#       revision: "58e6b3a414a1e090dfc6029add0f3555ccba127f"
#       shallow: false
#       commits:
#         "3c363836cf4e16666669a25da280a1865c2d2874":
#           author: Dave
#           email: dave@example.com
#           person: dave
#           authored: "2026-10-08T09:30:00Z"
#           committed: "2026-10-08T09:30:00Z"
#           authored_ns: 1791451800000000000
#           committed_ns: 1791451800000000000
#           order: 0
#           signature: none
#           signer: ""
#           boundary: false
#         "58e6b3a414a1e090dfc6029add0f3555ccba127f":
#           author: Bob
#           email: bob@example.com
#           person: bob
#           authored: "2026-11-02T14:10:00Z"
#           committed: "2026-11-02T14:10:00Z"
#           authored_ns: 1793628600000000000
#           committed_ns: 1793628600000000000
#           order: 1
#           signature: none
#           signer: ""
#           boundary: false
package security.evidence_rewritten

import data.lib.findings
import data.lib.git

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some e in input.records.evidence
	some sha in git.of(e).rewrites
	git.judged(sha)
	file := object.get(e, "_path", "its manifest")
	msg := sprintf("%s: %s was rewritten after it was committed, in %s", [e.id, file, git.describe(sha)])
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, [])
}

violation contains finding if {
	some e in input.records.evidence
	some i, facts in git.of(e).artifacts
	some sha in facts.rewrites
	git.judged(sha)
	msg := sprintf(
		"%s: artifact %s was rewritten after it was committed, in %s",
		[e.id, facts.path, git.describe(sha)],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["artifacts", i, "path"])
}
