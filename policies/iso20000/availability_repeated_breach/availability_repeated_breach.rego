# METADATA
# title: Repeated availability shortfall without a problem record
# description: >-
#   A service that misses its availability target month after month has an
#   underlying cause that problem management should investigate. The check
#   flags an active service whose latest monthly service reports, over the
#   configured number of consecutive months ending with the latest one, all
#   fall below its sla.availability target, when no problem record is linked
#   (from the problem's incidents, or by the incident's problem) to an incident
#   on that service opened within those months.
# custom:
#   id: REG-AVL-001
#   severity: high
#   remediation: >-
#     Open a problem record for the recurring shortfall, link the incidents
#     behind it, and track the root cause and fix through problem management.
#   kinds: [incident, problem, service, service_report]
#   config: [thresholds.availability_breach_months]
#   controls:
#     cobit4: [DS3.5, DS10.1]
#     cobit2019: [BAI04.04, BAI04.05, DSS03.01]
#     iso20000: ["8.7.1", "8.6.3"]
#     iso17799: ["10.3.1"]
#     iso27002: ["8.6", "8.14"]
#   example:
#     service:
#       - kind: service
#         id: SVC-0009
#         name: Payroll
#         owner: dave
#         status: active
#         sla: {availability: 99.5}
#     service_report:
#       - kind: service_report
#         id: SR-2026-09-SVC-0009
#         service: SVC-0009
#         period: "2026-09"
#         availability: 98.9
#       - kind: service_report
#         id: SR-2026-10-SVC-0009
#         service: SVC-0009
#         period: "2026-10"
#         availability: 99.1
package iso20000.availability_repeated_breach

import data.lib.dates
import data.lib.findings
import data.lib.incidents

meta := findings.metadata(rego.metadata.chain())

# Every [service id, month] in which an incident on the service was opened
# that a problem record covers (lib.incidents: from either record).
_investigated contains [service_id, dates.month_of(dates.ns(incident.opened))] if {
	some incident_id in incidents.investigated
	incident := input.records.incident[incident_id]
	some service_id in object.get(incident, "services", [])
}

# How many reports a message speaks of.
_span(1) := "its latest monthly report"

_span(n) := sprintf("each of its last %d monthly reports", [n]) if n != 1

_those(1) := "that month"

_those(n) := "those months" if n != 1

# The month i months before a YYYY-MM month.
_months_before(month, i) := dates.add_months(month, 0 - i)

violation contains finding if {
	n := input.config.thresholds.availability_breach_months
	n >= 1
	some service in input.records.service
	service.status == "active"
	target := service.sla.availability
	is_number(target)
	service_id := service.id
	reports := [r |
		some r in input.records.service_report
		r.service == service_id
		regex.match(`^[0-9]{4}-(0[1-9]|1[0-2])$`, r.period)
	]
	latest := max({r.period | some r in reports})
	window := {_months_before(latest, i) | some i in numbers.range(0, n - 1)}

	# Every month of the window has a report, and none of its reports met the target.
	window - {r.period | some r in reports; r.availability < target} == set()
	count(window & {r.period | some r in reports; r.availability >= target}) == 0
	every month in window {
		not [service_id, month] in _investigated
	}
	measured := sort([sprintf("%s: %v %%", [r.period, r.availability]) | some r in reports; r.period in window])
	msg := sprintf(
		"%s missed its %v %% availability target in %s (%s) and no problem record covers an incident on it opened in %s",
		[service_id, target, _span(n), concat(", ", measured), _those(n)],
	)
	finding := findings.new(rego.metadata.chain(), "service", service, msg, ["sla", "availability"])
}
