# METADATA
# title: Closed change without a closure record or a review of its failure
# description: >-
#   A change is closed with a record of how it ended, and one that failed or
#   was backed out is reviewed so that the lessons are learnt. The check flags
#   a closed change with no closure, no closure code or no closure date, and
#   a closed change whose closure code is unsuccessful or backed_out but which
#   has no dated post-implementation review.
# custom:
#   id: REG-CHG-014
#   severity: medium
#   remediation: >-
#     Record closure.code and closure.at on every change when it is closed,
#     and hold and record a post-implementation review (review.at, review.by,
#     review.outcome) for every change that failed or was backed out.
#   kinds: [change]
#   config: []
#   controls:
#     cobit4: [AI6.5, AI7.9]
#     cobit2019: [BAI06.04, BAI07.08]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0104, title: Patch the database cluster, type: normal, status: closed,
#          requested_by: alice, created: "2026-10-20T09:00:00Z",
#          implementation: {started: "2026-10-28T21:00:00Z", completed: "2026-10-28T23:00:00Z", by: bob},
#          closure: {at: "2026-10-29T09:00:00Z", code: backed_out}}
package cobit.change_closure

import data.lib.dates
import data.lib.findings
import data.lib.text

meta := findings.metadata(rego.metadata.chain())

# Closure codes that say the change did not achieve what it set out to.
_failed_codes := {"unsuccessful", "backed_out"}

_closed := [change |
	some change in input.records.change
	change.status == "closed"
]

# True when a value is an object that records something.
_recorded(x) if {
	is_object(x)
	count(x) > 0
}

violation contains finding if {
	some change in _closed
	not _recorded(object.get(change, "closure", null))
	msg := sprintf("%s is closed but records no closure (code and date)", [change.id])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["closure"])
}

violation contains finding if {
	some change in _closed
	_recorded(change.closure)
	not text.written(object.get(change.closure, "code", null))
	msg := sprintf("%s is closed but records no closure code", [change.id])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["closure", "code"])
}

violation contains finding if {
	some change in _closed
	_recorded(change.closure)
	not dates.ns(object.get(change.closure, "at", null))
	msg := sprintf("%s is closed but records no closure date", [change.id])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["closure", "at"])
}

violation contains finding if {
	some change in _closed
	change.closure.code in _failed_codes
	not dates.ns(object.get(change, ["review", "at"], null))
	msg := sprintf(
		"%s was closed with code %s but has no dated post-implementation review",
		[change.id, change.closure.code],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["review"])
}
