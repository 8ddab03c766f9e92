"""Each command function called directly, as the command line calls it: its exit code and what the user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from regent.commands.evidence import NewEvidence, run_evidence_add
from regent.commands.gate import run_gate
from regent.commands.import_ import ImportOptions, run_import
from regent.commands.init import run_init
from regent.commands.new import run_new
from regent.commands.options import RunOptions
from regent.commands.policies import run_policies_coverage, run_policies_list, run_policies_show, run_policies_test
from regent.commands.report import ReportOptions, run_report
from regent.commands.scan import run_scan
from regent.commands.validate import run_validate
from regent.commands.version import run_version
from regent.engine.opa import PrivateOpa
from regent.engine.session import OpaOptions
from tests.conftest import Repo, clean_change

Captured = pytest.CaptureFixture[str]


@pytest.fixture
def served(opa: PrivateOpa, monkeypatch: pytest.MonkeyPatch) -> OpaOptions:
    """The test run's OPA, as an organisation's service; no progress on stderr."""
    monkeypatch.setenv("CI", "true")
    return OpaOptions(url=opa.url, token=opa.token)


def test_scan_writes_each_format_to_its_file_and_exits_1_on_a_finding(repo: Repo, served: OpaOptions,
                                                                        tmp_path: Path, capsys: Captured) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    report, junit = tmp_path / "scan.json", tmp_path / "scan.xml"
    options = RunOptions(to=(("json", report), ("junit", junit)), frameworks=("iso27002",), opa=served)

    assert run_scan(repo.path, options) == 1

    assert capsys.readouterr().out == ""
    document = json.loads(report.read_text())
    assert [(f["check"], f["controls"]) for f in document["findings"]] == [("REG-CHG-002", {"iso27002": ["5.3", "8.32"]})]
    assert "REG-CHG-002" in junit.read_text()


def test_scan_baseline_written_then_applied_leaves_nothing_to_fail(repo: Repo, served: OpaOptions, tmp_path: Path,
                                                                   capsys: Captured) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    stored = tmp_path / "baseline.json"
    assert run_scan(repo.path, RunOptions(opa=served), write_baseline=stored) == 1
    assert "baseline: 1 finding written to" in capsys.readouterr().err

    assert run_scan(repo.path, RunOptions(opa=served, use_baseline=stored)) == 0
    assert "1 known finding left out, 0 stale entries" in capsys.readouterr().err


def test_gate_reports_the_request_finding_on_stdout(repo: Repo, served: OpaOptions, capsys: Captured) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))

    assert run_gate(repo.path, RunOptions(to=(("github", None),), opa=served), base="HEAD") == 1

    out = capsys.readouterr().out
    assert "::error file=changes/CHG-2042.yaml" in out and "REG-CHG-002" in out


def test_validate_prints_each_error_with_file_and_line(repo: Repo, capsys: Captured) -> None:
    repo.write("changes/CHG-3.yaml", clean_change("CHG-3", status="finished"))

    assert run_validate(repo.path) == 1

    captured = capsys.readouterr()
    assert "changes/CHG-3.yaml:5: status: 'finished' is not one of" in captured.out
    assert "1 file with errors" in captured.err


def test_a_revision_that_does_not_exist_exits_2(repo: Repo, capsys: Captured) -> None:
    assert run_validate(repo.path, rev="nope") == 2
    assert "unknown revision 'nope'" in capsys.readouterr().err


def test_policies_list_filters_by_severity(repo: Repo, served: OpaOptions, capsys: Captured) -> None:
    assert run_policies_list(repo.path, served, severities=("critical",), fmt="json") == 0

    captured = capsys.readouterr()
    checks = json.loads(captured.out)
    assert checks and {c["severity"] for c in checks} == {"critical"}
    assert f"{len(checks)} of " in captured.err


def test_policies_show_one_check_and_suggest_a_near_id(repo: Repo, served: OpaOptions, capsys: Captured) -> None:
    assert run_policies_show(repo.path, "reg-chg-002", served) == 0
    assert "Change approved by its own requester" in capsys.readouterr().out

    assert run_policies_show(repo.path, "REG-CHG-02", served) == 2
    assert "no check has the id 'REG-CHG-02'; did you mean REG-CHG-0" in capsys.readouterr().err


def test_policies_coverage_of_one_catalog(repo: Repo, served: OpaOptions, capsys: Captured) -> None:
    assert run_policies_coverage(repo.path, served, frameworks=("cobit4",), fmt="json") == 0
    document = json.loads(capsys.readouterr().out)
    assert [(fw["framework"], fw["name"]) for fw in document] == [("cobit4", "COBIT 4.1")]


def test_policies_test_names_the_failing_test_of_an_organisation_policy(repo: Repo, capsys: Captured) -> None:
    repo.write("regent.yaml", "policy_paths: [policies-org]\n")
    repo.write("policies-org/acme/acme_test.rego", "package custom.acme_test\n\ntest_fail_on_purpose if {\n"
                                                  "\t1 == 2\n}\n")

    assert run_policies_test(repo.path, OpaOptions()) == 1

    captured = capsys.readouterr()
    assert "FAIL  data.custom.acme_test.test_fail_on_purpose" in captured.out
    assert "acme_test.rego:3)" in captured.out and "tests pass" in captured.out
    assert "regent: 1 policy tests fail" in captured.err


def test_version_names_regent_opa_and_the_policy_digest(capsys: Captured) -> None:
    assert run_version(OpaOptions()) == 0
    out = capsys.readouterr().out
    assert out.startswith("regent ") and "\nopa 1.22.2 (" in out and "\npolicies sha256:" in out

    assert run_version(OpaOptions(binary="/no/such/opa")) == 0
    assert "opa: not available:" in capsys.readouterr().out


def test_init_lays_out_a_repository(tmp_path: Path, capsys: Captured) -> None:
    root = tmp_path / "evidence"

    assert run_init(root) == 0

    out = capsys.readouterr().out
    assert f"Initialised a git repository in {root}" in out and "  created  people.yaml" in out
    assert (root / "people.yaml").is_file() and (root / "regent.yaml").is_file()


def test_new_writes_the_record_and_prints_its_path(fresh: Path, capsys: Captured) -> None:
    capsys.readouterr()
    assert run_new(fresh, "problem", ["title=Disk fills up every night"], record_id="PRB-42") == 0

    written = capsys.readouterr().out.strip()
    assert written == "problems/PRB-42.yaml"
    assert yaml.safe_load((fresh / written).read_text())["title"] == "Disk fills up every night"


def test_evidence_add_copies_the_artifact_and_writes_its_manifest(fresh: Path, tmp_path: Path,
                                                                  capsys: Captured) -> None:
    artifact = tmp_path / "restore.log"
    artifact.write_text("restored 1,024 files\n")
    capsys.readouterr()

    code = run_evidence_add(fresh, NewEvidence(files=[artifact], type="backup_restore_test", subjects=["CI-001"],
                                               result="pass", collected_by="alice", record_id="EV-42"))

    assert code == 0
    captured = capsys.readouterr()
    manifest, copied = captured.out.split()
    assert yaml.safe_load((fresh / manifest).read_text())["id"] == "EV-42"
    assert (fresh / copied).read_text() == "restored 1,024 files\n"
    assert "Commit the manifest and its artifacts together" in captured.err


def test_import_dry_run_reports_rejected_rows_and_writes_nothing(fresh: Path, tmp_path: Path,
                                                                 capsys: Captured) -> None:
    export = tmp_path / "list.csv"
    export.write_text("Key,Name\nX-1,Something\n")
    before = sorted(p.relative_to(fresh) for p in fresh.rglob("*"))

    options = ImportOptions("csv", export, kind="problem", dry_run=True, settings={"columns": {"id": "Key",
                                                                                              "title": "Name"}})
    assert run_import(fresh, options) == 1

    captured = capsys.readouterr()
    assert "list.csv: 0 would be created, 0 would be updated, 0 unchanged, 1 rejected (dry run" in captured.out
    assert "row 1 X-1: status: required" in captured.err
    assert sorted(p.relative_to(fresh) for p in fresh.rglob("*")) == before


def test_import_of_a_file_that_cannot_be_read_exits_2(fresh: Path, tmp_path: Path, capsys: Captured) -> None:
    assert run_import(fresh, ImportOptions("csv", tmp_path / "gone.csv")) == 2
    assert "gone.csv: No such file or directory" in capsys.readouterr().err


def test_report_to_a_file_says_which_month_ends_it_left_out(history: Repo, served: OpaOptions, tmp_path: Path,
                                                            capsys: Captured) -> None:
    out = tmp_path / "report.csv"

    assert run_report(history.path, ReportOptions("2026-10", months=3, fmt="csv", output=out, opa=served)) == 0

    assert out.read_text().startswith("month,check,title,severity,status,")
    assert "regent: 2026-08: no commit yet at the month's end; left out of the trend" in capsys.readouterr().err


def test_report_of_a_month_that_is_not_one_exits_2(history: Repo, served: OpaOptions, capsys: Captured) -> None:
    assert run_report(history.path, ReportOptions("2026-13", opa=served)) == 2
    assert "--month '2026-13' is not a month written YYYY-MM" in capsys.readouterr().err
