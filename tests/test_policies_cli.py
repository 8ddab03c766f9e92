"""`regent policies`: list, show, coverage and test, with built-in and organisation checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Repo

EXAMPLE = Path(__file__).parent.parent / "examples" / "org-policies" / "custom"


@pytest.fixture
def org_repo(repo: Repo) -> Repo:
    """The evidence repository with the worked example of docs/organisation-policies.md installed."""
    shutil.copytree(EXAMPLE, repo.path / "policies" / "custom")
    repo.write("regent.yaml", "policy_paths: [policies]\nthresholds:\n  acme_pci_approvals: 2\n"
                              "  restore_test_days: 60\n")
    return repo


def test_list_filters_by_framework_and_severity(invoke) -> None:  # type: ignore[no-untyped-def]
    everything = json.loads(invoke("policies", "list", "--format", "json").stdout)
    critical = json.loads(invoke("policies", "list", "--format", "json", "--severity", "critical").stdout)
    assert 0 < len(critical) < len(everything)
    assert {c["severity"] for c in critical} == {"critical"}

    iso20000 = json.loads(invoke("policies", "list", "--format", "json", "--framework", "iso20000").stdout)
    assert 0 < len(iso20000) < len(everything)
    assert all(set(c["controls"]) == {"iso20000"} for c in iso20000)

    text = invoke("policies", "list", "--severity", "high")
    assert text.exit_code == 0 and "REG-CHG-002" in text.output and "REG-CHG-009" not in text.output


def test_show_gives_controls_by_name_settings_and_an_example(invoke, repo: Repo) -> None:  # type: ignore[no-untyped-def]
    result = invoke("policies", "show", "REG-CHG-006", "-C", str(repo.path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Emergency change not authorised or not reviewed in time" in out
    assert "AI6.3" in out and "BAI06.02" in out and "8.5.1.3" in out and "8.32" in out
    assert "thresholds.emergency_review_days = 7" in out
    assert "Example: records it flags" in out and "type: emergency" in out

    repo.write("regent.yaml", "thresholds:\n  emergency_review_days: 3\n")
    shown: dict[str, Any] = json.loads(invoke("policies", "show", "reg-chg-006", "-C", str(repo.path),
                                              "--format", "json").stdout)
    assert shown["settings"][0] == {
        "path": "thresholds.emergency_review_days", "value": 3, "default": 7,
        "description": shown["settings"][0]["description"],
    }
    assert any(c["id"] == "AI6.3" and c["title"] for c in shown["controls"]["cobit4"])
    assert yaml.safe_dump(shown["example"])


def test_show_names_the_evidence_type_a_check_reads(invoke) -> None:  # type: ignore[no-untyped-def]
    assert "reads configuration_item, evidence (evidence of type log_review)" in \
        invoke("policies", "show", "REG-SEC-011").output
    shown = json.loads(invoke("policies", "show", "REG-SEC-004", "--format", "json").stdout)
    assert shown["evidence_types"] == ["backup_restore_test"]


def test_show_an_unknown_check_suggests_near_ids(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("policies", "show", "REG-CHG-0066")
    assert result.exit_code == 2
    assert "no check has the id 'REG-CHG-0066'" in result.output and "REG-CHG-006" in result.output


def test_coverage_lists_every_catalog_control(invoke) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(invoke("policies", "coverage", "--format", "json").stdout)
    assert [r["framework"] for r in report] == ["cobit4", "cobit2019", "iso20000", "iso17799", "iso27002"]
    by_framework = {r["framework"]: r for r in report}
    iso27002 = {row["id"]: row for row in by_framework["iso27002"]["rows"]}
    assert iso27002["8.32"]["status"] == "automated" and "REG-CHG-002" in iso27002["8.32"]["checks"]
    assert iso27002["7.4"]["status"] == "manual"
    assert by_framework["iso27002"]["automated"] >= 15

    text = invoke("policies", "coverage", "--framework", "cobit4", "--gaps").output
    assert "COBIT 4.1:" in text and "PO5 " in text and "AI6.2 " not in text


def test_organisation_checks_run_list_show_and_test_beside_the_built_ins(
    invoke, org_repo: Repo  # type: ignore[no-untyped-def]
) -> None:
    listed = invoke("policies", "list", "-C", str(org_repo.path))
    assert "ACME-CHG-101" in listed.output and "[custom]" in listed.output

    shown = invoke("policies", "show", "ACME-CHG-101", "-C", str(org_repo.path))
    assert "thresholds.acme_pci_approvals = 2" in shown.output
    assert "kind: configuration_item" in shown.output

    coverage = json.loads(invoke("policies", "coverage", "-C", str(org_repo.path), "--format", "json").stdout)
    cobit4 = {row["id"]: row for row in coverage[0]["rows"]}
    assert "ACME-CHG-101" in cobit4["AI6.2"]["checks"]

    tested = invoke("policies", "test", "-C", str(org_repo.path))
    assert tested.exit_code == 0, tested.output
    assert "pci_change_approvals.rego" in tested.output and "100.0 %" in tested.output
    assert "coverage" in tested.output


def test_policies_test_fails_on_a_failing_test_and_on_low_coverage(invoke, org_repo: Repo) -> None:  # type: ignore[no-untyped-def]
    test_file = org_repo.path / "policies" / "custom" / "pci_change_approvals" / "pci_change_approvals_test.rego"
    original = test_file.read_text()
    test_file.write_text(original.replace('"2 are needed"', '"3 are needed"').replace("2 are needed", "3 are needed"))
    failing = invoke("policies", "test", "-C", str(org_repo.path))
    assert failing.exit_code == 1
    assert "FAIL" in failing.output and "test_fail_one_cab_approval" in failing.output

    test_file.write_text(original)
    org_repo.write("policies/custom/untested/untested.rego",
                   "package custom.untested\n\nlong_titles contains change.id if {\n"
                   "\tsome change in input.records.change\n\tcount(change.title) > 80\n}\n")
    strict = invoke("policies", "test", "-C", str(org_repo.path), "--min-coverage", "100")
    assert strict.exit_code == 1 and "below the minimum 100 %" in strict.output
    assert "untested.rego" in strict.output


def test_policies_test_refuses_a_network_builtin(invoke, org_repo: Repo) -> None:  # type: ignore[no-untyped-def]
    org_repo.write("policies/custom/phone_home/phone_home.rego",
                   "package custom.phone_home\n\nresponse := http.send({\"method\": \"get\", \"url\": \"http://x\"})\n")
    result = invoke("policies", "test", "-C", str(org_repo.path))
    assert result.exit_code == 3
    assert "phone_home.rego" in result.output and "http.send" in result.output
