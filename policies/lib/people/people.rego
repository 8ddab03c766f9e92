# METADATA
# title: People
# description: Facts about the people of people.yaml shared by the checks.
package lib.people

import data.lib.dates

# METADATA
# description: True when people.yaml lists a person id.
known(id) if input.people[id]

# METADATA
# scope: document
# description: >-
#   True when a listed person had left by the instant n (ns): their left_on
#   date is no later than n, or they are marked inactive with no left_on date
#   (a recorded date wins: someone inactive today was there before it).
gone_by(id, _) if {
	input.people[id].active == false
	not input.people[id].left_on
}

gone_by(id, n) if dates.date_ns(input.people[id].left_on) <= n

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
