package security.role_conflicts_test

import data.lib.fixtures_test as fx
import data.security.role_conflicts

_finding(id, a, b) := {
	"check": "REG-SEC-015",
	"kind": "person",
	"id": id,
	"message": sprintf("%s holds both %s and %s, roles that must be kept apart", [id, a, b]),
	"field": ["roles"],
}

# The people with hugo holding some roles, and with some other fields of his entry.
_hugo(roles, fields) := object.union(fx.people, {"hugo": object.union_n([fx.people.hugo, {"roles": roles}, fields])})

test_meta if {
	role_conflicts.meta.id == "REG-SEC-015"
	role_conflicts.meta.kinds == ["person"]
	role_conflicts.meta.config == ["role_conflicts"]
	not role_conflicts.meta.controls.iso20000
}

test_pass_world if {
	count(role_conflicts.violation) == 0 with input as fx.world
}

test_fail_conflicting_roles if {
	found := role_conflicts.violation with input as fx.world
		with input.people as _hugo(["developer", "auditor", "release-manager"], {})
	found == {_finding("hugo", "developer", "release-manager")}
}

test_fail_conflicts_from_config if {
	found := role_conflicts.violation with input as fx.world
		with input.people as _hugo(["developer", "cab", "release-manager"], {})
		with input.config.role_conflicts as [["cab", "developer"], ["release-manager", "cab"], ["auditor", "cab"]]
	found == {_finding("hugo", "cab", "developer"), _finding("hugo", "release-manager", "cab")}
}

test_pass_conflicts_from_config if {
	count(role_conflicts.violation) == 0 with input as fx.world
		with input.people as _hugo(["developer", "release-manager"], {})
		with input.config.role_conflicts as [["cab", "developer"]]
}

test_pass_no_conflicts_configured if {
	count(role_conflicts.violation) == 0 with input as fx.world
		with input.people as _hugo(["developer", "release-manager"], {})
		with input.config.role_conflicts as []
}

test_pass_malformed_pair_ignored if {
	count(role_conflicts.violation) == 0 with input as fx.world
		with input.people as _hugo(["developer", "release-manager"], {})
		with input.config.role_conflicts as [["developer", "release-manager", "cab"], ["developer"]]
}

test_pass_one_role_of_the_pair if {
	count(role_conflicts.violation) == 0 with input as fx.world
		with input.people as _hugo(["release-manager", "auditor"], {})
}

test_pass_inactive_person if {
	count(role_conflicts.violation) == 0 with input as fx.world
		with input.people as _hugo(["developer", "release-manager"], {"active": false})
}

test_pass_left_on_the_reference_date if {
	count(role_conflicts.violation) == 0 with input as fx.world
		with input.people as _hugo(["developer", "release-manager"], {"left_on": "2026-11-23"})
}

test_fail_leaving_after_the_reference_date if {
	found := role_conflicts.violation with input as fx.world
		with input.people as _hugo(["developer", "release-manager"], {"left_on": "2026-11-24"})
	found == {_finding("hugo", "developer", "release-manager")}
}

test_fail_explicitly_active if {
	found := role_conflicts.violation with input as fx.world
		with input.people as _hugo(["release-manager", "developer"], {"active": true})
	found == {_finding("hugo", "developer", "release-manager")}
}
