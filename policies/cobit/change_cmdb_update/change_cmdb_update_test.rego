package cobit.change_cmdb_update_test

import data.cobit.change_cmdb_update
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-015",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": field,
}

_stale_ci := fx.patch(fx.configuration_item, {"last_verified": "2026-10-04"})

_undated_ci := object.remove(fx.critical_ci, ["last_verified"])

test_meta if {
	change_cmdb_update.meta.id == "REG-CHG-015"
	change_cmdb_update.meta.config == ["thresholds.cmdb_update_days"]
	change_cmdb_update.meta.kinds == ["change", "configuration_item"]
	change_cmdb_update.meta.controls.iso27002 == ["8.9"]
}

test_fail_verified_before_completion if {
	found := change_cmdb_update.violation with input as fx.world_with({"configuration_item": [_stale_ci], "change": [fx.patch(fx.emergency, {"configuration_items": []})]})
	found == {_finding(
		"CHG-2026-0042 completed implementation at 2026-10-05T23:30:00Z, more than 30 days ago, but its configuration item CI-0001 was last verified on 2026-10-04, before that",
		["configuration_items", 0],
	)}
}

test_fail_never_verified if {
	change := fx.change_with({"configuration_items": ["CI-0001", "CI-0002"]})
	found := change_cmdb_update.violation with input as fx.world_with({"change": [change], "configuration_item": [_undated_ci]})
	found == {_finding(
		"CHG-2026-0042 completed implementation at 2026-10-05T23:30:00Z, more than 30 days ago, but its configuration item CI-0002 records no verification date",
		["configuration_items", 1],
	)}
}

test_fail_implemented_and_reviewed_changes if {
	changes := [
		fx.patch(fx.change_without(["closure", "review"]), {"status": "implemented"}),
		fx.patch(fx.emergency, {"status": "reviewed", "closure": {}, "configuration_items": ["CI-0002"]}),
	]
	found := change_cmdb_update.violation with input as fx.world_with({"change": changes, "configuration_item": [_stale_ci, _undated_ci]})
	found == {
		_finding(
			"CHG-2026-0042 completed implementation at 2026-10-05T23:30:00Z, more than 30 days ago, but its configuration item CI-0001 was last verified on 2026-10-04, before that",
			["configuration_items", 0],
		),
		{
			"check": "REG-CHG-015",
			"kind": "change",
			"id": "CHG-2026-0050",
			"message": "CHG-2026-0050 completed implementation at 2026-10-05T23:30:00Z, more than 30 days ago, but its configuration item CI-0002 records no verification date",
			"field": ["configuration_items", 0],
		},
	}
}

test_fail_just_past_the_limit if {
	# Completed on 23 October: 31 days before the reference day, 23 November.
	change := fx.change_with({"implementation": {"started": "2026-10-23T22:00:00Z", "completed": "2026-10-23T23:59:59Z", "by": "bob"}})
	found := change_cmdb_update.violation with input as fx.world_with({"change": [change]})
	found == {_finding(
		"CHG-2026-0042 completed implementation at 2026-10-23T23:59:59Z, more than 30 days ago, but its configuration item CI-0001 was last verified on 2026-10-10, before that",
		["configuration_items", 0],
	)}
}

test_fail_limit_from_config if {
	change := fx.change_with({"implementation": {"started": "2026-11-10T22:00:00Z", "completed": "2026-11-10T23:00:00Z", "by": "bob"}})
	found := change_cmdb_update.violation with input as fx.world_with({"change": [change]})
		with input.config.thresholds.cmdb_update_days as 5
	found == {_finding(
		"CHG-2026-0042 completed implementation at 2026-11-10T23:00:00Z, more than 5 days ago, but its configuration item CI-0001 was last verified on 2026-10-10, before that",
		["configuration_items", 0],
	)}
}

test_pass_world if {
	count(change_cmdb_update.violation) == 0 with input as fx.world
}

