# METADATA
# title: Change names a configuration item or service with no record
# description: >-
#   The configuration items and services a change affects must exist in the
#   configuration records, so that its impact can be assessed and the records
#   kept up to date. The check flags every reference on a change that matches
#   no configuration item or service record.
# custom:
#   id: REG-CHG-009
#   severity: medium
#   remediation: >-
#     Correct the reference on the change, or add the missing configuration
#     item or service record to the repository.
#   kinds: [change, configuration_item, service]
#   controls:
#     cobit4: [AI6.2, DS9.2]
#     cobit2019: [BAI06.01, BAI10.03]
#     iso20000: ["8.5.1.3", "8.2.6"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32", "8.9"]
#   config: []
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0109
#         title: Decommission the old print server
#         type: normal
#         status: submitted
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         configuration_items: [CI-0404]
package cobit.change_references

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# A reference is known when its id is a key of that kind's records: one
# lookup, however many records there are. When the kind has no records at
# all, the lookup is undefined and every reference is unknown.
violation contains finding if {
	some change in input.records.change
	some i, ci in change.configuration_items
	not input.records.configuration_item[ci]
	msg := sprintf("%s names configuration item %v, which has no record", [change.id, ci])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["configuration_items", i])
}

violation contains finding if {
	some change in input.records.change
	some i, service in change.services
	not input.records.service[service]
	msg := sprintf("%s names service %v, which has no record", [change.id, service])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["services", i])
}
