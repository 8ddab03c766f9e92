# METADATA
# title: Service that no business process depends on
# description: >-
#   Once an organisation records its business processes, every IT service it
#   runs should serve at least one of them, or its findings cannot be read
#   as a risk to the business and its cost serves nothing anyone can name.
#   The check flags an active service that no active business process lists
#   in its services. A repository with no business process record has not
#   started recording the chain, and the check stays silent there.
# custom:
#   id: REG-BIZ-002
#   severity: low
#   remediation: >-
#     Add the service to the services of the business processes that depend
#     on it, or retire the service if nothing depends on it any more.
#   kinds: [service, business_process]
#   config: []
#   controls:
#     cobit4: [PO1.2, DS1.2]
#     cobit2019: [APO02.01, APO09.01]
#     iso20000: ["8.3.2", "8.2.4"]
#     iso17799: ["7.1.1"]
#     iso27002: ["5.9"]
#   example:
#     service:
#       - kind: service
#         id: SVC-FAX
#         name: Fax gateway
#         owner: dave
#         status: active
#     business_process:
#       - kind: business_process
#         id: BP-BILLING
#         name: Billing
#         owner: frank
#         criticality: high
#         services: [SVC-INVOICING]
package cobit.service_without_process

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The services that some active business process depends on.
_depended_on contains service_id if {
	some process in input.records.business_process
	object.get(process, "status", "active") == "active"
	some service_id in object.get(process, "services", [])
}

violation contains finding if {
	count(input.records.business_process) > 0
	some service in input.records.service
	service.status == "active"
	not service.id in _depended_on
	msg := sprintf("%s is active but no active business process depends on it", [service.id])
	finding := findings.new(rego.metadata.chain(), "service", service, msg, [])
}
