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

test_pass_acting_on_the_day if {
	people.acting("gina", {"cab"}, dates.ns("2026-10-01T23:59:59Z")) with input as fx.doc({})
	on_the_day := dates.ns("2026-10-02T00:00:00Z")
	people.acting("carol", ["cab", "change-manager"], on_the_day) with input as fx.doc({})
	people.active_at("alice", on_the_day) with input as fx.doc({})
	people.holds("dave", ["change-manager"]) with input as fx.doc({})
}

test_fail_not_acting if {
	n := dates.ns("2026-10-02T00:00:00Z")
	not people.acting("gina", {"cab"}, n) with input as fx.doc({})
	not people.acting("frank", {"cab"}, 0) with input as fx.doc({})
	not people.acting("dave", {"cab"}, n) with input as fx.doc({})
	not people.acting("zoe", {"cab"}, n) with input as fx.doc({})
	not people.active_at("zoe", n) with input as fx.doc({})
}

test_pass_lacking if {
	n := dates.ns("2026-10-02T00:00:00Z")
	people.lacking("zoe", {"cab"}, n) == "who is not listed in people.yaml" with input as fx.doc({})
	people.lacking("gina", {"cab"}, n) == "who left on 2026-10-02" with input as fx.doc({})
	people.lacking("frank", {"cab"}, n) == "who is marked inactive in people.yaml" with input as fx.doc({})
	people.lacking("dave", ["cab", "emergency-cab"], n) == "who holds none of the roles cab, emergency-cab" with input as fx.doc({})
	people.lacking("dave", [], n) == "who holds none of the roles (none configured)" with input as fx.doc({})
	not people.lacking("carol", {"cab"}, n) with input as fx.doc({})
}

test_pass_judged_at if {
	people.judged_at("2026-10-02T00:00:00Z") == dates.ns("2026-10-02T00:00:00Z") with input as fx.doc({})
	people.judged_at(null) == fx.reference_ns with input as fx.doc({})
}

test_pass_actors if {
	people.actors(fx.change) == {["requested_by", "alice"], ["implementer", "bob"], ["implementation.by", "bob"], ["review.by", "dave"]}
	people.actors(fx.release) == {["acceptance.by", "dave"], ["deployed.by", "bob"]}
	people.actors({"collected_by": "dave", "approvals": [{"by": "carol"}]}) == {["collected_by", "dave"]}
	people.actors({"requested_by": null}) == set()
}

test_pass_absent if {
	n := dates.ns("2026-10-02T00:00:00Z")
	people.absent("zoe", n) == "who is not listed in people.yaml" with input as fx.doc({})
	people.absent("gina", n) == "who left on 2026-10-02" with input as fx.doc({})
	not people.absent("gina", n - 1) with input as fx.doc({})
	not people.absent("dave", n) with input as fx.doc({})
}

test_left_undated_is_inactive_without_a_date if {
	people.left_undated("hugo") with input.people as {"hugo": {"id": "hugo", "active": false}}
	not people.left_undated("hugo") with input.people as {"hugo": {"id": "hugo", "active": false, "left_on": "2026-10-02"}}
	not people.left_undated("hugo") with input.people as {"hugo": {"id": "hugo"}}
}

test_named_is_a_non_blank_reference if {
	people.named("carol")
	not people.named(" ")
	not people.named(null)
	not people.named(["carol"])
}
