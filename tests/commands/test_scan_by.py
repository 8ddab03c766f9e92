"""``regent scan --by service|process|objective``: the business view in place of the findings list."""

from __future__ import annotations

import json
from typing import Callable

from click.testing import Result

from tests.conftest import CI_RECORD, Repo, clean_change

SELF_APPROVED = clean_change("CHG-2", requested_by="bob")


def business_repo(repo: Repo) -> Repo:
    """Payments (SVC-1) serves Billing (high) and Sales (critical); CHG-2 on payments was approved by
    the one who asked for it (REG-CHG-002); CI-1 of payments relates to an item with no record."""
    repo.write("cmdb/CI-1.yaml", {**CI_RECORD, "relationships": [{"type": "depends_on", "target": "CI-404"}]})
    repo.write("changes/CHG-2.yaml", SELF_APPROVED)
    repo.write("business/processes/BP-BILL.yaml", {
        "kind": "business_process", "id": "BP-BILL", "name": "Billing", "owner": "alice", "criticality": "high",
        "services": ["SVC-1"], "objectives": ["OBJ-CASH"]})
    repo.write("business/processes/BP-SALES.yaml", {
        "kind": "business_process", "id": "BP-SALES", "name": "Online sales", "owner": "alice",
        "criticality": "critical", "services": ["SVC-1"], "objectives": ["OBJ-CASH"]})
    repo.write("business/objectives/OBJ-CASH.yaml", {
        "kind": "objective", "id": "OBJ-CASH", "title": "Collect cash within 30 days", "owner": "alice"})
    repo.commit("The business chain of payments", email="bob@example.com")
    return repo


def test_by_process_names_the_process_most_at_risk_and_the_check_to_fix_first(
    repo: Repo, invoke: Callable[..., Result]
) -> None:
    business_repo(repo)
    result = invoke("scan", str(repo.path), "--by", "process")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    fix_first = next(i for i, line in enumerate(lines) if line.startswith("Fix first:"))
    table = next(i for i, line in enumerate(lines) if line.startswith("BUSINESS PROCESSES BY EXPOSURE"))
    assert fix_first < table  # the constraint on top
    # REG-CHG-002 (high, 9) outweighs REG-CFG-004 (medium, 3) on the same service.
    sentence = " ".join(lines[fix_first:table]).split()
    assert " ".join(sentence) == ("Fix first: REG-CHG-002 (Change approved by its own requester): 75 % of the "
                                  "business processes' exposure (63), in BP-BILL, BP-SALES.")
    rows = [line for line in lines[table + 2:] if line.startswith("BP-")]
    assert [row.split()[0] for row in rows] == ["BP-SALES", "BP-BILL"]  # critical first: 12 x 4 before 12 x 3
    assert "48" in rows[0].split() and "36" in rows[1].split()
    # The findings list is not shown.
    assert "CHG-2 was approved by bob" not in result.output


def test_by_service_and_objective_in_markdown(repo: Repo, invoke: Callable[..., Result]) -> None:
    business_repo(repo)
    services = invoke("scan", str(repo.path), "--by", "service", "--format", "markdown").output
    assert "### IT services by exposure" in services
    assert "| service | criticality | exposure | open findings | processes | findings |" in services
    assert "| SVC-1 | medium | 24 | 1 high, 1 medium | BP-BILL, BP-SALES | 2 |" in services
    assert services.index("**Fix first: REG-CHG-002") < services.index("| SVC-1 |")
    objectives = invoke("scan", str(repo.path), "--by", "objective", "--format", "markdown").output
    assert "| OBJ-CASH | Collect cash within 30 days | 84 | 2 high, 2 medium | BP-BILL, BP-SALES |" in objectives


def test_json_always_carries_business_and_by_needs_processes(repo: Repo, invoke: Callable[..., Result]) -> None:
    plain = invoke("scan", str(repo.path), "--format", "json")
    assert json.loads(plain.output)["business"] is None
    text = invoke("scan", str(repo.path), "--by", "process").output
    assert "No business process is recorded" in text
    business_repo(repo)
    document = json.loads(invoke("scan", str(repo.path), "--format", "json", "--by", "service").output)
    assert document["business"]["constraint"]["check"] == "REG-CHG-002"
    assert len(document["findings"]) == 2  # JSON keeps its findings whatever --by says


def test_by_rejects_an_unknown_level(repo: Repo, invoke: Callable[..., Result]) -> None:
    result = invoke("scan", str(repo.path), "--by", "team")
    assert result.exit_code == 2 and "'team' is not one of" in result.output
