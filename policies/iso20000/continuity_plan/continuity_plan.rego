# METADATA
# title: Critical service without a continuity plan on record
# description: >-
#   A critical service needs a documented plan for keeping or restoring it
#   through a disruption. The check flags an active critical service that
#   names no continuity_plan, one whose continuity_plan is not the id of an
#   evidence record, and one whose continuity_plan names evidence of a type
#   other than continuity_plan.
# custom:
#   id: REG-BCM-001
#   severity: high
#   remediation: >-
#     Write or update the service continuity plan, record it as evidence of
#     type continuity_plan, and name that evidence id in the service's
#     continuity_plan.
#   kinds: [service, evidence]
#   evidence: [continuity_plan]
#   config: []
#   controls:
#     cobit4: [DS4.2]
#     cobit2019: [DSS04.03]
#     iso20000: ["8.7.2"]
#     iso17799: ["14.1.3"]
#     iso27002: ["5.29", "5.30"]
#   example:
#     service:
#       - kind: service
#         id: SVC-0009
#         name: Payroll
#         owner: dave
#         status: active
#         criticality: critical
#         continuity_plan: EV-2026-0900
package iso20000.continuity_plan

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_critical := [service |
	some service in input.records.service
	service.status == "active"
	service.criticality == "critical"
]

violation contains finding if {
	some service in _critical
	not _names_plan(service)
	msg := sprintf("%s is an active critical service that names no continuity plan", [service.id])
	finding := findings.new(rego.metadata.chain(), "service", service, msg, ["continuity_plan"])
}

violation contains finding if {
	some service in _critical
	_names_plan(service)
	not input.records.evidence[service.continuity_plan]
	msg := sprintf(
		"%s is an active critical service whose continuity plan %s is not an evidence record",
		[service.id, service.continuity_plan],
	)
	finding := findings.new(rego.metadata.chain(), "service", service, msg, ["continuity_plan"])
}

violation contains finding if {
	some service in _critical
	plan := input.records.evidence[service.continuity_plan]
	plan.type != "continuity_plan"
	msg := sprintf(
		"%s is an active critical service whose continuity plan %s is evidence of type %v, not continuity_plan",
		[service.id, service.continuity_plan, plan.type],
	)
	finding := findings.new(rego.metadata.chain(), "service", service, msg, ["continuity_plan"])
}

# True when a service names a continuity plan (a non-blank id).
_names_plan(service) if {
	is_string(service.continuity_plan)
	trim_space(service.continuity_plan) != ""
}
