# METADATA
# title: Service level shortfall reported without actions
# description: >-
#   When a service misses its agreed levels, the service review should agree
#   what will be done about it. The check flags a service report whose
#   measured availability is below its service's sla.availability target, or
#   that lists breaches, but that records no actions.
# custom:
#   id: REG-SLM-003
#   severity: medium
#   remediation: >-
#     Review the shortfall with the service owner and customer, agree
#     corrective actions, and record them in the report's actions list.
#   kinds: [service, service_report]
#   config: []
#   controls:
#     cobit4: [DS1.5, DS1.6, ME1.4]
#     cobit2019: [APO09.04, APO09.05, MEA01.04]
#     iso20000: ["8.3.3", "9.4"]
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
#         id: SR-2026-10-SVC-0009
#         service: SVC-0009
#         period: "2026-10"
#         availability: 98.2
#         breaches: [INC-2026-0031]
#         actions: []
package iso20000.service_report_breach_actions

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# True when a report records at least one non-blank action.
_has_action(report) if {
	some action in report.actions
	is_string(action)
	trim_space(action) != ""
}

# What in a report calls for actions, as a list of phrases (empty when nothing does).
_reasons(report) := array.concat(_shortfall(report), _breaches(report))

_shortfall(report) := [sprintf("measured %v %% availability against a target of %v %%", [report.availability, target]) |
	target := input.records.service[report.service].sla.availability
	is_number(target)
	report.availability < target
]

_breaches(report) := [sprintf("lists %d %s", [n, _breach_noun(n)]) |
	breaches := object.get(report, "breaches", [])
	is_array(breaches)
	n := count(breaches)
	n > 0
]

_breach_noun(1) := "breach"

_breach_noun(n) := "breaches" if n != 1

violation contains finding if {
	some report in input.records.service_report
	not _has_action(report)
	reasons := _reasons(report)
	count(reasons) > 0
	msg := sprintf(
		"%s %s for %s in %s, but records no actions",
		[report.id, concat(" and ", reasons), report.service, report.period],
	)
	finding := findings.new(rego.metadata.chain(), "service_report", report, msg, ["actions"])
}
