# METADATA
# title: Active service without complete service levels
# description: >-
#   A service in operation needs agreed service levels, or neither its reports
#   nor its incidents can be judged against anything. The check flags an
#   active service with no sla, one whose sla sets no availability target, and
#   one whose sla lacks resolution_hours for any of the priorities P1 to P4.
# custom:
#   id: REG-SLM-001
#   severity: medium
#   remediation: >-
#     Agree the service levels with the service's customers and record them on
#     the service: sla.availability in percent, and sla.resolution_hours for
#     each of P1, P2, P3 and P4.
#   kinds: [service]
#   config: []
#   controls:
#     cobit4: [DS1.3]
#     cobit2019: [APO09.03]
#     iso20000: ["8.3.3"]
#   example:
#     service:
#       - kind: service
#         id: SVC-0009
#         name: Payroll
#         owner: dave
#         status: active
#         criticality: high
#         sla:
#           availability: 99.0
#           resolution_hours: {P1: 4, P2: 8}
package iso20000.service_sla

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_priorities := ["P1", "P2", "P3", "P4"]

_active := [service |
	some service in input.records.service
	service.status == "active"
]

violation contains finding if {
	some service in _active
	not is_object(object.get(service, "sla", null))
	msg := sprintf("%s is an active service with no service level agreement (sla)", [service.id])
	finding := findings.new(rego.metadata.chain(), "service", service, msg, ["sla"])
}

violation contains finding if {
	some service in _active
	is_object(service.sla)
	not is_number(object.get(service.sla, "availability", null))
	msg := sprintf("%s is an active service whose sla sets no availability target", [service.id])
	finding := findings.new(rego.metadata.chain(), "service", service, msg, ["sla", "availability"])
}

violation contains finding if {
	some service in _active
	is_object(service.sla)
	missing := [p |
		some p in _priorities
		not is_number(object.get(service.sla, ["resolution_hours", p], null))
	]
	count(missing) > 0
	msg := sprintf(
		"%s is an active service whose sla sets no resolution_hours for %s",
		[service.id, concat(", ", missing)],
	)
	finding := findings.new(rego.metadata.chain(), "service", service, msg, ["sla", "resolution_hours"])
}