test_pass_exactly_at_the_limit if {
	# Completed on 24 October, 30 days before the reference day: day 30 is still within the limit.
	change := fx.change_with({"implementation": {"started": "2026-10-24T00:00:00Z", "completed": "2026-10-24T00:00:00Z", "by": "bob"}})
	count(change_cmdb_update.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_pass_limit_from_config_not_reached if {
	count(change_cmdb_update.violation) > 0 with input as fx.world_with({"configuration_item": [_stale_ci]})
	count(change_cmdb_update.violation) == 0 with input as fx.world_with({"configuration_item": [_stale_ci]})
		with input.config.thresholds.cmdb_update_days as 60
}

test_pass_verified_on_the_day_of_completion if {
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-10-05"})
	count(change_cmdb_update.violation) == 0 with input as fx.world_with({"configuration_item": [ci]})
}

test_pass_completion_day_in_utc if {
	# 00:30 at +02:00 is the evening before in UTC, so a verification that day is on the day of completion.
	change := fx.change_with({"implementation": {"started": "2026-10-04T22:00:00Z", "completed": "2026-10-05T00:30:00+02:00", "by": "bob"}})
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-10-04"})
	emergency := fx.patch(fx.emergency, {"configuration_items": []})
	count(change_cmdb_update.violation) == 0 with input as fx.world_with({"change": [change, emergency], "configuration_item": [ci]})
}

test_pass_unsuccessful_changes if {
	changes := [
		fx.change_with({"closure": {"at": "2026-10-07T10:00:00Z", "code": "backed_out"}}),
		fx.change_with({"id": "CHG-2026-0043", "closure": {"at": "2026-10-07T10:00:00Z", "code": "unsuccessful"}}),
		fx.change_with({"id": "CHG-2026-0044", "closure": {}}),
		fx.patch(fx.change_without(["closure"]), {"id": "CHG-2026-0045", "status": "reviewed", "review": {"at": "2026-10-07T09:00:00Z", "outcome": "failed"}}),
		fx.patch(fx.change_without(["closure", "review"]), {"id": "CHG-2026-0046", "status": "implemented", "closure": {"code": "backed_out"}}),
		fx.change_with({"id": "CHG-2026-0047", "status": "cancelled"}),
		fx.change_with({"id": "CHG-2026-0048", "status": "scheduled"}),
		fx.patch(fx.emergency, {"configuration_items": []}),
	]
	count(change_cmdb_update.violation) == 0 with input as fx.world_with({"change": changes, "configuration_item": [_stale_ci]})
}

test_pass_no_completion_or_unknown_item if {
	changes := [
		fx.change_with({"implementation": {"started": "2026-10-05T22:05:00Z", "by": "bob"}}),
		fx.change_with({"id": "CHG-2026-0043", "configuration_items": ["CI-0999"]}),
		fx.patch(fx.change_without(["configuration_items"]), {"id": "CHG-2026-0044"}),
		fx.patch(fx.emergency, {"configuration_items": []}),
	]
	count(change_cmdb_update.violation) == 0 with input as fx.world_with({"change": changes, "configuration_item": [_stale_ci]})
}

test_fail_completion_day_is_local if {
	# In UTC, the default zone, 20:30 at -05:00 is on 11 September: a verification dated the 10th is before it.
	change := fx.change_with({"implementation": {"started": "2026-09-10T20:00:00-05:00", "completed": "2026-09-10T20:30:00-05:00", "by": "bob"}})
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-09-10"})
	emergency := fx.patch(fx.emergency, {"configuration_items": []})
	count(change_cmdb_update.violation) == 1 with input as fx.world_with({"change": [change, emergency], "configuration_item": [ci]})
}

test_pass_verified_the_same_local_day if {
	# The reproduction: in an organisation at -05:00 (America/Chicago in September),
	# completion at 20:30 local time and a verification dated that day are the same day.
	change := fx.change_with({"implementation": {"started": "2026-09-10T20:00:00-05:00", "completed": "2026-09-10T20:30:00-05:00", "by": "bob"}})
	ci := fx.patch(fx.configuration_item, {"last_verified": "2026-09-10"})
	emergency := fx.patch(fx.emergency, {"configuration_items": []})
	count(change_cmdb_update.violation) == 0 with input as fx.world_with({"change": [change, emergency], "configuration_item": [ci]})
		with input.config.timezone as "America/Chicago"
}
