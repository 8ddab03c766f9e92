# METADATA
# title: Change carried out outside its approved window
# description: >-
#   Work on a change should happen inside the window it was approved for. The
#   check flags a change that started before its window opened or finished
#   after it closed, and a normal change that was carried out without a
#   complete window (start and end) on record.
# custom:
#   id: REG-CHG-007
#   severity: medium
#   remediation: >-
#     Keep implementation inside the approved schedule; if the window had to
#     move, have the new window approved and recorded before the work starts.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.4, AI7.8]
#     cobit2019: [BAI06.03, BAI07.06]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   config: []
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0107
#         title: Patch the mail relay
#         type: normal
#         status: implemented
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
#         schedule: {start: "2026-11-05T22:00:00Z", end: "2026-11-06T01:00:00Z"}
#         implementation: {started: "2026-11-05T18:30:00Z", completed: "2026-11-05T19:00:00Z", by: bob}
package cobit.change_window

import data.lib.changes
import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The changes not plainly carried out inside a complete window: those missing
# or with an unreadable start, completion or window bound, and those that
# started early or finished late. A change that is not among them breaks none
# of the rules below, and it is the common case, so the rules only look at
# these. Computed once for all four rules. The helper gets the two parts of
# the change it reads rather than the whole record, which makes each call
# markedly cheaper.
_in_doubt := [change |
	some change in input.records.change
	not _inside_window(object.get(change, "schedule", null), object.get(change, "implementation", null))
]

_inside_window(schedule, implementation) if {
	dates.not_after(schedule.start, implementation.started)
	dates.not_after(implementation.completed, schedule.end)
}

violation contains finding if {
	some change in _in_doubt
	dates.ns(change.implementation.started) < dates.ns(change.schedule.start)
	msg := sprintf(
		"%s started implementation at %s, before its window opened at %s",
		[change.id, change.implementation.started, change.schedule.start],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["implementation", "started"])
}

violation contains finding if {
	some change in _in_doubt
	dates.ns(change.implementation.completed) > dates.ns(change.schedule.end)
	msg := sprintf(
		"%s completed implementation at %s, after its window closed at %s",
		[change.id, change.implementation.completed, change.schedule.end],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["implementation", "completed"])
}

# Without a completion time, a start after the window closed is already outside it.
violation contains finding if {
	some change in _in_doubt
	not dates.ns(object.get(change, ["implementation", "completed"], null))
	dates.ns(change.implementation.started) > dates.ns(change.schedule.end)
	msg := sprintf(
		"%s started implementation at %s, after its window closed at %s",
		[change.id, change.implementation.started, change.schedule.end],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["implementation", "started"])
}

violation contains finding if {
	some change in _in_doubt
	change.type == "normal"
	changes.implemented(change)
	some bound in ["start", "end"]
	not dates.ns(object.get(change, ["schedule", bound], null))
	msg := sprintf("%s %s with no scheduled window %s on record", [change.id, changes.how_implemented(change), bound])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["schedule", bound])
}
