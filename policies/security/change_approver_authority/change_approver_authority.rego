# METADATA
# title: Change approved by someone without authority to approve
# description: >-
#   Only people who are known, still with the organisation and hold an
#   approver role may authorise changes. The check flags every approving
#   decision given by someone missing from the people list, marked inactive,
#   gone by the time of the approval, or holding none of the configured
#   approver roles (for emergency changes, the emergency approver roles count
#   too).
# custom:
#   id: REG-CHG-008
#   severity: high
#   remediation: >-
#     Have the change approved again by a current holder of an approver role;
#     if the approver was entitled, correct their entry in people.yaml.
#   kinds: [change]
#   controls:
#     cobit4: [AI6.2, PO4.11]
#     cobit2019: [BAI06.01, DSS06.03]
#     iso20000: ["8.5.1.3"]
#     iso17799: ["10.1.2", "11.2.2"]
#     iso27002: ["8.32", "8.2"]
#   config: [roles.approvers, roles.emergency_approvers]
#   example:
#     change:
#       - kind: change
#         id: CHG-2026-0108
#         title: Add a disk to the file server
#         type: normal
#         status: approved
#         requested_by: alice
#         created: "2026-11-02T09:00:00Z"
#         approvals:
#           - {by: hugo, role: cab, decision: approved, at: "2026-11-03T10:00:00Z"}
package security.change_approver_authority

import data.lib.changes
import data.lib.dates
import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

# The configured role lists, read once for the whole scan.
_roles := object.get(input, ["config", "roles"], {})

_approver_roles := {r | some r in object.get(_roles, "approvers", [])}

# The roles that may approve a change: the approver roles, and for an
# emergency change the emergency approver roles too.
_allowed(change) := _approver_roles | {r | some r in object.get(_roles, "emergency_approvers", [])} if {
	change.type == "emergency"
} else := _approver_roles

# People nothing can be held against as approvers of any change: listed, not
# marked inactive, with no date of leaving, and holding an approver role.
# Worked out once per person rather than once per approval.
_entitled contains id if {
	some id, person in input.people
	not person.active == false
	not dates.date_ns(object.get(person, "left_on", null))
	some role in object.get(person, "roles", [])
	role in _approver_roles
}

# The approving decisions, as [change, index, approval], not given by an
# entitled person: only these can break the rules below, so the rules look at
# nothing else. Computed once for all three rules. The approver is read with
# object.get so that a decision naming nobody stays in the list: a plain
# approval.by inside the negation would make it drop out instead.
_in_doubt := [[change, i, approval] |
	some [change, i, approval] in changes.decisions
	approval.decision == "approved"
	not object.get(approval, "by", null) in _entitled
]

# Each of the next three functions lists what disqualifies a known approver,
# as phrases for the message; the list is empty when nothing does.

_inactive(person) := ["is marked inactive"] if {
	person.active == false
} else := []

_departed(person, approval, doc) := [msg] if {
	msg := sprintf("left on %s, on or before the approval at %s", [person.left_on, approval.at])
	dates.date_ns(person.left_on) <= changes.at_ns(approval)
} else := [sprintf("left on %s and the approval is undated", [person.left_on])] if {
	not changes.at_ns(approval)
	dates.date_ns(person.left_on) <= dates.reference_ns(doc)
} else := []

_unentitled(person, allowed) := [msg] if {
	roles := {r | some r in object.get(person, "roles", [])}
	count(roles & allowed) == 0
	msg := sprintf("holds no approver role (allowed: %s; has: %s)", [_list_or_none(allowed), _list_or_none(roles)])
} else := []

_list_or_none(items) := concat(", ", sort(items)) if {
	count(items) > 0
} else := "none"

violation contains finding if {
	some [change, i, approval] in _in_doubt
	not is_string(object.get(approval, "by", null))
	at := object.get(approval, "at", "an unrecorded time")
	msg := sprintf("%s has an approval at %v that names no approver", [change.id, at])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i])
}

violation contains finding if {
	some [change, i, approval] in _in_doubt
	is_string(approval.by)
	not object.get(input, ["people", approval.by], false)
	msg := sprintf("%s was approved by %s, who is unknown: not listed in people.yaml", [change.id, approval.by])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i, "by"])
}

violation contains finding if {
	some [change, i, approval] in _in_doubt
	person := input.people[approval.by]
	allowed := _allowed(change)
	reasons := array.flatten([_inactive(person), _departed(person, approval, input), _unentitled(person, allowed)])
	count(reasons) > 0
	msg := sprintf("%s was approved by %s, who %s", [change.id, approval.by, concat(" and ", reasons)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i, "by"])
}
