package cobit.change_stale_test

import data.cobit.change_stale
import data.lib.fixtures_test as fx

_finding(message) := {
	"check": "REG-CHG-016",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": ["status"],
}

# The base change, not yet carried out, with a status and a window ending at a time.
_waiting(status, end) := fx.patch(
	fx.change_without(["implementation", "review", "closure"]),
	{"status": status, "schedule": {"start": "2026-10-05T22:00:00Z", "end": end}},
)

test_meta if {
	change_stale.meta.id == "REG-CHG-016"
	change_stale.meta.severity == "low"
	change_stale.meta.config == ["thresholds.stale_change_days"]
}

test_fail_scheduled_long_ago if {
	found := change_stale.violation with input as fx.world_with({"change": [_waiting("scheduled", "2026-10-06T02:00:00Z")]})
	found == {_finding("CHG-2026-0042 still has status scheduled with no implementation start, though its window ended at 2026-10-06T02:00:00Z, more than 30 days ago")}
}

# Ended on 23 October, 31 days before the reference day.
test_fail_approved_just_past_the_limit if {
	found := change_stale.violation with input as fx.world_with({"change": [_waiting("approved", "2026-10-23T23:59:59Z")]})
	found == {_finding("CHG-2026-0042 still has status approved with no implementation start, though its window ended at 2026-10-23T23:59:59Z, more than 30 days ago")}
}

test_fail_only_completion_recorded if {
	change := fx.patch(_waiting("scheduled", "2026-10-06T02:00:00Z"), {"implementation": {"completed": "2026-10-06T01:00:00Z"}})
	found := change_stale.violation with input as fx.world_with({"change": [change]})
	found == {_finding("CHG-2026-0042 still has status scheduled with no implementation start, though its window ended at 2026-10-06T02:00:00Z, more than 30 days ago")}
}

test_fail_limit_from_config if {
	found := change_stale.violation with input as fx.world_with({"change": [_waiting("scheduled", "2026-11-19T02:00:00Z")]})
		with input.config.thresholds.stale_change_days as 3
	found == {_finding("CHG-2026-0042 still has status scheduled with no implementation start, though its window ended at 2026-11-19T02:00:00Z, more than 3 days ago")}
}

test_pass_world if {
	count(change_stale.violation) == 0 with input as fx.world
}

# Ended on 24 October, 30 days before the reference day: day 30 is within the limit.
test_pass_exactly_at_the_limit if {
	count(change_stale.violation) == 0 with input as fx.world_with({"change": [_waiting("scheduled", "2026-10-24T00:00:00Z")]})
}

test_pass_limit_from_config_not_reached if {
	count(change_stale.violation) == 0 with input as fx.world_with({"change": [_waiting("scheduled", "2026-10-06T02:00:00Z")]})
		with input.config.thresholds.stale_change_days as 60
}

test_pass_started if {
	change := fx.patch(_waiting("scheduled", "2026-10-06T02:00:00Z"), {"implementation": {"started": "2026-10-05T22:05:00Z"}})
	count(change_stale.violation) == 0 with input as fx.world_with({"change": [change]})
}

test_pass_other_statuses if {
	changes := [_waiting(s, "2026-10-06T02:00:00Z") | some s in ["draft", "submitted", "implemented", "reviewed", "closed", "rejected", "cancelled"]]
	inputs := [fx.world_with({"change": [c]}) | some c in changes]
	every doc in inputs {
		count(change_stale.violation) == 0 with input as doc
	}
}

test_pass_no_window if {
	change := object.remove(_waiting("approved", "2026-10-06T02:00:00Z"), ["schedule"])
	count(change_stale.violation) == 0 with input as fx.world_with({"change": [change]})
}
