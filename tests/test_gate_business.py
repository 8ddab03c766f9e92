"""The gate says when a request raises the exposure of a critical business process."""

from __future__ import annotations

import json
from typing import Callable

import pytest
from click.testing import Result

from tests.conftest import Repo
from tests.test_gate import _at, submitted

WEIGHT = {"low": 1, "medium": 3, "high": 9, "critical": 27}  # regent.yaml's default severity weights


@pytest.fixture
def business_request(repo: Repo) -> Repo:
    """Payments (SVC-1) serves Online sales (critical) and Billing (high); CHG-2 on payments is submitted
    on main, and the branch `request` starts from there."""
    repo.write("changes/CHG-2.yaml", submitted())
    repo.write("business/processes/BP-SALES.yaml", {
        "kind": "business_process", "id": "BP-SALES", "name": "Online sales", "owner": "alice",
        "criticality": "critical", "services": ["SVC-1"], "objectives": ["OBJ-GROW"]})
    repo.write("business/processes/BP-BILL.yaml", {
        "kind": "business_process", "id": "BP-BILL", "name": "Billing", "owner": "alice",
        "criticality": "high", "services": ["SVC-1"], "objectives": ["OBJ-GROW"]})
    repo.write("business/objectives/OBJ-GROW.yaml", {
        "kind": "objective", "id": "OBJ-GROW", "title": "Grow online sales", "owner": "alice"})
    repo.commit("Raise CHG-2; record the processes payments serves", date=_at(29), email="carol@example.com")
    repo.git("checkout", "-q", "-b", "request")
    return repo


def test_a_request_raising_a_critical_process_exposure_says_so(
    business_request: Repo, invoke: Callable[..., Result]
) -> None:
    repo = business_request
    # Carol approves the change she asked for: findings on CHG-2, which hangs off payments.
    repo.write("changes/CHG-2.yaml", submitted(status="approved", approvals=[
        {"by": "carol", "role": "cab", "decision": "approved", "at": _at(2)}]))
    repo.commit("Approve CHG-2", date=_at(1), email="carol@example.com")

    document = json.loads(invoke("gate", str(repo.path), "--base", "main", "--head", "request",
                                 "--format", "json").stdout)
    on_change = [f for f in document["findings"] if f["record"]["id"] == "CHG-2" and f["status"] == "fail"]
    assert any(f["check"] == "REG-CHG-002" for f in on_change)
    after = sum(WEIGHT[f["severity"]] for f in on_change) * 4  # x critical
    # Only the critical process is named; billing (high) is more exposed too, but not critical.
    assert document["gate"]["raises_critical_exposure"] == [
        {"id": "BP-SALES", "name": "Online sales", "before": 0, "after": after}]

    sentence = f"raises the exposure of critical process BP-SALES (Online sales) from 0 to {after}"
    markdown = invoke("gate", str(repo.path), "--base", "main", "--head", "request", "--format", "markdown")
    assert f"**⚠ This request {sentence}.**" in markdown.stdout
    text = invoke("gate", str(repo.path), "--base", "main", "--head", "request")
    assert text.exit_code == 1
    assert f"The request {sentence}." in " ".join(text.stdout.split())


def test_a_request_that_leaves_the_processes_alone_says_nothing_of_them(
    business_request: Repo, invoke: Callable[..., Result]
) -> None:
    repo = business_request
    repo.write("changes/CHG-2.yaml", submitted(title="Raise the payment gateway's pool to 64 connections"))
    repo.commit("Retitle CHG-2", date=_at(1), email="carol@example.com")
    document = json.loads(invoke("gate", str(repo.path), "--base", "main", "--head", "request",
                                 "--format", "json").stdout)
    assert document["gate"]["raises_critical_exposure"] == []
    markdown = invoke("gate", str(repo.path), "--base", "main", "--head", "request", "--format", "markdown").stdout
    assert "raises the exposure" not in markdown
