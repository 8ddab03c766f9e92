package security.critical_vulnerabilities_open_test

import data.lib.fixtures_test as fx
import data.security.critical_vulnerabilities_open

_finding(id, message) := {
	"check": "REG-SEC-010",
	"kind": "configuration_item",
	"id": id,
	"message": message,
	"field": [],
}

# A vulnerability scan of some items reporting a number of open critical vulnerabilities.
_scan(id, subject, at, open) := object.union(
	fx.evidence_of(id, "vulnerability_scan", subject, at, "fail"),
	{"details": {"critical_open": open}},
)

# The world's scan of both items, reporting a number of open criticals.
_world_scan(open) := _scan("EV-2026-0106", ["CI-0001", "CI-0002"], "2026-11-10T09:00:00Z", open)

_single(id, ev, at, open) := _finding(id, sprintf(
	"%s has had %s open since its vulnerability scan %s at %s, more than 15 days ago",
	[id, open, ev, at],
))

test_meta if {
	critical_vulnerabilities_open.meta.id == "REG-SEC-010"
	critical_vulnerabilities_open.meta.severity == "critical"
	critical_vulnerabilities_open.meta.kinds == ["configuration_item", "evidence"]
	critical_vulnerabilities_open.meta.config == ["thresholds.critical_vulnerability_days"]
}

test_pass_world if {
	count(critical_vulnerabilities_open.violation) == 0 with input as fx.world
}

test_fail_latest_scan_old_and_open if {
	doc := fx.world_with({"evidence": [_scan("EV-2026-0106", ["CI-0001", "CI-0002"], "2026-11-01T09:00:00Z", 2)]})
	found := critical_vulnerabilities_open.violation with input as doc
	found == {
		_single("CI-0001", "EV-2026-0106", "2026-11-01T09:00:00Z", "2 critical vulnerabilities"),
		_single("CI-0002", "EV-2026-0106", "2026-11-01T09:00:00Z", "2 critical vulnerabilities"),
	}
}

test_pass_recent_scan_open if {
	count(critical_vulnerabilities_open.violation) == 0 with input as fx.world_with({"evidence": [_world_scan(2)]})
}

# 2026-11-08 is day 15 before the reference day, 23 November: within the limit from its first instant.
test_pass_exactly_at_the_limit if {
	doc := fx.world_with({"evidence": [_scan("EV-2026-0106", ["CI-0002"], "2026-11-08T00:00:00Z", 1)]})
	count(critical_vulnerabilities_open.violation) == 0 with input as doc
}

test_fail_just_past_the_limit if {
	doc := fx.world_with({"evidence": [_scan("EV-2026-0106", ["CI-0002"], "2026-11-07T23:59:59Z", 1)]})
	found := critical_vulnerabilities_open.violation with input as doc
	found == {_single("CI-0002", "EV-2026-0106", "2026-11-07T23:59:59Z", "1 critical vulnerability")}
}

test_fail_still_open_at_a_later_scan if {
	doc := fx.world_with({"evidence": [
		_scan("EV-2026-0090", ["CI-0002"], "2026-10-01T09:00:00Z", 3),
		_world_scan(1),
	]})
	found := critical_vulnerabilities_open.violation with input as doc
	found == {_finding("CI-0002", concat("", [
		"CI-0002 has had critical vulnerabilities open since its vulnerability scan EV-2026-0090 at 2026-10-01T09:00:00Z, ",
		"more than 15 days ago; its latest scan, EV-2026-0106 at 2026-11-10T09:00:00Z, still reports 1",
	]))}
}

test_pass_fixed_by_a_later_scan if {
	doc := fx.world_with({"evidence": [_scan("EV-2026-0090", ["CI-0002"], "2026-10-01T09:00:00Z", 3)]})
	count(critical_vulnerabilities_open.violation) == 0 with input as doc
}

test_fail_open_again_after_a_clear_scan if {
	doc := fx.world_with({"evidence": [
		_scan("EV-2026-0080", ["CI-0002"], "2026-09-01T09:00:00Z", 4),
		_scan("EV-2026-0090", ["CI-0002"], "2026-10-01T09:00:00Z", 0),
		_scan("EV-2026-0095", ["CI-0002"], "2026-10-20T09:00:00Z", 2),
		_world_scan(1),
	]})
	found := critical_vulnerabilities_open.violation with input as doc
	found == {_finding("CI-0002", concat("", [
		"CI-0002 has had critical vulnerabilities open since its vulnerability scan EV-2026-0095 at 2026-10-20T09:00:00Z, ",
		"more than 15 days ago; its latest scan, EV-2026-0106 at 2026-11-10T09:00:00Z, still reports 1",
	]))}
}

test_pass_open_again_only_recently if {
	doc := fx.world_with({"evidence": [
		_scan("EV-2026-0080", ["CI-0002"], "2026-09-01T09:00:00Z", 4),
		_scan("EV-2026-0090", ["CI-0002"], "2026-10-01T09:00:00Z", 0),
		_world_scan(2),
	]})
	count(critical_vulnerabilities_open.violation) == 0 with input as doc
}

test_fail_scan_without_a_count_fixes_nothing if {
	doc := fx.world_with({"evidence": [
		_scan("EV-2026-0090", ["CI-0002"], "2026-10-01T09:00:00Z", 3),
		fx.evidence_of("EV-2026-0106", "vulnerability_scan", ["CI-0001", "CI-0002"], "2026-11-10T09:00:00Z", "pass"),
	]})
	found := critical_vulnerabilities_open.violation with input as doc
	found == {_single("CI-0002", "EV-2026-0090", "2026-10-01T09:00:00Z", "3 critical vulnerabilities")}
}

test_fail_limit_from_config if {
	found := critical_vulnerabilities_open.violation with input as fx.world_with({"evidence": [_world_scan(2)]})
		with input.config.thresholds.critical_vulnerability_days as 7
	found == {
		_finding("CI-0001", "CI-0001 has had 2 critical vulnerabilities open since its vulnerability scan EV-2026-0106 at 2026-11-10T09:00:00Z, more than 7 days ago"),
		_finding("CI-0002", "CI-0002 has had 2 critical vulnerabilities open since its vulnerability scan EV-2026-0106 at 2026-11-10T09:00:00Z, more than 7 days ago"),
	}
}

test_pass_limit_from_config if {
	doc := fx.world_with({"evidence": [_scan("EV-2026-0106", ["CI-0001", "CI-0002"], "2026-11-01T09:00:00Z", 2)]})
	count(critical_vulnerabilities_open.violation) == 0 with input as doc
		with input.config.thresholds.critical_vulnerability_days as 30
}

test_pass_out_of_scope_subjects if {
	doc := fx.world_with({
		"configuration_item": [
			fx.patch(fx.configuration_item, {"environment": "staging"}),
			fx.patch(fx.critical_ci, {"status": "retired"}),
		],
		"evidence": [_scan("EV-2026-0106", ["CI-0001", "CI-0002", "SVC-0001", "CI-9999"], "2026-11-01T09:00:00Z", 2)],
	})
	count(critical_vulnerabilities_open.violation) == 0 with input as doc
}

test_pass_nonsense_counts_ignored if {
	doc := fx.world_with({"evidence": [
		_scan("EV-2026-0106", ["CI-0002"], "2026-10-01T09:00:00Z", -1),
		_scan("EV-2026-0091", ["CI-0001"], "2026-10-01T09:00:00Z", "3"),
	]})
	count(critical_vulnerabilities_open.violation) == 0 with input as doc
}
