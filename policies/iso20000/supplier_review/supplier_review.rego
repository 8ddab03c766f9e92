# METADATA
# title: Supplier performance review overdue
# description: >-
#   A supplier's performance against its contract should be reviewed at a set
#   interval and whenever the contract calls for it. The check flags an active
#   supplier with no valid last_review date, one last reviewed more than the
#   configured number of days before the scan's reference date, and one whose
#   contract.review_due date has passed with no review on or after it.
# custom:
#   id: REG-SUP-002
#   severity: medium
#   remediation: >-
#     Review the supplier's performance and compliance with its contract,
#     record the date in last_review, and set the next contract.review_due.
#   kinds: [supplier]
#   config: [thresholds.supplier_review_days]
#   controls:
#     cobit4: [DS2.4]
#     cobit2019: [APO10.05]
#     iso20000: ["8.3.4.1"]
#     iso17799: ["10.2.2"]
#     iso27002: ["5.22"]
#   example:
#     supplier:
#       - kind: supplier
#         id: SUP-0009
#         name: Contoso Cloud
#         status: active
#         owner: dave
#         contract: {start: "2024-01-01", end: "2027-12-31", review_due: "2026-12-31"}
#         last_review: "2025-09-30"
package iso20000.supplier_review

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_active := [supplier |
	some supplier in input.records.supplier
	supplier.status == "active"
]

violation contains finding if {
	some supplier in _active
	not dates.date_ns(object.get(supplier, "last_review", null))
	msg := sprintf("%s is an active supplier with no valid last_review date (YYYY-MM-DD)", [supplier.id])
	finding := findings.new(rego.metadata.chain(), "supplier", supplier, msg, ["last_review"])
}

violation contains finding if {
	some supplier in _active
	limit := input.config.thresholds.supplier_review_days
	dates.older_than(supplier.last_review, limit, dates.reference_ns(input))
	today := dates.today(input)
	msg := sprintf(
		"%s is an active supplier last reviewed on %s, more than %v days before %s",
		[supplier.id, supplier.last_review, limit, today],
	)
	finding := findings.new(rego.metadata.chain(), "supplier", supplier, msg, ["last_review"])
}

violation contains finding if {
	some supplier in _active
	due := dates.date_ns(supplier.contract.review_due)
	due < dates.date_ns(dates.today(input))
	dates.date_ns(supplier.last_review) < due
	msg := sprintf(
		"%s had a contract review due on %s but was last reviewed on %s, before that date",
		[supplier.id, supplier.contract.review_due, supplier.last_review],
	)
	finding := findings.new(rego.metadata.chain(), "supplier", supplier, msg, ["contract", "review_due"])
}
