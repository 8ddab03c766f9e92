"""``regent new`` and ``regent evidence add`` in a repository made by ``regent init``."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from regent.evidence.authoring.records import next_id
from tests.authoring.test_init import git
from tests.conftest import load_record as load


@pytest.fixture(autouse=True)
def _committing_as_carol(request: pytest.FixtureRequest) -> None:
    """In the repository ``regent init`` made, git's user is Carol, an engineer of its people.yaml."""
    if "fresh" in request.fixturenames:
        git(request.getfixturevalue("fresh"), "config", "user.email", "carol@example.com")


def test_new_change_takes_the_next_id_the_time_and_the_git_user(invoke: Callable[..., Result], fresh: Path) -> None:
    year = datetime.now(timezone.utc).year
    result = invoke("new", "change", "--repo", str(fresh), "title=Rotate the TLS certificate", "risk=low",
                    "configuration_items=CI-EXAMPLE-1", "plan.backout=Put the old certificate back")

    assert result.exit_code == 0, result.output
    assert result.stdout == f"changes/CHG-{year}-0001.yaml\n"
    record = load(fresh / "changes" / f"CHG-{year}-0001.yaml")
    created = datetime.fromisoformat(record.pop("created").replace("Z", "+00:00"))
    assert abs(datetime.now(timezone.utc) - created) < timedelta(minutes=2)
    assert record == {"kind": "change", "id": f"CHG-{year}-0001", "title": "Rotate the TLS certificate",
                      "type": "normal", "status": "draft", "requested_by": "carol", "risk": "low",
                      "configuration_items": ["CI-EXAMPLE-1"], "plan": {"backout": "Put the old certificate back"}}
    again = invoke("new", "change", "--repo", str(fresh), "title=Another")
    assert again.stdout == f"changes/CHG-{year}-0002.yaml\n"


def test_new_refuses_an_invalid_record_and_writes_nothing(invoke: Callable[..., Result], fresh: Path) -> None:
    before = sorted(p for p in fresh.rglob("*") if ".git" not in p.parts)

    missing = invoke("new", "incident", "--repo", str(fresh), "services=SVC-EXAMPLE-1")
    wrong = invoke("new", "change", "--repo", str(fresh), "title=x", "risk=extreme")
    taken = invoke("new", "change", "--repo", str(fresh), "--id", "CHG-EXAMPLE-1", "title=x")

    assert (missing.exit_code, wrong.exit_code, taken.exit_code) == (2, 2, 2)
    assert "it needs title, priority: give them as FIELD=VALUE, e.g. title=..." in missing.stderr
    assert "risk: 'extreme' is not one of ['low', 'medium', 'high']" in wrong.stderr
    assert "CHG-EXAMPLE-1 already exists in changes/CHG-EXAMPLE-1.yaml" in taken.stderr
    assert sorted(p for p in fresh.rglob("*") if ".git" not in p.parts) == before


def test_new_names_the_git_user_only_when_people_yaml_knows_them(invoke: Callable[..., Result], fresh: Path) -> None:
    git(fresh, "config", "user.email", "stranger@elsewhere.example")

    result = invoke("new", "change", "--repo", str(fresh), "title=x")
    given = invoke("new", "change", "--repo", str(fresh), "title=x", "requested_by=bob")

    assert result.exit_code == 2
    assert "people.yaml lists nobody with the e-mail stranger@elsewhere.example" in result.stderr
    assert given.exit_code == 0 and load(fresh / given.stdout.strip())["requested_by"] == "bob"


@pytest.mark.parametrize(("ids", "expected"), [
    (["CHG-2025-0041", "CHG-2026-0007", "CHG-2026-0012"], "CHG-2026-0013"),
    (["CHG-2025-0041"], "CHG-2026-0001"),
    (["C-007", "C-011", "odd"], "C-012"),
    (["CHG0030001", "CHG0030002", "CHG-EXAMPLE-1"], "CHG0030003"),
    ([], "CHG-2026-0001"),
])
def test_next_id_follows_the_repository_numbering(ids: list[str], expected: str) -> None:
    assert next_id(ids, "change", datetime(2026, 11, 23, tzinfo=timezone.utc)) == expected


def test_evidence_add_copies_hashes_and_passes_the_integrity_checks(invoke: Callable[..., Result], fresh: Path,
                                                                    tmp_path: Path) -> None:
    report = tmp_path / "q3-access-review.csv"
    report.write_bytes(b"account,decision\nsvc-backup,kept\nold-admin,revoked\n")

    result = invoke("evidence", "add", str(report), "--repo", str(fresh), "--type", "access_review",
                    "--subject", "CI-EXAMPLE-1", "--period", "2026-Q3", "--result", "pass")

    assert result.exit_code == 0, result.output
    year = datetime.now(timezone.utc).year
    manifest_path = f"evidence/EV-{year}-0001.yaml"
    artifact = f"evidence/artifacts/EV-{year}-0001/q3-access-review.csv"
    assert result.stdout == f"{manifest_path}\n  {artifact}\n"
    assert (fresh / artifact).read_bytes() == report.read_bytes()
    manifest = load(fresh / manifest_path)
    assert manifest["artifacts"] == [{"path": artifact, "sha256": hashlib.sha256(report.read_bytes()).hexdigest()}]
    assert (manifest["collected_by"], manifest["subject"], manifest["period"]) == ("carol", ["CI-EXAMPLE-1"], "2026-Q3")

    git(fresh, "add", "-A")
    git(fresh, "commit", "-q", "-m", "Start, with the Q3 access review", email="carol@example.com")
    scan = invoke("scan", str(fresh), "--format", "json")
    assert scan.exit_code == 0, scan.output
    assert json.loads(scan.stdout)["findings"] == []


def test_evidence_is_never_replaced(invoke: Callable[..., Result], fresh: Path, tmp_path: Path) -> None:
    report = tmp_path / "restore.txt"
    report.write_text("restore of db-01 completed\n")
    first = invoke("evidence", "add", str(report), "--repo", str(fresh), "--type", "backup_restore_test",
                   "--subject", "CI-EXAMPLE-1", "--id", "EV-RESTORE-1")
    assert first.exit_code == 0, first.output
    report.write_text("a different report\n")
    before = {p: p.read_bytes() for p in fresh.rglob("*") if p.is_file() and ".git" not in p.parts}

    same_id = invoke("evidence", "add", str(report), "--repo", str(fresh), "--type", "backup_restore_test",
                     "--subject", "CI-EXAMPLE-1", "--id", "EV-RESTORE-1")
    same_file = invoke("evidence", "add", str(report), "--repo", str(fresh), "--type", "backup_restore_test",
                       "--subject", "CI-EXAMPLE-1", "--id", "EV-RESTORE-2")
    (fresh / "evidence" / "artifacts" / "EV-RESTORE-3").mkdir()
    (fresh / "evidence" / "artifacts" / "EV-RESTORE-3" / "restore.txt").write_text("already here\n")
    clash = invoke("evidence", "add", str(report), "--repo", str(fresh), "--type", "backup_restore_test",
                   "--subject", "CI-EXAMPLE-1", "--id", "EV-RESTORE-3")

    assert same_id.exit_code == 2
    assert "EV-RESTORE-1 already exists in evidence/EV-RESTORE-1.yaml; evidence is never replaced" in same_id.stderr
    assert same_file.exit_code == 0  # a new manifest with its own copy is how evidence is added again
    assert clash.exit_code == 2
    assert "evidence/artifacts/EV-RESTORE-3/restore.txt already exists; evidence is never replaced" in clash.stderr
    for path, data in before.items():
        assert path.read_bytes() == data
