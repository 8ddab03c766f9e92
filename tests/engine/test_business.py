"""The business view of a scan: open findings rolled up to services, business processes and objectives.

Real git, the real OPA, the real scan. The weights are regent.yaml's defaults
(severity low 1, medium 3, high 9, critical 27; criticality low 1, medium 2,
high 3, critical 4), so every figure below is worked out by hand from the
findings each repository was built to hold.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import orjson

from regent.engine.model import ScanResult
from regent.engine.opa import PrivateOpa
from regent.engine.policyset import PolicySet
from regent.engine.render import get_renderer
from regent.evidence import load_snapshot
from regent.engine.scan import scan
from tests.conftest import CI_RECORD, PEOPLE, SERVICE_RECORD, Repo, clean_change

# The shared repository's monthly service reports run up to the last month due today: judged now,
# none of them is dated in the future (REG-GOV-005) or missing.
NOW = datetime.now(timezone.utc)
NONE = {"critical": 0, "high": 0, "medium": 0, "low": 0}


def counts(**given: int) -> dict[str, int]:
    return {**NONE, **given}


def run(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> dict[str, Any]:
    """The scan result as its JSON gives it."""
    result = scan(load_snapshot(repo.path, now=NOW), policies, opa)
    return orjson.loads(get_renderer("json").render(result))  # type: ignore[no-any-return]


def open_findings(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f["check"], f["record"]["id"]) for f in result["findings"] if f["status"] == "fail"}


def ci(ci_id: str, **fields: Any) -> dict[str, Any]:
    """A staging server that every check accepts, like the fixture's CI-1, without services of its own."""
    record = {**CI_RECORD, "id": ci_id, "name": f"{ci_id.lower()}-host"}
    record.pop("services")
    record.update(fields)
    return record


def process(process_id: str, criticality: str, services: list[str], objectives: list[str]) -> dict[str, Any]:
    return {"kind": "business_process", "id": process_id, "name": process_id.removeprefix("BP-").title(),
            "owner": "alice", "criticality": criticality, "services": services, "objectives": objectives}


def objective(objective_id: str, title: str) -> dict[str, Any]:
    return {"kind": "objective", "id": objective_id, "title": title, "owner": "alice"}


def service(service_id: str, name: str, criticality: str, cis: list[str]) -> dict[str, Any]:
    return {**SERVICE_RECORD, "id": service_id, "name": name, "criticality": criticality,
            "configuration_items": cis}


