# METADATA
# title: Change approved by someone without authority to approve
# description: >-
#   Only people who are known, still with the organisation and hold an
#   approver role may authorise changes. The check flags every approving
#   decision given by someone missing from the people list, gone by the day
#   of the approval (a leaving date no later than it, or marked inactive with
#   no leaving date; an undated approval is judged on the scan's day), or
#   holding none of the configured approver roles in people.yaml (for
#   emergency changes, the emergency approver roles count too), and one whose
#   entry names a role the approver does not hold in people.yaml (a change
#   manager's approval written as "role: cab").
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
import data.lib.people

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
# entitled person, or naming a role on the approval that the approver does
# not hold: only these can break the rules below, so the rules look at
# nothing else. Computed once for all three rules. The approver is read with
# object.get so that a decision naming nobody stays in the list: a plain
# approval.by inside the negation would make it drop out instead.
_in_doubt := [[change, i, approval] |
	some [change, i, approval] in changes.decisions
	approval.decision == "approved"
	_doubtful(approval)
]

_doubtful(approval) if not object.get(approval, "by", null) in _entitled

_doubtful(approval) if _claims_unheld(approval)

# True when an approval writes a role beside the approver's name that
# people.yaml does not give them: the record's word is not evidence of it.
_claims_unheld(approval) if {
	is_string(approval.role)
	not approval.role in people.roles(approval.by)
}

# Each of the next four functions lists what disqualifies a known approver,
# as phrases for the message; the list is empty when nothing does. Whether
# they had left is judged on the day of the approval (lib.people: a leaving
# date wins over active: false; an undated approval is judged on the scan's
# day).

_inactive(person, id, n) := ["is marked inactive"] if {
	person.active == false
	people.gone_by(id, n)
} else := []

_departed(person, id, approval, n) := [msg] if {
	msg := sprintf("left on %s, on or before the approval at %s", [person.left_on, approval.at])
	changes.at_ns(approval)
	dates.date_ns(person.left_on)
	people.gone_by(id, n)
} else := [sprintf("left on %s and the approval is undated", [person.left_on])] if {
	not changes.at_ns(approval)
	dates.date_ns(person.left_on)
	people.gone_by(id, n)
} else := []

_unentitled(id, allowed) := [msg] if {
	not people.holds(id, allowed)
	msg := sprintf(
		"holds no approver role (allowed: %s; has: %s)",
		[_list_or_none(allowed), _list_or_none(people.roles(id))],
	)
} else := []

# The roles a person has are named once: here only when _unentitled does not.
_misnamed(id, approval, allowed) := [msg] if {
	_claims_unheld(approval)
	people.holds(id, allowed)
	msg := sprintf(
		"is recorded as approving in role %s, which people.yaml does not give them (has: %s)",
		[approval.role, _list_or_none(people.roles(id))],
	)
} else := [msg] if {
	_claims_unheld(approval)
	msg := sprintf("is recorded as approving in role %s, which people.yaml does not give them", [approval.role])
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
	n := people.judged_at(object.get(approval, "at", null))
	reasons := array.flatten([
		_inactive(person, approval.by, n), _departed(person, approval.by, approval, n),
		_unentitled(approval.by, allowed), _misnamed(approval.by, approval, allowed),
	])
	count(reasons) > 0
	msg := sprintf("%s was approved by %s, who %s", [change.id, approval.by, concat(" and ", reasons)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i, "by"])
}
