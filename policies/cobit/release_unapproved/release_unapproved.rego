# METADATA
# title: Release deployed without prior approval
# description: >-
#   Promotion of a release to production must be authorised before it
#   happens. The check flags a deployed or rolled back production release
#   with no approving decision on record, and one whose approving decisions
#   are all dated after its deployment. A release whose environment names
#   another environment (staging, test...) is not judged; one that names none
#   is taken as a production release.
# custom:
#   id: REG-REL-004
#   severity: high
#   remediation: >-
#     Have the release approved, and the decision recorded in its approvals,
#     before it is deployed; a release approved only afterwards should be
#     reviewed as an unauthorised deployment.
#   kinds: [release]
#   config: []
#   controls:
#     cobit4: [AI7.8]
#     cobit2019: [BAI07.06]
#     iso20000: ["8.5.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     release:
#       - {kind: release, id: REL-2026-0023, version: "2026.11.4", changes: [CHG-2026-0042], status: deployed,
#          approvals: [{by: carol, role: cab, decision: approved, at: "2026-11-19T10:00:00Z"}],
#          deployed: {at: "2026-11-18T22:00:00Z", by: bob}}
package cobit.release_unapproved

import data.lib.dates
import data.lib.findings
import data.lib.releases

meta := findings.metadata(rego.metadata.chain())

# The releases that reached production, including those later rolled back.
_deployed := [release |
	some release in input.records.release
	releases.deployed_to_production(release)
]

# The approving decisions on a release, as a list.
_approvals(release) := [approval |
	some approval in object.get(release, "approvals", [])
	approval.decision == "approved"
]

# The earliest timestamp, as written, among approving decisions; undefined when none is dated.
_first(approvals) := [approval.at | some approval in approvals; dates.ns(approval.at) == earliest][0] if {
	earliest := min({n | some approval in approvals; n := dates.ns(approval.at)})
}

violation contains finding if {
	some release in _deployed
	count(_approvals(release)) == 0
	msg := sprintf("%s has status %s but no approved decision on record", [release.id, release.status])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["approvals"])
}

violation contains finding if {
	some release in _deployed
	deployed := dates.ns(release.deployed.at)
	approvals := _approvals(release)
	first := _first(approvals)
	dates.ns(first) > deployed
	msg := sprintf(
		"%s was deployed at %s, but its first approved decision is dated %s, after that",
		[release.id, release.deployed.at, first],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["approvals"])
}
