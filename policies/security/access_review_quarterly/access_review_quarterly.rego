# METADATA
# title: Sensitive production system without a quarterly access review
# description: >-
#   Who can reach a production system holding confidential or restricted data
#   must be reviewed every quarter. The check flags an active production
#   configuration item classified confidential or restricted that no
#   access_review evidence covers for the last quarter due (the latest quarter
#   that ended at least the configured grace days before the scan): a review
#   with that quarter as its period, or monthly reviews for each of its three
#   months.
# custom:
#   id: REG-SEC-001
#   severity: high
#   remediation: >-
#     Review the accounts and entitlements on the system for the quarter,
#     revoke what is no longer needed, and record the review as access_review
#     evidence with that quarter as its period and the item among its subjects.
#   kinds: [configuration_item, evidence]
#   evidence: [access_review]
#   config: [thresholds.access_review_grace_days]
#   controls:
#     cobit4: [DS5.3, DS5.4]
#     cobit2019: [DSS05.04, DSS06.03]
#     iso20000: ["8.7.3.2"]
#     iso17799: ["11.2.4", "11.2.2"]
#     iso27002: ["5.18", "8.2"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: payments-db, type: database, owner: dave,
#          environment: production, status: active, classification: confidential, criticality: high}
package security.access_review_quarterly

import data.lib.dates
import data.lib.environments
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_sensitive := {"confidential", "restricted"}

# The quarter whose access reviews are due by the scan's reference time.
_due := dates.due_period("quarter", dates.reference_ns(input), input.config.thresholds.access_review_grace_days)

# The periods whose access reviews can cover the quarter due: the quarter and
# its three months (lib.dates.coverings).
_coverings := dates.coverings(_due)

_periods contains p if {
	some needed in _coverings
	some p in needed
}

# Every [subject, period] of the access reviews held for those periods: one
# pass over the access reviews.
_held contains [subject, e.period] if {
	some e in object.get(evidence.by_type, "access_review", [])
	e.period in _periods
	some subject in e.subject
}

# The subjects reviewed for the quarter due: for the quarter itself, or for
# each of its months. Each item is then a single lookup.
_reviewed contains subject if {
	some [subject, _] in _held
	some needed in _coverings
	every p in needed {
		[subject, p] in _held
	}
}

violation contains finding if {
	some ci in input.records.configuration_item
	ci.classification in _sensitive
	ci.status == "active"
	environments.production(ci)
	not ci.id in _reviewed
	msg := sprintf(
		"%s is an active production configuration item classified %s with no access review for %s (grace %v days)",
		[ci.id, ci.classification, _due, input.config.thresholds.access_review_grace_days],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, [])
}
