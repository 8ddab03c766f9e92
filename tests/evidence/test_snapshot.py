from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from regent.evidence import ConfigError, EvidenceError, load_snapshot
from regent.evidence import parsing as parsing_module
from regent.evidence.model import line_of
from tests.conftest import Repo, alias_bomb, clean_change


def errors_by_path(snapshot):  # type: ignore[no-untyped-def]
    return {e.path: e for e in snapshot.errors}


def test_reads_valid_records_by_kind_with_people(repo: Repo) -> None:
    snap = load_snapshot(repo.path)
    assert set(snap.records) == {"change", "configuration_item", "service", "evidence", "service_report"}
    change = snap.record("change", "CHG-1")
    assert change is not None and change.path == "changes/CHG-1.yaml"
    assert change.data()["approvals"][0]["by"] == "bob"
    assert set(snap.people) == {"alice", "bob", "carol", "dave"}
    assert snap.people["alice"]["active"] is True
    assert snap.errors == ()
    assert snap.worktree and snap.revision == repo.git("rev-parse", "HEAD")


@pytest.mark.parametrize("edited", [False, True], ids=["from git", "from the work tree"])
def test_line_of_a_field_points_into_the_file(repo: Repo, edited: bool) -> None:
    if edited:
        repo.write("changes/CHG-1.yaml", "# edited\n\n" + (repo.path / "changes/CHG-1.yaml").read_text())
    snap = load_snapshot(repo.path)
    change = snap.record("change", "CHG-1")
    assert change is not None and change.on_disk == edited
    lines = snap.field_lines([change])[change.path]
    text = (repo.path / change.path).read_text().splitlines()
    assert "by: bob" in text[line_of(lines, ["approvals", 0, "by"]) - 1]
    assert text[line_of(lines, ["approvals", 0, "no-such-field"]) - 1].lstrip().startswith("- by: bob")


def test_malformed_yaml_is_an_error_and_the_rest_is_read(repo: Repo) -> None:
    repo.write("changes/CHG-2.yaml", "kind: change\nid: CHG-2\ntitle: 'unterminated\nstatus: draft\n")
    snap = load_snapshot(repo.path)
    error = errors_by_path(snap)["changes/CHG-2.yaml"]
    assert error.code == "unreadable" and "YAML syntax" in error.reason and error.line >= 3
    assert snap.record("change", "CHG-1") is not None


def test_wrong_types_name_the_field_and_line(repo: Repo) -> None:
    record = clean_change("CHG-3", requested_by=["carol", "bob"])
    repo.write("changes/CHG-3.yaml", record)
    error = errors_by_path(load_snapshot(repo.path))["changes/CHG-3.yaml"]
    assert error.code == "invalid" and error.reason.startswith("requested_by:")
    text = (repo.path / "changes/CHG-3.yaml").read_text().splitlines()
    assert text[error.line - 1].startswith("requested_by")


def test_unknown_kind_is_an_error(repo: Repo) -> None:
    repo.write("changes/odd.yaml", "kind: chnage\nid: CHG-9\n")
    error = errors_by_path(load_snapshot(repo.path))["changes/odd.yaml"]
    assert error.code == "invalid" and "unknown kind 'chnage'" in error.reason and error.line == 1


def test_invalid_utf8_is_an_error_with_its_line(repo: Repo) -> None:
    repo.write("changes/latin1.yaml", b"kind: change\nid: CHG-4\ntitle: Caf\xe9 menu update\n")
    error = errors_by_path(load_snapshot(repo.path))["changes/latin1.yaml"]
    assert error.code == "unreadable" and error.line == 3 and "UTF-8" in error.reason


