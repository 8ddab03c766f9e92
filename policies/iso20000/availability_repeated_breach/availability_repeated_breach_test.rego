package iso20000.availability_repeated_breach_test

import data.iso20000.availability_repeated_breach
import data.lib.fixtures_test as fx

_report(period, availability) := fx.patch(fx.service_report, {
	"id": sprintf("SR-%s-SVC-0001", [period]),
	"period": period,
	"availability": availability,
})

_finding(message) := {
	"check": "REG-AVL-001",
	"kind": "service",
	"id": "SVC-0001",
	"message": message,
	"field": ["sla", "availability"],
}

# The world with whole kinds replaced by the given lists of records.
_world(records) := fx.doc(object.union(fx.world_records, records))

# The world's incidents, both opened in October 2026, with no problem linked to either.
_unlinked := {"problem": [], "incident": [fx.incident, object.remove(fx.major_incident, ["problem"])]}

_below := [_report("2026-09", 98.9), _report("2026-10", 99.1)]

_two_months := "SVC-0001 missed its 99.5 % availability target in each of its last 2 monthly reports (2026-09: 98.9 %, 2026-10: 99.1 %) and no problem record covers an incident on it opened in those months"

test_meta if {
	availability_repeated_breach.meta.id == "REG-AVL-001"
	availability_repeated_breach.meta.config == ["thresholds.availability_breach_months"]
	availability_repeated_breach.meta.controls.iso20000 == ["8.7.1", "8.6.3"]
}

test_fail_two_months_below_target if {
	found := availability_repeated_breach.violation with input as _world(object.union(_unlinked, {"service_report": _below}))
	found == {_finding(_two_months)}
}

test_fail_without_any_incident if {
	found := availability_repeated_breach.violation with input as _world({"problem": [], "incident": [], "service_report": _below})
	found == {_finding(_two_months)}
}

test_fail_months_from_config if {
	reports := array.concat(_below, [_report("2026-08", 97)])
	found := availability_repeated_breach.violation with input as _world(object.union(_unlinked, {"service_report": reports}))
		with input.config.thresholds.availability_breach_months as 3
	found == {_finding("SVC-0001 missed its 99.5 % availability target in each of its last 3 monthly reports (2026-08: 97 %, 2026-09: 98.9 %, 2026-10: 99.1 %) and no problem record covers an incident on it opened in those months")}
}

test_fail_single_month_window if {
	found := availability_repeated_breach.violation with input as _world(object.union(_unlinked, {"service_report": [_report("2026-10", 99.1)]}))
		with input.config.thresholds.availability_breach_months as 1
	found == {_finding("SVC-0001 missed its 99.5 % availability target in its latest monthly report (2026-10: 99.1 %) and no problem record covers an incident on it opened in that month")}
}

test_fail_window_across_year_end if {
	reports := [_report("2025-12", 99), _report("2026-01", 99.2)]
	found := availability_repeated_breach.violation with input as _world(object.union(_unlinked, {"service_report": reports}))
	found == {_finding("SVC-0001 missed its 99.5 % availability target in each of its last 2 monthly reports (2025-12: 99 %, 2026-01: 99.2 %) and no problem record covers an incident on it opened in those months")}
}

test_fail_duplicate_reports_all_below if {
	reports := array.concat(_below, [fx.patch(_report("2026-10", 98), {"id": "SR-2026-10-SVC-0001-B"})])
	found := availability_repeated_breach.violation with input as _world(object.union(_unlinked, {"service_report": reports}))
	found == {_finding("SVC-0001 missed its 99.5 % availability target in each of its last 2 monthly reports (2026-09: 98.9 %, 2026-10: 98 %, 2026-10: 99.1 %) and no problem record covers an incident on it opened in those months")}
}

test_fail_quarterly_report_ignored if {
	reports := array.concat(_below, [fx.patch(_report("2026-Q4", 99.9), {"id": "SR-2026-Q4-SVC-0001"})])
	found := availability_repeated_breach.violation with input as _world(object.union(_unlinked, {"service_report": reports}))
	found == {_finding(_two_months)}
}

test_fail_problem_names_unknown_incident if {
	problem := fx.patch(fx.problem, {"incidents": ["INC-2026-0404"]})
	records := {"problem": [problem], "incident": _unlinked.incident, "service_report": _below}
	found := availability_repeated_breach.violation with input as _world(records)
	found == {_finding(_two_months)}
}

