# METADATA
# title: Incident resolution or closure not recorded in order
# description: >-
#   An incident's record must show when service was restored and when the
#   incident was closed, in the order they happened, or resolution times
#   cannot be measured against the service levels. The check flags a resolved
#   or closed incident with no resolved timestamp, a closed incident with no
#   closed timestamp, an incident resolved before it was opened, and one
#   closed before it was resolved. It judges every incident alike, and an
#   incident record says nothing of whether it is an information security
#   incident, so the check maps to no ISO/IEC 27002 security-incident control
#   (5.24 to 5.26).
# custom:
#   id: REG-INC-002
#   severity: low
#   remediation: >-
#     Record the resolved and closed timestamps on the incident as they
#     happened, and correct any that are out of order.
#   kinds: [incident]
#   config: []
#   controls:
#     cobit4: [DS8.2, DS8.4]
#     cobit2019: [DSS02.02, DSS02.06]
#     iso20000: ["8.6.1"]
#   example:
#     incident:
#       - kind: incident
#         id: INC-2026-0045
#         title: Printer queue stuck on floor 3
#         priority: P4
#         status: closed
#         opened: "2026-11-05T09:00:00Z"
#         closed: "2026-11-06T11:00:00Z"
package iso20000.incident_resolution_record

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some incident in input.records.incident
	incident.status in {"resolved", "closed"}
	not dates.ns(object.get(incident, "resolved", null))
	msg := sprintf("%s has status %s but no valid resolved timestamp", [incident.id, incident.status])
	finding := findings.new(rego.metadata.chain(), "incident", incident, msg, ["resolved"])
}

violation contains finding if {
	some incident in input.records.incident
	incident.status == "closed"
	not dates.ns(object.get(incident, "closed", null))
	msg := sprintf("%s has status closed but no valid closed timestamp", [incident.id])
	finding := findings.new(rego.metadata.chain(), "incident", incident, msg, ["closed"])
}

violation contains finding if {
	some incident in input.records.incident
	dates.ns(incident.resolved) < dates.ns(incident.opened)
	msg := sprintf(
		"%s was resolved at %s, before it was opened at %s",
		[incident.id, incident.resolved, incident.opened],
	)
	finding := findings.new(rego.metadata.chain(), "incident", incident, msg, ["resolved"])
}

violation contains finding if {
	some incident in input.records.incident
	dates.ns(incident.closed) < dates.ns(incident.resolved)
	msg := sprintf(
		"%s was closed at %s, before it was resolved at %s",
		[incident.id, incident.closed, incident.resolved],
	)
	finding := findings.new(rego.metadata.chain(), "incident", incident, msg, ["closed"])
}
