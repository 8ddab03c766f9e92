# METADATA
# title: Release approved or deployed without a rollback plan
# description: >-
#   The plan for putting a release into production includes how it will be
#   withdrawn if it fails. The check flags an approved or deployed production
#   release whose rollback plan is missing or blank. A release whose
#   environment names another environment (staging, test...) is not judged;
#   one that names none is taken as a production release.
# custom:
#   id: REG-REL-003
#   severity: medium
#   remediation: >-
#     Write down how the release would be withdrawn and the previous version
#     restored, in the release's rollback_plan, before it is approved.
#   kinds: [release]
#   config: []
#   controls:
#     cobit4: [AI7.3]
#     cobit2019: [BAI07.01]
#     iso20000: ["8.5.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     release:
#       - {kind: release, id: REL-2026-0022, version: "2026.12.1", changes: [CHG-2026-0042], status: approved}
package cobit.release_rollback_plan

import data.lib.environments
import data.lib.findings
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some release in input.records.release
	release.status in {"approved", "deployed"}
	environments.production(release)
	not text.written(object.get(release, "rollback_plan", null))
	msg := sprintf("%s has status %s but no rollback plan", [release.id, release.status])
	finding := findings.new(rego.metadata.chain(), "release", release, msg, ["rollback_plan"])
}
