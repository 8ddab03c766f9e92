"""Change checks (REG-CHG-001 to 021): a breach and a look-alike at the boundary for each."""

from __future__ import annotations

from typing import Any

from tests.acceptance.model import Case, Group, Json, Step, breach, lookalike
from tests.acceptance.records import DROP, change, change_steps, evidence_files, raised, test_report

GROUPS: dict[str, Group] = {}

CANCELLED = {"status": "closed", "closure": {"at": "2026-03-02T09:00:00Z", "code": "cancelled"},
             "approvals": DROP, "schedule": DROP, "implementation": DROP, "review": DROP, "test_evidence": DROP}
EMERGENCY_APPROVAL = [{"by": "dave", "role": "emergency-cab", "decision": "approved", "at": "2026-03-03T19:50:00Z"}]


def _c(cid: str, **fields: Any) -> tuple[Step, ...]:
    return change_steps(change(cid, **fields))


def _emergency(cid: str, **fields: Any) -> dict[str, Any]:
    return change(cid, **{"type": "emergency", "approvals": EMERGENCY_APPROVAL, "incidents": ["INC-C-1"],
                          "schedule": DROP, "test_evidence": DROP, **fields})


INCIDENT = {"kind": "incident", "id": "INC-C-1", "title": "Payments gateway refuses connections", "priority": "P2",
            "status": "closed", "opened": "2026-03-03T18:00:00Z", "resolved": "2026-03-03T21:00:00Z",
            "closed": "2026-03-04T08:00:00Z", "services": ["SVC-1"]}
INCIDENT_STEP = Step("gus", "2026-03-04T12:00:00Z", {"incidents/INC-C-1.yaml": INCIDENT})


def _e(cid: str, **fields: Any) -> tuple[Step, ...]:
    return change_steps(_emergency(cid, **fields), approver="dave", report=False)


