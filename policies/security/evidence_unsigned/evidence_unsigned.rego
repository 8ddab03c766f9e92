# METADATA
# title: Evidence committed without a verified signature
# description: >-
#   Where the organisation requires signed evidence (require_signed_evidence),
#   every commit that adds or changes an evidence manifest or one of the files
#   it lists must carry a signature that git verifies against a trusted key,
#   so that who recorded the evidence cannot be disputed. The check flags each
#   such commit that is unsigned or whose signature is untrusted, bad,
#   expired, made with a revoked key or could not be checked: one finding per
#   manifest and commit. Commits at the edge of a shallow clone are not
#   judged, and nothing is flagged while the setting is off.
# custom:
#   id: REG-SEC-019
#   severity: high
#   remediation: >-
#     Sign evidence commits with a key that git trusts (commit -S, with the
#     key in the allowed signers or the keyring the scan uses). For evidence
#     already committed, have its owner confirm the content and record a new,
#     signed manifest for it.
#   kinds: [evidence]
#   config: [require_signed_evidence]
#   controls:
#     cobit4: [DS11.6, ME2.1]
#     cobit2019: [DSS06.05, MEA02.01]
#     iso20000: ["7.5"]
#     iso17799: ["10.10.3", "15.1.3"]
#     iso27002: ["5.33", "8.15", "8.24"]
#   example:
#     evidence:
#       - kind: evidence
#         id: EV-2026-0212
#         type: vulnerability_scan
#         collected_at: "2026-10-08T09:00:00Z"
#         collected_by: dave
#         subject: [CI-0001]
#         result: pass
#         artifacts:
#           - {path: evidence/vulnerability-scans/2026-10/web-01.json,
#              sha256: e4f934f321eb76c9bf8b5103e0a0d9afe72d6e62ace3d3ea849790619bf7487a}
#         _git:
#           created: "3c363836cf4e16666669a25da280a1865c2d2874"
#           last: "3c363836cf4e16666669a25da280a1865c2d2874"
#           commits: 1
#           artifacts:
#             - path: evidence/vulnerability-scans/2026-10/web-01.json
#               present: true
#               sha256: e4f934f321eb76c9bf8b5103e0a0d9afe72d6e62ace3d3ea849790619bf7487a
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
#     config:
#       require_signed_evidence: true
package security.evidence_unsigned

import data.lib.findings
import data.lib.git

meta := findings.metadata(rego.metadata.chain())

# Why a commit's signature status does not vouch for it, in words.
_why := {
	"none": "unsigned",
	"untrusted": "signed by a key git does not trust",
	"bad": "whose signature does not verify",
	"expired": "whose signature has expired",
	"revoked": "signed by a revoked key",
	"unverifiable": "whose signature git could not check",
}

# The reason a signature status is not good enough; undefined for "good".
_reason(signature) := object.get(_why, signature, sprintf("whose signature git reports as %v", [signature])) if {
	signature != "good"
}

# What a commit touched of an evidence record, and the field a finding names:
# the manifest when the commit touched it, else the first artifact it touched.
_where(e, sha) := [object.get(e, "_path", "its manifest"), []] if {
	sha in git.touched(git.of(e))
} else := [sprintf("artifact %s", [path]), ["artifacts", i, "path"]] if {
	i := min({j | some j, facts in git.of(e).artifacts; sha in git.touched(facts)})
	path := git.of(e).artifacts[i].path
}

violation contains finding if {
	input.config.require_signed_evidence == true
	some e in input.records.evidence
	record := git.of(e)
	manifest := {sha | some sha in git.touched(record)}
	files := {sha | some facts in record.artifacts; some sha in git.touched(facts)}
	some sha in (manifest | files)
	git.judged(sha)
	reason := _reason(git.commit(sha).signature)
	[file, field] := _where(e, sha)
	msg := sprintf("%s: %s was committed in %s, %s", [e.id, file, git.describe(sha), reason])
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, field)
}
