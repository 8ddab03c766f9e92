# METADATA
# title: Sensitive production system without a recent log review
# description: >-
#   The security logs of systems holding confidential or restricted data must
#   be reviewed at a set frequency, so that misuse is noticed. The check flags
#   an active production configuration item classified confidential or
#   restricted that no log_review evidence covers within the configured
#   number of days before the scan.
# custom:
#   id: REG-SEC-011
#   severity: medium
#   remediation: >-
#     Review the item's security and administrator logs, follow up anything
#     suspicious, and record the review as log_review evidence with the item
#     among its subjects; schedule the reviews so none is missed.
#   kinds: [configuration_item, evidence]
#   evidence: [log_review]
#   config: [thresholds.log_review_days]
#   controls:
#     cobit4: [DS5.5, DS13.3]
#     cobit2019: [DSS05.07, DSS01.03]
#     iso20000: ["8.7.3.2"]
#     iso17799: ["10.10.1", "10.10.2", "10.10.4"]
#     iso27002: ["8.15", "8.16"]
#   example:
#     configuration_item:
#       - {kind: configuration_item, id: CI-0100, name: payments-db, type: database, owner: dave,
#          environment: production, status: active, classification: restricted}
package security.log_review

import data.lib.dates
import data.lib.environments
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_type := "log_review"

_sensitive := {"confidential", "restricted"}

# When an item's logs were last reviewed, for messages.
_history(id, limit) := sprintf("were last reviewed at %s, more than %v days ago", [at, limit]) if {
	at := evidence.last(_type, id).collected_at
} else := sprintf("have never been reviewed (limit %v days)", [limit])

violation contains finding if {
	some ci in input.records.configuration_item
	ci.classification in _sensitive
	ci.status == "active"
	environments.production(ci)
	limit := input.config.thresholds.log_review_days
	not evidence.collected_within(_type, ci.id, limit, dates.reference_ns(input))
	id := ci.id
	msg := sprintf(
		"%s is an active production configuration item classified %s whose logs %s",
		[id, ci.classification, _history(id, limit)],
	)
	finding := findings.new(rego.metadata.chain(), "configuration_item", ci, msg, [])
}
