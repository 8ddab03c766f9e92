# METADATA
# title: Incidents
# description: >-
#   The relation between incidents and problems, read from either record
#   that may state it, built once per scan.
package lib.incidents

# METADATA
# scope: document
# description: >-
#   Every [incident id, problem id] where a problem record covers an incident:
#   the problem lists the incident in its incidents, or the incident names the
#   problem (one that has a record) in its problem field. Either record may
#   state the link; records.md gives both fields.
problem_links contains [incident_id, problem.id] if {
	some problem in input.records.problem
	some incident_id in object.get(problem, "incidents", [])
	is_string(incident_id)
}

problem_links contains [incident.id, incident.problem] if {
	some incident in input.records.incident
	input.records.problem[incident.problem]
}

# METADATA
# description: The ids of the incidents some problem record covers (see problem_links).
investigated contains incident_id if some [incident_id, _] in problem_links
