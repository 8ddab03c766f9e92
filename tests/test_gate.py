"""`regent gate` on real requests: a branch with commits on a real repository, judged on real OPA.

Each test makes the request a platform team would see in CI (or, for the
pre-commit hook, the work tree), runs the command line, and checks the exit
code and what CI shows: annotations on the right file and line, SARIF and
JUnit valid against their published schemas.
"""

from __future__ import annotations

import json
import re
import shlex
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from click.testing import Result

from tests.conftest import Repo
from tests.engine.test_render_ci import junit_schema, sarif_validator

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def _at(hours_ago: float) -> str:
    return (NOW - timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def submitted(change_id: str = "CHG-2", **fields: Any) -> dict[str, Any]:
    """A change carol raised yesterday and submitted for approval: nothing wrong with it yet."""
    record: dict[str, Any] = {
        "kind": "change", "id": change_id, "title": "Raise the payment gateway's connection pool",
        "type": "normal", "status": "submitted", "requested_by": "carol", "implementer": "carol",
        "created": _at(30), "risk": "low", "impact": "low", "configuration_items": ["CI-1"], "services": ["SVC-1"],
        "plan": {"implementation": "Set the pool to 64", "backout": "Set it back to 32",
                 "test": "Load test in staging"},
    }
    record.update(fields)
    return record


@pytest.fixture
def request_repo(repo: Repo) -> Repo:
    """The fixture repository with CHG-2 submitted on main, and a branch `request` started from there."""
    repo.write("changes/CHG-2.yaml", submitted())
    repo.commit("Raise CHG-2", date=_at(29), email="carol@example.com")
    repo.git("checkout", "-q", "-b", "request")
    return repo


def line_of(repo: Repo, path: str, text: str) -> int:
    lines = (repo.path / path).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def gate(invoke: Callable[..., Result], repo: Repo, *args: str) -> Result:
    return invoke("gate", str(repo.path), "--base", "main", *args)


def findings(result: Result) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


def test_a_request_that_skips_lifecycle_steps_fails_with_an_annotation_on_the_status_line(
    request_repo: Repo, invoke: Callable[..., Result]
) -> None:
    repo = request_repo
    repo.write("changes/CHG-2.yaml", submitted(status="implemented", implementation={
        "started": _at(3), "completed": _at(2), "by": "carol"}))
    repo.commit("Implement CHG-2", date=_at(1), email="carol@example.com")

    result = gate(invoke, repo, "--head", "request", "--format", "github")

    assert result.exit_code == 1, result.output
    line = line_of(repo, "changes/CHG-2.yaml", "status:")
    annotation = next(a for a in result.stdout.splitlines() if "REG-CHG-020" in a)
    assert annotation.startswith(f"::error file=changes/CHG-2.yaml,line={line},title=REG-CHG-020")
    assert "moved from submitted to implemented in one request, skipping approved" in annotation
    # Only the changed record is reported: CHG-1, untouched, has nothing new.
    assert all("file=changes/CHG-2.yaml" in a for a in result.stdout.splitlines() if a.startswith("::"))


def test_a_requester_approving_their_own_change_fails_the_gate(
    request_repo: Repo, invoke: Callable[..., Result]
) -> None:
    repo = request_repo
    repo.write("changes/CHG-2.yaml", submitted(status="approved", approvals=[
        {"by": "carol", "role": "cab", "decision": "approved", "at": _at(2)}]))
    repo.commit("Approve CHG-2", date=_at(1), email="carol@example.com")

    result = gate(invoke, repo, "--head", "request", "--format", "json")

    assert result.exit_code == 1
    found = {(f["check"], f["record"]["path"], f["record"]["line"]) for f in findings(result)}
    assert ("REG-CHG-002", "changes/CHG-2.yaml", line_of(repo, "changes/CHG-2.yaml", "- by: carol")) in found


def test_rewriting_collected_evidence_fails_on_the_manifest_line_naming_the_artifact(
    request_repo: Repo, invoke: Callable[..., Result]
) -> None:
    repo = request_repo
    repo.write("evidence/artifacts/EV-1.txt", b"payments-gw-01 staging: 42 tests passed, 0 failed (rerun)\n")
    repo.commit("Fix the test report", date=_at(1), email="carol@example.com")

    result = gate(invoke, repo, "--head", "request", "--format", "json")

    assert result.exit_code == 1
    by_check = {f["check"]: f for f in findings(result)}
    assert by_check["REG-SEC-022"]["severity"] == "critical"
    assert by_check["REG-SEC-022"]["record"] == {
        "kind": "evidence", "id": "EV-1", "path": "evidence/EV-1.yaml",
        "line": line_of(repo, "evidence/EV-1.yaml", "- path: evidence/artifacts/EV-1.txt")}
    assert "REG-SEC-017" in by_check  # and its digest no longer matches


def test_a_clean_request_passes_and_its_sarif_and_junit_validate(
    request_repo: Repo, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    repo = request_repo
    repo.write("changes/CHG-3.yaml", submitted("CHG-3", title="Renew the payment gateway's DNS entry"))
    repo.commit("Raise CHG-3", date=_at(1), email="carol@example.com")
    sarif, junit = tmp_path / "gate.sarif", tmp_path / "gate.xml"

    result = gate(invoke, repo, "--head", "request", "--format", f"sarif={sarif}", "--format", f"junit={junit}",
                  "--format", "text")

    assert result.exit_code == 0, result.output
    assert "0 findings in the request" in result.stdout
    document = json.loads(sarif.read_text())
    sarif_validator().validate(document)
    assert document["runs"][0]["results"] == []
    junit_schema().validate(str(junit))
    assert 'name="change CHG-3 (changes/CHG-3.yaml' in junit.read_text()  # passing cases for the new record


def test_a_finding_the_request_causes_on_a_record_it_did_not_touch_is_reported(
    request_repo: Repo, invoke: Callable[..., Result]
) -> None:
    """Deleting CI-1 from the CMDB leaves the changes and the service that name it, all untouched,
    pointing at nothing."""
    repo = request_repo
    repo.git("rm", "-q", "cmdb/CI-1.yaml")
    repo.commit("Remove CI-1", date=_at(1), email="alice@example.com")

    neighbourhood = gate(invoke, repo, "--head", "request", "--format", "json")
    full = gate(invoke, repo, "--head", "request", "--format", "json", "--full")

    elsewhere = [f for f in findings(neighbourhood) if f["record"]["path"] != "cmdb/CI-1.yaml"]
    assert {f["record"]["id"] for f in elsewhere} == {"CHG-1", "CHG-2", "SVC-1"}
    assert all("CI-1" in f["message"] for f in elsewhere)
    assert json.loads(neighbourhood.stdout)["gate"]["elsewhere"] == len(elsewhere)
    assert findings(neighbourhood) == findings(full)
    assert json.loads(full.stdout)["gate"]["scope"] == "full"


def test_deleting_a_closed_change_is_reported_on_the_file_it_was_in(
    request_repo: Repo, invoke: Callable[..., Result]
) -> None:
    repo = request_repo
    repo.git("rm", "-q", "changes/CHG-1.yaml")
    repo.commit("Tidy up CHG-1", date=_at(1), email="alice@example.com")

    result = gate(invoke, repo, "--head", "request", "--format", "json")

    closed = [f for f in findings(result) if f["check"] == "REG-CHG-022"]
    assert [(f["record"]["id"], f["record"]["path"], f["record"]["line"]) for f in closed] == [
        ("CHG-1", "changes/CHG-1.yaml", 1)]
    assert json.loads(result.stdout)["gate"]["changed"] == [
        {"path": "changes/CHG-1.yaml", "status": "deleted", "from": None, "kind": "change", "id": "CHG-1"}]


def test_the_pre_commit_hook_judges_the_work_tree_and_who_is_about_to_commit(
    request_repo: Repo, invoke: Callable[..., Result]
) -> None:
    """Carol types Bob's approval into her own change: the commit she is about to make would put
    an approval in his name."""
    repo = request_repo
    repo.git("config", "user.email", "carol@example.com")
    repo.write("changes/CHG-2.yaml", submitted(status="approved", approvals=[
        {"by": "bob", "role": "cab", "decision": "approved", "at": _at(2)}]))

    before = repo.state()
    result = gate(invoke, repo, "--format", "json")

    assert repo.state() == before  # the gate reads, never writes
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["gate"]["head"] is None
    added = [f for f in document["findings"] if f["check"] == "REG-SEC-023"]
    assert len(added) == 1 and "carol" in added[0]["message"] and "bob" in added[0]["message"]
    assert added[0]["record"]["line"] == line_of(repo, "changes/CHG-2.yaml", "- by: bob")


def test_the_github_format_writes_the_job_summary(
    request_repo: Repo, invoke: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = request_repo
    repo.write("changes/CHG-2.yaml", submitted(status="implemented", implementation={
        "started": _at(3), "completed": _at(2), "by": "carol"}))
    repo.commit("Implement CHG-2", date=_at(1), email="carol@example.com")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    result = gate(invoke, repo, "--head", "request", "--format", "github", "--fail-on", "critical")

    assert result.exit_code == 0  # nothing critical
    text = summary.read_text()
    assert text.startswith("earlier step\n") and "REG-CHG-020" in text and "| `changes/CHG-2.yaml:" in text


def test_gate_usage_errors_exit_2_with_a_reason(request_repo: Repo, invoke: Callable[..., Result]) -> None:
    unknown = gate(invoke, request_repo, "--head", "no-such-branch")
    assert unknown.exit_code == 2 and "no-such-branch" in unknown.stderr
    two_to_stdout = gate(invoke, request_repo, "--format", "json", "--format", "github")
    assert two_to_stdout.exit_code == 2 and "only one format can go to standard output" in two_to_stdout.stderr
    # Outputs pair with formats only when there are as many of each: never a guess.
    ambiguous = gate(invoke, request_repo, "--format", "github", "--format", "sarif", "-o", "gate.sarif")
    assert ambiguous.exit_code == 2 and "--format sarif=gate.sarif" in ambiguous.stderr
    unknown_format = gate(invoke, request_repo, "--format", "pdf")
    assert unknown_format.exit_code == 2 and "no such format" in unknown_format.stderr
    orphan = Repo(request_repo.path.parent / "other")
    orphan.write("people.yaml", "people: []\n")
    orphan.commit("Unrelated history")
    request_repo.git("fetch", "-q", str(orphan.path), "main:unrelated")
    unrelated = invoke("gate", str(request_repo.path), "--base", "unrelated", "--head", "request")
    assert unrelated.exit_code == 2 and "no merge base" in unrelated.stderr


def test_a_baseline_keeps_known_findings_out_even_when_their_file_moves(
    request_repo: Repo, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    repo = request_repo
    repo.write("changes/CHG-2.yaml", submitted(status="approved", approvals=[
        {"by": "carol", "role": "cab", "decision": "approved", "at": _at(2)}]))
    repo.commit("Approve CHG-2", date=_at(1), email="carol@example.com")
    baseline = tmp_path / "baseline.json"

    first = invoke("scan", str(repo.path), "--format", "json", "--write-baseline", str(baseline))
    known = findings(first)
    assert known and "written to" in first.stderr

    (repo.path / "changes/2026").mkdir()
    repo.git("mv", "changes/CHG-2.yaml", "changes/2026/CHG-2.yaml")
    repo.write("changes/CHG-4.yaml", submitted("CHG-4", status="approved", approvals=[
        {"by": "carol", "role": "cab", "decision": "approved", "at": _at(2)}]))
    repo.commit("File CHG-2 by year; approve CHG-4", date=_at(0.5), email="carol@example.com")

    again = invoke("scan", str(repo.path), "--format", "json", "--baseline", str(baseline))
    reported = findings(again)
    assert reported and {f["record"]["id"] for f in reported} == {"CHG-4"}
    assert json.loads(again.stdout)["baseline"]["known"] == len(known)

    repo.git("rm", "-q", "changes/2026/CHG-2.yaml")
    repo.commit("Withdraw CHG-2", date=_at(0.2), email="carol@example.com")
    stale = invoke("scan", str(repo.path), "--format", "json", "--baseline", str(baseline))
    entries = json.loads(stale.stdout)["baseline"]["stale"]
    assert {e["id"] for e in entries} == {"CHG-2"} and "stale: REG-CHG-002 change CHG-2" in stale.stderr


def test_a_baseline_that_is_not_one_is_a_usage_error(request_repo: Repo, invoke: Callable[..., Result],
                                                      tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text('{"findings": "none"}\n')
    result = invoke("scan", str(request_repo.path), "--baseline", str(bad))
    assert result.exit_code == 2 and f"{bad}:1: not a Regent baseline" in result.stderr


ROOT = Path(__file__).resolve().parent.parent


def _gate_command(script: str, variables: dict[str, str]) -> list[str]:
    """The `regent gate` command of a CI script, its CI variables filled in, as arguments."""
    for name, value in variables.items():
        script = script.replace(name, value)
    words = shlex.split(script[script.index("regent gate"):])
    return words[1:]


@pytest.mark.parametrize("example, variables", [
    ("examples/ci/github/regent-gate.yml", {"${{ github.base_ref }}": "main"}),
    ("examples/ci/gitlab/regent-gate.gitlab-ci.yml", {"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}),
])
def test_the_ready_made_ci_jobs_run_the_gate_and_write_their_reports(
    example: str, variables: dict[str, str], request_repo: Repo, invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = request_repo
    repo.git("remote", "add", "origin", str(repo.path))
    repo.git("fetch", "-q", "origin")
    repo.write("changes/CHG-2.yaml", submitted(status="implemented", implementation={
        "started": _at(3), "completed": _at(2), "by": "carol"}))
    repo.commit("Implement CHG-2", date=_at(1), email="carol@example.com")
    document = yaml.safe_load((ROOT / example).read_text())
    steps = document["jobs"]["gate"]["steps"] if "jobs" in document else [{"run": document["regent-gate"]["script"][0]}]
    script = next(s["run"] for s in steps if "regent gate" in s.get("run", ""))
    monkeypatch.chdir(repo.path)

    result = invoke(*_gate_command(script, variables))

    assert result.exit_code == 1, result.output
    reports = {p.name for p in repo.path.glob("regent.*")}
    assert {"regent.sarif", "regent.xml"} <= reports
    sarif_validator().validate(json.loads((repo.path / "regent.sarif").read_text()))
    junit_schema().validate(str(repo.path / "regent.xml"))
    assert "REG-CHG-020" in result.stdout


def test_the_pre_commit_hook_fails_a_commit_that_skips_a_lifecycle_step(
    request_repo: Repo, invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    repo = request_repo
    repo.write("changes/CHG-2.yaml", submitted(status="implemented", implementation={
        "started": _at(3), "completed": _at(2), "by": "carol"}))
    repo.git("add", "changes/CHG-2.yaml")
    assert re.search(hook["files"], "changes/CHG-2.yaml") and not hook["pass_filenames"]
    monkeypatch.chdir(repo.path)

    # As pre-commit runs it, with the base overridden by the hook's args.
    result = invoke(*shlex.split(hook["entry"])[1:], "--base", "main")

    assert result.exit_code == 1
    assert "REG-CHG-020" in result.stdout and "changes/CHG-2.yaml" in result.stdout
