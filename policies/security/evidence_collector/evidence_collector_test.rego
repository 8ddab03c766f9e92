package security.evidence_collector_test

import data.lib.fixtures_test as fx
import data.security.evidence_collector

_finding(message) := {
	"check": "REG-SEC-013",
	"kind": "evidence",
	"id": "EV-2026-0105",
	"message": message,
	"field": ["collected_by"],
}

# The world's backup evidence, collected by someone at some time.
_backup(by, at) := fx.patch(
	fx.evidence_of("EV-2026-0105", "backup", ["CI-0002"], "2026-11-23T02:00:00Z", "pass"),
	{"collected_by": by, "collected_at": at},
)

test_meta if {
	evidence_collector.meta.id == "REG-SEC-013"
	evidence_collector.meta.kinds == ["evidence"]
	evidence_collector.meta.config == []
	evidence_collector.meta.controls.cobit4 == ["ME2.1"]
}

test_pass_world if {
	count(evidence_collector.violation) == 0 with input as fx.world
}

test_fail_unknown_collector if {
	found := evidence_collector.violation with input as fx.world_with({"evidence": [_backup("zed", "2026-11-23T02:00:00Z")]})
	found == {_finding("EV-2026-0105 was collected by zed, who is not listed in people.yaml")}
}

test_fail_collected_after_leaving if {
	found := evidence_collector.violation with input as fx.world_with({"evidence": [_backup("gina", "2026-11-02T09:00:00Z")]})
	found == {_finding("EV-2026-0105 was collected by gina at 2026-11-02T09:00:00Z, who left on 2026-10-02")}
}

test_fail_collected_on_the_day_of_leaving if {
	found := evidence_collector.violation with input as fx.world_with({"evidence": [_backup("gina", "2026-10-02T00:00:00Z")]})
	found == {_finding("EV-2026-0105 was collected by gina at 2026-10-02T00:00:00Z, who left on 2026-10-02")}
}

test_pass_collected_before_leaving if {
	doc := fx.world_with({"evidence": [_backup("gina", "2026-10-01T23:59:59Z")]})
	count(evidence_collector.violation) == 0 with input as doc
}

# The reproduction: 20:00 on 29 September at -05:00 is 30 September in UTC, but
# in an organisation at -05:00 (America/Chicago in September) it is the evening
# before the day gina leaves.
test_pass_collected_the_local_day_before_leaving if {
	people := object.union(fx.people, {"gina": object.union(fx.people.gina, {"left_on": "2026-09-30"})})
	doc := fx.world_with({"evidence": [_backup("gina", "2026-09-29T20:00:00-05:00")]})
	count(evidence_collector.violation) == 0 with input as doc with input.people as people
		with input.config.timezone as "America/Chicago"
}

test_fail_collected_at_local_midnight_of_leaving if {
	people := object.union(fx.people, {"gina": object.union(fx.people.gina, {"left_on": "2026-09-30"})})
	doc := fx.world_with({"evidence": [_backup("gina", "2026-09-30T00:00:00-05:00")]})
	found := evidence_collector.violation with input as doc with input.people as people
		with input.config.timezone as "America/Chicago"
	found == {_finding("EV-2026-0105 was collected by gina at 2026-09-30T00:00:00-05:00, who left on 2026-09-30")}
}

test_fail_collected_the_utc_day_of_leaving if {
	# The same evidence in an organisation on UTC, the default: collected on the day gina left.
	people := object.union(fx.people, {"gina": object.union(fx.people.gina, {"left_on": "2026-09-30"})})
	doc := fx.world_with({"evidence": [_backup("gina", "2026-09-29T20:00:00-05:00")]})
	count(evidence_collector.violation) == 1 with input as doc with input.people as people
}

test_fail_collected_by_someone_inactive if {
	found := evidence_collector.violation with input as fx.world_with({"evidence": [_backup("frank", "2026-03-01T09:00:00Z")]})
	found == {_finding("EV-2026-0105 was collected by frank at 2026-03-01T09:00:00Z, who is marked inactive in people.yaml")}
}

# An inactive person whose leaving date is recorded was still there before it.
test_pass_inactive_collector_before_leaving_date if {
	people := object.union(fx.people, {"frank": object.union(fx.people.frank, {"left_on": "2026-06-30"})})
	doc := fx.world_with({"evidence": [_backup("frank", "2026-03-01T09:00:00Z")]})
	count(evidence_collector.violation) == 0 with input as doc with input.people as people
}

test_fail_inactive_collector_after_leaving_date if {
	people := object.union(fx.people, {"frank": object.union(fx.people.frank, {"left_on": "2026-02-27"})})
	found := evidence_collector.violation with input as fx.world_with({"evidence": [_backup("frank", "2026-03-01T09:00:00Z")]})
		with input.people as people
	found == {_finding("EV-2026-0105 was collected by frank at 2026-03-01T09:00:00Z, who left on 2026-02-27")}
}

test_pass_current_collectors if {
	doc := fx.world_with({"evidence": [_backup("hugo", "2026-11-23T02:00:00Z")]})
	count(evidence_collector.violation) == 0 with input as doc
}
