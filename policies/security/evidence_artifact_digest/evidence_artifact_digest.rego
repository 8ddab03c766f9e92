# METADATA
# title: Evidence artifact missing or not what its manifest hashed
# description: >-
#   A manifest fixes the content of its evidence with the hash of each file;
#   the evidence holds only while those files are still there, byte for byte.
#   The check flags an artifact that is not in the repository at the scanned
#   revision, and one whose bytes hash to another SHA-256 than the manifest
#   records. Hashes are compared without regard to letter case.
# custom:
#   id: REG-SEC-017
#   severity: critical
#   remediation: >-
#     Find out why the file is gone or changed. Restore the file the manifest
#     hashed from the history; if the evidence really is different material,
#     record it as new evidence with its own manifest rather than editing the
#     old one.
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
#         id: EV-2026-0210
#         type: access_review
#         collected_at: "2026-10-08T09:00:00Z"
#         collected_by: dave
#         period: 2026-Q3
#         subject: [CI-0002]
#         result: pass
#         artifacts:
#           - {path: evidence/access-reviews/2026-Q3/db-01.csv,
#              sha256: e4f934f321eb76c9bf8b5103e0a0d9afe72d6e62ace3d3ea849790619bf7487a}
#         _git:
#           created: "3c363836cf4e16666669a25da280a1865c2d2874"
#           last: "3c363836cf4e16666669a25da280a1865c2d2874"
#           commits: 1
#           artifacts:
#             - path: evidence/access-reviews/2026-Q3/db-01.csv
#               present: true
#               sha256: 1fb9f4097256db2d7b1e13aff79cee44339891a31c556b9cf6093885773b3618
#               created: "3c363836cf4e16666669a25da280a1865c2d2874"
#               last: "3c363836cf4e16666669a25da280a1865c2d2874"
#               commits: 1
#     git:
#       revision: "3c363836cf4e16666669a25da280a1865c2d2874"
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
package security.evidence_artifact_digest

import data.lib.findings
import data.lib.git

meta := findings.metadata(rego.metadata.chain())

# A SHA-256 for messages: its first twelve characters.
_short(sha256) := sprintf("%s...", [substring(sha256, 0, 12)])

violation contains finding if {
	some e in input.records.evidence
	some i, facts in git.of(e).artifacts
	facts.present == false
	msg := sprintf("%s lists artifact %s, which is not in the repository at this revision", [e.id, facts.path])
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["artifacts", i, "path"])
}

violation contains finding if {
	some e in input.records.evidence
	some i, facts in git.of(e).artifacts
	is_string(facts.sha256)
	listed := e.artifacts[i].sha256
	is_string(listed)
	lower(listed) != lower(facts.sha256)
	msg := sprintf(
		"%s lists artifact %s with sha256 %s, but the file's bytes hash to %s",
		[e.id, facts.path, _short(listed), _short(facts.sha256)],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["artifacts", i, "sha256"])
}
