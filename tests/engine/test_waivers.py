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