CASES: list[Case] = [
    # REG-CHG-001: implemented without prior approval; the lifecycle's cancelled is not implemented.
    breach("REG-CHG-001", "approved after the start", *_c("CHG-101", approvals=[
        {"by": "bob", "role": "cab", "decision": "approved", "at": "2026-03-03T20:10:00Z"}]), flagged=("CHG-101",)),
    breach("REG-CHG-001", "closed successful with nothing recorded", *change_steps(change(
        "CHG-102", **{**CANCELLED, "closure": {"at": "2026-03-02T09:00:00Z", "code": "successful"}}), report=False),
        flagged=("CHG-102",)),
    lookalike("REG-CHG-001", "closed as cancelled", *change_steps(change("CHG-103", **CANCELLED), report=False)),
    lookalike("REG-CHG-001", "approved at the start's instant in another offset", *_c("CHG-104", approvals=[
        {"by": "bob", "role": "cab", "decision": "approved", "at": "2026-03-03T21:05:00+01:00"}])),
    # REG-CHG-002: approved by its own requester.
    breach("REG-CHG-002", "requester approves", *change_steps(change("CHG-111", requested_by="alice", approvals=[
        {"by": "alice", "role": "change-manager", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]),
        approver="alice"), flagged=("CHG-111",)),
    lookalike("REG-CHG-002", "requester rejects, CAB approves", *change_steps(change("CHG-112", requested_by="alice",
        approvals=[{"by": "alice", "decision": "rejected", "at": "2026-03-02T09:00:00Z"},
                   {"by": "bob", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]), approver="bob")),
    # REG-CHG-003: approved by its implementer.
    breach("REG-CHG-003", "implementer approves", *change_steps(change("CHG-121", requested_by="gus",
        implementer="bob", implementation={"started": "2026-03-03T20:05:00Z", "completed": "2026-03-03T20:40:00Z",
                                           "by": "bob"})), flagged=("CHG-121",)),
    lookalike("REG-CHG-003", "no implementer named", *_c("CHG-122", implementer=DROP,
        implementation={"started": "2026-03-03T20:05:00Z", "completed": "2026-03-03T20:40:00Z"})),
    # REG-CHG-004: plans.
    breach("REG-CHG-004", "no backout plan", *_c("CHG-131", plan={"implementation": "Install", "test": "Probe",
                                                                   "backout": "  "}), flagged=("CHG-131",)),
    lookalike("REG-CHG-004", "closed as cancelled without plans", *change_steps(change(
        "CHG-132", plan=DROP, **CANCELLED), report=False)),
    lookalike("REG-CHG-004", "plans as lists, in JSON", *change_steps(change(
        "CHG-133", plan={"implementation": ["Stop", "Install", "Start"], "backout": ["Restore"], "test": ["Probe"]}),
        path="changes/CHG-133.json")[:1],
        Step("bob", "2026-03-05T12:00:00Z", {"changes/CHG-133.json": Json(change(
            "CHG-133", plan={"implementation": ["Stop", "Install", "Start"], "backout": ["Restore"],
                             "test": ["Probe"]})), **evidence_files(test_report("CHG-133"))})),
    # REG-CHG-005: high risk without CAB (the role written on the entry is not the person's).
    breach("REG-CHG-005", "change manager writes role cab", *change_steps(change("CHG-141", risk="high", approvals=[
        {"by": "alice", "role": "cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]), approver="alice"),
        flagged=("CHG-141",)),
    lookalike("REG-CHG-005", "CAB member without a role written", *_c("CHG-142", risk="high", approvals=[
        {"by": "fay", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]) [:1],
        Step("fay", "2026-03-05T12:00:00Z", {"changes/CHG-142.yaml": change("CHG-142", risk="high", approvals=[
            {"by": "fay", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]),
            **evidence_files(test_report("CHG-142"))})),
    # REG-CHG-006: emergency review.
    breach("REG-CHG-006", "approved and closed, no implementation or review", INCIDENT_STEP,
           *_e("CHG-151", implementation=DROP, review=DROP), flagged=("CHG-151",)),
    lookalike("REG-CHG-006", "reviewed exactly 7 days after completion", *_e(
        "CHG-152", review={"at": "2026-03-10T23:00:00Z", "by": "alice", "outcome": "successful"},
        closure={"at": "2026-03-11T09:00:00Z", "code": "successful"})[:1],
        Step("dave", "2026-03-12T12:00:00Z", {"changes/CHG-152.yaml": _emergency(
            "CHG-152", review={"at": "2026-03-10T23:00:00Z", "by": "alice", "outcome": "successful"},
            closure={"at": "2026-03-11T09:00:00Z", "code": "successful"})})),
    # REG-CHG-007: outside the window.
    breach("REG-CHG-007", "completed after the window", *_c("CHG-161", implementation={
        "started": "2026-03-03T20:05:00Z", "completed": "2026-03-03T22:00:01Z", "by": "carol"}),
        flagged=("CHG-161",)),
    lookalike("REG-CHG-007", "work at the window's exact edges, lower-case t and z", *_c("CHG-162", implementation={
        "started": "2026-03-03t20:00:00z", "completed": "2026-03-03t22:00:00z", "by": "carol"})),
    # REG-CHG-008: approver authority.
    breach("REG-CHG-008", "emergency CAB approves a normal change", *change_steps(change("CHG-171", approvals=[
        {"by": "dave", "role": "emergency-cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]),
        approver="dave"), flagged=("CHG-171",)),
    lookalike("REG-CHG-008", "emergency CAB approves an emergency change", INCIDENT_STEP, *_e("CHG-172")),
    # REG-CHG-009: references.
    breach("REG-CHG-009", "names a CI with no record", *_c("CHG-181", configuration_items=["CI-1", "CI-404"]),
           flagged=("CHG-181",)),
    lookalike("REG-CHG-009", "names existing CI and service", *_c("CHG-182")),
    # REG-CHG-010: rejected and implemented.
    breach("REG-CHG-010", "rejection last", *_c("CHG-191", approvals=[
        {"by": "bob", "decision": "approved", "at": "2026-03-02T10:00:00Z"},
        {"by": "fay", "decision": "rejected", "at": "2026-03-02T11:00:00Z"}]), flagged=("CHG-191",)),
    lookalike("REG-CHG-010", "rejection overturned later", *_c("CHG-192", approvals=[
        {"by": "fay", "decision": "rejected", "at": "2026-03-02T09:00:00Z"},
        {"by": "bob", "decision": "approved", "at": "2026-03-02T10:00:00Z"}])),
    # REG-CHG-011: test evidence.
    breach("REG-CHG-011", "report collected in Production", *change_steps(change("CHG-201"), report=test_report(
        "CHG-201", details={"environment": "Production"})), flagged=("CHG-201",)),
    breach("REG-CHG-011", "report about another change", *change_steps(change("CHG-202"), report=test_report(
        "CHG-202", subject=["CHG-203"])), flagged=("CHG-202",)),
    lookalike("REG-CHG-011", "unlisted report naming the change", *change_steps(change(
        "CHG-204", test_evidence=DROP))),
    lookalike("REG-CHG-011", "closed as cancelled", *change_steps(change("CHG-205", **CANCELLED), report=False)),
    # REG-CHG-012: risk and impact.
    breach("REG-CHG-012", "no impact rating", *_c("CHG-211", impact=DROP), flagged=("CHG-211",)),
    lookalike("REG-CHG-012", "closed as cancelled, unrated", *change_steps(change(
        "CHG-212", risk=DROP, impact=DROP, **CANCELLED), report=False)),
    # REG-CHG-013: standard change template.
    breach("REG-CHG-013", "standard change at medium risk", *_c(
        "CHG-221", type="standard", template="STD-7", risk="medium", approvals=[]), flagged=("CHG-221",)),
    lookalike("REG-CHG-013", "standard change closed as cancelled, no template", *change_steps(change(
        "CHG-222", type="standard", **CANCELLED), report=False)),
    lookalike("REG-CHG-013", "low-risk standard change with its template", *_c(
        "CHG-223", type="standard", template="STD-7", approvals=[])),
    # REG-CHG-014: closure record.
    breach("REG-CHG-014", "backed out with no review", *_c("CHG-231", review=DROP, closure={
        "at": "2026-03-04T09:30:00Z", "code": "backed_out"}), flagged=("CHG-231",)),
    lookalike("REG-CHG-014", "closed successful without review", *_c("CHG-232", review=DROP)),
    # REG-CHG-015: CMDB updated after the change (the local day of completion).
    breach("REG-CHG-015", "CI verified the day before completion", Step("alice", "2026-09-01T09:00:00Z", {
        "cmdb/CI-C15A.yaml": {"kind": "configuration_item", "id": "CI-C15A", "name": "ledger-stg", "type": "database",
                              "owner": "alice", "environment": "staging", "status": "active",
                              "classification": "internal", "criticality": "low", "last_verified": "2026-03-02"}}),
        *_c("CHG-241", configuration_items=["CI-C15A"]), flagged=("CHG-241",)),
    lookalike("REG-CHG-015", "completed 20:30 in Chicago, verified that local day", Step(
        "alice", "2026-09-12T09:00:00Z", {"cmdb/CI-C15B.yaml": {
            "kind": "configuration_item", "id": "CI-C15B", "name": "ledger2-stg", "type": "database", "owner": "alice",
            "environment": "staging", "status": "active", "classification": "internal", "criticality": "low",
            "last_verified": "2026-09-10"}}), *change_steps(change(
            "CHG-242", configuration_items=["CI-C15B"], created="2026-09-01T09:00:00Z",
            approvals=[{"by": "bob", "decision": "approved", "at": "2026-09-02T10:00:00Z"}],
            schedule={"start": "2026-09-10T19:00:00-05:00", "end": "2026-09-10T22:00:00-05:00"},
            implementation={"started": "2026-09-10T19:05:00-05:00", "completed": "2026-09-10T20:30:00-05:00",
                            "by": "carol"},
            review={"at": "2026-09-11T09:00:00Z", "by": "alice", "outcome": "successful"},
            closure={"at": "2026-09-11T09:30:00Z", "code": "successful"}), at="2026-09-11T12:00:00Z",
            report=test_report("CHG-242", collected_at="2026-09-09T12:00:00Z")), group="chicago"),
    # REG-CHG-016: stale approved change.
    breach("REG-CHG-016", "approved, window ended in April", *_c("CHG-251", status="approved", implementation=DROP,
                                                                 review=DROP, closure=DROP,
                                                                 schedule={"start": "2026-04-01T20:00:00Z",
                                                                           "end": "2026-04-01T22:00:00Z"}),
           flagged=("CHG-251",)),
    lookalike("REG-CHG-016", "window ended 30 days ago", *change_steps(change(
        "CHG-252", status="scheduled", implementation=DROP, review=DROP, closure=DROP, test_evidence=DROP,
        created="2026-10-01T09:00:00Z", approvals=[{"by": "bob", "decision": "approved", "at": "2026-10-02T10:00:00Z"}],
        schedule={"start": "2026-10-24T20:00:00Z", "end": "2026-10-24T22:00:00Z"}),
        at="2026-10-03T12:00:00Z", report=False)),
    # REG-CHG-017: emergency change justified by an incident.
    breach("REG-CHG-017", "names an incident with no record", *_e("CHG-261", incidents=["INC-C-404"],
                                                               review={"at": "2026-03-04T09:00:00Z", "by": "alice",
                                                                       "outcome": "successful"}),
           flagged=("CHG-261",)),
    lookalike("REG-CHG-017", "emergency change closed as cancelled, no incident", *change_steps(_emergency(
        "CHG-262", **{**CANCELLED, "incidents": DROP}), approver="dave", report=False)),
    # REG-CHG-018: change that caused an incident.
    breach("REG-CHG-018", "caused an incident, never reviewed", *_c("CHG-271", review=DROP), Step(
        "gus", "2026-03-06T12:00:00Z", {"incidents/INC-C-271.yaml": {**INCIDENT, "id": "INC-C-271",
                                                                   "caused_by_change": "CHG-271"}}),
        flagged=("CHG-271",)),
    lookalike("REG-CHG-018", "caused an incident, reviewed", *_c("CHG-272"), Step(
        "gus", "2026-03-06T12:00:00Z", {"incidents/INC-C-272.yaml": {**INCIDENT, "id": "INC-C-272",
                                                                   "caused_by_change": "CHG-272"}})),
]

# REG-CHG-019: redefined after approval, from history.
_APPROVED = change("CHG-281", status="approved", schedule=DROP, implementation=DROP, review=DROP, closure=DROP,
                   test_evidence=DROP, created="2026-10-01T09:00:00Z",
                   approvals=[{"by": "bob", "decision": "approved", "at": "2026-10-02T10:00:00Z"}])
_WINDOW = {"start": "2026-10-20T20:00:00Z", "end": "2026-10-20T22:00:00Z"}


def _approved(cid: str, **fields: Any) -> dict[str, Any]:
    return {**_APPROVED, "id": cid, **fields}


CASES += [
    breach("REG-CHG-019", "impact raised after approval",
           Step("carol", "2026-10-01T10:00:00Z", {"changes/CHG-281.yaml": raised(_approved("CHG-281"))}),
           Step("bob", "2026-10-02T11:00:00Z", {"changes/CHG-281.yaml": _approved("CHG-281")}),
           Step("carol", "2026-10-05T11:00:00Z", {"changes/CHG-281.yaml": _approved("CHG-281", impact="high")}),
           flagged=("CHG-281",)),
    breach("REG-CHG-019", "window moved after approval",
           Step("carol", "2026-10-01T10:00:00Z", {"changes/CHG-282.yaml": raised(_approved("CHG-282"))}),
           Step("bob", "2026-10-02T11:00:00Z", {"changes/CHG-282.yaml": _approved("CHG-282", schedule=_WINDOW)}),
           Step("carol", "2026-10-05T11:00:00Z", {"changes/CHG-282.yaml": _approved(
               "CHG-282", status="scheduled", schedule={**_WINDOW, "end": "2026-10-21T02:00:00Z"})}),
           flagged=("CHG-282",)),
    lookalike("REG-CHG-019", "scheduled after approval, then carried out",
              Step("carol", "2026-10-01T10:00:00Z", {"changes/CHG-283.yaml": raised(_approved("CHG-283"))}),
              Step("bob", "2026-10-02T11:00:00Z", {"changes/CHG-283.yaml": _approved("CHG-283")}),
              Step("alice", "2026-10-05T11:00:00Z", {"changes/CHG-283.yaml": _approved(
                  "CHG-283", status="scheduled", schedule=_WINDOW)}),
              Step("carol", "2026-10-21T09:00:00Z", {"changes/CHG-283.yaml": _approved(
                  "CHG-283", status="implemented", schedule=_WINDOW, test_evidence=["EV-T-CHG-283"],
                  implementation={"started": "2026-10-20T20:05:00Z", "completed": "2026-10-20T21:00:00Z",
                                  "by": "carol"}),
                  **evidence_files(test_report("CHG-283", collected_at="2026-10-03T12:00:00Z"))})),
]

# REG-CHG-020 and REG-CHG-021 judge a request: the base is on main, the request on its branch.
_BASE_021 = _approved("CHG-291", status="approved")
CASES += [
    breach("REG-CHG-021", "request raises impact",
           Step("carol", "2026-10-01T10:00:00Z", {"changes/CHG-291.yaml": raised(_BASE_021)}),
           Step("bob", "2026-10-02T11:00:00Z", {"changes/CHG-291.yaml": _BASE_021}),
           Step("carol", "2026-11-20T10:00:00Z", {"changes/CHG-291.yaml": {**_BASE_021, "impact": "high"}},
                request=True), flagged=("CHG-291",)),
    lookalike("REG-CHG-021", "request schedules the approved change",
              Step("carol", "2026-10-01T10:00:00Z", {"changes/CHG-292.yaml": raised(_approved("CHG-292"))}),
              Step("bob", "2026-10-02T11:00:00Z", {"changes/CHG-292.yaml": _approved("CHG-292")}),
              Step("alice", "2026-11-20T10:00:00Z", {"changes/CHG-292.yaml": _approved(
                  "CHG-292", status="scheduled",
                  schedule={"start": "2026-11-28T20:00:00Z", "end": "2026-11-28T22:00:00Z"})}, request=True)),
    breach("REG-CHG-020", "request jumps from submitted to implemented",
           Step("carol", "2026-10-01T10:00:00Z", {"changes/CHG-293.yaml": raised(_approved("CHG-293"))}),
           Step("carol", "2026-11-20T10:00:00Z", {"changes/CHG-293.yaml": {**raised(_approved("CHG-293")),
                                                                           "status": "implemented"}}, request=True),
           flagged=("CHG-293",)),
    lookalike("REG-CHG-020", "request moves approved to scheduled with its window",
              Step("carol", "2026-10-01T10:00:00Z", {"changes/CHG-294.yaml": raised(_approved("CHG-294"))}),
              Step("bob", "2026-10-02T11:00:00Z", {"changes/CHG-294.yaml": _approved("CHG-294")}),
              Step("alice", "2026-11-20T10:00:00Z", {"changes/CHG-294.yaml": _approved(
                  "CHG-294", status="scheduled",
                  schedule={"start": "2026-11-28T20:00:00Z", "end": "2026-11-28T22:00:00Z"})}, request=True)),
]

GROUPS["chicago"] = Group(config="timezone: America/Chicago\n")
