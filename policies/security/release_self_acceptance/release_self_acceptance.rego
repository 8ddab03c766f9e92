# METADATA
# title: Release accepted or approved by its own deployer
# description: >-
#   Whoever puts a release into an environment must not also be the one who
#   accepts or authorises it. The check flags a release whose acceptance
#   (not marked failed) was given by the person recorded in deployed.by, or
#   names no one who gave it (it cannot show someone else did), and every
#   approving decision on the release given by that person.
# custom:
#   id: REG-SEC-014
#   severity: high
#   remediation: >-
#     Have someone other than the deployer accept and approve the release,
#     record their acceptance and approval on it, and keep the deployment role
#     apart from the acceptance and approval roles.
#   kinds: [release]
#   config: []
#   controls:
#     cobit4: [AI7.7, PO4.11]
#     cobit2019: [BAI07.05, DSS06.03]
#     iso20000: ["8.5.3"]
#     iso17799: ["10.1.3", "10.3.2"]
#     iso27002: ["5.3", "8.29"]
#   example:
#     release:
#       - {kind: release, id: REL-2026-0200, version: "2026.11.1", changes: [CHG-2026-0042], status: deployed,
#          environment: production, acceptance: {passed: true, at: "2026-11-02T12:00:00Z", by: bob},
#          deployed: {at: "2026-11-02T22:00:00Z", by: bob}}
package security.release_self_acceptance

import data.lib.findings
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some release in input.records.release
	deployer := release.deployed.by
	is_string(deployer)
	release.acceptance.by == deployer
	not release.acceptance.passed == false
	msg := sprintf("%s was accepted by %s, who deployed it", [release.id, deployer])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance", "by"])
}

# An acceptance that names no one cannot show that someone other than the
# deployer gave it.
violation contains finding if {
	some release in input.records.release
	deployer := release.deployed.by
	is_string(deployer)
	is_object(release.acceptance)
	count(release.acceptance) > 0
	not people.named(object.get(release.acceptance, "by", null))
	not release.acceptance.passed == false
	msg := sprintf(
		"%s's acceptance names no one who gave it, so it cannot show that someone other than its deployer, %s, accepted it",
		[release.id, deployer],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance", "by"])
}

violation contains finding if {
	some release in input.records.release
	deployer := release.deployed.by
	is_string(deployer)
	some i, approval in release.approvals
	approval.by == deployer
	approval.decision == "approved"
	msg := sprintf("%s was approved by %s, who deployed it", [release.id, deployer])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["approvals", i, "by"])
}
