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
#   True when a listed person has left: marked inactive, or with a left_on
#   date no later than the instant n (ns).
gone_by(id, _) if input.people[id].active == false

gone_by(id, n) if dates.date_ns(input.people[id].left_on) <= n

# METADATA
# description: A person's roles as a set; empty for someone not listed.
roles(id) := {r | some r in object.get(input.people, [id, "roles"], [])}
