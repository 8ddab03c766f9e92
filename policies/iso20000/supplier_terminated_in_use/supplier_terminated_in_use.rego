# METADATA
# title: Terminated supplier still relied on
# description: >-
#   When a supplier relationship ends, the services and configuration items
#   it supported must be moved to another supplier or retired, or they rest
#   on a party with no obligations left. The check flags a terminated
#   supplier that an active service still names in its suppliers, or that an
#   active configuration item still names as its supplier.
# custom:
#   id: REG-SUP-003
#   severity: high
#   remediation: >-
#     Move the named services and configuration items to a supplier under
#     contract, or retire them, and update their records; if the relationship
#     continues, restore the supplier to active with a contract in force.
#   kinds: [supplier, service, configuration_item]
#   config: []
#   controls:
#     cobit4: [DS2.1, DS2.2]
#     cobit2019: [APO10.01, APO10.03]
#     iso20000: ["8.3.4.1"]
#     iso17799: ["10.2.3"]
#     iso27002: ["5.19", "5.22"]
#   example:
#     supplier:
#       - kind: supplier
#         id: SUP-0009
#         name: Contoso Cloud
#         status: terminated
#         contract: {start: "2022-01-01", end: "2026-06-30"}
#     service:
#       - kind: service
#         id: SVC-0009
#         name: Payroll
#         owner: dave
#         status: active
#         suppliers: [SUP-0009]
package iso20000.supplier_terminated_in_use

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# True when the supplier of an id is recorded as terminated.
_terminated(id) if input.records.supplier[id].status == "terminated"

# Each active service or configuration item that names a terminated
# supplier, as [supplier id, what names it]: one pass over each kind.
_named_by contains [supplier_id, sprintf("active service %s", [service.id])] if {
	some service in input.records.service
	service.status == "active"
	some supplier_id in object.get(service, "suppliers", [])
	_terminated(supplier_id)
}

_named_by contains [ci.supplier, sprintf("active configuration item %s", [ci.id])] if {
	some ci in input.records.configuration_item
	ci.status == "active"
	_terminated(ci.supplier)
}

violation contains finding if {
	some supplier_id in {link[0] | some link in _named_by}
	supplier := input.records.supplier[supplier_id]
	users := sort([link[1] | some link in _named_by; link[0] == supplier_id])
	msg := sprintf("%s is terminated but still named by %s", [supplier_id, concat(", ", users)])
	finding := findings.new(rego.metadata.chain(), "supplier", supplier, msg, ["status"])
}
