"""Input that breaks a parser's assumptions is a located error, never a crash: exit 1 with a
REG-INPUT finding for a record, exit 2 naming the file for the configuration."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from click.testing import Result

from tests.conftest import Repo, clean_change

HUGE = "7" * 5000  # past the digits Python turns back into text


def test_a_huge_integer_in_a_record_is_a_located_error_and_the_scan_goes_on(
        invoke: Callable[..., Result], repo: Repo) -> None:
    repo.write("changes/CHG-7.yaml", f"kind: change\nid: CHG-7\nrisk_score: {HUGE}\ntitle: Resize the disk\n")
    repo.write("changes/CHG-8.yaml", clean_change("CHG-8", requested_by="bob"))  # approved by its requester

    result = invoke("scan", str(repo.path), "--format", "json")

    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    errors = [f for f in findings if f["status"] == "error"]
    assert [(f["check"], f["record"]["path"], f["record"]["line"]) for f in errors] == [
        ("REG-INPUT-001", "changes/CHG-7.yaml", 3)]
    assert "5,000 digits" in errors[0]["message"]
    assert any(f["check"] == "REG-CHG-002" and f["record"]["id"] == "CHG-8" for f in findings)  # the rest judged


def test_a_huge_integer_in_people_yaml_is_a_located_error(invoke: Callable[..., Result], repo: Repo) -> None:
    people = (repo.path / "people.yaml").read_text()
    repo.write("people.yaml", people + f"  - id: zed\n    name: Zed\n    emails: [zed@example.com]\n    badge: {HUGE}\n")

    result = invoke("validate", str(repo.path))

    assert result.exit_code == 1
    assert "people.yaml:" in result.stdout and "5,000 digits" in result.stdout


def test_a_huge_integer_in_regent_yaml_is_a_configuration_error(invoke: Callable[..., Result], repo: Repo) -> None:
    repo.write("regent.yaml", f"thresholds:\n  stale_change_days: {HUGE}\n")

    result = invoke("scan", str(repo.path))

    assert result.exit_code == 2
    assert result.stderr == "regent: regent.yaml:2: an integer of 5,000 digits is too long to be a value\n"


def test_regent_yaml_as_a_link_or_too_large_is_a_configuration_error(
        invoke: Callable[..., Result], repo: Repo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("fail_on: never\n")
    os.symlink(elsewhere, repo.path / "regent.yaml")
    linked = invoke("scan", str(repo.path))
    (repo.path / "regent.yaml").unlink()
    repo.write("regent.yaml", "# padding\n" * 900_000)  # 9 MB, over the 8 MiB a file may have
    large = invoke("scan", str(repo.path))

    assert linked.exit_code == 2 and large.exit_code == 2
    assert linked.stderr.startswith("regent: regent.yaml:1: is a symbolic link")
    assert large.stderr.startswith("regent: regent.yaml:1: the file is ") and "over the 8 MiB limit" in large.stderr


def test_validate_counts_in_words(invoke: Callable[..., Result], repo: Repo) -> None:
    repo.write("changes/CHG-7.yaml", "kind: change\nid: CHG-7\n")

    result = invoke("validate", str(repo.path))

    assert result.stderr.endswith(", 1 file with errors\n")
