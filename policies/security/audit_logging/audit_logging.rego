# METADATA
# title: Production system without audit logging
# description: >-
#   Where the security baseline requires audit logging, systems of the types
#   it covers must record who did what. When baseline.audit_logging is true,
#   the check flags an active production configuration item of a baseline
#   type whose observed settings.audit_logging is missing or anything but
#   true.
# custom:
#   id: REG-SEC-007
#   severity: medium
#   remediation: >-
#     Turn on audit logging on the item and ship its logs to the central log
#     store, then record the observed setting (settings.audit_logging) from
#     the next configuration scan.
#   kinds: [configuration_item]
#   config: [baseline.types, baseline.audit_logging]
#   controls:
#     cobit4: [DS5.5]
#     cobit2019: [DSS05.07]
#     iso20000: ["8.7.3.2"]
#     iso17799: ["10.10.1"]
#     iso27002: ["8.15"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: payments-db, type: database, owner: dave,
#          environment: production, status: active, settings: {audit_logging: false}}
package security.audit_logging

import data.lib.environments
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The active production items of the types the baseline covers, when the baseline requires audit logging.
_in_scope contains ci if {
	input.config.baseline.audit_logging == true
	some ci in input.records.configuration_item
	ci.status == "active"
	environments.production(ci)
	ci.type in input.config.baseline.types
}

violation contains finding if {
	some ci in _in_scope
	object.get(ci, ["settings", "audit_logging"], null) == null
	msg := sprintf(
		"%s is a production %s with no observed settings.audit_logging, which the baseline requires",
		[ci.id, ci.type],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", "audit_logging"])
}

violation contains finding if {
	some ci in _in_scope
	observed := ci.settings.audit_logging
	observed != null
	observed != true
	msg := sprintf(
		"%s is a production %s with audit logging set to %v, while the baseline requires it",
		[ci.id, ci.type, observed],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, ["settings", "audit_logging"])
}
