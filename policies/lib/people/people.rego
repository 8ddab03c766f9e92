# METADATA
# title: People
# description: Facts about the people of people.yaml shared by the checks.
package lib.people

import data.lib.dates

# METADATA
# description: >-
#   True when a record names a person: the reference is a non-blank string.
#   A decision, acceptance or review that names no one cannot be judged
#   against anyone's authority, and shows no one's independence.
named(ref) if {
	is_string(ref)
	trim_space(ref) != ""
}

# METADATA
# description: True when people.yaml lists a person id.
known(id) if input.people[id]

# METADATA
# scope: document
# description: >-
#   True when a listed person had left by the instant n (ns): the day of their
#   left_on date had begun by n in the organisation's time zone (they are gone
#   for the whole of that day), or they are marked inactive with no left_on date
#   (a recorded date wins: someone inactive today was there before it).
gone_by(id, _) if left_undated(id)

gone_by(id, n) if dates.day_start_ns(input.people[id].left_on) <= n

# METADATA
# description: >-
#   True when people.yaml marks a person inactive and records no left_on date:
#   by the contract they count as gone from the start, and no deadline that
#   runs from their leaving day can be worked out.
left_undated(id) if {
	input.people[id].active == false
	not input.people[id].left_on
}

# METADATA
# description: >-
#   Why someone counts as gone, for messages: "who left on DATE", or "who is
#   marked inactive in people.yaml" when no date is recorded.
departure(id) := sprintf("who left on %s", [input.people[id].left_on]) if {
	input.people[id].left_on
} else := "who is marked inactive in people.yaml"

# METADATA
# description: A person's roles as a set; empty for someone not listed.
roles(id) := {r | some r in object.get(input.people, [id, "roles"], [])}

# METADATA
# description: True when a listed person holds at least one of the given roles (a set or a list).
holds(id, roles) if {
	some role in object.get(input.people, [id, "roles"], [])
	role in roles
}

# METADATA
# description: >-
#   True when people.yaml lists a person and they had not left by the instant
#   n (ns): see gone_by.
active_at(id, n) if {
	known(id)
	not gone_by(id, n)
}

# METADATA
# description: >-
#   True when a person could act in one of the given roles (a set or a list)
#   at the instant n (ns): people.yaml lists them, they hold one of the roles,
#   and they had not left by then. This is how every approval, review,
#   acceptance and waiver approval is judged: against the person's roles in
#   people.yaml on the day it was used, never against a role the record
#   writes beside their name.
acting(id, roles, n) if {
	holds(id, roles)
	active_at(id, n)
}

# METADATA
# description: >-
#   The instant (ns) at which a use of authority recorded at a timestamp is
#   judged: the timestamp, or, when it is missing or unreadable, the scan's
#   reference instant (an undated decision cannot be shown to come before its
#   author left).
judged_at(ts) := dates.ns(ts) if {
	dates.ns(ts)
} else := dates.reference_ns(input)

# METADATA
# description: >-
#   Why a person was not with the organisation at the instant n (ns), for
#   messages ("who is not listed in people.yaml", "who left on DATE", "who is
#   marked inactive in people.yaml"); undefined when they were.
absent(id, n) := "who is not listed in people.yaml" if {
	not known(id)
} else := departure(id) if {
	gone_by(id, n)
}

# METADATA
# description: >-
#   Why a person could not act in one of the given roles at the instant n
#   (ns), for messages: why they were absent (see absent), or "who holds
#   none of the roles a, b"; undefined when they could.
lacking(id, roles, n) := absent(id, n) if {
	not active_at(id, n)
} else := sprintf("who holds none of the roles %s", [_list(roles)]) if {
	not holds(id, roles)
}

_list(items) := concat(", ", sort([x | some x in items])) if {
	count(items) > 0
} else := "(none configured)"

# METADATA
# description: >-
#   The people a record names as having done the work it records, as a set
#   of [field, person id]: a change's requester, implementer and reviewer, a
#   release's acceptor and deployer, the collector of evidence, the reviewer
#   of a service report. A finding about the record is a finding about their
#   own work. Approvers are not among them: one approver is not the subject
#   of a finding about another's approval.
actors(record) := {[concat(".", path), id] |
	some path in _actor_fields
	id := object.get(record, path, null)
	is_string(id)
}

_actor_fields := [
	["requested_by"], ["implementer"], ["implementation", "by"], ["review", "by"],
	["acceptance", "by"], ["deployed", "by"], ["collected_by"], ["reviewed_by"],
]
