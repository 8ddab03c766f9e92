"""Release, incident, problem, service level, supplier, continuity, capacity and configuration checks."""

from __future__ import annotations

from typing import Any

from tests.acceptance.model import Case, Group, Json, Step, breach, lookalike
from tests.acceptance.records import DROP, _apply, change, change_steps, evidence_files, manifest
from tests.acceptance.world import SLA, monthly_reports

GROUPS: dict[str, Group] = {}


def release(rid: str, **fields: Any) -> dict[str, Any]:
    """A production release of CHG-1 deployed by erin, accepted by gus and approved by bob before it."""
    return _apply({
        "kind": "release", "id": rid, "version": "2026.10.1", "changes": ["CHG-O-1"], "status": "deployed",
        "environment": "production", "rollback_plan": "Redeploy 2026.09.3 from the registry.",
        "acceptance": {"passed": True, "at": "2026-10-05T12:00:00Z", "by": "gus"},
        "approvals": [{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-10-05T13:00:00Z"}],
        "deployed": {"at": "2026-10-05T23:30:00Z", "by": "erin"},
    }, fields)


def _r(rid: str, **fields: Any) -> tuple[Step, ...]:
    """Accepted by gus, approved and recorded by bob, deployed and recorded by erin."""
    full = release(rid, **fields)
    return (Step("bob", "2026-10-05T14:00:00Z", {f"releases/{rid}.yaml": {k: v for k, v in full.items()
                                                                        if k != "deployed"} | {"status": "approved"}}),
            Step("erin", "2026-10-06T08:00:00Z", {f"releases/{rid}.yaml": full}))


def _ci(cid: str, **fields: Any) -> dict[str, Any]:
    return _apply({"kind": "configuration_item", "id": cid, "name": cid.lower(), "type": "application",
                   "owner": "alice", "environment": "staging", "status": "active", "classification": "internal",
                   "criticality": "medium", "last_verified": "2026-11-01"}, fields)


def _svc(sid: str, **fields: Any) -> dict[str, Any]:
    return _apply({"kind": "service", "id": sid, "name": f"Service {sid}", "owner": "gus", "status": "active",
                   "criticality": "medium", "sla": SLA}, fields)


def _with_reports(sid: str, record: dict[str, Any], **report: Any) -> tuple[Step, ...]:
    """A service and its monthly reports to October (committed in November)."""
    reports = monthly_reports(sid)
    if report:
        key = f"services/reports/SR-{sid}-2026-10.yaml"
        reports[key] = {**reports[key], **report}
    return (Step("gus", "2026-01-05T12:00:00Z", {f"services/{sid}.yaml": record}),
            Step("alice", "2026-11-05T10:00:00Z", reports))


def _incident(iid: str, **fields: Any) -> dict[str, Any]:
    return _apply({"kind": "incident", "id": iid, "title": "Card payments time out", "priority": "P3",
                   "status": "closed", "opened": "2026-10-05T21:00:00Z", "resolved": "2026-10-05T23:00:00Z",
                   "closed": "2026-10-06T09:00:00Z", "services": ["SVC-1"]}, fields)


def _problem(pid: str, **fields: Any) -> dict[str, Any]:
    return _apply({"kind": "problem", "id": pid, "title": "Connection pool exhausted", "status": "resolved",
                   "opened": "2026-10-06T09:00:00Z", "root_cause": "Pool too small for the peak",
                   "fix_change": "CHG-O-1", "resolved": "2026-10-20T09:00:00Z"}, fields)


def _supplier(sid: str, **fields: Any) -> dict[str, Any]:
    return _apply({"kind": "supplier", "id": sid, "name": "Northwind Hosting", "status": "active",
                   "contract": {"start": "2025-01-01", "end": "2027-12-31", "review_due": "2027-01-31"},
                   "last_review": "2026-06-01", "owner": "gus"}, fields)


_FIX = change_steps(change("CHG-O-1"))
_AT = "2026-11-10T12:00:00Z"

CASES: list[Case] = [
    # Releases (and the change they carry).
    breach("REG-REL-001", "carries a submitted change", *_FIX, Step("carol", "2026-10-01T10:00:00Z", {
        "changes/CHG-O-2.yaml": {**change("CHG-O-2"), "status": "submitted", "approvals": [], "implementation": DROP}
        | {}}), *_r("REL-O11", changes=["CHG-O-1", "CHG-O-2"]), flagged=("REL-O11",)),
    lookalike("REG-REL-001", "carries a standard change without approvals", *_FIX, Step("carol", "2026-10-01T10:00:00Z", {
        "changes/CHG-O-3.yaml": change("CHG-O-3", type="standard", template="STD-1", approvals=[],
                                       test_evidence=DROP)}), *_r("REL-O12", changes=["CHG-O-1", "CHG-O-3"])),
    breach("REG-REL-002", "acceptance names no acceptor", *_FIX, *_r(
        "REL-O21", acceptance={"passed": True, "at": "2026-10-05T12:00:00Z"}), flagged=("REL-O21",)),
    lookalike("REG-REL-002", "accepted at the deployment's instant", *_FIX, *_r(
        "REL-O22", acceptance={"passed": True, "at": "2026-10-06T00:30:00+01:00", "by": "gus"})),
    breach("REG-REL-003", "deployed without a rollback plan", *_FIX, *_r("REL-O31", rollback_plan=" "),
           flagged=("REL-O31",)),
    lookalike("REG-REL-003", "staging release without one", *_FIX, *_r(
        "REL-O32", rollback_plan=DROP, environment="staging")),
    breach("REG-REL-004", "approved the morning after deployment", *_FIX, *_r(
        "REL-O41", approvals=[{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-10-06T07:30:00Z"}]),
        flagged=("REL-O41",)),
    # The record contract requires a date on every decision: an undated one makes the record unreadable
    # to every check (REG-REL-004 would also refuse it, as it cannot show it came first).
    breach("REG-INPUT-002", "release approval without a date", *_FIX, *_r(
        "REL-O44", approvals=[{"by": "bob", "role": "cab", "decision": "approved"}]), flagged=("REL-O44",)),
    breach("REG-REL-004", "approved by a leaver", *_FIX, *_r(
        "REL-O42", approvals=[{"by": "hal", "decision": "approved", "at": "2026-10-05T13:00:00Z"}]),
        flagged=("REL-O42",), people=({"id": "hal", "name": "Hal Hart", "emails": ["hal@example.com"],
                                      "roles": ["cab"], "left_on": "2026-10-05"},)),
    lookalike("REG-REL-004", "approved before leaving, in Production", *_FIX, *_r(
        "REL-O43", environment="Production",
        approvals=[{"by": "ida", "decision": "approved", "at": "2026-10-05T13:00:00Z"}]),
        people=({"id": "ida", "name": "Ida Ito", "emails": ["ida@example.com"], "roles": ["cab"],
                 "left_on": "2026-10-06"},)),
    # Incidents and problems.
    breach("REG-INC-001", "P1 with no problem after 5 days", Step("gus", "2026-10-06T09:00:00Z", {
        "incidents/INC-O11.yaml": _incident("INC-O11", priority="P1")}), flagged=("INC-O11",)),
    lookalike("REG-INC-001", "P1 listed by a problem, not naming it", Step("gus", "2026-10-06T09:00:00Z", {
        "incidents/INC-O12.yaml": _incident("INC-O12", priority="P1")}), *_FIX, Step("gus", "2026-10-21T09:00:00Z", {
            "problems/PRB-O12.yaml": _problem("PRB-O12", incidents=["INC-O12"])})),
    breach("REG-INC-002", "closed before it was resolved", Step("gus", "2026-10-06T09:00:00Z", {
        "incidents/INC-O21.yaml": _incident("INC-O21", closed="2026-10-05T22:00:00Z")}), flagged=("INC-O21",)),
    lookalike("REG-INC-002", "resolved, not yet closed", Step("gus", "2026-10-06T09:00:00Z", {
        "incidents/INC-O22.yaml": _incident("INC-O22", status="resolved", closed=DROP)})),
    breach("REG-PRB-001", "resolved with a blank root cause", *_FIX, Step("gus", _AT, {
        "problems/PRB-O11.yaml": _problem("PRB-O11", root_cause="")}), flagged=("PRB-O11",)),
    lookalike("REG-PRB-001", "open without a root cause", Step("gus", _AT, {
        "problems/PRB-O12b.yaml": _problem("PRB-O12b", status="open", root_cause=DROP, resolved=DROP,
                                           fix_change=DROP)})),
    breach("REG-PRB-002", "fix change closed as cancelled", Step("carol", "2026-10-07T10:00:00Z", {
        "changes/CHG-O-9.yaml": change("CHG-O-9", status="closed", approvals=DROP, schedule=DROP,
                                       implementation=DROP, review=DROP, test_evidence=DROP,
                                       closure={"at": "2026-10-07T09:00:00Z", "code": "cancelled"})}),
        Step("gus", _AT, {"problems/PRB-O21.yaml": _problem("PRB-O21", fix_change="CHG-O-9")}),
        flagged=("PRB-O21",)),
    lookalike("REG-PRB-002", "fix change closed successful", *_FIX, Step("gus", _AT, {
        "problems/PRB-O22.yaml": Json(_problem("PRB-O22"))})),
    breach("REG-PRB-003", "known error without workaround", Step("gus", _AT, {
        "problems/PRB-O31.yaml": _problem("PRB-O31", status="known_error", workaround=" ", resolved=DROP,
                                          fix_change=DROP)}), flagged=("PRB-O31",)),
    lookalike("REG-PRB-003", "known error with workaround", Step("gus", _AT, {
        "problems/PRB-O32.yaml": _problem("PRB-O32", status="known_error", workaround="Restart the pool nightly",
                                          resolved=DROP, fix_change=DROP)})),
    # Service level.
    breach("REG-SLM-001", "no P4 resolution target", *_with_reports("SVC-O11", _svc(
        "SVC-O11", sla={**SLA, "resolution_hours": {"P1": 4, "P2": 8, "P3": 24}})), flagged=("SVC-O11",)),
    lookalike("REG-SLM-001", "no response times, zero targets", *_with_reports(
        "SVC-O12", _svc("SVC-O12", sla={**SLA, "response_minutes": DROP,
                                      "resolution_hours": {"P1": 0, "P2": 8, "P3": 24, "P4": 72}}))),
    breach("REG-SLM-002", "no report for October", Step("gus", "2026-01-05T12:00:00Z", {
        "services/SVC-O21.yaml": _svc("SVC-O21")}), flagged=("SVC-O21",)),
    lookalike("REG-SLM-002", "retired service without reports", Step("gus", "2026-01-05T12:00:00Z", {
        "services/SVC-O22.yaml": _svc("SVC-O22", status="retired")})),
    breach("REG-SLM-003", "shortfall without actions", *_with_reports("SVC-O31", _svc("SVC-O31"), availability=98.1),
           flagged=("SR-SVC-O31-2026-10",)),
    lookalike("REG-SLM-003", "availability exactly at target", *_with_reports("SVC-O32", _svc("SVC-O32"),
                                                                              availability=99.5)),
    breach("REG-SLM-004", "reviewed by someone who had left", *_with_reports(
        "SVC-O41", _svc("SVC-O41"), reviewed_by="jo"), flagged=("SR-SVC-O41-2026-10",),
        people=({"id": "jo", "name": "Jo Jung", "emails": ["jo@example.com"], "roles": ["service-owner"],
                 "active": False},)),
    lookalike("REG-SLM-004", "reviewed before the reviewer left", *_with_reports(
        "SVC-O42", _svc("SVC-O42"), reviewed_by="kim"),
        people=({"id": "kim", "name": "Kim Kahn", "emails": ["kim@example.com"], "roles": ["service-owner"],
                 "left_on": "2026-11-04"},)),
    breach("REG-SLM-005", "P2 resolved in 9 hours, not in October's breaches", Step("gus", "2026-10-10T09:00:00Z", {
        "incidents/INC-O55.yaml": _incident("INC-O55", priority="P2", services=["SVC-O55"],
                                            opened="2026-10-08T09:00:00Z", resolved="2026-10-08T18:00:00Z",
                                            closed="2026-10-09T09:00:00Z")}),
        *_with_reports("SVC-O55", _svc("SVC-O55")), flagged=("SR-SVC-O55-2026-10",)),
    lookalike("REG-SLM-005", "P2 resolved in exactly 8 hours", Step("gus", "2026-10-10T09:00:00Z", {
        "incidents/INC-O56.yaml": _incident("INC-O56", priority="P2", services=["SVC-O56"],
                                            opened="2026-10-08T09:00:00Z", resolved="2026-10-08T18:00:00+01:00",
                                            closed="2026-10-09T09:00:00Z")}),
        *_with_reports("SVC-O56", _svc("SVC-O56"))),
    # Suppliers.
    breach("REG-SUP-001", "contract ended", Step("gus", _AT, {"suppliers/SUP-O11.yaml": _supplier(
        "SUP-O11", contract={"start": "2024-01-01", "end": "2026-11-22"})}), flagged=("SUP-O11",)),
    lookalike("REG-SUP-001", "contract ends on the scan's day", Step("gus", _AT, {"suppliers/SUP-O12.yaml": _supplier(
        "SUP-O12", contract={"start": "2024-01-01", "end": "2026-11-23"})})),
    breach("REG-SUP-002", "review overdue by its due date", Step("gus", _AT, {"suppliers/SUP-O21.yaml": _supplier(
        "SUP-O21", contract={"start": "2025-01-01", "end": "2027-12-31", "review_due": "2026-09-30"})}),
        flagged=("SUP-O21",)),
    lookalike("REG-SUP-002", "reviewed on its due date", Step("gus", _AT, {"suppliers/SUP-O22.yaml": _supplier(
        "SUP-O22", last_review="2026-09-30",
        contract={"start": "2025-01-01", "end": "2027-12-31", "review_due": "2026-09-30"})})),
    breach("REG-SUP-003", "terminated supplier an active service uses", Step("gus", _AT, {
        "suppliers/SUP-O31.yaml": _supplier("SUP-O31", status="terminated")}),
        *_with_reports("SVC-O33", _svc("SVC-O33", suppliers=["SUP-O31"])), flagged=("SUP-O31",)),
    lookalike("REG-SUP-003", "terminated supplier of a retired service", Step("gus", _AT, {
        "suppliers/SUP-O32.yaml": _supplier("SUP-O32", status="terminated")}), Step(
        "gus", "2026-01-05T12:00:00Z", {"services/SVC-O34.yaml": _svc("SVC-O34", status="retired",
                                                                      suppliers=["SUP-O32"])})),
    # Availability, continuity, capacity.
    breach("REG-AVL-001", "two months below target, no problem", *_with_reports("SVC-O51", _svc("SVC-O51"))[:1],
           Step("alice", "2026-11-05T10:00:00Z", {
               **monthly_reports("SVC-O51", last=8),
               **{k: {**v, "availability": 98.0, "actions": ["Add a second gateway"]}
                  for k, v in monthly_reports("SVC-O51", first=9).items()}}), flagged=("SVC-O51",)),
    lookalike("REG-AVL-001", "one month below target", *_with_reports(
        "SVC-O52", _svc("SVC-O52"), availability=98.0, actions=["Add a second gateway"])),
    breach("REG-BCM-001", "critical service without a plan", *_with_reports("SVC-O61", _svc(
        "SVC-O61", criticality="critical")), flagged=("SVC-O61",)),
    lookalike("REG-BCM-001", "high service without a plan", *_with_reports("SVC-O62", _svc(
        "SVC-O62", criticality="high")), Step("gus", "2026-11-06T10:00:00Z", evidence_files(manifest(
            "EV-O62", "capacity_review", ["SVC-O62"], "2026-11-06T09:00:00Z", by="gus")))),
    breach("REG-BCM-002", "continuity test 366 days old", *_with_reports("SVC-O71", _svc(
        "SVC-O71", criticality="critical", continuity_plan="EV-O71P")), Step("gus", "2026-11-06T10:00:00Z", {
            **evidence_files(manifest("EV-O71P", "continuity_plan", ["SVC-O71"], "2026-11-06T09:00:00Z", by="gus")),
            **evidence_files(manifest("EV-O71C", "capacity_review", ["SVC-O71"], "2026-11-06T09:00:00Z", by="gus")),
            **evidence_files(manifest("EV-O71T", "continuity_test", ["SVC-O71"], "2025-11-22T09:00:00Z",
                                      by="gus"))}), flagged=("SVC-O71",)),
    lookalike("REG-BCM-002", "continuity test 365 days old", *_with_reports("SVC-O72", _svc(
        "SVC-O72", criticality="critical", continuity_plan="EV-O72P")), Step("gus", "2026-11-06T10:00:00Z", {
            **evidence_files(manifest("EV-O72P", "continuity_plan", ["SVC-O72"], "2026-11-06T09:00:00Z", by="gus")),
            **evidence_files(manifest("EV-O72C", "capacity_review", ["SVC-O72"], "2026-11-06T09:00:00Z", by="gus")),
            **evidence_files(manifest("EV-O72T", "continuity_test", ["SVC-O72"], "2025-11-23t09:00:00z",
                                      by="gus"))})),
    breach("REG-CAP-001", "high service never reviewed", *_with_reports("SVC-O81", _svc(
        "SVC-O81", criticality="high")), flagged=("SVC-O81",)),
    lookalike("REG-CAP-001", "medium service never reviewed", *_with_reports("SVC-O82", _svc("SVC-O82"))),
    # Configuration.
    breach("REG-CFG-001", "production item owned by a leaver", Step("alice", _AT, {
        "cmdb/CI-O11.yaml": _ci("CI-O11", environment="production", owner="lee", last_verified="2026-11-01")}),
        people=({"id": "lee", "name": "Lee Lund", "emails": ["lee@example.com"], "roles": ["engineer"],
                 "left_on": "2026-11-01"},), flagged=("CI-O11",)),
    lookalike("REG-CFG-001", "staging item, blank classification", Step("alice", _AT, {
        "cmdb/CI-O12.yaml": _ci("CI-O12", classification="")})),
    breach("REG-CFG-002", "production item verified 181 days ago", Step("alice", _AT, {
        "cmdb/CI-O21.yaml": _ci("CI-O21", environment="production", last_verified="2026-05-25")}),
        flagged=("CI-O21",)),
    lookalike("REG-CFG-002", "verified 180 days ago", Step("alice", _AT, {
        "cmdb/CI-O22.yaml": _ci("CI-O22", environment="production", last_verified="2026-05-27")})),
    breach("REG-CFG-003", "retired item listed by an active service", Step("alice", _AT, {
        "cmdb/CI-O31.yaml": _ci("CI-O31", status="retired")}), *_with_reports("SVC-O35", _svc(
            "SVC-O35", configuration_items=["CI-O31"])), flagged=("CI-O31",)),
    lookalike("REG-CFG-003", "retired item of a retired service", Step("alice", _AT, {
        "cmdb/CI-O32.yaml": _ci("CI-O32", status="retired", services=["SVC-O36"])}), Step(
        "gus", "2026-01-05T12:00:00Z", {"services/SVC-O36.yaml": _svc("SVC-O36", status="retired")})),
    breach("REG-CFG-004", "depends on a retired item", Step("alice", _AT, {
        "cmdb/CI-O41.yaml": _ci("CI-O41", relationships=[{"type": "depends_on", "target": "CI-O42"}]),
        "cmdb/CI-O42.yaml": _ci("CI-O42", status="retired")}), flagged=("CI-O41",)),
    lookalike("REG-CFG-004", "depends on a planned item", Step("alice", _AT, {
        "cmdb/CI-O43.yaml": _ci("CI-O43", relationships=[{"type": "depends_on", "target": "CI-O44"}]),
        "cmdb/CI-O44.yaml": _ci("CI-O44", status="planned")})),
    breach("REG-CFG-005", "production drift", Step("alice", _AT, {"cmdb/CI-O51.yaml": _ci(
        "CI-O51", environment="production", baseline={"max_connections": 200},
        settings={"max_connections": 500})}), flagged=("CI-O51",)),
    lookalike("REG-CFG-005", "baseline string 1.2 and setting number 1.2", Step("alice", _AT, {
        "cmdb/CI-O52.json": Json(_ci("CI-O52", environment="production", baseline={"tls_min_version": "1.2"},
                                     settings={"tls_min_version": 1.2}))})),
    breach("REG-CFG-006", "incident names a service with no record", Step("gus", "2026-10-06T09:00:00Z", {
        "incidents/INC-O61.yaml": _incident("INC-O61", services=["SVC-404"])}), flagged=("INC-O61",)),
    lookalike("REG-CFG-006", "incident names existing records", Step("gus", "2026-10-06T09:00:00Z", {
        "incidents/INC-O62.yaml": _incident("INC-O62", configuration_items=["CI-1"])})),
]
