# METADATA
# title: Service report not reviewed
# description: >-
#   A service report is only useful once someone accountable has reviewed it.
#   The check flags a service report with no reviewed_by or no reviewed_at
#   once its period has ended and the configured grace period has passed, a
#   report reviewed by someone who is not listed in people.yaml, and one
#   reviewed by someone who had left by the day of the review (a leaving date
#   no later than reviewed_at, or marked inactive with no leaving date; a
#   review with no time is judged on the scan's day).
# custom:
#   id: REG-SLM-004
#   severity: medium
#   remediation: >-
#     Have the service owner or service level manager review the report and
#     record who reviewed it (a person of people.yaml) and when.
#   kinds: [service_report]
#   config: [thresholds.service_report_grace_days]
#   controls:
#     cobit4: [DS1.5]
#     cobit2019: [APO09.04]
#     iso20000: ["9.4", "8.3.3"]
#   example:
#     service_report:
#       - kind: service_report
#         id: SR-2026-09-SVC-0009
#         service: SVC-0009
#         period: "2026-09"
#         availability: 99.9
#         incidents: 1
#         breaches: []
package iso20000.service_report_review

import data.lib.dates
import data.lib.findings
import data.lib.people
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

_review_fields := ["reviewed_by", "reviewed_at"]

violation contains finding if {
	some report in input.records.service_report
	missing := [f | some f in _review_fields; not text.written(object.get(report, f, null))]
	count(missing) > 0

	# Judged from the first instant of the local day that ends the grace period.
	overdue := dates.add_days(dates.next_day(report.period), input.config.thresholds.service_report_grace_days)
	dates.day_start_ns(overdue) <= dates.reference_ns(input)
	msg := sprintf(
		"%s (%v, %s) has no %s, though its review has been overdue since %s",
		[report.id, report.service, report.period, concat(" and no ", missing), overdue],
	)
	finding := findings.new(rego.metadata.chain(), "service_report", report, msg, [missing[0]])
}

violation contains finding if {
	some report in input.records.service_report
	text.written(report.reviewed_by)
	not people.known(report.reviewed_by)
	msg := sprintf("%s was reviewed by %s, who is not listed in people.yaml", [report.id, report.reviewed_by])
	finding := findings.new(rego.metadata.chain(), "service_report", report, msg, ["reviewed_by"])
}

violation contains finding if {
	some report in input.records.service_report
	text.written(report.reviewed_by)
	people.known(report.reviewed_by)
	reviewed_at := object.get(report, "reviewed_at", null)
	not people.active_at(report.reviewed_by, people.judged_at(reviewed_at))
	msg := sprintf(
		"%s was reviewed by %s at %v, %s",
		[report.id, report.reviewed_by, _or_unrecorded(reviewed_at), people.departure(report.reviewed_by)],
	)
	finding := findings.new(rego.metadata.chain(), "service_report", report, msg, ["reviewed_by"])
}

_or_unrecorded(ts) := ts if {
	is_string(ts)
} else := "an unrecorded time"
