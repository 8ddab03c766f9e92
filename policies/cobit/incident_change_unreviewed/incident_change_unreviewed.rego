# METADATA
# title: Change that caused an incident left without a review
# description: >-
#   A change that caused an incident has shown that something in its
#   assessment, testing or implementation went wrong, and its
#   post-implementation review is where that is learnt. The check flags an
#   implemented change named as the cause of one or more incidents that has no
#   dated post-implementation review, and an incident whose causing change has
#   no record.
# custom:
#   id: REG-CHG-018
#   severity: medium
#   remediation: >-
#     Hold a post-implementation review of every change that caused an
#     incident and record it on the change (review.at, review.by,
#     review.outcome, review.notes); correct an incident's caused_by_change
#     when it names a change that does not exist.
#   kinds: [change, incident]
#   config: []
#   controls:
#     cobit4: [AI6.5, AI7.9]
#     cobit2019: [BAI06.04, BAI07.08]
#     iso20000: ["8.5.1.3", "8.6.1"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0108, title: Tune the load balancer timeouts, type: normal,
#          status: implemented, requested_by: alice, created: "2026-11-02T09:00:00Z",
#          implementation: {started: "2026-11-12T21:00:00Z", completed: "2026-11-12T21:30:00Z", by: bob}}
#     incident:
#       - {kind: incident, id: INC-2026-0120, title: Uploads time out at the load balancer, priority: P2,
#          status: resolved, opened: "2026-11-13T08:00:00Z", resolved: "2026-11-13T11:00:00Z",
#          caused_by_change: CHG-2026-0108}
package cobit.incident_change_unreviewed

import data.lib.changes
import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# Every [change id, incident id] where an incident names the change that
# caused it: one pass over the incidents.
_caused contains [incident.caused_by_change, incident.id] if {
	some incident in input.records.incident
	is_string(incident.caused_by_change)
}

# True when a change was carried out and has no dated post-implementation review.
_unreviewed(change) if {
	not dates.ns(object.get(change, ["review", "at"], null))
	changes.implemented(change)
}

# "incident" or "incidents", as a list of ids needs.
_noun(ids) := "incident" if {
	count(ids) == 1
} else := "incidents"

violation contains finding if {
	# Start from the changes that caused incidents, each once, and look each
	# up by id; only for the few without a review are their incidents listed.
	some change_id in {id | some [id, _] in _caused}
	change := input.records.change[change_id]
	_unreviewed(change)
	caused := [incident_id | some [id, incident_id] in _caused; id == change_id]
	msg := sprintf(
		"%s %s and caused %s %s, but has no dated post-implementation review",
		[change_id, changes.how_implemented(change), _noun(caused), concat(", ", sort(caused))],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["review"])
}

violation contains finding if {
	some incident in input.records.incident
	id := incident.caused_by_change
	not input.records.change[id]
	msg := sprintf("%s names %v as the change that caused it, which has no record", [incident.id, id])
	finding := findings.new(rego.metadata.chain(), "incident", incident, msg, ["caused_by_change"])
}
