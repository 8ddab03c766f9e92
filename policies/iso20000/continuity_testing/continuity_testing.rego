# METADATA
# title: Continuity arrangements of a critical service not tested recently
# description: >-
#   A continuity plan is only known to work once it has been exercised, and
#   it must be exercised again at a set interval. The check flags an active
#   critical service with no passing continuity_test evidence covering it
#   collected within the configured number of days before the scan's
#   reference time.
# custom:
#   id: REG-BCM-002
#   severity: high
#   remediation: >-
#     Exercise the service's continuity plan, fix what the exercise shows,
#     and record it as continuity_test evidence naming the service in its
#     subject, with its result.
#   kinds: [service, evidence]
#   evidence: [continuity_test]
#   config: [thresholds.continuity_test_days]
#   controls:
#     cobit4: [DS4.5]
#     cobit2019: [DSS04.04]
#     iso20000: ["8.7.2"]
#     iso17799: ["14.1.5"]
#     iso27002: ["5.29", "5.30"]
#   example:
#     service:
#       - kind: service
#         id: SVC-0009
#         name: Payroll
#         owner: dave
#         status: active
#         criticality: critical
#     evidence:
#       - kind: evidence
#         id: EV-2026-0911
#         type: continuity_test
#         collected_at: "2026-09-20T10:00:00Z"
#         collected_by: dave
#         subject: [SVC-0009]
#         result: fail
package iso20000.continuity_testing

import data.lib.dates
import data.lib.evidence
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# When a service's continuity was last tested with success, for messages.
_age_phrase(subject, limit) := sprintf(
	"whose last passing continuity test was at %s, more than %v days ago",
	[last, limit],
) if {
	last := evidence.last_passed("continuity_test", subject).collected_at
} else := "with no passing continuity test on record"

violation contains finding if {
	some service in input.records.service
	service.status == "active"
	service.criticality == "critical"
	limit := input.config.thresholds.continuity_test_days
	not evidence.passed_within("continuity_test", service.id, limit, dates.reference_ns(input))
	msg := sprintf("%s is an active critical service %s", [service.id, _age_phrase(service.id, limit)])
	finding := findings.new(rego.metadata.chain(), "service", service, msg, [])
}
