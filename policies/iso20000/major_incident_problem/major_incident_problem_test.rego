package iso20000.major_incident_problem_test

import data.iso20000.major_incident_problem
import data.lib.fixtures_test as fx

_incident(fields) := fx.patch(fx.major_incident, fields)

_unlinked := object.remove(fx.major_incident, ["problem"])

# The world's problem without its list of incidents: only the incident's own field can link them.
_problem_unlisting := fx.patch(fx.problem, {"incidents": []})

# The world with an incident replaced, and no problem listing it.
_world(incident) := fx.world_with({"incident": [incident], "problem": [_problem_unlisting]})

_finding(message) := {
	"check": "REG-INC-001",
	"kind": "incident",
	"id": "INC-2026-0007",
	"message": message,
	"field": ["problem"],
}

test_meta if {
	major_incident_problem.meta.id == "REG-INC-001"
	major_incident_problem.meta.kinds == ["incident", "problem"]
	major_incident_problem.meta.config == ["thresholds.major_incident_problem_days"]
}

test_fail_major_p1_without_problem if {
	found := major_incident_problem.violation with input as _world(_unlinked)
	found == {_finding("INC-2026-0007 is a major P1 incident opened at 2026-10-05T21:00:00Z, more than 5 days ago, that names no problem")}
}

test_fail_p1_not_marked_major if {
	incident := object.remove(_unlinked, ["major"])
	found := major_incident_problem.violation with input as _world(incident)
	found == {_finding("INC-2026-0007 is a P1 incident opened at 2026-10-05T21:00:00Z, more than 5 days ago, that names no problem")}
}

test_fail_major_p2 if {
	incident := fx.patch(_unlinked, {"priority": "P2"})
	found := major_incident_problem.violation with input as _world(incident)
	found == {_finding("INC-2026-0007 is a major P2 incident opened at 2026-10-05T21:00:00Z, more than 5 days ago, that names no problem")}
}

test_fail_blank_problem if {
	found := major_incident_problem.violation with input as _world(_incident({"problem": ""}))
	found == {_finding("INC-2026-0007 is a major P1 incident opened at 2026-10-05T21:00:00Z, more than 5 days ago, that names no problem")}
}

test_fail_problem_not_on_record if {
	found := major_incident_problem.violation with input as _world(_incident({"problem": "PRB-2026-0404"}))
	found == {_finding("INC-2026-0007 is a major P1 incident opened at 2026-10-05T21:00:00Z, more than 5 days ago, whose problem PRB-2026-0404 is not a problem record")}
}

test_fail_open_incident if {
	incident := object.remove(fx.patch(_unlinked, {"status": "open"}), ["resolved", "closed"])
	found := major_incident_problem.violation with input as _world(incident)
	found == {_finding("INC-2026-0007 is a major P1 incident opened at 2026-10-05T21:00:00Z, more than 5 days ago, that names no problem")}
}

# Opened late on 17 November: 6 days before the reference day, 23 November.
test_fail_just_past_limit if {
	incident := fx.patch(_unlinked, {"opened": "2026-11-17T23:59:59Z", "resolved": "2026-11-19T02:00:00Z", "closed": "2026-11-19T09:00:00Z"})
	found := major_incident_problem.violation with input as _world(incident)
	found == {_finding("INC-2026-0007 is a major P1 incident opened at 2026-11-17T23:59:59Z, more than 5 days ago, that names no problem")}
}

# Opened at the first instant of 18 November: day 5, still within the limit.
test_pass_exactly_at_limit if {
	incident := fx.patch(_unlinked, {"opened": "2026-11-18T00:00:00Z", "resolved": "2026-11-19T02:00:00Z", "closed": "2026-11-19T09:00:00Z"})
	count(major_incident_problem.violation) == 0 with input as _world(incident)
}

test_fail_limit_from_config if {
	incident := fx.patch(_unlinked, {"opened": "2026-11-20T08:00:00Z", "resolved": "2026-11-20T10:00:00Z", "closed": "2026-11-21T09:00:00Z"})
	found := major_incident_problem.violation with input as _world(incident)
		with input.config.thresholds.major_incident_problem_days as 2
	found == {_finding("INC-2026-0007 is a major P1 incident opened at 2026-11-20T08:00:00Z, more than 2 days ago, that names no problem")}
}

test_pass_recent_major_incident if {
	incident := fx.patch(_unlinked, {"opened": "2026-11-20T08:00:00Z", "resolved": "2026-11-20T10:00:00Z", "closed": "2026-11-21T09:00:00Z"})
	count(major_incident_problem.violation) == 0 with input as _world(incident)
}

test_pass_listed_by_a_problem_without_naming_it if {
	count(major_incident_problem.violation) == 0 with input as fx.world_with({"incident": [_unlinked]})
}

test_pass_listed_by_a_problem_naming_a_missing_one if {
	incident := _incident({"problem": "PRB-2026-0404"})
	count(major_incident_problem.violation) == 0 with input as fx.world_with({"incident": [incident]})
}

test_pass_problem_on_record if {
	count(major_incident_problem.violation) == 0 with input as fx.world
}

test_pass_minor_incident_without_problem if {
	incident := fx.patch(_unlinked, {"priority": "P2", "major": false})
	count(major_incident_problem.violation) == 0 with input as _world(incident)
}
