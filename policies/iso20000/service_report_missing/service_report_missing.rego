# METADATA
# title: Monthly service report missing
# description: >-
#   Service levels must be reported on every month, or breaches go unnoticed.
#   Once a month has ended and the configured grace period has passed, every
#   active service should have a service report for that month. The check
#   flags an active service with no service report for the latest month due.
# custom:
#   id: REG-SLM-002
#   severity: medium
#   remediation: >-
#     Produce the service report for the month (measured availability,
#     incidents, breaches) and commit it to the evidence repository.
#   kinds: [service, service_report]
#   config: [thresholds.service_report_grace_days]
#   controls:
#     cobit4: [DS1.5]
#     cobit2019: [APO09.04]
#     iso20000: ["9.4", "8.3.3"]
#   example:
#     service:
#       - kind: service
#         id: SVC-0009
#         name: Payroll
#         owner: dave
#         status: active
#         criticality: high
package iso20000.service_report_missing

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The month whose report is due: the latest month that ended at least the
# grace period before the reference time.
_due := dates.due_period("month", dates.reference_ns(input), _grace_days)

_grace_days := input.config.thresholds.service_report_grace_days

# When the report for the due month became overdue (YYYY-MM-DD).
_overdue_since := dates.add_days(dates.next_day(_due), _grace_days)

# Every [service, period] that some service report covers.
_reported contains [report.service, report.period] if {
	some report in input.records.service_report
}

violation contains finding if {
	some service in input.records.service
	service.status == "active"
	not [service.id, _due] in _reported
	msg := sprintf(
		"%s is an active service with no service report for %s, overdue since %s",
		[service.id, _due, _overdue_since],
	)
	finding := findings.new(rego.metadata.chain(), "service", service, msg, [])
}
