# METADATA
# title: Evidence manifest without sound artifacts
# description: >-
#   Evidence is only as good as the files that back it: each manifest must
#   point at files inside the repository and fix their content with a hash.
#   The check flags a manifest with no artifacts, an artifact whose sha256 is
#   not 64 lowercase hexadecimal characters, and an artifact whose path is
#   absolute or climbs out of the repository through a ".." segment.
# custom:
#   id: REG-SEC-012
#   severity: medium
#   remediation: >-
#     Commit the material that shows the control ran under evidence/, list each
#     file in the manifest's artifacts by its path relative to the repository
#     root, and record the lowercase SHA-256 of its bytes.
#   kinds: [evidence]
#   config: []
#   controls:
#     cobit4: [ME2.1, DS11.2]
#     cobit2019: [MEA02.01, DSS06.05]
#     iso20000: ["7.5"]
#     iso17799: ["15.1.3"]
#     iso27002: ["5.33"]
#   example:
#     evidence:
#       - {kind: evidence, id: EV-2026-0200, type: access_review, collected_at: "2026-10-08T09:00:00Z",
#          collected_by: dave, period: 2026-Q3, subject: [CI-0002], result: pass}
package security.evidence_artifacts

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# True when a manifest lists at least one artifact.
_has_artifacts(e) if {
	is_array(e.artifacts)
	count(e.artifacts) > 0
}

# True when a value is a SHA-256 as Regent computes it: 64 lowercase hexadecimal characters.
_sha256(value) if {
	is_string(value)
	regex.match(`^[0-9a-f]{64}$`, value)
}

# What an artifact's sha256 is, for messages.
_sha_phrase(artifact) := sprintf("sha256 %v, which is not 64 lowercase hexadecimal characters", [artifact.sha256]) if {
	artifact.sha256 != null
} else := "no sha256"

# True when a path cannot be trusted to name a file inside the repository:
# absolute (Unix or Windows style), or with a ".." segment.
_escapes(path) if startswith(path, "/")

_escapes(path) if startswith(path, `\`)

_escapes(path) if regex.match(`^[A-Za-z]:`, path)

_escapes(path) if regex.match(`(^|[/\\])\.\.([/\\]|$)`, path)

violation contains finding if {
	some e in input.records.evidence
	not _has_artifacts(e)
	msg := sprintf("%s lists no artifacts, so no file in the repository backs it", [e.id])
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["artifacts"])
}

violation contains finding if {
	some e in input.records.evidence
	some i, artifact in e.artifacts
	not _sha256(object.get(artifact, "sha256", null))
	msg := sprintf("%s lists artifact %v with %s", [e.id, object.get(artifact, "path", i), _sha_phrase(artifact)])
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["artifacts", i, "sha256"])
}

violation contains finding if {
	some e in input.records.evidence
	some i, artifact in e.artifacts
	is_string(artifact.path)
	_escapes(artifact.path)
	msg := sprintf("%s lists artifact %s, a path that is absolute or leaves the repository", [e.id, artifact.path])
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["artifacts", i, "path"])
}
