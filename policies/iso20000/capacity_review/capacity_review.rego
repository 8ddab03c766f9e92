# METADATA
# title: Capacity of an important service not reviewed recently
# description: >-
#   The capacity of the services the organisation depends on most must be
#   reviewed against current and expected demand at a set interval. The check
#   flags an active service of high or critical criticality with no passing
#   capacity_review evidence covering it collected within the configured
#   number of days before the scan's reference time.
# custom:
#   id: REG-CAP-001
#   severity: medium
#   remediation: >-
#     Review the service's capacity against its current use and forecast
#     demand, and record the review as capacity_review evidence naming the
#     service in its subject, with its result.
#   kinds: [service, evidence]
#   evidence: [capacity_review]
#   config: [thresholds.capacity_review_days]
#   controls:
#     cobit4: [DS3.1, DS3.5]
#     cobit2019: [BAI04.01, BAI04.04]
#     iso20000: ["8.4.3"]
#     iso17799: ["10.3.1"]
#     iso27002: ["8.6"]
#   example:
#     service:
#       - kind: service
#         id: SVC-0009
#         name: Payroll
#         owner: dave
#         status: active
#         criticality: high
#     evidence:
#       - kind: evidence
#         id: EV-2025-0210
#         type: capacity_review
#         collected_at: "2025-09-15T10:00:00Z"
#         collected_by: dave
#         subject: [SVC-0009]
#         result: pass
package iso20000.capacity_review

import data.lib.dates
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The criticalities that call for capacity reviews, as they read in messages.
_criticality := {"high": "a high-criticality", "critical": "a critical"}

# When a service's capacity was last reviewed with success, for messages.
_age_phrase(subject, limit) := sprintf(
	"whose last passing capacity review was at %s, more than %v days ago",
	[last, limit],
) if {
	last := evidence.last_passed("capacity_review", subject).collected_at
} else := "with no passing capacity review on record"

violation contains finding if {
	some service in input.records.service
	service.status == "active"
	_criticality[service.criticality]
	limit := input.config.thresholds.capacity_review_days
	not evidence.passed_within("capacity_review", service.id, limit, dates.reference_ns(input))
	msg := sprintf(
		"%s is %s service %s",
		[service.id, _criticality[service.criticality], _age_phrase(service.id, limit)],
	)
	finding := findings.new(rego.metadata.chain(), "service", service, msg, [])
}
