"""The checks of history on the real OPA, over repositories whose histories are built commit by
commit with the real git: each breach the history can show, and an as-of scan against a reset clone."""

from __future__ import annotations

import hashlib
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from regent.engine.model import ScanResult
from regent.engine.opa import PrivateOpa
from regent.engine.policyset import PolicySet
from regent.engine.scan import scan
from regent.evidence import load_snapshot
from tests.conftest import Repo, clean_change

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
HISTORY_CHECKS = {"REG-SEC-016", "REG-CHG-019", "REG-SEC-017", "REG-SEC-018", "REG-SEC-019", "REG-SEC-020",
                  "REG-SEC-021"}


def history_findings(result: ScanResult) -> set[tuple[str, str, int, str]]:
    return {(f.check, f.record.path, f.record.line, f.message) for f in result.findings if f.check in HISTORY_CHECKS}


def run(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> ScanResult:
    return scan(load_snapshot(repo.path, now=NOW), policies, opa)


def short(repo: Repo, message: str) -> str:
    return repo.git("log", "-1", "--format=%h", "--abbrev=12", f"--grep={message}")


def test_the_clean_history_raises_nothing(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    assert history_findings(run(repo, opa, policies)) == set()


def test_the_requester_writing_an_approval_in_someone_elses_name(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", approvals=[]))
    repo.commit("Raise CHG-2", email="carol@example.com")
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2"))
    repo.commit("CHG-2 approved by bob", date="2026-03-05T13:00:00Z", email="carol@example.com")
    assert history_findings(run(repo, opa, policies)) == {(
        "REG-SEC-016", "changes/CHG-2.yaml", 20,
        f"CHG-2's approval by bob was recorded in commit {short(repo, 'CHG-2 approved')} by carol "
        "<carol@example.com>, not by bob",
    )}


def test_a_change_redefined_after_its_approval_without_a_new_one(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    wider = clean_change(configuration_items=["CI-1", "CI-2"], schedule={"start": "2026-03-03T18:00:00Z",
                                                                         "end": "2026-03-03T23:00:00Z"})
    repo.write("changes/CHG-1.yaml", wider)
    repo.commit("Widen CHG-1", date="2026-03-05T13:00:00Z", email="carol@example.com")
    later = short(repo, "Widen CHG-1")
    approval = short(repo, "Approve CHG-1")
    found = {(check, path, message) for check, path, _, message in history_findings(run(repo, opa, policies))}
    assert found == {
        ("REG-CHG-019", "changes/CHG-1.yaml",
         f"CHG-1's {field} changed in commit {later} by carol <carol@example.com> after its approval by bob "
         f"in commit {approval}, and no approval was recorded since")
        for field in ("configuration_items", "schedule")
    }
    # bob approves again, in his own commit: the change is judged as approved once more.
    again = {**wider, "approvals": [*wider["approvals"], {"by": "bob", "role": "cab", "decision": "approved",
                                                          "at": "2026-03-05T13:30:00Z"}]}
    repo.write("changes/CHG-1.yaml", again)
    repo.commit("Approve the wider CHG-1", date="2026-03-05T14:00:00Z", email="bob@example.com")
    assert history_findings(run(repo, opa, policies)) == set()


def test_evidence_tampered_with_and_rewritten(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("evidence/artifacts/EV-1.txt", b"payments-gw-01 staging: 42 tests passed, 0 failed (rerun)\n")
    repo.commit("Correct the test report", date="2026-03-06T09:00:00Z", email="carol@example.com")
    rewrite = short(repo, "Correct the test report")
    found = {(check, path, line) for check, path, line, _ in history_findings(run(repo, opa, policies))}
    assert found == {("REG-SEC-017", "evidence/EV-1.yaml", 13), ("REG-SEC-018", "evidence/EV-1.yaml", 12)}
    messages = {m for *_, m in history_findings(run(repo, opa, policies))}
    assert any(rewrite in m and "evidence/artifacts/EV-1.txt" in m for m in messages)


def test_an_artifact_missing_from_the_repository(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.git("rm", "-q", "evidence/artifacts/EV-1.txt")
    repo.commit("Drop the old test report", date="2026-03-06T09:00:00Z")
    found = history_findings(run(repo, opa, policies))
    assert {(c, p) for c, p, _, _ in found} == {("REG-SEC-017", "evidence/EV-1.yaml")}
    assert "not in the repository" in next(iter(found))[3]


def test_a_commit_by_someone_people_yaml_does_not_know(repo: Repo, opa: PrivateOpa, policies: PolicySet) -> None:
    repo.write("cmdb/CI-1.yaml", {**yaml_of(repo, "cmdb/CI-1.yaml"), "name": "payments-gw-01a"})
    repo.commit("Rename the gateway", date="2026-03-06T09:00:00Z", email="mallory@elsewhere.example")
    found = history_findings(run(repo, opa, policies))
    assert {(c, p, line) for c, p, line, _ in found} == {("REG-SEC-020", "cmdb/CI-1.yaml", 1)}
    assert "mallory@elsewhere.example" in next(iter(found))[3]


def test_an_approval_dated_after_the_commit_that_recorded_it(
    repo: Repo, opa: PrivateOpa, policies: PolicySet
) -> None:
    dated = [{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-03-09T10:00:00Z"}]
    raised = clean_change("CHG-3", approvals=[], created="2026-03-05T08:00:00Z", status="submitted")
    for unfinished in ("implementation", "review", "closure"):
        del raised[unfinished]
    repo.write("changes/CHG-3.yaml", raised)
    repo.commit("Raise CHG-3", date="2026-03-05T09:00:00Z", email="carol@example.com")
    repo.write("changes/CHG-3.yaml", {**raised, "approvals": dated, "status": "approved"})
    repo.commit("Approve CHG-3", date="2026-03-05T10:00:00Z", email="bob@example.com")
    found = {(c, p, line) for c, p, line, _ in history_findings(run(repo, opa, policies))}
    assert found == {("REG-SEC-021", "changes/CHG-3.yaml", 23)}  # approvals/0/at


def test_unsigned_evidence_when_signatures_are_required(
    repo: Repo, opa: PrivateOpa, policies: PolicySet, tmp_path: Path
) -> None:
    key = tmp_path / "bob"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bob", "-f", str(key)], check=True)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"bob@example.com {key.with_suffix('.pub').read_text()}")
    repo.git("config", "gpg.ssh.allowedSignersFile", str(allowed))
    repo.write("regent.yaml", "require_signed_evidence: true\n")
    repo.commit("Require signed evidence", date="2026-03-06T08:00:00Z")
    report = b"restore of payments-db to staging: ok\n"
    repo.write("evidence/artifacts/EV-2.txt", report)
    repo.write("evidence/EV-2.yaml", {"kind": "evidence", "id": "EV-2", "type": "test_report",
                                      "collected_at": "2026-03-06T08:30:00Z", "collected_by": "bob",
                                      "subject": ["CI-1"], "result": "pass",
                                      "artifacts": [{"path": "evidence/artifacts/EV-2.txt",
                                                     "sha256": hashlib.sha256(report).hexdigest()}]})
    repo.git("add", "-A")
    repo.git("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m", "Signed evidence",
             date="2026-03-06T09:00:00Z", email="bob@example.com")
    found = {(c, p) for c, p, _, _ in history_findings(run(repo, opa, policies))}
    # EV-1 came in unsigned commits; EV-2's commit is signed by a key the allowed signers trust.
    assert found == {("REG-SEC-019", "evidence/EV-1.yaml")}


def yaml_of(repo: Repo, path: str) -> dict:  # type: ignore[type-arg]
    import yaml

    return yaml.safe_load((repo.path / path).read_text())  # type: ignore[no-any-return]


# -- as of a date: exactly what the repository said then -------------------------------


@pytest.fixture
def history(repo: Repo) -> Repo:
    """Three weeks of history: a self-recorded approval, then later records and later edits."""
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", requested_by="bob", approvals=[]))
    repo.commit("Raise CHG-2", date="2026-03-10T09:00:00Z", email="bob@example.com")
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", requested_by="bob"))
    repo.commit("Approve CHG-2", date="2026-03-11T09:00:00Z", email="carol@example.com")
    repo.write("changes/CHG-3.yaml", clean_change("CHG-3", requested_by="dave"))
    repo.commit("Record CHG-3", date="2026-03-20T09:00:00Z", email="dave@example.com")
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2", requested_by="bob", risk="high"))
    repo.commit("Re-rate CHG-2", date="2026-03-21T09:00:00Z", email="mallory@elsewhere.example")
    return repo


def test_an_as_of_scan_gives_the_findings_of_a_clone_reset_to_that_day(
    history: Repo, opa: PrivateOpa, policies: PolicySet, tmp_path: Path
) -> None:
    day = date(2026, 3, 15)
    as_of = scan(load_snapshot(history.path, as_of=day), policies, opa)
    then = history.git("rev-list", "-1", "--before=2026-03-15T23:59:59Z", "HEAD")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(history.path), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "reset", "-q", "--hard", then], check=True)
    reset = scan(load_snapshot(clone, now=datetime(2026, 3, 15, 23, 59, 59, tzinfo=timezone.utc)), policies, opa)

    def seen(result: ScanResult) -> list[tuple[str, str, str, int, str, str]]:
        return [(f.check, str(f.record.id), f.record.path, f.record.line, f.status, f.message)
                for f in result.findings]

    assert seen(as_of) == seen(reset) and as_of.controls == reset.controls
    assert as_of.repository["revision"] == then
    checks = {f.check for f in as_of.findings}
    assert "REG-SEC-016" in checks  # bob's approval of CHG-2, committed by carol
    assert "REG-SEC-020" not in checks  # the unknown author came later
    assert not any(f.record.id == "CHG-3" for f in as_of.findings)
    snapshot = load_snapshot(history.path, as_of=day)
    later = {history.git("log", "-1", "--format=%H", f"--grep={m}") for m in ("Record CHG-3", "Re-rate CHG-2")}
    assert snapshot.git is not None and not later & set(snapshot.git.commits)
    change = snapshot.record("change", "CHG-2")
    assert change is not None and b'"commits":2' in snapshot.git.files[change.path]
