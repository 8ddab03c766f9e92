# METADATA
# title: Release deployed without prior approval
# description: >-
#   Promotion of a release to production must be authorised before it
#   happens. The check flags a deployed or rolled back production release
#   with no approving decision on record, every approving decision given by
#   someone who could not approve on its day (not listed in people.yaml,
#   gone by then - a leaving date no later than it, or marked inactive with
#   no leaving date - or holding none of the configured approver roles), and
#   one whose approving decisions by entitled approvers are all dated after
#   its deployment or all undated (an approval without a date cannot show it
#   came before the deployment). A release whose environment names
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
#   config: [roles.approvers]
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
import data.lib.people
import data.lib.releases

meta := findings.metadata(rego.metadata.chain())

# The releases that reached production, including those later rolled back.
_deployed := [release |
	some release in input.records.release
	releases.deployed_to_production(release)
]

# The configured roles whose holders may approve releases, read once for the whole scan.
_approver_roles := object.get(input, ["config", "roles", "approvers"], [])

# The approving decisions on a release, as a list.
_approvals(release) := [approval |
	some approval in object.get(release, "approvals", [])
	approval.decision == "approved"
]

# The instant an approval is judged at (lib.people.judged_at).
_judged_at(approval) := people.judged_at(object.get(approval, "at", null))

# The approving decisions given by someone who held an approver role in
# people.yaml, and had not left, on the day of the decision.
_entitled(release) := [approval |
	some approval in _approvals(release)
	people.acting(approval.by, _approver_roles, _judged_at(approval))
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
	some i, approval in object.get(release, "approvals", [])
	approval.decision == "approved"
	why := people.lacking(object.get(approval, "by", null), _approver_roles, _judged_at(approval))
	msg := sprintf(
		"%s was approved by %v at %v, %s",
		[release.id, object.get(approval, "by", "nobody named"), object.get(approval, "at", "an unrecorded time"), why],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["approvals", i, "by"])
}

# An approval without a date cannot show that it came before the deployment.
violation contains finding if {
	some release in _deployed
	entitled := _entitled(release)
	count(entitled) > 0
	not _first(entitled)
	msg := sprintf(
		"%s has status %s, but none of its approved decisions by an entitled approver is dated, %s",
		[release.id, release.status, "so none shows it came before the deployment"],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["approvals"])
}

violation contains finding if {
	some release in _deployed
	deployed := dates.ns(release.deployed.at)
	first := _first(_entitled(release))
	dates.ns(first) > deployed
	msg := sprintf(
		"%s was deployed at %s, but its first approved decision is dated %s, after that",
		[release.id, release.deployed.at, first],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["approvals"])
}