# Bob of the CAB approved the change he requested (REG-CHG-002, high), and recorded it himself: the one
# finding the change draws.
SELF_APPROVED = clean_change("CHG-2", requested_by="bob")
BOB = "bob@example.com"


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def test_a_repository_without_processes_has_no_business_view(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    repo.write("cmdb/CI-1.yaml", {**CI_RECORD, "relationships": [{"type": "depends_on", "target": "CI-404"}]})
    repo.commit("A dangling relationship")
    result = run(repo, opa, policies)
    assert ("REG-CFG-004", "CI-1") in open_findings(result)
    assert "business" in result and result["business"] is None


def test_findings_reach_services_through_the_chain_and_roll_up_to_processes_and_objectives(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    # CI-1 belongs to Payments (SVC-1, medium) and to the Web shop (SVC-2, critical, which lists it):
    # its dangling relationship (REG-CFG-004, medium) reaches both services.
    repo.write("cmdb/CI-1.yaml", {**CI_RECORD, "relationships": [{"type": "connects_to", "target": "CI-404"}]})
    # CI-2 runs on CI-3, which is part of CI-2 (a cycle); the Web shop lists CI-3, so CI-2's own
    # dangling relationship reaches the Web shop, and only it.
    repo.write("cmdb/CI-2.yaml", ci("CI-2", relationships=[{"type": "runs_on", "target": "CI-3"},
                                                           {"type": "depends_on", "target": "CI-405"}]))
    repo.write("cmdb/CI-3.yaml", ci("CI-3", relationships=[{"type": "part_of", "target": "CI-2"}]))
    repo.write("services/SVC-2.yaml", service("SVC-2", "Web shop", "critical", ["CI-1", "CI-3"]))
    # Sales (critical) needs the web shop and payments; Billing (high) needs payments alone.
    repo.write("business/processes/BP-SALES.yaml", process("BP-SALES", "critical", ["SVC-2", "SVC-1"], ["OBJ-GROW"]))
    repo.write("business/processes/BP-BILL.yaml", process("BP-BILL", "high", ["SVC-1"], ["OBJ-GROW", "OBJ-CASH"]))
    repo.write("business/objectives/OBJ-GROW.yaml", objective("OBJ-GROW", "Grow online sales"))
    repo.write("business/objectives/OBJ-CASH.yaml", objective("OBJ-CASH", "Collect cash within 30 days"))
    # No process serves this objective: REG-BIZ-003 (low) on a record that reaches no service.
    repo.write("business/objectives/OBJ-EXPORT.yaml", objective("OBJ-EXPORT", "Double export sales"))
    repo.commit("Record the business chain")

    result = run(repo, opa, policies)
    found = open_findings(result)
    assert {("REG-CFG-004", "CI-1"), ("REG-CFG-004", "CI-2"), ("REG-BIZ-003", "OBJ-EXPORT")} <= found
    # What else the new web shop draws (its monthly reports, its capacity review and continuity plan
    # as a critical service) is on the service itself: the figures below count it through `extra`.
    extra = [f for f in result["findings"] if f["status"] == "fail"
             and (f["check"], f["record"]["id"]) not in {("REG-CFG-004", "CI-1"), ("REG-CFG-004", "CI-2"),
                                                         ("REG-BIZ-003", "OBJ-EXPORT")}]
    assert all(f["record"]["kind"] == "service" and f["record"]["id"] == "SVC-2" for f in extra), extra
    weight = {"low": 1, "medium": 3, "high": 9, "critical": 27}
    extra_weight = sum(weight[f["severity"]] for f in extra)

    business = result["business"]
    services = by_id(business["services"])
    assert services["SVC-1"]["findings"] == ["REG-CFG-004:configuration_item:CI-1"]
    assert services["SVC-1"]["open_findings"] == counts(medium=1)
    assert services["SVC-1"]["exposure"] == 3 * 2  # medium finding x medium service
    assert services["SVC-1"]["processes"] == ["BP-BILL", "BP-SALES"]
    web = services["SVC-2"]
    assert {"REG-CFG-004:configuration_item:CI-1", "REG-CFG-004:configuration_item:CI-2"} <= set(web["findings"])
    assert web["criticality"] == "critical" and web["processes"] == ["BP-SALES"]
    assert web["exposure"] == (3 + 3 + extra_weight) * 4

    processes = by_id(business["processes"])
    # Sales: the CI-1 finding through both its services, CI-2's through the web shop, the web shop's own.
    assert processes["BP-SALES"]["exposure"] == (3 + 3 + 3 + extra_weight) * 4
    assert processes["BP-SALES"]["open_findings"]["medium"] >= 3
    assert processes["BP-SALES"]["services"] == ["SVC-2", "SVC-1"]
    # Billing fails what REG-CFG-004 evidences (configuration management), and nothing else.
    assert processes["BP-BILL"]["failed_controls"]["cobit4"] == ["DS9.2", "DS9.3"]
    assert processes["BP-BILL"]["failed_controls"]["iso20000"] == ["8.2.6"]
    assert {"DS9.2", "DS9.3"} <= set(processes["BP-SALES"]["failed_controls"]["cobit4"])
    assert processes["BP-BILL"]["exposure"] == 3 * 3  # the CI-1 finding through payments, high process
    assert processes["BP-BILL"]["open_findings"] == counts(medium=1)
    assert [p["id"] for p in business["processes"]] == ["BP-SALES", "BP-BILL"]

    objectives = by_id(business["objectives"])
    assert objectives["OBJ-GROW"]["processes"] == ["BP-BILL", "BP-SALES"]
    assert objectives["OBJ-GROW"]["exposure"] == processes["BP-SALES"]["exposure"] + 9
    assert objectives["OBJ-CASH"]["exposure"] == 9 and objectives["OBJ-CASH"]["processes"] == ["BP-BILL"]
    assert objectives["OBJ-EXPORT"]["exposure"] == 0 and objectives["OBJ-EXPORT"]["processes"] == []

    assert business["unaligned"] == {"open_findings": counts(low=1)}


def test_a_waived_finding_is_listed_under_its_service_and_not_counted(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    # CHG-2 was approved by its own requester (REG-CHG-002, high); a waiver in force accepts it.
    repo.write("changes/CHG-2.yaml", SELF_APPROVED)
    repo.write("business/processes/BP-BILL.yaml", process("BP-BILL", "high", ["SVC-1"], ["OBJ-CASH"]))
    repo.write("business/objectives/OBJ-CASH.yaml", objective("OBJ-CASH", "Collect cash within 30 days"))
    repo.commit("A self-approval on payments", email=BOB)
    # Erin manages changes and had no hand in CHG-2, so her waiver holds.
    erin = {"id": "erin", "name": "Erin Eze", "emails": ["erin@example.com"], "roles": ["change-manager"]}
    repo.write("people.yaml", {"people": [*PEOPLE["people"], erin]})
    repo.commit("Erin joins the change managers")
    approved = NOW - timedelta(days=2)
    repo.write("waivers/WVR-1.yaml", {
        "kind": "waiver", "id": "WVR-1", "check": "REG-CHG-002", "records": ["CHG-2"],
        "reason": "The only engineer on call; the CAB reviews it next week.", "approved_by": "erin",
        "approved_at": approved.strftime("%Y-%m-%dT%H:%M:%SZ"), "expires": (NOW + timedelta(days=30)).date().isoformat()})
    repo.commit("Accept the risk until the CAB meets", date=(approved + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                email="erin@example.com")

    result = run(repo, opa, policies)
    statuses = {(f["check"], f["record"]["id"]): f["status"] for f in result["findings"]}
    assert statuses[("REG-CHG-002", "CHG-2")] == "waived"
    assert open_findings(result) == set()
    business = result["business"]
    payments = by_id(business["services"])["SVC-1"]
    assert payments["findings"] == ["REG-CHG-002:change:CHG-2"]
    assert payments["open_findings"] == NONE and payments["exposure"] == 0
    assert by_id(business["processes"])["BP-BILL"]["exposure"] == 0
    assert business["constraint"] is None


def test_the_constraint_is_the_check_with_the_most_exposure_not_the_most_findings(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    # Three dangling relationships (REG-CFG-004, medium) on items of a low-criticality intranet
    # that only a low-criticality process needs ...
    for n in (2, 3, 4):
        repo.write(f"cmdb/CI-{n}.yaml", ci(f"CI-{n}", relationships=[{"type": "depends_on", "target": f"CI-40{n}"}]))
    repo.write("services/SVC-3.yaml", service("SVC-3", "Intranet", "low", ["CI-2", "CI-3", "CI-4"]))
    # ... against one self-approved change (REG-CHG-002, high) on payments, which a critical process needs.
    repo.write("changes/CHG-2.yaml", SELF_APPROVED)
    repo.write("business/processes/BP-NEWS.yaml", process("BP-NEWS", "low", ["SVC-3"], ["OBJ-STAFF"]))
    repo.write("business/processes/BP-SALES.yaml", process("BP-SALES", "critical", ["SVC-1"], ["OBJ-GROW"]))
    repo.write("business/objectives/OBJ-STAFF.yaml", objective("OBJ-STAFF", "Keep staff informed"))
    repo.write("business/objectives/OBJ-GROW.yaml", objective("OBJ-GROW", "Grow online sales"))
    repo.commit("Two processes, two kinds of finding", email=BOB)

    result = run(repo, opa, policies)
    found = open_findings(result)
    cfg = {f for f in found if f[0] == "REG-CFG-004"}
    assert cfg == {("REG-CFG-004", "CI-2"), ("REG-CFG-004", "CI-3"), ("REG-CFG-004", "CI-4")}
    chg = {f for f in found if f[0] == "REG-CHG-002"}
    assert chg == {("REG-CHG-002", "CHG-2")}
    intranet = [f for f in result["findings"] if f["status"] == "fail" and f["record"]["id"] == "SVC-3"]
    news = by_id(result["business"]["processes"])["BP-NEWS"]
    sales = by_id(result["business"]["processes"])["BP-SALES"]
    assert news["exposure"] == 3 * 3 * 1 + sum({"low": 1, "medium": 3, "high": 9}[f["severity"]] for f in intranet)
    assert sales["exposure"] == 9 * 4

    constraint = result["business"]["constraint"]
    assert constraint["check"] == "REG-CHG-002"
    assert constraint["exposure"] == 36
    assert constraint["share"] == round(36 / (news["exposure"] + 36), 2)
    assert constraint["processes"] == ["BP-SALES"]
    assert "AI6.2" in constraint["controls"]["cobit4"]
    assert result["business"]["processes"][0]["id"] == "BP-SALES"


def test_weights_come_from_regent_yaml(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("regent.yaml", "business:\n  severity_weights: {high: 100}\n  criticality_weights: {critical: 10}\n")
    repo.write("changes/CHG-2.yaml", SELF_APPROVED)
    repo.write("business/processes/BP-SALES.yaml", process("BP-SALES", "critical", ["SVC-1"], []))
    repo.commit("Weights of our own", email=BOB)
    business = run(repo, opa, policies)["business"]
    assert by_id(business["processes"])["BP-SALES"]["exposure"] == 100 * 10
    assert by_id(business["services"])["SVC-1"]["exposure"] == 100 * 2  # medium keeps its default


def test_scan_result_value_carries_the_view(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("business/processes/BP-BILL.yaml", process("BP-BILL", "high", ["SVC-1"], []))
    repo.commit("One process")
    result: ScanResult = scan(load_snapshot(repo.path, now=NOW), policies, opa)
    assert result.business is not None and result.business.process("BP-BILL") is not None
    assert result.business.process("BP-BILL").exposure == 0  # type: ignore[union-attr]