def test_a_50_mb_file_is_refused_without_being_parsed(repo: Repo) -> None:
    big = b"kind: change\nid: CHG-BIG\nnotes: |\n" + b"  " + b"x" * 100 + b"\n"
    repo.write("changes/huge.yaml", big * (50 * 1024 * 1024 // len(big)))
    repo.commit("A very large record")
    for snap in (load_snapshot(repo.path), load_snapshot(repo.path, rev="HEAD")):
        error = errors_by_path(snap)["changes/huge.yaml"]
        assert error.code == "unreadable" and "MiB limit" in error.reason
        assert snap.record("change", "CHG-1") is not None


def test_yaml_alias_bomb_is_an_error(repo: Repo) -> None:
    repo.write("changes/bomb.yaml", alias_bomb("kind: change", "id: CHG-BOMB"))
    error = errors_by_path(load_snapshot(repo.path))["changes/bomb.yaml"]
    assert error.code == "unreadable" and "aliases" in error.reason


def test_symlink_outside_the_repository_is_not_followed(repo: Repo, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: change\nid: CHG-SECRET\n")
    os.symlink(secret, repo.path / "changes" / "leak.yaml")
    snap = load_snapshot(repo.path)
    error = errors_by_path(snap)["changes/leak.yaml"]
    assert "symbolic link" in error.reason and "outside the repository" in error.reason
    assert snap.record("change", "CHG-SECRET") is None
    repo.commit("Commit the link")
    error = errors_by_path(load_snapshot(repo.path, rev="HEAD"))["changes/leak.yaml"]
    assert "symbolic link" in error.reason


def test_record_deleted_in_the_work_tree_is_left_out_with_a_note(repo: Repo) -> None:
    (repo.path / "changes" / "CHG-1.yaml").unlink()
    snap = load_snapshot(repo.path)
    assert snap.record("change", "CHG-1") is None
    assert any("changes/CHG-1.yaml" in note and "deleted" in note for note in snap.notes)
    assert snap.errors == ()
    assert load_snapshot(repo.path, rev="HEAD").record("change", "CHG-1") is not None


def test_duplicate_id_is_an_error_on_the_second_file(repo: Repo) -> None:
    repo.write("changes/zz-copy.yaml", clean_change("CHG-1", title="A copy"))
    snap = load_snapshot(repo.path)
    error = errors_by_path(snap)["changes/zz-copy.yaml"]
    assert error.code == "duplicate" and "changes/CHG-1.yaml" in error.reason
    assert snap.record("change", "CHG-1").path == "changes/CHG-1.yaml"  # type: ignore[union-attr]


def test_work_tree_edits_and_untracked_files_are_read(repo: Repo) -> None:
    repo.write("changes/CHG-1.yaml", clean_change(title="Edited, not committed"))
    repo.write("changes/CHG-5.yaml", clean_change("CHG-5"))
    snap = load_snapshot(repo.path)
    assert snap.record("change", "CHG-1").data()["title"] == "Edited, not committed"  # type: ignore[union-attr]
    assert snap.record("change", "CHG-5") is not None
    committed = load_snapshot(repo.path, rev="HEAD")
    assert committed.record("change", "CHG-5") is None


def test_as_of_reads_the_last_commit_of_that_day(repo: Repo) -> None:
    approved = repo.git("log", "-1", "--format=%H", "--grep=Approve CHG-1")
    repo.write("changes/CHG-6.yaml", clean_change("CHG-6"))
    repo.commit("Record CHG-6", date="2026-03-07T08:00:00Z")
    snap = load_snapshot(repo.path, as_of=date(2026, 3, 6))
    assert snap.revision == approved
    assert snap.record("change", "CHG-6") is None
    assert snap.reference_time == datetime(2026, 3, 6, 23, 59, 59, tzinfo=timezone.utc)
    later = load_snapshot(repo.path, as_of=date(2026, 3, 7))
    assert later.record("change", "CHG-6") is not None
    with pytest.raises(EvidenceError, match="no commit on or before 2026-03-04"):
        load_snapshot(repo.path, as_of=date(2026, 3, 4))


@pytest.mark.parametrize("day", [date(1, 1, 31), date(1969, 12, 31)])
def test_a_day_before_git_dates_anything_has_no_commit(repo: Repo, day: date) -> None:
    with pytest.raises(EvidenceError, match=f"no commit on or before {day.isoformat()}"):
        load_snapshot(repo.path, as_of=day)


def test_unknown_revision_is_a_clear_error(repo: Repo) -> None:
    with pytest.raises(EvidenceError, match="unknown revision 'no-such-branch'"):
        load_snapshot(repo.path, rev="no-such-branch")


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match="not inside a git repository"):
        load_snapshot(tmp_path)


def test_bad_regent_yaml_is_a_configuration_error(repo: Repo) -> None:
    repo.write("regent.yaml", "thresholds:\n  emergency_review_days: -3\n")
    with pytest.raises(ConfigError, match=r"regent.yaml:2: thresholds/emergency_review_days"):
        load_snapshot(repo.path)
    repo.write("regent.yaml", "fail_on: high\nfrmaeworks: [cobit4]\n")
    with pytest.raises(ConfigError, match="frmaeworks"):
        load_snapshot(repo.path)


def test_regent_yaml_settings_reach_the_config(repo: Repo) -> None:
    repo.write("regent.yaml", "thresholds:\n  emergency_review_days: 3\nframeworks: [cobit4]\n")
    config = load_snapshot(repo.path).config
    assert config.thresholds["emergency_review_days"] == 3
    assert config.frameworks == ("cobit4",)


def test_parsed_records_are_reused_by_blob_id(repo: Repo, tmp_path: Path) -> None:
    cache = tmp_path / "parse-cache"
    first = load_snapshot(repo.path, cache_dir=cache)
    files = first.files
    assert first.stats.parsed == files and first.stats.cached == 0
    repo.write("changes/CHG-7.yaml", clean_change("CHG-7"))
    second = load_snapshot(repo.path, cache_dir=cache)
    assert second.stats.parsed == 1 and second.stats.cached == files
    assert second.record("change", "CHG-7") is not None


def test_loading_never_changes_the_repository(repo: Repo) -> None:
    repo.write("changes/CHG-8.yaml", clean_change("CHG-8"))
    (repo.path / "changes" / "CHG-1.yaml").write_text("kind: change\nid: CHG-1\n")
    before = repo.state()
    index_mtime = (repo.path / ".git" / "index").stat().st_mtime_ns
    load_snapshot(repo.path)
    load_snapshot(repo.path, rev="HEAD")
    assert repo.state() == before
    assert (repo.path / ".git" / "index").stat().st_mtime_ns == index_mtime


def test_many_files_are_parsed_by_worker_processes_with_the_same_result(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(40):
        repo.write(f"changes/CHG-{100 + n}.yaml", clean_change(f"CHG-{100 + n}"))
    repo.write("changes/CHG-broken.yaml", "kind: change\nid: CHG-broken\ntitle: [unclosed\n")
    repo.commit("Forty changes and a broken one")
    one_process = load_snapshot(repo.path, rev="HEAD")
    monkeypatch.setattr(parsing_module, "PARALLEL_MIN", 2)
    monkeypatch.setattr(parsing_module, "_CHUNK", 3)
    workers = load_snapshot(repo.path, rev="HEAD")
    if len(os.sched_getaffinity(0)) > 1:
        assert workers.stats.parse_workers >= 2
    assert workers.records == one_process.records and workers.record_count == one_process.record_count
    assert workers.errors == one_process.errors and len(workers.errors) == 1
