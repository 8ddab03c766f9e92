"""Scans on the real OPA of the test run, over repositories built with real git."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import orjson
import pytest

from regent.engine.model import ScanResult
from regent.engine.opa import PrivateOpa
from regent.engine.policyset import PolicySet
from regent.engine.render import get_renderer
from regent.engine.results import ResultCache
from regent.engine.model import CheckInfo
from regent.engine.scan import build_input, kinds_read, list_checks, scan
from regent.evidence import load_snapshot
from tests.conftest import PEOPLE, Repo, clean_change

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


def run(repo: Repo, opa: PrivateOpa, policies: PolicySet, **kwargs: object) -> ScanResult:
    snapshot = load_snapshot(repo.path, now=NOW)
    return scan(snapshot, policies, opa, **kwargs)  # type: ignore[arg-type]


def by_check(result: ScanResult) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for f in result.findings:
        out.setdefault(f.check, []).append(f)
    return out


def test_clean_repository_has_no_findings_and_controls_hold(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    # Judged now: the fixture holds a reviewed report for every month due until today, which a scan
    # judged at an earlier moment rightly reports as reviewed after its day (REG-GOV-005).
    result = scan(load_snapshot(repo.path), policies, opa)
    assert result.findings == ()
    assert not result.breaches("low")
    ai62 = next(c for c in result.controls if c.framework == "cobit4" and c.id == "AI6.2")
    assert ai62.status == "pass" and "REG-CHG-002" in ai62.checks


def test_self_approval_is_reported_with_file_line_and_every_framework(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    change = clean_change("CHG-2042", approvals=[
        {"by": "carol", "role": "cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}])
    repo.write("changes/CHG-2042.yaml", change)
    result = run(repo, opa, policies)
    finding = by_check(result)["REG-CHG-002"][0]
    assert finding.message == "CHG-2042 was approved by carol, who requested it"
    assert finding.record.path == "changes/CHG-2042.yaml"
    line = (repo.path / finding.record.path).read_text().splitlines()[finding.record.line - 1]
    assert "by: carol" in line
    assert finding.severity == "high" and finding.status == "fail"
    assert set(finding.controls) == {"cobit4", "cobit2019", "iso20000", "iso17799", "iso27002"}
    assert "AI6.2" in finding.controls["cobit4"] and "5.3" in finding.controls["iso27002"]
    assert result.breaches("high")
    ai62 = next(c for c in result.controls if c.framework == "cobit4" and c.id == "AI6.2")
    assert ai62.status == "fail" and ai62.findings >= 1


def test_emergency_review_threshold_comes_from_regent_yaml(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    emergency = clean_change("CHG-E1", type="emergency", status="implemented",
                             approvals=[{"by": "dave", "role": "emergency-cab", "decision": "approved",
                                         "at": "2026-05-20T10:00:00Z"}],
                             schedule={"start": "2026-05-20T09:00:00Z", "end": "2026-05-20T12:00:00Z"},
                             implementation={"started": "2026-05-20T09:30:00Z", "completed": "2026-05-20T10:30:00Z",
                                             "by": "carol"})
    del emergency["review"], emergency["closure"]
    repo.write("changes/CHG-E1.yaml", emergency)
    assert "REG-CHG-006" in by_check(run(repo, opa, policies))  # 12 days > default 7
    repo.write("regent.yaml", "thresholds:\n  emergency_review_days: 30\n")
    assert "REG-CHG-006" not in by_check(run(repo, opa, policies))


def test_waiver_in_force_marks_the_finding_waived_and_expired_one_does_not(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    repo.write("changes/CHG-9.yaml", clean_change("CHG-9", configuration_items=["CI-GONE"]))
    waiver = {"kind": "waiver", "id": "WVR-1", "check": "REG-CHG-009", "records": ["CHG-9"],
              "reason": "CI being re-registered", "approved_by": "bob",
              "approved_at": "2026-05-01T10:00:00Z", "expires": "2026-06-30"}
    repo.write("waivers/WVR-1.yaml", waiver)
    result = run(repo, opa, policies)
    finding = by_check(result)["REG-CHG-009"][0]
    assert finding.status == "waived" and finding.waiver == "WVR-1"
    assert not any(f.check == "REG-CHG-009" for f in result.findings if f.status == "fail")

    repo.write("waivers/WVR-1.yaml", dict(waiver, expires="2026-05-31"))
    result = run(repo, opa, policies)
    checks = by_check(result)
    assert checks["REG-CHG-009"][0].status == "fail" and checks["REG-CHG-009"][0].waiver is None
    assert checks["REG-GOV-001"][0].record.id == "WVR-1"


def test_bad_records_become_error_findings_and_the_scan_goes_on(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    repo.write("changes/broken.yaml", "kind: change\nid: [oops\n")
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", implementer="bob"))
    result = run(repo, opa, policies)
    checks = by_check(result)
    error = checks["REG-INPUT-001"][0]
    assert error.status == "error" and error.record.path == "changes/broken.yaml" and error.record.line >= 2
    assert checks["REG-CHG-003"][0].record.id == "CHG-2042"
    assert result.count("error") == 1


def test_framework_filter_keeps_only_that_framework(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    result = run(repo, opa, policies, frameworks=["iso27002"])
    assert result.frameworks == ("iso27002",)
    assert all(set(f.controls) == {"iso27002"} for f in result.findings)
    assert {c.framework for c in result.controls} == {"iso27002"}


def test_controls_without_records_to_judge_are_not_tested(tmp_path: Path, opa: PrivateOpa, policies: PolicySet) -> None:
    empty = Repo(tmp_path / "empty")
    empty.write("cmdb/CI-1.yaml", {"kind": "configuration_item", "id": "CI-1", "name": "db", "type": "database",
                                  "owner": "alice", "environment": "production", "status": "active"})
    empty.commit()
    result = run(empty, opa, policies)
    ai63 = next(c for c in result.controls if c.framework == "cobit4" and c.id == "AI6.3")
    assert ai63.status == "not_tested"


def test_the_json_and_the_text_name_each_control_status_in_their_own_words(
    tmp_path: Path, opa: PrivateOpa, policies: PolicySet
) -> None:
    mixed = Repo(tmp_path / "mixed")
    mixed.write("people.yaml", PEOPLE)
    mixed.write("changes/CHG-2042.yaml", clean_change("CHG-2042", approvals=[
        {"by": "carol", "role": "cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}]))
    mixed.commit()
    result = run(mixed, opa, policies)
    statuses = [c["status"] for c in json.loads(get_renderer("json").render(result))["controls"]]
    assert {"pass", "fail", "not_tested"} == set(statuses)
    text = get_renderer("text").render(result)
    assert (f"{statuses.count('pass')} held, {statuses.count('fail')} failed, "
            f"{statuses.count('not_tested')} not tested.") in " ".join(text.split())


def test_same_revision_gives_the_same_json(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    repo.write("changes/CHG-2043.yaml", clean_change("CHG-2043", configuration_items=["CI-X", "CI-Y"]))
    repo.commit("More changes", date="2026-04-01T10:00:00Z")
    renderer = get_renderer("json")
    first = renderer.render(scan(load_snapshot(repo.path, rev="HEAD", now=NOW), policies, opa))
    second = renderer.render(scan(load_snapshot(repo.path, rev="HEAD", now=NOW), policies, opa))
    assert first == second
    document = json.loads(first)
    assert document["summary"]["findings"] == len(document["findings"]) >= 3
    assert document["policies"]["digest"] == policies.digest
    assert document["repository"]["revision"] == repo.git("rev-parse", "HEAD")


def test_input_document_is_valid_json_with_every_record(repo: Repo) -> None:
    snapshot = load_snapshot(repo.path, now=NOW)
    document = orjson.loads(build_input(snapshot))
    assert document["reference_time"] == "2026-06-01T12:00:00Z"
    assert document["reference_ns"] == int(NOW.timestamp()) * 10**9
    assert document["records"]["change"]["CHG-1"]["_path"] == "changes/CHG-1.yaml"
    assert document["config"]["thresholds"]["emergency_review_days"] == 7


def test_every_check_has_complete_metadata(opa: PrivateOpa) -> None:
    checks = list_checks(opa)
    policy_checks = [c for c in checks.values() if c.origin == "builtin"]
    assert len(policy_checks) >= 45
    for info in checks.values():
        assert info.title and info.remediation and info.severity in ("low", "medium", "high", "critical")
        assert set(info.controls) <= {"cobit4", "cobit2019", "iso20000", "iso17799", "iso27002"}, info.id
        assert "cobit4" in info.controls, info.id


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_renderers_show_the_finding(fmt: str, repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    out = get_renderer(fmt).render(run(repo, opa, policies))
    assert "REG-CHG-002" in out and "changes/CHG-2042.yaml" in out


def test_only_the_kinds_checks_read_reach_opa(repo: Repo, opa: PrivateOpa) -> None:
    repo.write("incidents/INC-1.yaml", {"kind": "incident", "id": "INC-1", "title": "Gateway down", "priority": "P1",
                                       "status": "open", "opened": "2026-05-01T10:00:00Z"})
    snapshot = load_snapshot(repo.path, now=NOW)
    checks = list_checks(opa).values()
    kinds = kinds_read(checks)
    assert kinds is not None and "change" in kinds and "configuration_item" in kinds
    records = orjson.loads(build_input(snapshot, kinds))["records"]
    assert ("incident" in records) == ("incident" in kinds)
    assert set(records) <= kinds
    unsure = [*checks, CheckInfo(id="ACME-1", title="t", severity="low", remediation="r", controls={}, origin="custom")]
    assert kinds_read(unsure) is None
    assert "incident" in orjson.loads(build_input(snapshot, kinds_read(unsure)))["records"]


def test_an_identical_input_reuses_the_answer_and_a_new_moment_does_not(
    repo: Repo, opa: PrivateOpa, policies: PolicySet, tmp_path: Path
) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    repo.commit("Self-approved change", date="2026-03-10T09:00:00Z")
    results = ResultCache(tmp_path / "cache")
    as_of = load_snapshot(repo.path, as_of=date(2026, 3, 31))
    first = scan(as_of, policies, opa, results=results)
    again = scan(load_snapshot(repo.path, as_of=date(2026, 3, 31)), policies, opa, results=results)
    assert first.stats.reused_answer is False and again.stats.reused_answer is True
    assert get_renderer("json").render(first) == get_renderer("json").render(again)
    later = scan(load_snapshot(repo.path, as_of=date(2026, 4, 1)), policies, opa, results=results)
    assert later.stats.reused_answer is False
    other_policies = PolicySet(policies.files, "sha256:another")
    assert scan(as_of, other_policies, opa, results=results).stats.reused_answer is False


def test_a_finding_about_a_person_points_at_their_entry_in_people_yaml(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    people = {"people": [*PEOPLE["people"], {"id": "erin", "name": "Erin Eze", "emails": ["erin@example.com"],
                                             "roles": ["developer", "release-manager"]}]}
    repo.write("people.yaml", people)
    result = run(repo, opa, policies)
    finding = by_check(result)["REG-SEC-015"][0]
    lines = (repo.path / "people.yaml").read_text().splitlines()
    erin = next(i for i, line in enumerate(lines, 1) if "id: erin" in line)
    roles = next(i for i, line in enumerate(lines, 1) if i > erin and "roles:" in line)
    assert (finding.record.kind, finding.record.id, finding.record.path) == ("person", "erin", "people.yaml")
    assert finding.record.line == roles
    po411 = next(c for c in result.controls if c.framework == "cobit4" and c.id == "PO4.11")
    assert po411.status == "fail" and "REG-SEC-015" in po411.checks


def test_text_output_keeps_a_long_file_name_and_its_line_together(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    path = "changes/2026/11/emergency-weekend-work/CHG-2042-reroute-payments.yaml"
    repo.write(path, clean_change("CHG-2042", requested_by="bob"))
    out = get_renderer("text").render(run(repo, opa, policies))
    assert "changes/2026/11/emergency-weekend-work/" in out
    assert "CHG-2042-reroute-payments.yaml:" in out
