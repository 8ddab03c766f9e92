# METADATA
# title: Production configuration item not verified recently
# description: >-
#   The configuration records of live production items must be audited
#   against reality at a set interval, or they drift from what is actually
#   running. The check flags an active production configuration item whose
#   last_verified date is missing, or is more than the configured number of
#   days before the scan's reference date.
# custom:
#   id: REG-CFG-002
#   severity: medium
#   remediation: >-
#     Verify the item against the configuration record (by a configuration
#     audit or discovery run), correct any difference, and record the date in
#     last_verified.
#   kinds: [configuration_item]
#   config: [thresholds.ci_verification_days]
#   controls:
#     cobit4: [DS9.3]
#     cobit2019: [BAI10.05]
#     iso20000: ["8.2.6"]
#     iso17799: ["7.1.1"]
#     iso27002: ["5.9", "8.9"]
#   example:
#     configuration_item:
#       - kind: configuration_item
#         id: CI-0102
#         name: file-01
#         type: server
#         owner: dave
#         environment: production
#         status: active
#         classification: internal
#         criticality: medium
#         last_verified: "2025-12-01"
package cobit.ci_verification_age

import data.lib.dates
import data.lib.environments
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The active configuration items of the production environment.
_live := [ci |
	some ci in input.records.configuration_item
	ci.status == "active"
	environments.production(ci)
]

violation contains finding if {
	some ci in _live
	limit := input.config.thresholds.ci_verification_days
	dates.older_than(ci.last_verified, limit, dates.reference_ns(input))
	today := dates.today(input)
	msg := sprintf(
		"%s is an active production configuration item last verified on %s, more than %v days before %s",
		[ci.id, ci.last_verified, limit, today],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["last_verified"])
}

violation contains finding if {
	some ci in _live
	not dates.date_ns(object.get(ci, "last_verified", null))
	msg := sprintf(
		"%s is an active production configuration item with no valid last_verified date (YYYY-MM-DD)",
		[ci.id],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["last_verified"])
}
