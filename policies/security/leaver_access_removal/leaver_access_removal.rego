# METADATA
# title: Leaver's access not removed in time
# description: >-
#   When someone leaves, their access must be taken away promptly. For each
#   person in people.yaml with a left_on date, once the configured number of
#   days after that date has ended, the check flags the person when no
#   access_removal evidence naming them (result not fail) was collected by the
#   end of that last day, either because there is none or because the first
#   came too late. A person marked inactive with no left_on date counts as gone
#   from the start: with no day to count from, the check flags them when no
#   such evidence names them at all.
# custom:
#   id: REG-SEC-003
#   severity: high
#   remediation: >-
#     Disable the leaver's accounts and revoke their access everywhere at once,
#     record it as access_removal evidence with the person among its subjects,
#     and fix the leaver process so that removal follows the leaving date.
#   kinds: [evidence]
#   evidence: [access_removal]
#   config: [thresholds.leaver_access_removal_days]
#   controls:
#     cobit4: [DS5.4, PO7.8]
#     cobit2019: [DSS05.04]
#     iso20000: ["8.7.3.2"]
#     iso17799: ["8.3.3", "11.2.1"]
#     iso27002: ["5.18", "5.16"]
#   example:
#     person:
#       - {id: ivan, name: Ivan, emails: [ivan@example.com], roles: [developer], left_on: "2026-11-02"}
package security.leaver_access_removal

import data.lib.dates
import data.lib.findings
import data.lib.people
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

_limit := text.count_of(input.config.thresholds.leaver_access_removal_days, "day", "days")

# The leavers whose removal deadline has passed, as [id, left_on, deadline ns,
# removals]: the deadline is the end of the day the configured number of days
# after left_on; the removals are the access removals naming them whose result
# is not fail, as [collected ns, manifest].
_leavers contains [id, person.left_on, deadline, _removals(manifests)] if {
	some id, person in input.people
	deadline := dates.day_end_ns(dates.add_days(person.left_on, input.config.thresholds.leaver_access_removal_days))
	deadline <= dates.reference_ns(input)

	# Every manifest naming the person. This walks all the evidence for each
	# leaver past their deadline, which is affordable: leavers are few.
	manifests := [e | some e in input.records.evidence; some subject in e.subject; subject == id]
}

_removals(manifests) := [[n, e] |
	some e in manifests
	e.type == "access_removal"
	object.get(e, "result", "pass") != "fail"
	n := dates.ns(e.collected_at)
]

# The earliest of some [ns, manifest] pairs.
_first(pairs) := [n, e] if {
	n := min({p[0] | some p in pairs})
	e := [p[1] | some p in pairs; p[0] == n][0]
}

violation contains finding if {
	some [id, left_on, deadline, removals] in _leavers
	count(removals) == 0
	msg := sprintf(
		"%s left on %s and no access removal evidence names them, due by the end of %s (limit %s)",
		[id, left_on, dates.local_date(deadline - 1), _limit],
	)
	finding := findings.new(rego.metadata.chain(), "person", {"id": id}, msg, ["left_on"])
}

violation contains finding if {
	some [id, left_on, deadline, removals] in _leavers
	[first, e] := _first(removals)
	first >= deadline
	msg := sprintf(
		"%s left on %s but their access removal was first recorded by %s at %s, after the end of %s (limit %s)",
		[
			id, left_on, e.id, e.collected_at, dates.local_date(deadline - 1),
			_limit,
		],
	)
	finding := findings.new(rego.metadata.chain(), "person", {"id": id}, msg, ["left_on"])
}

violation contains finding if {
	some id, _ in input.people
	people.left_undated(id)
	count([e |
		some e in input.records.evidence
		id in object.get(e, "subject", [])
		e.type == "access_removal"
		object.get(e, "result", "pass") != "fail"
		dates.ns(e.collected_at) <= dates.reference_ns(input)
	]) == 0
	msg := sprintf(
		"%s is marked inactive in people.yaml with no left_on date, and no access removal evidence names them",
		[id],
	)
	finding := findings.new(rego.metadata.chain(), "person", {"id": id}, msg, ["active"])
}
