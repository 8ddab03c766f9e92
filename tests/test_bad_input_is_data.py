"""Input that breaks a parser's assumptions is a located error, never a crash: exit 1 with a
REG-INPUT finding for a record, exit 2 naming the file for the configuration."""

from __future__ import annotations

import json
import os
import subprocess
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


def _error_lines(result: Result) -> dict[str, str]:
    """validate's located errors, by ``path:line``."""
    assert result.exit_code == 1, result.output
    return dict(line.split(": ", 1) for line in result.stdout.splitlines())


def test_an_impossible_calendar_day_is_an_error_not_a_silent_pass(invoke: Callable[..., Result], repo: Repo) -> None:
    repo.write("changes/CHG-7.yaml", clean_change("CHG-7", created="2026-02-30T09:00:00Z"))
    repo.write("waivers/WVR-7.yaml", {"kind": "waiver", "id": "WVR-7", "check": "REG-CHG-015", "records": ["CHG-7"],
                                      "reason": "audit in spring", "approved_by": "alice",
                                      "approved_at": "2026-03-01T09:00:00Z", "expires": "2026-04-31"})

    errors = _error_lines(invoke("validate", str(repo.path)))

    assert errors["changes/CHG-7.yaml:8"] == "created: '2026-02-30T09:00:00Z' names a day the calendar does not have"
    assert errors["waivers/WVR-7.yaml:9"] == "expires: '2026-04-31' names a day the calendar does not have"
    assert len(errors) == 2  # the leap day of a leap year, and every real day, still pass


def test_a_json_key_given_twice_is_an_error(invoke: Callable[..., Result], repo: Repo) -> None:
    repo.write("changes/CHG-7.json", '{"kind": "change",\n "id": "CHG-7",\n "status": "draft",\n "status": "closed"}\n')

    errors = _error_lines(invoke("validate", str(repo.path)))

    assert errors == {"changes/CHG-7.json:4": "key 'status' appears twice in the same object"}


def test_a_git_lfs_pointer_is_named_as_such(invoke: Callable[..., Result], repo: Repo) -> None:
    repo.write("changes/CHG-7.yaml", "version https://git-lfs.github.com/spec/v1\n"
                                     "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                                     "size 1234\n")

    errors = _error_lines(invoke("validate", str(repo.path)))

    assert list(errors) == ["changes/CHG-7.yaml:1"] and errors["changes/CHG-7.yaml:1"].startswith("a Git LFS pointer")


def test_a_record_in_an_unfinished_merge_is_reported_not_dropped(invoke: Callable[..., Result], repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "side")
    repo.write("changes/CHG-1.yaml", clean_change(title="Rotate the certificate (side)"))
    repo.commit("Side's title")
    repo.git("checkout", "-q", "main")
    repo.write("changes/CHG-1.yaml", clean_change(title="Rotate the certificate (main)"))
    repo.commit("Main's title")
    merge = subprocess.run(["git", "-C", str(repo.path), "-c", "user.email=alice@example.com", "-c", "user.name=alice",
                            "merge", "-q", "side"], capture_output=True, text=True)
    assert merge.returncode != 0 and "CONFLICT" in merge.stdout  # a merge in progress: CHG-1 is unmerged

    result = invoke("validate", str(repo.path))

    errors = _error_lines(result)
    assert [path for path in errors if path.startswith("changes/CHG-1.yaml:")] != []
    assert "unresolved merge conflict" in next(iter(errors.values()))