test_fail_incident_names_missing_problem if {
	records := {"problem": [], "incident": [fx.incident, fx.major_incident], "service_report": _below}
	found := availability_repeated_breach.violation with input as _world(records)
	found == {_finding(_two_months)}
}

test_fail_problem_covers_incident_before_window if {
	incident := fx.patch(fx.major_incident, {"opened": "2026-08-31T23:00:00Z"})
	records := {"incident": [fx.incident, incident], "service_report": _below}
	found := availability_repeated_breach.violation with input as _world(records)
	found == {_finding(_two_months)}
}

test_fail_problem_covers_incident_on_another_service if {
	incident := fx.patch(fx.major_incident, {"services": ["SVC-0002"]})
	records := {"incident": [fx.incident, incident], "service_report": _below}
	found := availability_repeated_breach.violation with input as _world(records)
	found == {_finding(_two_months)}
}

test_pass_problem_lists_incident_in_window if {
	problem := fx.patch(fx.problem, {"incidents": ["INC-2026-0007"]})
	records := {"problem": [problem], "incident": _unlinked.incident, "service_report": _below}
	count(availability_repeated_breach.violation) == 0 with input as _world(records)
}

test_pass_incident_names_problem if {
	problem := fx.patch(fx.problem, {"incidents": []})
	records := {"problem": [problem], "incident": [fx.incident, fx.major_incident], "service_report": _below}
	count(availability_repeated_breach.violation) == 0 with input as _world(records)
}

test_pass_problem_covers_incident_in_earlier_window_month if {
	incident := fx.patch(fx.major_incident, {"opened": "2026-09-01T00:00:00Z"})
	records := {"incident": [fx.incident, incident], "service_report": _below}
	count(availability_repeated_breach.violation) == 0 with input as _world(records)
}

test_pass_one_month_at_target if {
	reports := [_report("2026-09", 98.9), _report("2026-10", 99.5)]
	count(availability_repeated_breach.violation) == 0 with input as _world(object.union(_unlinked, {"service_report": reports}))
}

test_pass_duplicate_report_meets_target if {
	reports := array.concat(_below, [fx.patch(_report("2026-09", 99.7), {"id": "SR-2026-09-SVC-0001-B"})])
	count(availability_repeated_breach.violation) == 0 with input as _world(object.union(_unlinked, {"service_report": reports}))
}

test_pass_latest_month_recovered if {
	reports := [_report("2026-08", 98), _report("2026-09", 98.9), _report("2026-10", 99.9)]
	count(availability_repeated_breach.violation) == 0 with input as _world(object.union(_unlinked, {"service_report": reports}))
}

test_pass_months_not_consecutive if {
	reports := [_report("2026-08", 98), _report("2026-10", 99.1)]
	count(availability_repeated_breach.violation) == 0 with input as _world(object.union(_unlinked, {"service_report": reports}))
}

test_pass_fewer_reports_than_months if {
	count(availability_repeated_breach.violation) == 0 with input as _world(object.union(_unlinked, {"service_report": _below}))
		with input.config.thresholds.availability_breach_months as 3
}

test_pass_zero_months if {
	count(availability_repeated_breach.violation) == 0 with input as _world(object.union(_unlinked, {"service_report": _below}))
		with input.config.thresholds.availability_breach_months as 0
}

test_pass_retired_service if {
	records := object.union(_unlinked, {"service_report": _below, "service": [fx.patch(fx.service, {"status": "retired"})]})
	count(availability_repeated_breach.violation) == 0 with input as _world(records)
}

test_pass_service_without_target if {
	records := object.union(_unlinked, {"service_report": _below, "service": [fx.patch(fx.service, {"sla": {}})]})
	count(availability_repeated_breach.violation) == 0 with input as _world(records)
}

test_pass_reports_of_another_service if {
	reports := [fx.patch(r, {"service": "SVC-0002"}) | some r in _below]
	count(availability_repeated_breach.violation) == 0 with input as _world(object.union(_unlinked, {"service_report": reports}))
}

test_pass_world if {
	count(availability_repeated_breach.violation) == 0 with input as fx.world
}
