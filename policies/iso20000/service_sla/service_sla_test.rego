package iso20000.service_sla_test

import data.iso20000.service_sla
import data.lib.fixtures_test as fx

_service(fields) := fx.patch(fx.service, fields)

_sla(fields) := fx.patch(fx.service.sla, fields)

_finding(message, field) := {
	"check": "REG-SLM-001",
	"kind": "service",
	"id": "SVC-0001",
	"message": message,
	"field": field,
}

test_meta if {
	service_sla.meta.id == "REG-SLM-001"
	service_sla.meta.kinds == ["service"]
	service_sla.meta.controls.iso20000 == ["8.3.3"]
}

test_fail_no_sla if {
	found := service_sla.violation with input as fx.world_with({"service": [object.remove(fx.service, ["sla"])]})
	found == {_finding("SVC-0001 is an active service with no service level agreement (sla)", ["sla"])}
}

test_fail_null_sla if {
	found := service_sla.violation with input as fx.world_with({"service": [_service({"sla": null})]})
	found == {_finding("SVC-0001 is an active service with no service level agreement (sla)", ["sla"])}
}

test_fail_no_availability_target if {
	sla := object.remove(fx.service.sla, ["availability"])
	found := service_sla.violation with input as fx.world_with({"service": [_service({"sla": sla})]})
	found == {_finding("SVC-0001 is an active service whose sla sets no availability target", ["sla", "availability"])}
}

test_fail_some_priorities_missing if {
	sla := _sla({"resolution_hours": {"P1": 4, "P2": 8}})
	found := service_sla.violation with input as fx.world_with({"service": [_service({"sla": sla})]})
	found == {_finding("SVC-0001 is an active service whose sla sets no resolution_hours for P3, P4", ["sla", "resolution_hours"])}
}

test_fail_priority_not_a_number if {
	sla := _sla({"resolution_hours": {"P1": 4, "P2": "8h", "P3": 24, "P4": null}})
	found := service_sla.violation with input as fx.world_with({"service": [_service({"sla": sla})]})
	found == {_finding("SVC-0001 is an active service whose sla sets no resolution_hours for P2, P4", ["sla", "resolution_hours"])}
}

test_fail_empty_sla if {
	found := service_sla.violation with input as fx.world_with({"service": [_service({"sla": {}})]})
	found == {
		_finding("SVC-0001 is an active service whose sla sets no availability target", ["sla", "availability"]),
		_finding("SVC-0001 is an active service whose sla sets no resolution_hours for P1, P2, P3, P4", ["sla", "resolution_hours"]),
	}
}

test_pass_complete_sla if {
	count(service_sla.violation) == 0 with input as fx.world
}

test_pass_zero_targets_are_set if {
	sla := {"availability": 0, "resolution_hours": {"P1": 0, "P2": 0, "P3": 0, "P4": 0}}
	count(service_sla.violation) == 0 with input as fx.world_with({"service": [_service({"sla": sla})]})
}

test_pass_response_minutes_not_required if {
	sla := object.remove(fx.service.sla, ["response_minutes"])
	count(service_sla.violation) == 0 with input as fx.world_with({"service": [_service({"sla": sla})]})
}

test_pass_retired_service_without_sla if {
	service := object.remove(_service({"status": "retired"}), ["sla"])
	count(service_sla.violation) == 0 with input as fx.world_with({"service": [service]})
}

test_pass_no_services if {
	count(service_sla.violation) == 0 with input as fx.doc({"incident": [fx.incident]})
}
