# METADATA
# title: Release deployed without passing acceptance first
# description: >-
#   A release goes to production only after its acceptance tests have passed
#   and the acceptance has been recorded. The check flags a deployed or rolled
#   back production release with no acceptance on record, with an acceptance
#   that is not recorded as passed, with an undated acceptance, with an
#   acceptance that names no one who gave it, with an
#   acceptance dated after the deployment, or with an acceptance by someone
#   not listed in people.yaml or gone by the day of the acceptance (a leaving
#   date no later than it, or marked inactive with no leaving date). A release whose environment names
#   another environment (staging, test...) is not judged; one that names none
#   is taken as a production release.
# custom:
#   id: REG-REL-002
#   severity: high
#   remediation: >-
#     Run the acceptance tests before deployment and record their outcome on
#     the release (acceptance.passed, acceptance.at, acceptance.by and the
#     evidence ids); deploy only a release whose acceptance has passed.
#   kinds: [release]
#   config: []
#   controls:
#     cobit4: [AI7.7]
#     cobit2019: [BAI07.05]
#     iso20000: ["8.5.3"]
#     iso17799: ["10.3.2"]
#     iso27002: ["8.29"]
#   example:
#     release:
#       - {kind: release, id: REL-2026-0021, version: "2026.11.3", changes: [CHG-2026-0042], status: deployed,
#          acceptance: {passed: false, at: "2026-11-17T15:00:00Z", by: dave},
#          deployed: {at: "2026-11-17T22:00:00Z", by: bob}}
package cobit.release_acceptance

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

# True when a value is an object that records something.
_recorded(x) if {
	is_object(x)
	count(x) > 0
}

# How an acceptance's result reads in a message when it is not a pass.
_result(acceptance) := "did not pass" if {
	acceptance.passed == false
} else := "records no result"

violation contains finding if {
	some release in _deployed
	not _recorded(object.get(release, "acceptance", null))
	msg := sprintf("%s has status %s but no acceptance on record", [release.id, release.status])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance"])
}

violation contains finding if {
	some release in _deployed
	_recorded(release.acceptance)
	object.get(release.acceptance, "passed", null) != true
	msg := sprintf("%s has status %s but its acceptance %s", [release.id, release.status, _result(release.acceptance)])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance", "passed"])
}

violation contains finding if {
	some release in _deployed
	_recorded(release.acceptance)
	not dates.ns(object.get(release.acceptance, "at", null))
	msg := sprintf("%s has status %s but its acceptance is not dated", [release.id, release.status])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance", "at"])
}

violation contains finding if {
	some release in _deployed
	dates.ns(release.acceptance.at) > dates.ns(release.deployed.at)
	msg := sprintf(
		"%s was accepted at %s, after it was deployed at %s",
		[release.id, release.acceptance.at, release.deployed.at],
	)
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance", "at"])
}

violation contains finding if {
	some release in _deployed
	_recorded(release.acceptance)
	not people.named(object.get(release.acceptance, "by", null))
	msg := sprintf("%s has status %s but its acceptance names no one who gave it", [release.id, release.status])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance", "by"])
}

violation contains finding if {
	some release in _deployed
	by := release.acceptance.by
	at := object.get(release.acceptance, "at", null)
	why := people.absent(by, people.judged_at(at))
	when := object.get(release.acceptance, "at", "an unrecorded time")
	msg := sprintf("%s was accepted by %v at %v, %s", [release.id, by, when, why])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["acceptance", "by"])
}
