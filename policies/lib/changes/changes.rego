# METADATA
# title: Changes
# description: Facts about change records shared by the change checks.
package lib.changes

import data.lib.dates

# METADATA
# description: >-
#   Statuses that a change reaches, in the lifecycle of records.md, only once
#   it has been carried out (draft, submitted, approved, scheduled,
#   implemented, reviewed, closed). A closed change is not carried out when
#   it was closed as cancelled: see called_off.
done_statuses := {"implemented", "reviewed", "closed"}

# METADATA
# description: >-
#   The top-level fields that define a change: what it is (title, type), how
#   risky and far-reaching it is (risk, impact), how it will be carried out
#   (plan), what it touches (configuration items, services) and when
#   (schedule). What its approvers agreed to: an edit to one of them after the
#   approval needs a new approval. Every check that judges an edit after
#   approval reads this one list.
defining := ["title", "type", "risk", "impact", "plan", "configuration_items", "services", "schedule"]

# METADATA
# description: >-
#   Statuses of a change that has been scheduled, in the lifecycle of
#   records.md: scheduled and every status after it.
scheduled_statuses := {"scheduled", "implemented", "reviewed", "closed"}

# METADATA
# description: >-
#   True when a change whose schedule was added after its approval (it had
#   none when approved) stands at scheduled or later: adding the window is the
#   scheduling step of the lifecycle, which follows the approval, not a
#   redefinition of what was approved. A schedule that existed and was changed
#   is a redefinition.
scheduling_step(change) if change.status in scheduled_statuses

# METADATA
# scope: document
# description: >-
#   True when a change was called off rather than carried through: its status
#   is rejected or cancelled, or it was closed with closure code cancelled.
called_off(change) if change.status in {"rejected", "cancelled"}

called_off(change) if {
	change.status == "closed"
	change.closure.code == "cancelled"
}

# METADATA
# description: >-
#   True when a change has been put forward and is still live or done: its
#   status is past draft and it was not called off (rejected, cancelled, or
#   closed with closure code cancelled). The checks of what a change must carry
#   once raised (ratings, plans, a template, a justification) judge these.
pursued(change) if {
	object.get(change, "status", null) != "draft"
	not called_off(change)
}

# METADATA
# scope: document
# description: >-
#   True when a change has been carried out: it records an implementation
#   start (whatever its status says), or its status is one that comes after
#   implementation and it was not called off. A change closed as cancelled,
#   with no implementation recorded, was never carried out.
implemented(change) if change.implementation.started != null

implemented(change) if {
	change.status in done_statuses
	not called_off(change)
}

# METADATA
# scope: document
# description: >-
#   True when a change's record says its implementation did not achieve what
#   it set out to: closed as unsuccessful, backed out or cancelled, or
#   reviewed with outcome failed or backed_out.
fell_through(change) if change.closure.code in {"unsuccessful", "backed_out", "cancelled"}

fell_through(change) if change.review.outcome in {"failed", "backed_out"}

# METADATA
# description: >-
#   The normal and the emergency changes, as an object from type to a list of
#   changes, each list made once per scan, so that a check about one type
#   walks only the changes of that type.
of_type[type] := [change | some change in input.records.change; change.type == type] if {
	some type in {"normal", "emergency"}
}

# METADATA
# description: >-
#   Every decision recorded on every change, as [change, list index,
#   decision]: one pass over the changes for the whole scan, so that the
#   checks about decisions need not each walk every change and its list.
decisions := [[change, i, decision] |
	some change in input.records.change
	some i, decision in change.approvals
]

# METADATA
# description: The approvals of a change whose decision is approved, as an object from list index to approval.
approved(change) := {i: a |
	some i, a in change.approvals
	a.decision == "approved"
}

# METADATA
# description: The approvals of a change whose decision is rejected, as an object from list index to approval.
rejected(change) := {i: a |
	some i, a in change.approvals
	a.decision == "rejected"
}

# METADATA
# description: True when a change has at least one approval whose decision is approved.
has_approval(change) if count(approved(change)) > 0

# METADATA
# scope: document
# description: True when a value holds something - a non-blank string, or a non-empty list or object.
filled(x) if {
	is_string(x)
	trim_space(x) != ""
}

filled(x) if {
	is_array(x)
	count(x) > 0
}

filled(x) if {
	is_object(x)
	count(x) > 0
}

# METADATA
# description: The ns of an approval's at timestamp; undefined when absent or unparseable.
at_ns(approval) := dates.ns(approval.at)

# METADATA
# description: >-
#   A phrase saying how a change is known to have been carried out, for
#   messages: its implementation start when recorded, otherwise its status.
how_implemented(change) := sprintf("started implementation at %s", [change.implementation.started]) if {
	is_string(change.implementation.started)
} else := sprintf("has status %s", [change.status])

# METADATA
# description: >-
#   A change's status for messages: "has status closed with closure code
#   cancelled" when a closure code is recorded, otherwise "has status S".
status_phrase(change) := sprintf("has status %s with closure code %s", [change.status, change.closure.code]) if {
	is_string(change.closure.code)
} else := sprintf("has status %v", [object.get(change, "status", "none")])
