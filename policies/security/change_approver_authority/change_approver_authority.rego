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
package security.change_approver_authority

import data.lib.changes
import data.lib.findings
import data.lib.time

meta := findings.metadata(rego.metadata.chain())

# The roles that may approve a change, from the configured role lists.
_allowed(change, roles) := {r | some r in object.get(roles, "approvers", [])} | {r |
	change.type == "emergency"
	some r in object.get(roles, "emergency_approvers", [])
}

# Each of the next three functions lists what disqualifies a known approver,
# as phrases for the message; the list is empty when nothing does.

_inactive(person) := ["is marked inactive"] if {
	person.active == false
} else := []

_departed(person, approval, doc) := [sprintf("left on %s, on or before the approval at %s", [person.left_on, approval.at])] if {
	time.date_ns(person.left_on) <= changes.at_ns(approval)
} else := [sprintf("left on %s and the approval is undated", [person.left_on])] if {
	not changes.at_ns(approval)
	time.date_ns(person.left_on) <= time.reference_ns(doc)
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
	some change in input.records.change
	some i, approval in changes.approved(change)
	not is_string(object.get(approval, "by", null))
	msg := sprintf("%s has an approval at %v that names no approver", [change.id, object.get(approval, "at", "an unrecorded time")])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i])
}

violation contains finding if {
	some change in input.records.change
	some i, approval in changes.approved(change)
	is_string(approval.by)
	not object.get(input, ["people", approval.by], false)
	msg := sprintf("%s was approved by %s, who is unknown: not listed in people.yaml", [change.id, approval.by])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i, "by"])
}

violation contains finding if {
	some change in input.records.change
	some i, approval in changes.approved(change)
	person := input.people[approval.by]
	allowed := _allowed(change, object.get(input, ["config", "roles"], {}))
	reasons := array.concat(
		array.concat(_inactive(person), _departed(person, approval, input)),
		_unentitled(person, allowed),
	)
	count(reasons) > 0
	msg := sprintf("%s was approved by %s, who %s", [change.id, approval.by, concat(" and ", reasons)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["approvals", i, "by"])
}
