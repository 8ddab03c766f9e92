# METADATA
# title: Approved change redefined in a request without a new approval
# description: >-
#   Run by regent gate on a pull request. An approval covers the change as its
#   approvers saw it. The check takes each change that was approved at the
#   merge base (an approving decision recorded and a status of approved or
#   later) and flags every field that defines it (title, type, risk, impact,
#   plan, configuration items, services, schedule) whose value the request
#   changes, unless the request also adds an approving decision that was not
#   there before. Adding a schedule to a change that had none, as the request
#   moves it to scheduled or later, is the scheduling step that follows the
#   approval, not a redefinition; changing a schedule is one.
# custom:
#   id: REG-CHG-021
#   severity: high
#   remediation: >-
#     Have the change approved again as it now stands and add the new decision
#     to its approvals in the same request; if the edit was not meant to alter
#     what was approved, restore the approved value.
#   kinds: [change]
#   config: []
#   controls:
#     cobit4: [AI6.1, AI6.2]
#     cobit2019: [BAI06.01]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2"]
#     iso27002: ["8.32"]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0121
#         title: Rotate the payment gateway API keys
#         type: normal
#         status: scheduled
#         requested_by: alice
#         created: "2026-11-16T09:00:00Z"
#         risk: high
#         configuration_items: [CI-0002]
#         approvals:
#           - {by: carol, role: cab, decision: approved, at: "2026-11-17T10:00:00Z"}
#         schedule: {start: "2026-11-20T21:00:00Z", end: "2026-11-20T23:00:00Z"}
#     gate:
#       base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       merge_base: 0b8c7e1f5a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e
#       head: 7d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e
#       author: null
#       author_email: null
#       files:
#         change/CHG-2026-0121.yaml: {status: modified, from: null}
#       before:
#         change:
#           CHG-2026-0121:
#             kind: change
#             id: CHG-2026-0121
#             title: Rotate the payment gateway API keys
#             type: normal
#             status: scheduled
#             requested_by: alice
#             created: "2026-11-16T09:00:00Z"
#             risk: medium
#             configuration_items: [CI-0002]
#             approvals:
#               - {by: carol, role: cab, decision: approved, at: "2026-11-17T10:00:00Z"}
#             schedule: {start: "2026-11-20T21:00:00Z", end: "2026-11-20T23:00:00Z"}
#             _path: change/CHG-2026-0121.yaml
package cobit.change_approved_edited

import data.lib.changes
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The statuses of a change that has been approved and not ended otherwise.
_approved_or_later := {"approved", "scheduled", "implemented", "reviewed", "closed"}

violation contains finding if {
	some id, before in input.gate.before.change
	before.status in _approved_or_later
	approvers := {a.by | some a in changes.approved(before)}
	count(approvers) > 0
	change := input.records.change[id]
	not _approved_again(before, change)
	some field in changes.defining
	field in (object.keys(before) | object.keys(change))
	not _same(before, change, field)
	not _scheduled(before, change, field)
	msg := sprintf(
		"%s was approved by %s before this request, which %s without adding an approving decision",
		[id, concat(", ", approvers), _edit(field, before, change)],
	)
	finding := findings.new(rego.metadata.chain(), "change", change, msg, [field])
}

# True when the head version carries an approving decision that the
# merge-base version, which has approvals, did not.
_approved_again(before, change) if {
	some decision in changes.approved(change)
	not decision in before.approvals
}

# True when the request adds the schedule of a change that had none and moves
# it to scheduled or later: the scheduling step.
_scheduled(before, change, "schedule") if {
	object.get(before, "schedule", null) == null
	changes.scheduling_step(change)
}

# True when a field is present in both versions with the same value.
_same(before, change, field) if before[field] == change[field]

# What the request did to a field, for messages.
_edit(field, before, change) := sprintf("removes its %s", [field]) if {
	field in object.keys(before)
	not field in object.keys(change)
}

_edit(field, before, change) := sprintf("sets its %s", [field]) if {
	not field in object.keys(before)
	field in object.keys(change)
}

_edit(field, before, change) := sprintf("changes its %s from %s to %s", [field, before[field], change[field]]) if {
	is_string(before[field])
	is_string(change[field])
}

_edit(field, before, change) := sprintf("changes its %s", [field]) if {
	field in object.keys(before)
	field in object.keys(change)
	not _both_strings(before[field], change[field])
}

# True when both values are strings, which a message can quote.
_both_strings(a, b) if {
	is_string(a)
	is_string(b)
}
