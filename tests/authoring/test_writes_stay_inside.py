"""Writers never write outside the repository or over evidence, whatever links someone committed
or planted: a folder that is a link, a link where a temporary file goes, a link in init's way."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from tests.authoring.test_init import git


@pytest.fixture(autouse=True)
def _committing_as_carol(fresh: Path) -> None:
    git(fresh, "config", "user.email", "carol@example.com")


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts}


def test_new_does_not_follow_a_linked_folder_out_of_the_repository(
        invoke: Callable[..., Result], fresh: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    for record in (fresh / "changes").iterdir():
        record.unlink()
    (fresh / "changes").rmdir()
    (fresh / "changes").symlink_to(outside, target_is_directory=True)

    result = invoke("new", "change", "--repo", str(fresh), "title=Rotate the TLS certificate")

    assert result.exit_code == 2
    assert "changes: is a symbolic link; Regent does not write through links" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_link_planted_where_the_temporary_file_went_overwrites_nothing(
        invoke: Callable[..., Result], fresh: Path, tmp_path: Path) -> None:
    victim = fresh / "evidence" / "artifacts" / "signed-off.txt"
    victim.write_text("the auditor's signed-off copy\n")
    (fresh / "evidence" / ".EV-LINK-1.yaml.tmp").symlink_to(victim)
    report = tmp_path / "scan.txt"
    report.write_text("vulnerability scan of db-01: clean\n")

    result = invoke("evidence", "add", str(report), "--repo", str(fresh), "--type", "vulnerability_scan",
                    "--subject", "CI-EXAMPLE-1", "--id", "EV-LINK-1")

    assert result.exit_code == 0, result.output
    assert victim.read_text() == "the auditor's signed-off copy\n"
    assert "kind: evidence" in (fresh / "evidence" / "EV-LINK-1.yaml").read_text()


def test_evidence_add_does_not_copy_through_a_linked_artifacts_folder(
        invoke: Callable[..., Result], fresh: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    artifacts = fresh / "evidence" / "artifacts"
    for entry in artifacts.iterdir():
        entry.unlink()
    artifacts.rmdir()
    artifacts.symlink_to(outside, target_is_directory=True)
    report = tmp_path / "restore.txt"
    report.write_text("restore of db-01 completed\n")
    before = _files(fresh)

    result = invoke("evidence", "add", str(report), "--repo", str(fresh), "--type", "backup_restore_test",
                    "--subject", "CI-EXAMPLE-1")

    assert result.exit_code == 2
    assert "is a symbolic link" in result.stderr
    assert list(outside.iterdir()) == [] and _files(fresh) == before


def test_init_does_not_lay_out_a_folder_through_a_link(invoke: Callable[..., Result], tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "new-repository"
    target.mkdir()
    os.symlink(outside, target / "cmdb")

    result = invoke("init", str(target))

    assert result.exit_code == 2
    assert "cmdb: is a symbolic link" in result.stderr
    assert list(outside.iterdir()) == []
