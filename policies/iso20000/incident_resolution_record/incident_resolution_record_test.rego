package iso20000.incident_resolution_record_test

import data.iso20000.incident_resolution_record
import data.lib.fixtures_test as fx

_incident(fields) := fx.patch(fx.incident, fields)

_finding(message, field) := {
	"check": "REG-INC-002",
	"kind": "incident",
	"id": "INC-2026-0001",
	"message": message,
	"field": field,
}

_doc(incident) := fx.world_with({"incident": [incident]})

test_meta if {
	incident_resolution_record.meta.id == "REG-INC-002"
	incident_resolution_record.meta.severity == "low"
	not incident_resolution_record.meta.controls.iso27002
	not incident_resolution_record.meta.controls.iso17799
}

test_fail_closed_without_resolved if {
	found := incident_resolution_record.violation with input as _doc(object.remove(fx.incident, ["resolved"]))
	found == {_finding("INC-2026-0001 has status closed but no valid resolved timestamp", ["resolved"])}
}

test_fail_resolved_without_resolved if {
	incident := object.remove(_incident({"status": "resolved"}), ["resolved", "closed"])
	found := incident_resolution_record.violation with input as _doc(incident)
	found == {_finding("INC-2026-0001 has status resolved but no valid resolved timestamp", ["resolved"])}
}

test_fail_unreadable_resolved if {
	found := incident_resolution_record.violation with input as _doc(_incident({"resolved": "2026-10-06 12:00"}))
	found == {_finding("INC-2026-0001 has status closed but no valid resolved timestamp", ["resolved"])}
}

test_fail_closed_without_closed if {
	found := incident_resolution_record.violation with input as _doc(object.remove(fx.incident, ["closed"]))
	found == {_finding("INC-2026-0001 has status closed but no valid closed timestamp", ["closed"])}
}

test_fail_closed_without_any_timestamp if {
	found := incident_resolution_record.violation with input as _doc(object.remove(fx.incident, ["resolved", "closed"]))
	found == {
		_finding("INC-2026-0001 has status closed but no valid resolved timestamp", ["resolved"]),
		_finding("INC-2026-0001 has status closed but no valid closed timestamp", ["closed"]),
	}
}

test_fail_resolved_before_opened if {
	found := incident_resolution_record.violation with input as _doc(_incident({"resolved": "2026-10-06T07:59:59Z"}))
	found == {_finding("INC-2026-0001 was resolved at 2026-10-06T07:59:59Z, before it was opened at 2026-10-06T08:00:00Z", ["resolved"])}
}

test_fail_closed_before_resolved if {
	found := incident_resolution_record.violation with input as _doc(_incident({"closed": "2026-10-06T11:00:00Z"}))
	found == {_finding("INC-2026-0001 was closed at 2026-10-06T11:00:00Z, before it was resolved at 2026-10-06T12:00:00Z", ["closed"])}
}

test_fail_order_compared_across_time_zones if {
	found := incident_resolution_record.violation with input as _doc(_incident({"closed": "2026-10-06T13:30:00+02:00"}))
	found == {_finding("INC-2026-0001 was closed at 2026-10-06T13:30:00+02:00, before it was resolved at 2026-10-06T12:00:00Z", ["closed"])}
}

test_fail_open_incident_with_timestamps_out_of_order if {
	incident := object.remove(_incident({"status": "open", "resolved": "2026-10-05T08:00:00Z"}), ["closed"])
	found := incident_resolution_record.violation with input as _doc(incident)
	found == {_finding("INC-2026-0001 was resolved at 2026-10-05T08:00:00Z, before it was opened at 2026-10-06T08:00:00Z", ["resolved"])}
}

test_pass_timestamps_in_order if {
	count(incident_resolution_record.violation) == 0 with input as fx.world
}

test_pass_same_instant if {
	incident := _incident({"resolved": "2026-10-06T08:00:00Z", "closed": "2026-10-06T10:00:00+02:00"})
	count(incident_resolution_record.violation) == 0 with input as _doc(incident)
}

test_pass_resolved_not_yet_closed if {
	incident := object.remove(_incident({"status": "resolved"}), ["closed"])
	count(incident_resolution_record.violation) == 0 with input as _doc(incident)
}

test_pass_open_incident if {
	incident := object.remove(_incident({"status": "open"}), ["resolved", "closed"])
	count(incident_resolution_record.violation) == 0 with input as _doc(incident)
}
