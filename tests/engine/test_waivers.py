"""A waiver an auditor would reject accepts nothing (records.md, waiver): its findings stay open."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest
from click.testing import Result

from tests.conftest import Repo, clean_change


def _waiver(**fields: Any) -> dict[str, Any]:
    return {"kind": "waiver", "id": "WVR-1", "check": "REG-CHG-002", "records": ["CHG-2"],
            "reason": "the requester was the only one on call", "approved_by": "alice",
            "approved_at": "2026-03-10T09:00:00Z", "expires": "2099-01-01", **fields}


def _statuses(result: Result) -> dict[tuple[str, str], str]:
    return {(f["check"], f["record"]["id"]): f["status"] for f in json.loads(result.stdout)["findings"]}


def _self_approved(repo: Repo) -> None:
    # Alice, a change manager, requested CHG-2 and approved it herself: REG-CHG-002.
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", requested_by="alice", approvals=[
        {"by": "alice", "role": "change-manager", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]))


def test_a_waiver_from_someone_else_with_authority_waives(invoke: Callable[..., Result], repo: Repo) -> None:
    _self_approved(repo)
    repo.write("waivers/WVR-1.yaml", _waiver(approved_by="bob", expires="2026-12-31",
                                             approved_at="2026-03-10T09:00:00Z"))
    repo.commit("CHG-2, and its waiver", date="2026-03-10T12:00:00Z")

    statuses = _statuses(invoke("scan", str(repo.path), "--as-of", "2026-06-30", "--format", "json"))

    assert statuses[("REG-CHG-002", "CHG-2")] == "waived"


@pytest.mark.parametrize(("flaw", "fields"), [
    ("REG-GOV-003", {"approved_by": "alice", "expires": "2026-12-31"}),  # the requester waives her own finding
    ("REG-GOV-002", {"approved_by": "bob", "expires": "2099-01-01"}),  # longer than max_waiver_days
], ids=["own-finding", "too-long"])
def test_a_waiver_the_checks_reject_waives_nothing(invoke: Callable[..., Result], repo: Repo, flaw: str,
                                                   fields: dict[str, str]) -> None:
    _self_approved(repo)
    repo.write("waivers/WVR-1.yaml", _waiver(**fields))
    repo.commit("CHG-2, and its waiver", date="2026-03-10T12:00:00Z")

    statuses = _statuses(invoke("scan", str(repo.path), "--as-of", "2026-06-30", "--format", "json"))

    assert statuses[(flaw, "WVR-1")] == "fail"
    assert statuses[("REG-CHG-002", "CHG-2")] == "fail"


def _scan_at(repo: Repo, opa: Any, policies: Any, now: str) -> dict[tuple[str, str], str]:
    from datetime import datetime

    from regent.engine.scan import scan
    from regent.evidence import load_snapshot

    result = scan(load_snapshot(repo.path, now=datetime.fromisoformat(now)), policies, opa)
    return {(f.check, str(f.record.id)): f.status for f in result.findings}


@pytest.mark.parametrize(("zone", "approved", "now", "status"), [
    ("Australia/Sydney", "2026-06-01T09:00:00+10:00", "2027-06-01T13:30:00+00:00", "waived"),  # 23:30 on 1 June
    ("Australia/Sydney", "2026-06-01T09:00:00+10:00", "2027-06-01T14:30:00+00:00", "fail"),  # 00:30 on 2 June
    ("UTC", "2026-06-01T09:00:00Z", "2027-06-01T14:30:00+00:00", "waived"),  # still 1 June in UTC
], ids=["last-local-hour", "next-local-day", "utc"])
def test_a_waiver_expires_at_the_end_of_its_local_day(repo: Repo, opa: Any, policies: Any, zone: str, approved: str,
                                                     now: str, status: str) -> None:
    _self_approved(repo)
    repo.write("regent.yaml", f"timezone: {zone}\n")
    # Approved by bob on 1 June 2026 (local time), for 365 local days.
    repo.write("waivers/WVR-1.yaml", _waiver(approved_by="bob", approved_at=approved, expires="2027-06-01"))
    repo.commit("CHG-2, and its waiver", date="2026-06-01T12:00:00Z")

    statuses = _scan_at(repo, opa, policies, now)

    assert statuses[("REG-CHG-002", "CHG-2")] == status
    assert ("REG-GOV-002", "WVR-1") not in statuses
    assert (("REG-GOV-001", "WVR-1") in statuses) == (status == "fail")


def test_a_waiver_naming_no_check_accepts_nothing(invoke: Callable[..., Result], repo: Repo) -> None:
    _self_approved(repo)
    repo.write("waivers/WVR-1.yaml", _waiver(check="REG-CHG-0002", approved_by="bob", expires="2026-12-31"))
    repo.write("waivers/WVR-2.yaml", _waiver(id="WVR-2", check="REG-INPUT-002", records=["*"], approved_by="bob",
                                             expires="2026-12-31"))
    repo.commit("CHG-2, and two waivers", date="2026-03-10T12:00:00Z")

    statuses = _statuses(invoke("scan", str(repo.path), "--as-of", "2026-06-30", "--format", "json"))

    assert statuses[("REG-GOV-006", "WVR-1")] == "fail"
    assert ("REG-GOV-006", "WVR-2") not in statuses  # the engine's own input checks exist too
    assert statuses[("REG-CHG-002", "CHG-2")] == "fail"


def test_the_checks_that_reject_waivers_say_so_in_their_metadata(opa: Any) -> None:
    from regent.engine.scan import list_checks

    rejecting = {c.id for c in list_checks(opa).values() if c.rejects_waivers}
    assert rejecting == {"REG-GOV-001", "REG-GOV-002", "REG-GOV-003", "REG-GOV-006"}
