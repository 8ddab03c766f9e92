# METADATA
# title: Evidence collected by an unknown person or a leaver
# description: >-
#   Evidence must be traceable to someone accountable who was with the
#   organisation when it was collected. The check flags a manifest whose
#   collected_by is not listed in people.yaml, and one collected by someone
#   who had left by its collected_at: on or after their left_on date (from the
#   start of that day in the organisation's time zone, regent.yaml's
#   timezone), or at any time when they are marked inactive with no left_on
#   date.
# custom:
#   id: REG-SEC-013
#   severity: medium
#   remediation: >-
#     Find out who really collected the evidence; correct collected_by, add the
#     person to people.yaml, or record their leaving date there. If the
#     evidence cannot be vouched for, collect it again.
#   kinds: [evidence]
#   config: []
#   controls:
#     cobit4: [ME2.1]
#     cobit2019: [MEA02.01, DSS06.05]
#     iso20000: ["7.5"]
#     iso17799: ["15.1.3"]
#     iso27002: ["5.33"]
#   example:
#     evidence:
#       - {kind: evidence, id: EV-2026-0200, type: backup, collected_at: "2026-11-02T09:00:00Z",
#          collected_by: gina, subject: [CI-0002], result: pass,
#          artifacts: [{path: evidence/backups/db-01.log,
#                       sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}]}
package security.evidence_collector

import data.lib.dates
import data.lib.findings
import data.lib.people

meta := findings.metadata(rego.metadata.chain())

# True when a person had left by the instant n (ns). people.gone_by counts an
# inactive person as gone at any time; a recorded left_on date later than n
# says otherwise, and wins.
_gone_at(id, n) if {
	people.gone_by(id, n)
	not _leaves_after(id, n)
}

_leaves_after(id, n) if dates.day_start_ns(input.people[id].left_on) > n

# How a collector had gone, for messages.
_how_gone(person) := sprintf("who left on %s", [person.left_on]) if {
	dates.date_ns(person.left_on)
} else := "who is marked inactive in people.yaml"

violation contains finding if {
	some e in input.records.evidence
	is_string(e.collected_by)
	not people.known(e.collected_by)
	msg := sprintf("%s was collected by %s, who is not listed in people.yaml", [e.id, e.collected_by])
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["collected_by"])
}

violation contains finding if {
	some e in input.records.evidence
	_gone_at(e.collected_by, dates.ns(e.collected_at))
	msg := sprintf(
		"%s was collected by %s at %s, %s",
		[e.id, e.collected_by, e.collected_at, _how_gone(input.people[e.collected_by])],
	)
	finding := findings.new(rego.metadata.chain(), "evidence", e, msg, ["collected_by"])
}
