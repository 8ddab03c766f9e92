"""Governance checks (REG-GOV-001 to 006): waivers and retests, and dates in the future."""

from __future__ import annotations

from typing import Any

from tests.acceptance.model import Case, Group, Json, Step, breach, lookalike
from tests.acceptance.records import change, change_steps, evidence_files, manifest

GROUPS: dict[str, Group] = {"sydney": Group(config="timezone: Australia/Sydney\n")}


def waiver(wid: str, **fields: Any) -> dict[str, Any]:
    """A waiver of REG-CHG-002 on a change, approved by bob (CAB) for half a year."""
    return {"kind": "waiver", "id": wid, "check": "REG-CHG-002", "records": ["CHG-G-1"],
            "reason": "The only change manager on call raised and approved the hotfix.", "approved_by": "bob",
            "approved_at": "2026-10-01T09:00:00Z", "expires": "2027-03-31", **fields}


def _w(wid: str, by: str = "bob", at: str = "2026-10-01T12:00:00Z", **fields: Any) -> Step:
    return Step(by, at, {f"waivers/{wid}.yaml": waiver(wid, **fields)})


CASES: list[Case] = [
    breach("REG-GOV-001", "expired the day before", _w("WVR-G11", expires="2026-11-22"), flagged=("WVR-G11",)),
    lookalike("REG-GOV-001", "expires on the scan's day", _w("WVR-G12", expires="2026-11-23")),
    breach("REG-GOV-002", "366 local days in Sydney", _w(
        "WVR-G21", approved_at="2026-06-01T09:00:00+10:00", expires="2027-06-02", at="2026-06-01T12:00:00Z"),
        flagged=("WVR-G21",), group="sydney"),
    lookalike("REG-GOV-002", "approved 09:00 in Sydney, 365 local days", _w(
        "WVR-G22", approved_at="2026-06-01T09:00:00+10:00", expires="2027-06-01", at="2026-06-01T12:00:00Z"),
        group="sydney"),
    breach("REG-GOV-003", "emergency CAB accepts risk", _w("WVR-G31", by="dave", approved_by="dave"),
           flagged=("WVR-G31",)),
    breach("REG-GOV-003", "requester waives her own finding",
           *change_steps(change("CHG-G-3", requested_by="alice", approvals=[
               {"by": "alice", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]), approver="alice"),
           _w("WVR-G32", by="alice", approved_by="alice", records=["CHG-G-3"]), flagged=("WVR-G32",)),
    lookalike("REG-GOV-003", "a CAB member with no part in the change", _w("WVR-G33", by="fay", approved_by="fay")),
    breach("REG-GOV-004", "failed restore never retested", Step("carol", "2026-09-01T12:00:00Z", evidence_files(
        manifest("EV-G41", "backup_restore_test", ["CI-G4"], "2026-09-01T10:00:00Z", result="fail"))),
        flagged=("EV-G41",)),
    lookalike("REG-GOV-004", "failed, then passed the next week", Step("carol", "2026-09-01T12:00:00Z",
        evidence_files(manifest("EV-G42", "backup_restore_test", ["CI-G5"], "2026-09-01T10:00:00Z", result="fail"))),
        Step("carol", "2026-09-08T12:00:00Z", evidence_files(manifest(
            "EV-G43", "backup_restore_test", ["CI-G5"], "2026-09-08T10:00:00Z")))),
    breach("REG-GOV-005", "verified the day after its commit", Step("alice", "2026-11-10T12:00:00Z", {
        "cmdb/CI-G51.yaml": {"kind": "configuration_item", "id": "CI-G51", "name": "ledger-stg", "type": "database",
                             "owner": "alice", "environment": "staging", "status": "active",
                             "classification": "internal", "criticality": "low", "last_verified": "2026-11-11"}}),
        flagged=("CI-G51",)),
    breach("REG-GOV-005", "collected after the scan's day, in JSON", Step("carol", "2026-11-20T12:00:00Z", {
        "evidence/EV-G52.json": Json(manifest("EV-G52", "log_review", ["CI-1"], "2026-11-24T08:00:00Z")),
        "evidence/artifacts/EV-G52.txt": evidence_files(manifest("EV-G52", "log_review", ["CI-1"],
                                                                  "2026-11-24T08:00:00Z"))[
            "evidence/artifacts/EV-G52.txt"]}), flagged=("EV-G52",)),
    lookalike("REG-GOV-005", "verified on the day of its commit", Step("alice", "2026-11-10T23:30:00Z", {
        "cmdb/CI-G53.yaml": {"kind": "configuration_item", "id": "CI-G53", "name": "ledger2-stg", "type": "database",
                             "owner": "alice", "environment": "staging", "status": "active",
                             "classification": "internal", "criticality": "low", "last_verified": "2026-11-10"}})),
    breach("REG-GOV-006", "misspelt check id", _w("WVR-G61", check="REG-CHG-0002"), flagged=("WVR-G61",)),
    lookalike("REG-GOV-006", "an engine input check", _w("WVR-G62", check="REG-INPUT-002", records=["*"])),
]

# The business alignment checks, in a repository whose organisation records its processes: there,
# a live service no process depends on is worth asking about.
GROUPS["business"] = Group()
_OBJ = {"kind": "objective", "id": "OBJ-B1", "title": "Take card payments around the clock", "owner": "gus"}
_BP = {"kind": "business_process", "id": "BP-B1", "name": "Online checkout", "owner": "gus", "criticality": "high",
       "objectives": ["OBJ-B1"], "services": ["SVC-1"]}
_B_AT = "2026-02-01T10:00:00Z"

CASES += [
    breach("REG-BIZ-001", "process depends on a service with no record", Step("gus", _B_AT, {
        "business/OBJ-B1.yaml": _OBJ, "business/BP-B1.yaml": _BP,
        "business/BP-B2.yaml": {**_BP, "id": "BP-B2", "name": "Refunds", "services": ["SVC-1", "SVC-B404"]}}),
        flagged=("BP-B2",), group="business"),
    lookalike("REG-BIZ-001", "retired process names a service with no record", Step("gus", _B_AT, {
        "business/BP-B3.yaml": Json({**_BP, "id": "BP-B3", "name": "Cheque payments", "status": "retired",
                                     "services": ["SVC-B405"]})}), group="business"),
    breach("REG-BIZ-002", "active service no process depends on", Step("gus", _B_AT, {
        "services/SVC-B2.yaml": {"kind": "service", "id": "SVC-B2", "name": "Fax gateway", "owner": "gus",
                                 "status": "active"}}), flagged=("SVC-B2",), group="business"),
    lookalike("REG-BIZ-002", "the service checkout depends on", Step("gus", _B_AT, {"business/BP-B1.yaml": _BP}),
              owns=frozenset({"SVC-1"}), group="business"),
    breach("REG-BIZ-003", "objective no process serves", Step("gus", _B_AT, {
        "business/OBJ-B3.yaml": {**_OBJ, "id": "OBJ-B3", "title": "Open a second warehouse"}}),
        flagged=("OBJ-B3",), group="business"),
    lookalike("REG-BIZ-003", "objective checkout serves", Step("gus", _B_AT, {
        "business/OBJ-B1.yaml": _OBJ, "business/BP-B1.yaml": _BP}), group="business"),
]
