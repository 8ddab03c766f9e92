package lib.people_test

import data.lib.dates
import data.lib.fixtures_test as fx
import data.lib.people

test_pass_known if {
	people.known("alice") with input as fx.doc({})
	not people.known("zoe") with input as fx.doc({})
}

test_pass_gone_by if {
	n := dates.ns("2026-10-02T00:00:00Z")
	people.gone_by("frank", n) with input as fx.doc({})
	people.gone_by("gina", n) with input as fx.doc({})
	not people.gone_by("gina", n - 1) with input as fx.doc({})
	not people.gone_by("alice", n) with input as fx.doc({})
	not people.gone_by("zoe", n) with input as fx.doc({})
}

test_pass_left_on_wins_over_inactive if {
	ivan := {"id": "ivan", "name": "Ivan", "emails": [], "active": false, "left_on": "2026-11-01"}
	people.gone_by("ivan", dates.ns("2026-11-01T00:00:00Z")) with input.people.ivan as ivan
	not people.gone_by("ivan", dates.ns("2026-10-31T23:59:59Z")) with input.people.ivan as ivan
}

test_pass_roles if {
	people.roles("carol") == {"cab"} with input as fx.doc({})
	people.roles("zoe") == set() with input as fx.doc({})
}

test_pass_departure if {
	people.departure("gina") == "who left on 2026-10-02" with input as fx.doc({})
	people.departure("frank") == "who is marked inactive in people.yaml" with input as fx.doc({})
}
