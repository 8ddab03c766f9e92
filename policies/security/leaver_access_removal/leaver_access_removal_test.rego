package security.leaver_access_removal_test

import data.lib.fixtures_test as fx
import data.security.leaver_access_removal

_none(id, left_on, due, limit) := {
	"check": "REG-SEC-003",
	"kind": "person",
	"id": id,
	"message": sprintf(
		"%s left on %s and no access removal evidence names them, due by the end of %s (limit %s)",
		[id, left_on, due, limit],
	),
	"field": ["left_on"],
}

_late(id, left_on, ev, at, due, limit) := {
	"check": "REG-SEC-003",
	"kind": "person",
	"id": id,
	"message": sprintf(
		"%s left on %s but their access removal was first recorded by %s at %s, after the end of %s (limit %s)",
		[id, left_on, ev, at, due, limit],
	),
	"field": ["left_on"],
}

# The world's removal of gina's access, collected at another time.
_removal_at(at) := fx.evidence_of("EV-2026-0108", "access_removal", ["gina"], at, "pass")

# The people with hugo leaving on a date.
_hugo_leaves(date) := object.union(fx.people, {"hugo": object.union(fx.people.hugo, {"left_on": date})})

test_meta if {
	leaver_access_removal.meta.id == "REG-SEC-003"
	leaver_access_removal.meta.kinds == ["evidence"]
	leaver_access_removal.meta.config == ["thresholds.leaver_access_removal_days"]
	leaver_access_removal.meta.controls.iso17799 == ["8.3.3", "11.2.1"]
}

test_pass_world if {
	count(leaver_access_removal.violation) == 0 with input as fx.world
}

test_fail_no_removal if {
	doc := fx.world_with({"evidence": [fx.evidence_of("EV-2026-0108", "access_removal", ["hugo"], "2026-10-02T17:00:00Z", "pass")]})
	found := leaver_access_removal.violation with input as doc
	found == {_none("gina", "2026-10-02", "2026-10-03", "1 day")}
}

test_fail_removal_of_another_type if {
	removal := fx.evidence_of("EV-2026-0108", "access_review", ["gina"], "2026-10-02T17:00:00Z", "pass")
	found := leaver_access_removal.violation with input as fx.world_with({"evidence": [removal]})
	found == {_none("gina", "2026-10-02", "2026-10-03", "1 day")}
}

test_fail_failed_removal_does_not_count if {
	removal := fx.evidence_of("EV-2026-0108", "access_removal", ["gina"], "2026-10-02T17:00:00Z", "fail")
	found := leaver_access_removal.violation with input as fx.world_with({"evidence": [removal]})
	found == {_none("gina", "2026-10-02", "2026-10-03", "1 day")}
}

test_fail_removal_just_too_late if {
	found := leaver_access_removal.violation with input as fx.world_with({"evidence": [_removal_at("2026-10-04T00:00:00Z")]})
	found == {_late("gina", "2026-10-02", "EV-2026-0108", "2026-10-04T00:00:00Z", "2026-10-03", "1 day")}
}

test_pass_removal_at_the_end_of_the_last_day if {
	doc := fx.world_with({"evidence": [_removal_at("2026-10-03T23:59:59Z")]})
	count(leaver_access_removal.violation) == 0 with input as doc
}

test_pass_removal_before_leaving if {
	doc := fx.world_with({"evidence": [_removal_at("2026-09-30T17:00:00Z")]})
	count(leaver_access_removal.violation) == 0 with input as doc
}

test_pass_removal_without_result if {
	doc := fx.world_with({"evidence": [object.remove(_removal_at("2026-10-03T09:00:00Z"), ["result"])]})
	count(leaver_access_removal.violation) == 0 with input as doc
}

test_pass_first_of_several_removals_in_time if {
	later := fx.evidence_of("EV-2026-0109", "access_removal", ["gina"], "2026-10-20T09:00:00Z", "pass")
	doc := fx.world_with({"evidence": [later]})
	count(leaver_access_removal.violation) == 0 with input as doc
}

test_fail_names_the_first_of_several_late_removals if {
	later := fx.evidence_of("EV-2026-0109", "access_removal", ["hugo", "gina"], "2026-10-20T09:00:00Z", "pass")
	doc := fx.world_with({"evidence": [_removal_at("2026-10-09T09:00:00Z"), later]})
	found := leaver_access_removal.violation with input as doc
	found == {_late("gina", "2026-10-02", "EV-2026-0108", "2026-10-09T09:00:00Z", "2026-10-03", "1 day")}
}

test_fail_limit_from_config if {
	doc := fx.world_with({"evidence": [_removal_at("2026-10-03T09:00:00Z")]})
	found := leaver_access_removal.violation with input as doc
		with input.config.thresholds.leaver_access_removal_days as 0
	found == {_late("gina", "2026-10-02", "EV-2026-0108", "2026-10-03T09:00:00Z", "2026-10-02", "0 days")}
}

test_pass_limit_from_config if {
	doc := fx.world_with({"evidence": [_removal_at("2026-10-09T09:00:00Z")]})
	count(leaver_access_removal.violation) == 0 with input as doc
		with input.config.thresholds.leaver_access_removal_days as 7
}

# Hugo leaves on 2026-11-22: his removal is due by the end of 2026-11-23, so not yet overdue.
test_pass_not_yet_due if {
	count(leaver_access_removal.violation) == 0 with input as fx.world
		with input.people as _hugo_leaves("2026-11-22")
}

test_fail_just_due if {
	found := leaver_access_removal.violation with input as fx.world
		with input.people as _hugo_leaves("2026-11-21")
	found == {_none("hugo", "2026-11-21", "2026-11-22", "1 day")}
}

test_pass_leaving_in_the_future if {
	count(leaver_access_removal.violation) == 0 with input as fx.world
		with input.people as _hugo_leaves("2027-01-31")
}

test_fail_inactive_without_leaving_date if {
	# By the contract hugo counts as gone from the start; nothing shows his access was removed.
	people := object.union(fx.people, {"hugo": object.union(fx.people.hugo, {"active": false})})
	found := leaver_access_removal.violation with input as fx.world with input.people as people
	found == {{
		"check": "REG-SEC-003",
		"kind": "person",
		"id": "hugo",
		"message": "hugo is marked inactive in people.yaml with no left_on date, and no access removal evidence names them",
		"field": ["active"],
	}}
}

test_pass_inactive_without_leaving_date_and_removed if {
	people := object.union(fx.people, {"hugo": object.union(fx.people.hugo, {"active": false})})
	removal := fx.evidence_of("EV-2026-0109", "access_removal", ["hugo"], "2026-10-20T10:00:00Z", "pass")
	count(leaver_access_removal.violation) == 0 with input as fx.world_with({"evidence": [removal]}) with input.people as people
}
