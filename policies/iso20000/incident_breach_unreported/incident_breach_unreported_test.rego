package iso20000.incident_breach_unreported_test

import data.iso20000.incident_breach_unreported
import data.lib.fixtures_test as fx

# The world's P3 incident (24 hours agreed), resolved 30.5 hours after it opened.
_late_incident := fx.patch(fx.incident, {"resolved": "2026-10-07T14:30:00Z", "closed": "2026-10-08T08:00:00Z"})

_finding(message) := {
	"check": "REG-SLM-005",
	"kind": "service_report",
	"id": "SR-2026-10-SVC-0001",
	"message": message,
	"field": ["breaches"],
}

_message := "SR-2026-10-SVC-0001 does not list INC-2026-0001 among its breaches, though that P3 incident on SVC-0001 took 30.5 hours to resolve against an agreed 24 hours"

test_meta if {
	incident_breach_unreported.meta.id == "REG-SLM-005"
	incident_breach_unreported.meta.kinds == ["incident", "service", "service_report"]
}

test_fail_breach_not_listed if {
	found := incident_breach_unreported.violation with input as fx.world_with({"incident": [_late_incident]})
	found == {_finding(_message)}
}

test_fail_breaches_absent if {
	report := object.remove(fx.service_report, ["breaches"])
	found := incident_breach_unreported.violation with input as fx.world_with({"incident": [_late_incident], "service_report": [report]})
	found == {_finding(_message)}
}

test_fail_other_breaches_listed if {
	report := fx.patch(fx.service_report, {"breaches": ["INC-2026-0007", {"incident": "INC-2026-0002"}, "Checkout over 24 hours"]})
	found := incident_breach_unreported.violation with input as fx.world_with({"incident": [_late_incident], "service_report": [report]})
	found == {_finding(_message)}
}

test_fail_resolved_but_not_closed if {
	incident := object.remove(fx.patch(_late_incident, {"status": "resolved"}), ["closed"])
	found := incident_breach_unreported.violation with input as fx.world_with({"incident": [incident]})
	found == {_finding(_message)}
}

# The major P1 incident took 2 hours 40 minutes: within 4 hours, beyond 2.5.
test_fail_agreed_hours_of_the_priority if {
	service := fx.patch(fx.service, {"sla": {"resolution_hours": {"P1": 2.5, "P3": 24}}})
	found := incident_breach_unreported.violation with input as fx.world_with({"service": [service]})
	found == {_finding("SR-2026-10-SVC-0001 does not list INC-2026-0007 among its breaches, though that P1 incident on SVC-0001 took 2.7 hours to resolve against an agreed 2.5 hours")}
}

test_fail_each_report_of_the_month if {
	other := fx.patch(fx.service_report, {"id": "SR-2026-10-SVC-0001-B"})
	found := incident_breach_unreported.violation with input as fx.world_with({"incident": [_late_incident], "service_report": [other]})
	found == {
		_finding(_message),
		{
			"check": "REG-SLM-005",
			"kind": "service_report",
			"id": "SR-2026-10-SVC-0001-B",
			"message": "SR-2026-10-SVC-0001-B does not list INC-2026-0001 among its breaches, though that P3 incident on SVC-0001 took 30.5 hours to resolve against an agreed 24 hours",
			"field": ["breaches"],
		},
	}
}

test_fail_only_the_service_whose_report_exists if {
	service := fx.patch(fx.service, {"id": "SVC-0002", "name": "Payroll"})
	incident := fx.patch(_late_incident, {"services": ["SVC-0001", "SVC-0002"]})
	found := incident_breach_unreported.violation with input as fx.world_with({"incident": [incident], "service": [service]})
	found == {_finding(_message)}
}

test_pass_breach_listed_by_id if {
	report := fx.patch(fx.service_report, {"breaches": ["INC-2026-0001"]})
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [_late_incident], "service_report": [report]})
}

test_pass_breach_listed_as_map if {
	report := fx.patch(fx.service_report, {"breaches": [{"incident": "INC-2026-0001", "target": "resolution_hours"}]})
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [_late_incident], "service_report": [report]})
}

test_pass_resolved_exactly_at_agreed_time if {
	incident := fx.patch(fx.incident, {"resolved": "2026-10-07T08:00:00Z"})
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [incident]})
}

test_pass_report_of_month_resolved_missing if {
	incident := fx.patch(_late_incident, {"opened": "2026-09-29T08:00:00Z", "resolved": "2026-09-30T14:30:00Z"})
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [incident]})
}

# Opened in September, resolved late in October: October's report must list it.
test_fail_month_resolved_not_opened if {
	incident := fx.patch(_late_incident, {"opened": "2026-09-30T08:00:00Z", "resolved": "2026-10-01T14:30:00Z"})
	found := incident_breach_unreported.violation with input as fx.world_with({"incident": [incident]})
	found == {_finding(_message)}
}

test_pass_open_incident if {
	incident := object.remove(fx.patch(_late_incident, {"status": "open"}), ["closed"])
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [incident]})
}

test_pass_no_agreed_time_for_priority if {
	service := fx.patch(fx.service, {"sla": {"resolution_hours": {"P1": 4}}})
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [_late_incident], "service": [service]})
}

test_pass_unknown_service if {
	incident := fx.patch(_late_incident, {"services": ["SVC-0404"]})
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [incident]})
}

test_pass_no_services if {
	incident := object.remove(_late_incident, ["services"])
	count(incident_breach_unreported.violation) == 0 with input as fx.world_with({"incident": [incident]})
}

test_pass_world if {
	count(incident_breach_unreported.violation) == 0 with input as fx.world
}
