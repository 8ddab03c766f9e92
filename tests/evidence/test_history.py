"""History facts (`_git`) gathered from real repositories: creation, changes, renames, the commit
that recorded each field and approval, artifacts' digests, signatures, shallow clones, the cache."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from regent.evidence import Snapshot, load_snapshot
from tests.conftest import TEST_ARTIFACT, Repo, clean_change


def facts(snapshot: Snapshot, kind: str, record_id: str) -> dict[str, Any]:
    record = snapshot.record(kind, record_id)
    assert record is not None and snapshot.git is not None
    value: dict[str, Any] = orjson.loads(snapshot.git.files[record.path])
    return value


def sha(repo: Repo, message: str) -> str:
    return repo.git("log", "-1", "--format=%H", f"--grep={message}")


def test_a_record_written_once_was_created_and_last_changed_by_one_commit(repo: Repo) -> None:
    snap = load_snapshot(repo.path)
    first = sha(repo, "Start the evidence repository")
    assert facts(snap, "configuration_item", "CI-1") == {"created": first, "last": first, "commits": 1}
    commit = snap.git.commits[first]  # type: ignore[union-attr]
    assert commit["email"] == "alice@example.com" and commit["person"] == "alice"
    assert commit["committed"] == "2026-03-05T12:00:00+00:00" and commit["signature"] == "none"


def test_changes_renames_and_the_commits_that_recorded_each_field_and_approval(repo: Repo) -> None:
    start, approve = sha(repo, "Start the evidence repository"), sha(repo, "Approve CHG-1")
    (repo.path / "changes/2026").mkdir()
    repo.git("mv", "changes/CHG-1.yaml", "changes/2026/CHG-1.yaml")
    moved = repo.commit("File CHG-1 by year", date="2026-03-06T09:00:00Z")
    plan = {"implementation": "Install the new certificate on both nodes", "backout": "Restore the old one",
            "test": "Handshake from the monitoring host"}
    repo.write("changes/2026/CHG-1.yaml", clean_change(plan=plan))
    replanned = repo.commit("Widen CHG-1", date="2026-03-06T10:00:00Z", email="carol@example.com")

    snap = load_snapshot(repo.path)
    got = facts(snap, "change", "CHG-1")
    assert snap.record("change", "CHG-1").path == "changes/2026/CHG-1.yaml"  # type: ignore[union-attr]
    assert got["created"] == start and got["last"] == replanned and got["commits"] == 4
    assert got["touched"] == [replanned, moved, approve, start]
    assert got["rewrites"] == [approve, replanned]  # the rename alone rewrote nothing
    assert got["fields"] == {"approvals": approve, "plan": replanned}
    assert got["approvals"] == [approve]
    assert snap.git.commits[replanned]["person"] == "carol"  # type: ignore[union-attr]


def test_work_tree_edits_are_uncommitted_and_new_files_have_no_history(repo: Repo) -> None:
    approve = sha(repo, "Approve CHG-1")
    extra = {"by": "dave", "role": "emergency-cab", "decision": "approved", "at": "2026-03-02T11:00:00Z"}
    repo.write("changes/CHG-1.yaml", clean_change(approvals=[*clean_change()["approvals"], extra], risk="high"))
    repo.write("changes/CHG-9.yaml", clean_change("CHG-9"))
    snap = load_snapshot(repo.path)
    edited = facts(snap, "change", "CHG-1")
    assert edited["uncommitted"] is True
    assert edited["fields"]["risk"] is None and edited["approvals"] == [approve, None]
    assert facts(snap, "change", "CHG-9") == {"created": None, "last": None, "commits": 0, "uncommitted": True}


def test_artifacts_carry_their_actual_digest_and_history(repo: Repo) -> None:
    start = sha(repo, "Start the evidence repository")
    got = facts(load_snapshot(repo.path), "evidence", "EV-1")["artifacts"]
    assert got == [{"path": "evidence/artifacts/EV-1.txt", "present": True,
                    "sha256": hashlib.sha256(TEST_ARTIFACT).hexdigest(),
                    "created": start, "last": start, "commits": 1}]
    repo.write("evidence/artifacts/EV-1.txt", b"edited\n")
    rewritten = repo.commit("Tidy the test report", date="2026-03-07T09:00:00Z")
    (repo.path / "evidence/artifacts/EV-1.txt").unlink()
    work_tree = facts(load_snapshot(repo.path), "evidence", "EV-1")["artifacts"][0]
    at_head = facts(load_snapshot(repo.path, rev="HEAD"), "evidence", "EV-1")["artifacts"][0]
    assert work_tree["present"] is False and work_tree["sha256"] is None
    assert at_head["sha256"] == hashlib.sha256(b"edited\n").hexdigest() and at_head["rewrites"] == [rewritten]


def test_an_as_of_scan_sees_the_history_up_to_its_commit_only(repo: Repo) -> None:
    approve = sha(repo, "Approve CHG-1")
    repo.write("changes/CHG-1.yaml", clean_change(risk="medium"))
    later = repo.commit("Re-rate CHG-1", date="2026-03-20T09:00:00Z", email="bob@example.com")
    then = facts(load_snapshot(repo.path, rev=approve), "change", "CHG-1")
    now = facts(load_snapshot(repo.path, rev=later), "change", "CHG-1")
    assert then["commits"] == 2 and then["last"] == approve and "risk" not in then.get("fields", {})
    assert now["commits"] == 3 and now["fields"]["risk"] == later


def test_a_second_scan_of_the_same_revision_does_not_walk_again(repo: Repo, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_snapshot(repo.path, rev="HEAD", cache_dir=cache)
    again = load_snapshot(repo.path, rev="HEAD", cache_dir=cache)
    assert first.stats.history_walked is True and again.stats.history_walked is False
    assert first.git == again.git or (first.git.files == again.git.files  # type: ignore[union-attr]
                                      and first.git.commits == again.git.commits)  # type: ignore[union-attr]
    repo.write("changes/CHG-7.yaml", clean_change("CHG-7"))
    repo.commit("Record CHG-7")
    assert load_snapshot(repo.path, rev="HEAD", cache_dir=cache).stats.history_walked is True


def test_a_shallow_clone_marks_its_edge_so_nothing_there_is_judged(repo: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True)
    snap = load_snapshot(clone)
    assert snap.git is not None and snap.git.shallow
    edge = facts(snap, "change", "CHG-1")["created"]
    assert snap.git.commits[edge]["boundary"] is True
    assert any("shallow" in note for note in snap.notes)


# -- signatures, made with real SSH keys ------------------------------------------


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    made = {}
    for name in ("alice", "mallory"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name)],
                       check=True)
        made[name] = folder / name
    allowed = folder / "allowed_signers"
    allowed.write_text(f"alice@example.com {(folder / 'alice.pub').read_text().strip()}\n")
    made["allowed"] = allowed
    return made


def signed_commit(repo: Repo, key: Path, message: str, date: str) -> str:
    repo.git("add", "-A")
    repo.git("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m", message, date=date)
    return repo.git("rev-parse", "HEAD")


def test_signatures_are_verified_with_the_repositorys_trust_settings(
    repo: Repo, keys: dict[str, Path], tmp_path: Path
) -> None:
    repo.git("config", "gpg.ssh.allowedSignersFile", str(keys["allowed"]))
    repo.write("evidence/artifacts/EV-2.txt", b"restore test: ok\n")
    good = signed_commit(repo, keys["alice"], "Restore test, signed", "2026-03-06T09:00:00Z")
    repo.write("evidence/artifacts/EV-3.txt", b"backup: ok\n")
    stranger = signed_commit(repo, keys["mallory"], "Backup, signed by an unknown key", "2026-03-06T10:00:00Z")
    repo.write("evidence/artifacts/EV-4.txt", b"scan: ok\n")
    unsigned = repo.commit("Scan, unsigned", date="2026-03-06T11:00:00Z")

    cache = tmp_path / "cache"
    commits = load_snapshot(repo.path, rev="HEAD", cache_dir=cache).git.commits  # type: ignore[union-attr]
    # Only the commits a record or artifact names are listed: add manifests so all three are.
    assert {s for s in (good, stranger, unsigned) if s in commits} == set()
    for n, when in ((2, "09:00"), (3, "10:00"), (4, "11:00")):
        repo.write(f"evidence/EV-{n}.yaml", {"kind": "evidence", "id": f"EV-{n}", "type": "test_report",
                                             "collected_at": f"2026-03-06T{when}:00Z", "collected_by": "alice",
                                             "subject": ["CI-1"], "result": "pass",
                                             "artifacts": [{"path": f"evidence/artifacts/EV-{n}.txt",
                                                            "sha256": "0" * 64}]})
    repo.commit("Manifests", date="2026-03-06T12:00:00Z")
    commits = load_snapshot(repo.path, rev="HEAD", cache_dir=cache).git.commits  # type: ignore[union-attr]
    assert commits[good]["signature"] == "good" and commits[good]["signer"] == "alice@example.com"
    assert commits[stranger]["signature"] == "untrusted"
    assert commits[unsigned]["signature"] == "none"

    # A new allowed-signers file is new trust: the cached verdicts are not reused.
    keys_now = keys["allowed"].read_text() + f"alice@example.com {(keys['mallory'].with_suffix('.pub')).read_text()}"
    trusted = tmp_path / "allowed_now"
    trusted.write_text(keys_now)
    repo.git("config", "gpg.ssh.allowedSignersFile", str(trusted))
    again = load_snapshot(repo.path, rev="HEAD", cache_dir=cache)
    assert again.stats.history_walked is True
    assert again.git.commits[stranger]["signature"] == "good"  # type: ignore[union-attr]


def test_the_cache_keeps_only_the_most_recent_revisions(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from regent.evidence import history

    monkeypatch.setattr(history, "KEEP_REVISIONS", 2)
    cache = tmp_path / "cache"
    for n in range(4):
        repo.write(f"changes/CHG-{20 + n}.yaml", clean_change(f"CHG-{20 + n}"))
        repo.commit(f"Record CHG-{20 + n}")
        load_snapshot(repo.path, rev="HEAD", cache_dir=cache)
    head = repo.git("rev-parse", "HEAD")
    kept = sorted(p.name for p in cache.glob("history-*.json"))
    assert len(kept) == 2 and any(head in name for name in kept)


def test_without_history_the_records_carry_no_facts(repo: Repo) -> None:
    snap = load_snapshot(repo.path, history=False)
    assert snap.git is None and snap.record("change", "CHG-1") is not None


def test_a_later_revision_walks_only_the_commits_since_a_cached_ancestor(repo: Repo, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_snapshot(repo.path, rev="HEAD", cache_dir=cache)
    (repo.path / "changes/2026").mkdir()
    repo.git("mv", "changes/CHG-1.yaml", "changes/2026/CHG-1.yaml")
    repo.commit("File CHG-1 by year", date="2026-03-06T09:00:00Z")
    repo.write("changes/2026/CHG-1.yaml", clean_change(risk="medium"))
    repo.write("changes/CHG-8.yaml", clean_change("CHG-8"))
    repo.git("rm", "-q", "cmdb/CI-1.yaml")
    repo.commit("Re-rate CHG-1, record CHG-8, drop CI-1", date="2026-03-06T10:00:00Z", email="bob@example.com")

    incremental = load_snapshot(repo.path, rev="HEAD", cache_dir=cache)
    whole = load_snapshot(repo.path, rev="HEAD", cache_dir=tmp_path / "empty")
    assert incremental.stats.history_commits_walked == 2
    assert whole.stats.history_commits_walked == int(repo.git("rev-list", "--count", "HEAD"))
    assert incremental.git is not None and whole.git is not None
    assert incremental.git.files == whole.git.files and incremental.git.commits == whole.git.commits
    assert facts(incremental, "change", "CHG-1")["commits"] == 4


def test_the_fields_a_later_commit_added_are_told_from_those_it_changed(repo: Repo) -> None:
    """A window given to a change that had none is the scheduling step; a window moved is an edit."""
    repo.write("changes/CHG-5.yaml", {k: v for k, v in clean_change("CHG-5", status="approved").items()
                                      if k not in ("schedule", "implementation", "review", "closure")})
    repo.commit("Raise and approve CHG-5", date="2026-03-06T09:00:00Z", email="bob@example.com")
    window = {"start": "2026-03-10T20:00:00Z", "end": "2026-03-10T22:00:00Z"}
    scheduled = {k: v for k, v in clean_change("CHG-5", status="scheduled", schedule=window).items()
                 if k not in ("implementation", "review", "closure")}
    repo.write("changes/CHG-5.yaml", scheduled)
    schedule = repo.commit("Schedule CHG-5", date="2026-03-07T09:00:00Z")
    repo.write("changes/CHG-5.yaml", {**scheduled, "risk": "medium"})
    rated = repo.commit("Re-rate CHG-5", date="2026-03-08T09:00:00Z", email="carol@example.com")

    got = facts(load_snapshot(repo.path), "change", "CHG-5")
    assert got["fields"] == {"schedule": schedule, "status": schedule, "risk": rated}
    assert got["added"] == ["schedule"]

    repo.write("changes/CHG-5.yaml", {**scheduled, "risk": "medium", "schedule": {**window, "end": "2026-03-11T01:00:00Z"}})
    moved = repo.commit("Widen CHG-5's window", date="2026-03-09T09:00:00Z", email="carol@example.com")
    got = facts(load_snapshot(repo.path), "change", "CHG-5")
    assert got["fields"]["schedule"] == moved and "added" not in got
