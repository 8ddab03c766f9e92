# METADATA
# title: Approved change left open long after its window
# description: >-
#   The status of every change should say where it stands, so that approved
#   work does not linger as a standing authorisation. The check flags a change
#   still approved or scheduled, with no implementation start on record, whose
#   scheduled window ended more than the configured number of days before the
#   scan: it was neither carried out nor cancelled.
# custom:
#   id: REG-CHG-016
#   severity: low
#   remediation: >-
#     Find out what became of the change: record its implementation if it was
#     carried out, have a new window approved if it is still wanted, or cancel
#     it.
#   kinds: [change]
#   config: [thresholds.stale_change_days]
#   controls:
#     cobit4: [AI6.4]
#     cobit2019: [BAI06.03]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - {kind: change, id: CHG-2026-0106, title: Replace the core switch, type: normal, status: scheduled,
#          requested_by: alice, created: "2026-08-03T09:00:00Z",
#          schedule: {start: "2026-08-22T20:00:00Z", end: "2026-08-23T02:00:00Z"}}
package cobit.change_stale

import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some change in input.records.change
	change.status in {"approved", "scheduled"}
	not dates.ns(object.get(change, ["implementation", "started"], null))
	dates.ns(change.schedule.end)
	limit := input.config.thresholds.stale_change_days
	dates.older_than(change.schedule.end, limit, dates.reference_ns(input))
	msg := sprintf(
		"%s still has status %s with no implementation start, though its window ended at %s, more than %v days ago",
		[change.id, change.status, change.schedule.end, limit],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["status"])
}
