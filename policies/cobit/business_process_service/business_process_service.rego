# METADATA
# title: Business process depends on a service that has no record
# description: >-
#   A business process names the IT services it depends on so that a fault
#   in IT can be read as a risk to the business. A service id with no
#   service record breaks that chain: nothing that happens to the service
#   can reach the process. The check flags every service an active business
#   process names that has no service record.
# custom:
#   id: REG-BIZ-001
#   severity: medium
#   remediation: >-
#     Correct the service id in the process's services, or add the missing
#     service's record with its owner and configuration items.
#   kinds: [business_process, service]
#   config: []
#   controls:
#     cobit4: [PO1.2, DS1.2]
#     cobit2019: [APO09.01, APO09.02]
#     iso20000: ["8.2.4", "8.3.2"]
#     iso17799: ["7.1.1"]
#     iso27002: ["5.9"]
#   example:
#     business_process:
#       - kind: business_process
#         id: BP-BILLING
#         name: Billing
#         owner: frank
#         criticality: high
#         services: [SVC-INVOICING]
package cobit.business_process_service

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some process in input.records.business_process
	object.get(process, "status", "active") == "active"
	some i, service_id in object.get(process, "services", [])
	not input.records.service[service_id]
	msg := sprintf("%s depends on %v, which has no service record", [process.id, service_id])
	finding := findings.new(rego.metadata.chain(), "business_process", process, msg, ["services", i])
}
