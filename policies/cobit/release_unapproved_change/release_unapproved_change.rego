# METADATA
# title: Release carries a change that was not approved
# description: >-
#   A release may only deliver changes that have been authorised. The check
#   flags each change listed by an approved, deployed or rolled back release
#   that has no record, that is still draft or submitted or was rejected or
#   cancelled, or that (unless it is a pre-approved standard change) has no
#   approving decision on record.
# custom:
#   id: REG-REL-001
#   severity: high
#   remediation: >-
#     Take unapproved changes out of the release, or have them approved and
#     recorded before the release is approved and deployed; correct change ids
#     that match no record.
#   kinds: [release, change]
#   config: []
#   controls:
#     cobit4: [AI7.8, AI6.2]
#     cobit2019: [BAI07.06, BAI06.01]
#     iso20000: ["8.5.3", "8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     release:
#       - {kind: release, id: REL-2026-0020, version: "2026.11.2", changes: [CHG-2026-0109], status: approved}
#     change:
#       - {kind: change, id: CHG-2026-0109, title: Enable the new checkout flow, type: normal, status: submitted,
#          requested_by: alice, created: "2026-11-15T09:00:00Z"}
package cobit.release_unapproved_change

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# Change statuses that mean it was never authorised.
_unauthorised_statuses := {"draft", "submitted", "rejected", "cancelled"}

# Every change id listed by a release that has been approved or deployed
# (including one deployed and then rolled back), as
# [release, list index, change id].
_listed := [[release, i, id] |
	some release in input.records.release
	release.status in {"approved", "deployed", "rolled_back"}
	some i, id in release.changes
]

violation contains finding if {
	some [release, i, id] in _listed
	not input.records.change[id]
	msg := sprintf("%s has status %s and contains change %v, which has no record", [release.id, release.status, id])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["changes", i])
}

violation contains finding if {
	some [release, i, id] in _listed
	change := input.records.change[id]
	change.status in _unauthorised_statuses
	msg := sprintf(
		"%s has status %s and contains change %s, which has status %s",
		[release.id, release.status, id, change.status],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["changes", i])
}

violation contains finding if {
	some [release, i, id] in _listed
	change := input.records.change[id]
	change.type != "standard"
	not changes.has_approval(change)
	msg := sprintf(
		"%s has status %s and contains %s change %s, which has no approved decision on record",
		[release.id, release.status, change.type, id],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["changes", i])
}
