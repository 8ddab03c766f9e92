# METADATA
# title: Active supplier without a contract in force
# description: >-
#   Every supplier the organisation relies on should work under a contract
#   with a known term. The check flags an active supplier with no contract,
#   one whose contract lacks a start or an end date, and one whose contract
#   ended before the scan's reference date.
# custom:
#   id: REG-SUP-001
#   severity: high
#   remediation: >-
#     Put a contract in place (or renew the expired one) and record its start
#     and end dates on the supplier; if the relationship has ended, mark the
#     supplier terminated.
#   kinds: [supplier]
#   config: []
#   controls:
#     cobit4: [DS2.1, AI5.2]
#     cobit2019: [APO10.01, APO10.03]
#     iso20000: ["8.3.4.1"]
#     iso17799: ["6.2.3"]
#     iso27002: ["5.19", "5.20"]
#   example:
#     supplier:
#       - kind: supplier
#         id: SUP-0009
#         name: Contoso Cloud
#         status: active
#         owner: dave
#         contract: {start: "2024-01-01", end: "2026-06-30"}
#         last_review: "2026-05-15"
package iso20000.supplier_contract

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_active := [supplier |
	some supplier in input.records.supplier
	supplier.status == "active"
]

violation contains finding if {
	some supplier in _active
	not is_object(object.get(supplier, "contract", null))
	msg := sprintf("%s is an active supplier with no contract on record", [supplier.id])
	finding := findings.new(rego.metadata.chain(), "supplier", supplier, msg, ["contract"])
}

violation contains finding if {
	some supplier in _active
	is_object(supplier.contract)
	missing := [f | some f in ["start", "end"]; not dates.date_ns(object.get(supplier.contract, f, null))]
	count(missing) > 0
	msg := sprintf(
		"%s is an active supplier whose contract has no valid %s date (YYYY-MM-DD)",
		[supplier.id, concat(" or ", missing)],
	)
	finding := findings.new(rego.metadata.chain(), "supplier", supplier, msg, ["contract", missing[0]])
}

violation contains finding if {
	some supplier in _active
	today := dates.today(input)
	dates.date_ns(supplier.contract.end) < dates.date_ns(today)
	msg := sprintf(
		"%s is an active supplier whose contract ended on %s, before %s",
		[supplier.id, supplier.contract.end, today],
	)
	finding := findings.new(rego.metadata.chain(), "supplier", supplier, msg, ["contract", "end"])
}
