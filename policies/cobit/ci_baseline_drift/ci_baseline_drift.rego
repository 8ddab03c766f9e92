# METADATA
# title: Production configuration item drifted from its baseline
# description: >-
#   A production item's approved configuration baseline is what its observed
#   settings should match; a difference is an unauthorised or unrecorded
#   change. The check compares, for every active production configuration
#   item with a baseline, each baseline setting with the settings last
#   observed, and flags each setting that is missing or has another value. A
#   number and a string that spells the same number (YAML's 1.2 and "1.2")
#   are the same value.
# custom:
#   id: REG-CFG-005
#   severity: medium
#   remediation: >-
#     Restore the approved setting on the item, or raise a change to approve
#     the new value and update the item's baseline to match.
#   kinds: [configuration_item]
#   config: []
#   controls:
#     cobit4: [DS9.3]
#     cobit2019: [BAI10.05]
#     iso20000: ["8.2.6"]
#     iso27002: ["8.9"]
#   example:
#     configuration_item:
#       - kind: configuration_item
#         id: CI-0105
#         name: api-01
#         type: server
#         owner: dave
#         environment: production
#         status: active
#         baseline: {tls_min_version: "1.2", audit_logging: true}
#         settings: {tls_min_version: "1.0", audit_logging: true}
package cobit.ci_baseline_drift

import data.lib.environments
import data.lib.findings
import data.lib.settings

meta := findings.metadata(rego.metadata.chain())

# The active production items that record a baseline.
_baselined := [ci |
	some ci in input.records.configuration_item
	ci.status == "active"
	environments.production(ci)
	is_object(ci.baseline)
]

# An item's observed settings; empty when none are recorded.
_settings(ci) := ci.settings if {
	is_object(ci.settings)
} else := {}

violation contains finding if {
	some ci in _baselined
	observed_settings := _settings(ci)
	some key, value in ci.baseline
	not key in object.keys(observed_settings)
	msg := sprintf(
		"%s has no observed value for %s, which its baseline sets to %s",
		[ci.id, key, json.marshal(value)],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", key])
}

violation contains finding if {
	some ci in _baselined
	observed_settings := _settings(ci)
	some key, value in ci.baseline
	observed := observed_settings[key]
	not settings.same(observed, value)
	msg := sprintf(
		"%s has %s set to %s where its baseline requires %s",
		[ci.id, key, json.marshal(observed), json.marshal(value)],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", key])
}
