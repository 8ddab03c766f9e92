# METADATA
# title: Late incident resolution missing from the service report
# description: >-
#   A service report must show every service level breach of its period, or
#   the review of the service rests on a flattering picture. The check finds
#   each resolved or closed incident that took longer from opened to resolved
#   than its service's sla.resolution_hours for its priority, and flags the
#   service's report for the month the incident was resolved when the report
#   exists but its breaches list neither the incident id nor a map whose
#   incident is that id.
# custom:
#   id: REG-SLM-005
#   severity: medium
#   remediation: >-
#     Add the breach to the report's breaches (the incident id, or a map with
#     incident set to it) and review the report again with the breach in view.
#   kinds: [incident, service, service_report]
#   config: []
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
#         sla:
#           availability: 99.5
#           resolution_hours: {P1: 4, P2: 8, P3: 24, P4: 72}
#     incident:
#       - kind: incident
#         id: INC-2026-0031
#         title: Payslips not generated
#         priority: P2
#         status: closed
#         opened: "2026-10-12T08:00:00Z"
#         resolved: "2026-10-12T20:30:00Z"
#         closed: "2026-10-13T09:00:00Z"
#         services: [SVC-0009]
#     service_report:
#       - kind: service_report
#         id: SR-2026-10-SVC-0009
#         service: SVC-0009
#         period: "2026-10"
#         availability: 99.7
#         breaches: []
#         actions: [Add a second payroll batch server.]
package iso20000.incident_breach_unreported

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

_hour_ns := 3600000000000

# Each resolved incident that took longer than its service's agreed
# resolution time for its priority, once per affected service, with the
# month (UTC) it was resolved in: the period of the report that must list it.
_late contains {"service": service_id, "month": dates.month_of(resolved), "incident": incident, "agreed": agreed} if {
	some incident in input.records.incident
	incident.status in {"resolved", "closed"}
	resolved := dates.ns(incident.resolved)
	some service_id in object.get(incident, "services", [])
	agreed := input.records.service[service_id].sla.resolution_hours[incident.priority]
	is_number(agreed)
	resolved - dates.ns(incident.opened) > agreed * _hour_ns
}

# True when a report's breaches list an incident: its id as an entry, or a
# map whose incident is its id.
_listed(breaches, id) if id in breaches

_listed(breaches, id) if {
	some breach in breaches
	breach.incident == id
}

violation contains finding if {
	some late in _late
	service_id := late.service
	month := late.month
	reports := [r | some r in input.records.service_report; r.service == service_id; r.period == month]
	some report in reports
	incident := late.incident
	not _listed(object.get(report, "breaches", []), incident.id)
	taken := dates.ns(incident.resolved) - dates.ns(incident.opened)
	msg := sprintf(
		"%s does not list %s among its breaches, though that %s incident on %s took %v hours to resolve against %s",
		[
			report.id, incident.id, incident.priority, service_id,
			round((taken * 10) / _hour_ns) / 10, sprintf("an agreed %v hours", [late.agreed]),
		],
	)
	finding := findings.new(rego.metadata.chain(), "service_report", report, msg, ["breaches"])
}
