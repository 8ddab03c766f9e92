# METADATA
# title: Major incident not followed up by a problem record
# description: >-
#   A major or P1 incident should lead to a problem investigation so that its
#   cause is found and removed, not just its symptoms. The check flags an
#   incident marked major or of priority P1, opened more than the configured
#   number of days before the scan's reference time, that no problem record
#   covers. Either record may state the link: the incident's problem field
#   naming a problem record, or a problem listing the incident in its
#   incidents. The finding says whether the incident names no problem or a
#   problem id that is not a problem record; an incident a problem lists is
#   covered even when its own problem field names no record (that dangling
#   reference is REG-CFG-006's).
# custom:
#   id: REG-INC-001
#   severity: high
#   remediation: >-
#     Open a problem record for the incident's underlying cause, list the
#     incident in its incidents, and name the problem in the incident's
#     problem field.
#   kinds: [incident, problem]
#   config: [thresholds.major_incident_problem_days]
#   controls:
#     cobit4: [DS8.3, DS10.1]
#     cobit2019: [DSS02.04, DSS03.01]
#     iso20000: ["8.6.1", "8.6.3"]
#     iso17799: ["13.2.2"]
#     iso27002: ["5.27"]
#   example:
#     incident:
#       - kind: incident
#         id: INC-2026-0044
#         title: Payroll database unreachable
#         priority: P1
#         major: true
#         status: closed
#         opened: "2026-11-02T07:10:00Z"
#         resolved: "2026-11-02T10:40:00Z"
#         closed: "2026-11-03T09:00:00Z"
#         services: [SVC-0009]
package iso20000.major_incident_problem

import data.lib.dates
import data.lib.findings
import data.lib.incidents

meta := findings.metadata(rego.metadata.chain())

# The major and P1 incidents opened more than the configured number of days
# before the reference time, counted in local days (lib.dates.older_than): those that should have a problem by now.
_due := [incident |
	some incident in input.records.incident
	_major_or_p1(incident)
	dates.older_than(incident.opened, input.config.thresholds.major_incident_problem_days, dates.reference_ns(input))
]

_major_or_p1(incident) if incident.major == true

_major_or_p1(incident) if incident.priority == "P1"

# How an incident is described in messages: "major P1 incident", "P1 incident", "major P2 incident".
_label(incident) := sprintf("major %s incident", [incident.priority]) if {
	incident.major == true
} else := sprintf("%s incident", [incident.priority])

# The start of a message: which incident, what sort, and when it was opened.
_opened_phrase(incident) := sprintf(
	"%s is a %s opened at %s, more than %v days ago,",
	[incident.id, _label(incident), incident.opened, input.config.thresholds.major_incident_problem_days],
)

# True when an incident names a problem (a non-blank id).
_names_problem(incident) if {
	is_string(incident.problem)
	trim_space(incident.problem) != ""
}

violation contains finding if {
	some incident in _due
	not incident.id in incidents.investigated
	not _names_problem(incident)
	msg := sprintf("%s that names no problem", [_opened_phrase(incident)])
	finding := findings.new(rego.metadata.chain(), "incident", incident, msg, ["problem"])
}

violation contains finding if {
	some incident in _due
	not incident.id in incidents.investigated
	_names_problem(incident)
	not input.records.problem[incident.problem]
	msg := sprintf("%s whose problem %s is not a problem record", [_opened_phrase(incident), incident.problem])
	finding := findings.new(rego.metadata.chain(), "incident", incident, msg, ["problem"])
}
