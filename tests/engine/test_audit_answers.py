"""The answers an auditor would sign, end to end: records as an organisation writes them in YAML,
committed with git, scanned on the real OPA.

Each test is one wrong answer the checks used to give (a breach missed or a look-alike flagged),
built as a small repository on top of the clean one of tests/conftest.py.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from regent.engine.opa import PrivateOpa
from regent.engine.policyset import PolicySet
from regent.engine.scan import scan
from regent.evidence import load_snapshot
from tests.conftest import PEOPLE, Repo, clean_change

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def found(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> set[tuple[str, str | None]]:
    """Commit the work tree and scan it: the failing (check, record id) pairs."""
    repo.commit("Record what happened", date="2026-11-20T12:00:00Z")
    result = scan(load_snapshot(repo.path, now=NOW), policies, opa)
    return {(f.check, f.record.id) for f in result.findings if f.status == "fail"}


def messages(repo: Repo, opa: PrivateOpa, policies: PolicySet, check: str) -> list[str]:
    result = scan(load_snapshot(repo.path, now=NOW), policies, opa)
    return sorted(f.message for f in result.findings if f.check == check)


def cancelled_change(change_id: str) -> dict[str, Any]:
    """A change closed as cancelled before anything was done: no approvals, window or work."""
    change = clean_change(change_id, closure={"at": "2026-03-02T09:00:00Z", "code": "cancelled"})
    for field in ("approvals", "schedule", "implementation", "review", "test_evidence"):
        del change[field]
    return change


def test_a_change_closed_as_cancelled_was_not_carried_out(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("changes/CHG-2.yaml", cancelled_change("CHG-2"))
    repo.write("problems/PRB-1.yaml", {
        "kind": "problem", "id": "PRB-1", "title": "Gateway drops connections", "status": "resolved",
        "opened": "2026-03-01T08:00:00Z", "root_cause": "Keep-alive too short", "fix_change": "CHG-2",
        "resolved": "2026-03-04T08:00:00Z"})
    failing = found(repo, opa, policies)
    assert not {c for c, r in failing if r == "CHG-2"} & {"REG-CHG-001", "REG-CHG-007", "REG-CHG-011"}
    assert ("REG-PRB-002", "PRB-1") in failing


def test_a_closed_change_with_nothing_recorded_was_carried_out(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    change = cancelled_change("CHG-2")
    change["closure"] = {"at": "2026-03-02T09:00:00Z", "code": "successful"}
    repo.write("changes/CHG-2.yaml", change)
    failing = found(repo, opa, policies)
    assert {("REG-CHG-001", "CHG-2"), ("REG-CHG-007", "CHG-2"), ("REG-CHG-011", "CHG-2")} <= failing


def test_a_closed_emergency_change_without_implementation_times_needs_its_review(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    change = clean_change("CHG-E1", type="emergency", approvals=[
        {"by": "dave", "role": "emergency-cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}])
    for field in ("implementation", "review"):
        del change[field]
    repo.write("changes/CHG-E1.yaml", change)
    assert ("REG-CHG-006", "CHG-E1") in found(repo, opa, policies)


def test_only_production_releases_are_judged(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    release = {"kind": "release", "id": "REL-1", "version": "1.0.0", "changes": ["CHG-1"], "status": "deployed",
               "deployed": {"at": "2026-03-03T21:00:00Z", "by": "carol"}}
    repo.write("releases/REL-1.yaml", {**release, "environment": "staging"})
    repo.write("releases/REL-2.yaml", {**release, "id": "REL-2"})
    failing = found(repo, opa, policies)
    assert {c for c, r in failing if r == "REL-1"} == set()
    assert {("REG-REL-002", "REL-2"), ("REG-REL-003", "REL-2"), ("REG-REL-004", "REL-2")} <= failing


def test_a_role_written_on_an_approval_is_not_authority(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    # alice is a change manager in people.yaml; her entry says she approved as the CAB.
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", risk="high", approvals=[
        {"by": "alice", "role": "cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]))
    failing = found(repo, opa, policies)
    assert {("REG-CHG-005", "CHG-2"), ("REG-CHG-008", "CHG-2")} <= failing
    assert messages(repo, opa, policies, "REG-CHG-008") == [
        "CHG-2 was approved by alice, who is recorded as approving in role cab, which people.yaml does not give "
        "them (has: change-manager)"]


def test_a_leaver_cannot_approve_a_release_or_review_a_report(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    people = {"people": [*PEOPLE["people"], {"id": "erik", "name": "Erik Ek", "emails": ["erik@example.com"],
                                             "roles": ["cab"], "left_on": "2026-09-30"},
                         {"id": "fay", "name": "Fay Fox", "emails": ["fay@example.com"], "roles": ["cab"],
                          "active": False}]}
    repo.write("people.yaml", people)
    repo.write("releases/REL-1.yaml", {
        "kind": "release", "id": "REL-1", "version": "1.0.0", "changes": ["CHG-1"], "status": "deployed",
        "environment": "production", "rollback_plan": "Redeploy 0.9.0",
        "acceptance": {"passed": True, "at": "2026-10-01T09:00:00Z", "by": "alice"},
        "approvals": [{"by": "erik", "role": "cab", "decision": "approved", "at": "2026-10-01T10:00:00Z"}],
        "deployed": {"at": "2026-10-01T21:00:00Z", "by": "carol"}})
    repo.write("services/reports/SR-SVC-1-2026-10.yaml", {
        "kind": "service_report", "id": "SR-SVC-1-2026-10", "service": "SVC-1", "period": "2026-10",
        "availability": 99.9, "reviewed_by": "fay", "reviewed_at": "2026-11-03T10:00:00Z"})
    failing = found(repo, opa, policies)
    assert {("REG-REL-004", "REL-1"), ("REG-SLM-004", "SR-SVC-1-2026-10")} <= failing


def test_a_waiver_of_ones_own_finding_accepts_nothing(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    # alice requests her own change and approves it herself, then waives that finding.
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", requested_by="alice", approvals=[
        {"by": "alice", "role": "change-manager", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]))
    repo.write("waivers/WVR-1.yaml", {
        "kind": "waiver", "id": "WVR-1", "check": "REG-CHG-002", "records": ["CHG-2"],
        "reason": "Nobody else was available that week.", "approved_by": "alice",
        "approved_at": "2026-11-02T09:00:00Z", "expires": "2027-01-31"})
    assert ("REG-GOV-003", "WVR-1") in found(repo, opa, policies)


def test_a_problem_listing_a_major_incident_follows_it_up(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("incidents/INC-1.yaml", {
        "kind": "incident", "id": "INC-1", "title": "Payments down", "priority": "P1", "major": True,
        "status": "closed", "opened": "2026-03-02T08:00:00Z", "resolved": "2026-03-02T10:00:00Z",
        "closed": "2026-03-03T08:00:00Z", "services": ["SVC-1"]})
    repo.write("incidents/INC-2.yaml", {
        "kind": "incident", "id": "INC-2", "title": "Payments down again", "priority": "P1",
        "status": "closed", "opened": "2026-03-02T18:00:00Z", "resolved": "2026-03-02T19:00:00Z",
        "closed": "2026-03-03T08:00:00Z", "services": ["SVC-1"]})
    repo.write("problems/PRB-1.yaml", {
        "kind": "problem", "id": "PRB-1", "title": "Gateway drops connections", "status": "open",
        "opened": "2026-03-03T08:00:00Z", "incidents": ["INC-1"]})
    failing = found(repo, opa, policies)
    assert ("REG-INC-001", "INC-1") not in failing
    assert ("REG-INC-001", "INC-2") in failing


def test_a_test_report_of_another_change_is_not_test_evidence(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("evidence/EV-2.yaml", {
        "kind": "evidence", "id": "EV-2", "type": "test_report", "collected_at": "2026-03-02T12:00:00Z",
        "collected_by": "carol", "subject": ["CHG-9"], "result": "pass", "details": {"environment": "staging"}})
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", test_evidence=["EV-2"]))
    assert ("REG-CHG-011", "CHG-2") in found(repo, opa, policies)


def test_settings_and_periods_in_every_encoding(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    # YAML reads the unquoted 1.2 as a number and the quoted "1.2" as a string: the same setting.
    repo.write("cmdb/CI-2.yaml", "\n".join([
        "kind: configuration_item", "id: CI-2", "name: payments-db-01", "type: database", "owner: alice",
        "environment: production", "status: active", "classification: confidential", "criticality: high",
        "baseline: {tls_min_version: \"1.2\", password_min_length: 14}",
        "settings: {tls_min_version: 1.2, password_min_length: \"14\"}", ""]))
    for month in ("2026-07", "2026-08", "2026-09"):
        repo.write(f"evidence/AR-{month}.yaml", {
            "kind": "evidence", "id": f"AR-{month}", "type": "access_review", "period": month,
            "collected_at": f"{month}-28T09:00:00Z", "collected_by": "alice", "subject": ["CI-2"], "result": "pass"})
    failing = found(repo, opa, policies)
    assert not {c for c, r in failing if r == "CI-2"} & {"REG-CFG-005", "REG-SEC-001", "REG-SEC-006", "REG-SEC-008"}


def test_timestamps_with_lower_case_t_and_z_are_read(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    # Implementation started before the only approval, both written with lower-case t and z.
    repo.write("changes/CHG-2.yaml", "\n".join([
        "kind: change", "id: CHG-2", "title: Rotate the gateway certificate", "type: normal", "status: implemented",
        "requested_by: carol", "created: 2026-10-01t09:00:00z", "risk: low", "impact: low",
        "approvals:", "  - {by: bob, role: cab, decision: approved, at: 2026-10-08t10:00:00z}",
        "implementation: {started: 2026-10-07t20:00:00z, by: carol}", ""]))
    assert ("REG-CHG-001", "CHG-2") in found(repo, opa, policies)

