# METADATA
# title: Emergency change not authorised or not reviewed in time
# description: >-
#   An emergency change may skip the usual lead time, but it still needs an
#   authorising decision and a post-implementation review soon after the work.
#   The check flags an emergency change carried out with no approval at all,
#   one still unreviewed more than the configured number of days after its
#   implementation was completed (or started, when no completion is recorded;
#   or closed, when a change carried out records neither; or created, when it
#   records no time for its work or closure), and one whose review came later
#   than that after its work or closure. A change closed as cancelled, with no
#   implementation recorded, was not carried out and needs no review.
# custom:
#   id: REG-CHG-006
#   severity: high
#   remediation: >-
#     Hold the post-implementation review, record it on the change (review.at,
#     review.by, review.outcome), and make sure an emergency approver's
#     decision is recorded.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.3]
#     cobit2019: [BAI06.02]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2", "12.5.1"]
#     iso27002: ["8.32"]
#   config: [thresholds.emergency_review_days]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0106
#         title: Restart the stuck message broker
#         type: emergency
#         status: implemented
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         implementation: {started: "2026-11-04T03:10:00Z", completed: "2026-11-04T03:40:00Z", by: bob}
package iso20000.emergency_change_review

import data.lib.changes
import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# When the work on a change ended, as [what happened, timestamp]: its
# completion, or its start when no completion is recorded, or, for a change
# carried out (lib.changes) that records neither, its closure.
_done(change) := ["completed implementation at", change.implementation.completed] if {
	dates.ns(change.implementation.completed)
} else := ["started implementation at", change.implementation.started] if {
	dates.ns(change.implementation.started)
} else := ["was closed at", change.closure.at] if {
	dates.ns(change.closure.at)
	changes.implemented(change)
}

# When the review clock starts: when the work ended, or, for a change carried
# out that records no time for its work or closure, when it was created (the
# earliest its review can be asked for; an emergency change is often
# recorded after the work, so the review is due no earlier than this).
_clock(change) := _done(change) if {
	_done(change)
} else := [phrase, change.created] if {
	changes.implemented(change)
	dates.ns(change.created)
	phrase := sprintf("has status %s and records no implementation time; it was created at", [change.status])
}

_reviewed(change) if dates.ns(change.review.at)

violation contains finding if {
	some change in changes.of_type.emergency
	limit := input.config.thresholds.emergency_review_days
	clock := _clock(change)
	dates.older_than(clock[1], limit, dates.reference_ns(input))
	not _reviewed(change)
	msg := sprintf(
		"%s %s %s and had no dated post-implementation review within %v days",
		[change.id, clock[0], clock[1], limit],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["review"])
}

violation contains finding if {
	some change in changes.of_type.emergency
	dates.ns(change.review.at)
	done := _done(change)
	days := dates.days_after(done[1], change.review.at)
	limit := input.config.thresholds.emergency_review_days
	days > limit
	msg := sprintf(
		"%s was reviewed by %v at %s, %v days after it %s %s (limit %v days)",
		[
			change.id, object.get(change.review, "by", "an unnamed reviewer"), change.review.at,
			days, done[0], done[1], limit,
		],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["review", "at"])
}

violation contains finding if {
	some change in changes.of_type.emergency
	changes.implemented(change)
	not changes.has_approval(change)
	msg := sprintf(
		"%s %s as an emergency change with no approved approval on record",
		[change.id, changes.how_implemented(change)],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals"])
}
