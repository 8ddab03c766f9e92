package cobit.change_window_test

import data.cobit.change_window
import data.lib.fixtures_test as fx

_finding(message, field) := {
	"check": "REG-CHG-007",
	"kind": "change",
	"id": "CHG-2026-0042",
	"message": message,
	"field": field,
}

test_meta if {
	change_window.meta.id == "REG-CHG-007"
	change_window.meta.controls.cobit4 == ["AI6.4", "AI7.8"]
}

test_fail_started_early if {
	change := fx.change_with({"implementation": {"started": "2026-10-05T21:30:00Z", "completed": "2026-10-05T23:30:00Z"}})
	found := change_window.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T21:30:00Z, before its window opened at 2026-10-05T22:00:00Z",
		["implementation", "started"],
	)}
}

test_fail_started_early_by_offset if {
	change := fx.change_with({"implementation": {"started": "2026-10-05T23:30:00+02:00"}})
	found := change_window.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-05T23:30:00+02:00, before its window opened at 2026-10-05T22:00:00Z",
		["implementation", "started"],
	)}
}

test_fail_completed_late if {
	change := fx.change_with({"implementation": {"started": "2026-10-05T22:05:00Z", "completed": "2026-10-06T03:00:00Z"}})
	found := change_window.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 completed implementation at 2026-10-06T03:00:00Z, after its window closed at 2026-10-06T02:00:00Z",
		["implementation", "completed"],
	)}
}

test_fail_started_after_window_not_completed if {
	change := fx.change_with({"status": "scheduled", "implementation": {"started": "2026-10-06T02:30:00Z"}})
	found := change_window.violation with input as fx.changes([change])
	found == {_finding(
		"CHG-2026-0042 started implementation at 2026-10-06T02:30:00Z, after its window closed at 2026-10-06T02:00:00Z",
		["implementation", "started"],
	)}
}

test_fail_no_schedule if {
	change := fx.change_without(["schedule"])
	found := change_window.violation with input as fx.changes([change])
	found == {
		_finding(
			"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z with no scheduled window start on record",
			["schedule", "start"],
		),
		_finding(
			"CHG-2026-0042 started implementation at 2026-10-05T22:05:00Z with no scheduled window end on record",
			["schedule", "end"],
		),
	}
}

test_fail_schedule_without_end if {
	change := fx.change_with({"status": "implemented", "implementation": null, "schedule": {"start": "2026-10-05T22:00:00Z"}})
	found := change_window.violation with input as fx.changes([change])
	found == {_finding("CHG-2026-0042 has status implemented with no scheduled window end on record", ["schedule", "end"])}
}

test_fail_emergency_outside_window if {
	change := fx.patch(fx.emergency, {"implementation": {"started": "2026-10-05T22:05:00Z", "completed": "2026-10-06T04:00:00Z"}})
	found := change_window.violation with input as fx.changes([change])
	found == {{
		"check": "REG-CHG-007",
		"kind": "change",
		"id": "CHG-2026-0050",
		"message": "CHG-2026-0050 completed implementation at 2026-10-06T04:00:00Z, after its window closed at 2026-10-06T02:00:00Z",
		"field": ["implementation", "completed"],
	}}
}

test_fail_closed_without_window if {
	found := change_window.violation with input as fx.changes([fx.closed_without_work])
	found == {
		_finding("CHG-2026-0042 has status closed with no scheduled window start on record", ["schedule", "start"]),
		_finding("CHG-2026-0042 has status closed with no scheduled window end on record", ["schedule", "end"]),
	}
}

test_pass_closed_as_cancelled_without_window if {
	count(change_window.violation) == 0 with input as fx.changes([fx.cancelled_change])
}

test_pass_inside_window if {
	count(change_window.violation) == 0 with input as fx.changes([fx.change])
}

test_pass_at_window_edges if {
	change := fx.change_with({"implementation": {"started": "2026-10-05T22:00:00Z", "completed": "2026-10-06T02:00:00Z"}})
	count(change_window.violation) == 0 with input as fx.changes([change])
}

test_pass_not_yet_implemented if {
	change := fx.patch(fx.change_without(["schedule", "implementation"]), {"status": "approved"})
	count(change_window.violation) == 0 with input as fx.changes([change])
}

test_pass_unscheduled_emergency_or_standard if {
	emergency := fx.patch(fx.emergency, {"schedule": null})
	standard := fx.change_with({"id": "CHG-2026-0043", "type": "standard", "schedule": {}})
	count(change_window.violation) == 0 with input as fx.changes([emergency, standard])
}

test_pass_started_in_window_not_completed if {
	change := fx.change_with({"status": "scheduled", "implementation": {"started": "2026-10-05T23:00:00Z"}})
	count(change_window.violation) == 0 with input as fx.changes([change])
}
