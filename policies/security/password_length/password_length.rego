# METADATA
# title: Production system allowing passwords shorter than the baseline
# description: >-
#   Systems of the types the security baseline covers must reject passwords
#   shorter than the baseline's minimum length. The check flags an active
#   production configuration item of a baseline type whose observed
#   settings.password_min_length is missing, not a number, or below
#   baseline.password_min_length.
# custom:
#   id: REG-SEC-008
#   severity: medium
#   remediation: >-
#     Raise the item's minimum password length to at least the baseline's,
#     make users with shorter passwords change them, and record the observed
#     setting (settings.password_min_length) from the next configuration scan.
#   kinds: [configuration_item]
#   config: [baseline.types, baseline.password_min_length]
#   controls:
#     cobit4: [DS5.3]
#     cobit2019: [DSS05.04]
#     iso20000: ["8.7.3.2"]
#     iso17799: ["11.2.3"]
#     iso27002: ["5.17"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: shop-api, type: application, owner: dave,
#          environment: production, status: active, settings: {password_min_length: 8}}
package security.password_length

import data.lib.environments
import data.lib.findings
import data.lib.settings

meta := findings.metadata(rego.metadata.chain())

# The baseline's minimum as a number, in either YAML encoding (lib.settings.number).
_minimum := settings.number(input.config.baseline.password_min_length)

# The active production items of the types the baseline covers.
_in_scope contains ci if {
	is_number(_minimum)
	some ci in input.records.configuration_item
	ci.status == "active"
	environments.production(ci)
	ci.type in input.config.baseline.types
}

violation contains finding if {
	some ci in _in_scope
	not settings.number(object.get(ci, ["settings", "password_min_length"], null))
	msg := sprintf(
		"%s is a production %s with no numeric settings.password_min_length (baseline %v)",
		[ci.id, ci.type, _minimum],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", "password_min_length"])
}

violation contains finding if {
	some ci in _in_scope
	observed := settings.number(ci.settings.password_min_length)
	observed < _minimum
	msg := sprintf(
		"%s is a production %s accepting passwords of %v characters, below the baseline minimum of %v",
		[ci.id, ci.type, observed, _minimum],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", "password_min_length"])
}
