# METADATA
# title: Change status moved off its lifecycle in a request
# description: >-
#   Run by regent gate on a pull request. A change advances one step at a
#   time: draft, submitted, approved, scheduled, implemented, reviewed, closed;
#   it may be rejected while submitted, and cancelled up to and including
#   scheduled. The check compares each change's status at the merge base with
#   its status at the head and flags a move backwards, a move out of closed,
#   rejected or cancelled, a rejection or cancellation from a status that does
#   not allow it, and a jump over several steps when the change does not carry
#   what a skipped step produces (an approving decision, a schedule, an
#   implementation, a review). A standard change that names its template is
#   pre-approved and may pass over approved. Changes added in the request are
#   not judged.
# custom:
#   id: REG-CHG-020
#   severity: high
#   remediation: >-
#     Put the change back to the status it held and take it through each step
#     in turn, recording what each step produces (the approving decision, the
#     schedule, the implementation, the review); a change that has ended is
#     reopened as a new change.
#   kinds: [change]
#   config: []
#   controls:
#     cobit4: [AI6.2, AI6.4]
#     cobit2019: [BAI06.01, BAI06.03]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0120
#         title: Switch the mail relay to the new provider
#         type: normal
#         status: implemented
#         requested_by: alice
#         created: "2026-11-16T09:00:00Z"
#         implementer: bob
#         implementation: {started: "2026-11-18T20:00:00Z", completed: "2026-11-18T20:40:00Z", by: bob}
#     gate:
#       base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       merge_base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       head: 7d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e
#       author: null
#       author_email: null
#       files:
#         change/CHG-2026-0120.yaml: {status: modified, from: null}
#       before:
#         change:
#           CHG-2026-0120:
#             kind: change
#             id: CHG-2026-0120
#             title: Switch the mail relay to the new provider
#             type: normal
#             status: submitted
#             requested_by: alice
#             created: "2026-11-16T09:00:00Z"
#             implementer: bob
#             _path: change/CHG-2026-0120.yaml
package cobit.change_lifecycle_skip

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The steps of a change, in the order it takes them.
_steps := ["draft", "submitted", "approved", "scheduled", "implemented", "reviewed", "closed"]

_rank[step] := i if some i, step in _steps

# Statuses a change never leaves.
_final := {"closed", "rejected", "cancelled"}

# Statuses from which a change may be cancelled.
_cancellable := {"draft", "submitted", "approved", "scheduled"}

# The field in which a step leaves its product, for the steps past approval.
_product := {"scheduled": "schedule", "implemented": "implementation", "reviewed": "review"}

# Every change whose status differs between the merge base and the head, as
# [head version, status at the merge base, status at the head]. A change added
# or deleted in the request has no such pair.
_moves contains [change, from, to] if {
	some id, before in input.gate.before.change
	change := input.records.change[id]
	from := before.status
	to := change.status
	from != to
}

violation contains finding if {
	some [change, from, to] in _moves
	from in _final
	msg := sprintf("%s moved from %s to %s, but %s is a final status", [change.id, from, to, from])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["status"])
}

violation contains finding if {
	some [change, from, to] in _moves
	not from in _final
	_rank[to] < _rank[from]
	msg := sprintf("%s moved back from %s to %s", [change.id, from, to])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["status"])
}

violation contains finding if {
	some [change, from, to] in _moves
	to == "rejected"
	not from in _final
	from != "submitted"
	msg := sprintf("%s moved from %s to rejected, but only a submitted change can be rejected", [change.id, from])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["status"])
}

violation contains finding if {
	some [change, from, to] in _moves
	to == "cancelled"
	not from in _final
	not from in _cancellable
	msg := sprintf(
		"%s moved from %s to cancelled, but a change can be cancelled only until it is scheduled",
		[change.id, from],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["status"])
}

violation contains finding if {
	some [change, from, to] in _moves
	_rank[to] > _rank[from] + 1
	gaps := [gap |
		some step in array.slice(_steps, _rank[from] + 1, _rank[to])
		gap := _gap(change, step)
	]
	count(gaps) > 0
	msg := sprintf("%s moved from %s to %s in one request, skipping %s", [change.id, from, to, _join(gaps)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["status"])
}

# What a change lacks for a step it skipped; undefined when it carries what
# the step produces, or when the step produces nothing of its own (submitted).
_gap(change, "approved") := "approved (no approving decision)" if {
	not changes.has_approval(change)
	not _pre_approved(change)
}

_gap(change, step) := sprintf("%s (no %s)", [step, field]) if {
	field := _product[step]
	not changes.filled(object.get(change, field, null))
}

# True for a standard change that follows a named pre-approved template.
_pre_approved(change) if {
	change.type == "standard"
	changes.filled(object.get(change, "template", null))
}

# Phrases joined for a message: "a", "a and b", "a, b and c".
_join(items) := items[0] if {
	count(items) == 1
} else := sprintf("%s and %s", [concat(", ", array.slice(items, 0, count(items) - 1)), items[count(items) - 1]])
