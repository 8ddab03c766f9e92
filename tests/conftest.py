"""Shared test fixtures: real git repositories, one real OPA for the whole run."""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime, timedelta, timezone
import subprocess
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from click.testing import CliRunner, Result

from regent.cli import main
from regent.engine.opa import PrivateOpa
from regent.engine.opa_binary import find_opa
from regent.engine.policyset import PolicySet

FIXTURES = Path(__file__).parent / "fixtures"

PEOPLE = {
    "people": [
        {"id": "alice", "name": "Alice Ames", "emails": ["alice@example.com"], "roles": ["change-manager"]},
        {"id": "bob", "name": "Bob Byrne", "emails": ["bob@example.com"], "roles": ["cab"]},
        {"id": "carol", "name": "Carol Chen", "emails": ["carol@example.com"], "roles": ["engineer"]},
        {"id": "dave", "name": "Dave Dunn", "emails": ["dave@example.com"], "roles": ["emergency-cab"]},
    ]
}


def clean_change(change_id: str = "CHG-1", **overrides: Any) -> dict[str, Any]:
    """A normal change that passes every check: approved by the CAB, done in its window, reviewed."""
    record: dict[str, Any] = {
        "kind": "change",
        "id": change_id,
        "title": "Rotate the payment gateway's TLS certificate",
        "type": "normal",
        "status": "closed",
        "requested_by": "carol",
        "implementer": "carol",
        "created": "2026-03-01T09:00:00Z",
        "risk": "low",
        "impact": "low",
        "configuration_items": ["CI-1"],
        "services": ["SVC-1"],
        "plan": {"implementation": "Install the new certificate", "backout": "Restore the old one",
                 "test": "Handshake from the monitoring host"},
        "approvals": [{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}],
        "schedule": {"start": "2026-03-03T20:00:00Z", "end": "2026-03-03T22:00:00Z"},
        "implementation": {"started": "2026-03-03T20:05:00Z", "completed": "2026-03-03T20:40:00Z", "by": "carol"},
        "review": {"at": "2026-03-04T09:00:00Z", "by": "alice", "outcome": "successful"},
        "closure": {"at": "2026-03-04T09:30:00Z", "code": "successful"},
        "test_evidence": ["EV-1"],
    }
    record.update(overrides)
    return record


# A staging server: the checks of production systems (baseline settings, periodic scans and audits)
# judge it against "now", which would make a clean repository depend on the day the tests run.
CI_RECORD = {"kind": "configuration_item", "id": "CI-1", "name": "payments-gw-01", "type": "server",
             "owner": "alice", "environment": "staging", "status": "active", "classification": "internal",
             "criticality": "medium", "services": ["SVC-1"], "last_verified": "2026-03-05"}
SERVICE_RECORD = {"kind": "service", "id": "SVC-1", "name": "Payments", "owner": "alice", "status": "active",
                  "criticality": "medium", "configuration_items": ["CI-1"],
                  "sla": {"availability": 99.5, "response_minutes": {"P1": 15, "P2": 30, "P3": 120, "P4": 480},
                          "resolution_hours": {"P1": 4, "P2": 8, "P3": 24, "P4": 72}}}
TEST_ARTIFACT = b"payments-gw-01 staging: 42 tests passed, 0 failed\n"
TEST_EVIDENCE = {"kind": "evidence", "id": "EV-1", "type": "test_report", "collected_at": "2026-03-02T12:00:00Z",
                 "collected_by": "carol", "subject": ["CI-1"], "result": "pass", "details": {"environment": "staging"},
                 "artifacts": [{"path": "evidence/artifacts/EV-1.txt",
                                "sha256": hashlib.sha256(TEST_ARTIFACT).hexdigest()}]}
# When the fixture repository's records were committed: after every timestamp they hold,
# as a real repository's history would be.
RECORDED_AT = "2026-03-05T12:00:00Z"


def service_reports(first: str = "2026-01") -> dict[str, dict[str, Any]]:
    """A reviewed monthly report of SVC-1 for every month from ``first`` to the last one due today."""
    due = (date.today() - timedelta(days=10)).replace(day=1) - timedelta(days=1)
    year, month = map(int, first.split("-"))
    reports = {}
    while (year, month) <= (due.year, due.month):
        period = f"{year:04d}-{month:02d}"
        reports[f"services/reports/SR-SVC-1-{period}.yaml"] = {
            "kind": "service_report", "id": f"SR-SVC-1-{period}", "service": "SVC-1", "period": period,
            "availability": 99.9, "reviewed_by": "alice", "reviewed_at": f"{period}-28T10:00:00Z"}
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return reports


def alias_bomb(*head: str) -> bytes:
    """A YAML document of ten lines whose aliases expand to a billion values."""
    rows = [*head, "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return ("\n".join(rows) + "\n").encode()


class Repo:
    """A throwaway evidence repository built with the real git."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = RECORDED_AT, email: str = "alice@example.com") -> str:
        env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, TZ="UTC",
                   GIT_AUTHOR_NAME=email.split("@")[0], GIT_COMMITTER_NAME=email.split("@")[0],
                   GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_EMAIL=email)
        out = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=self.path, env=env,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def write(self, relpath: str, content: str | bytes | dict[str, Any]) -> Path:
        target = self.path / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):
            content = yaml.safe_dump(content, sort_keys=False)
        if isinstance(content, str):
            content = content.encode()
        target.write_bytes(content)
        return target

    def commit(self, message: str = "Record evidence", date: str = RECORDED_AT,
               email: str = "alice@example.com") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date, email=email)
        return self.git("rev-parse", "HEAD")

    def state(self) -> tuple[str, list[str]]:
        """What a scan must leave untouched: git's view and every file, with its bytes' digest."""
        status = self.git("--no-optional-locks", "status", "--porcelain", "--ignored",
                          "--untracked-files=all")
        files = sorted(
            f"{p.relative_to(self.path)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
            for p in self.path.rglob("*") if p.is_file() or p.is_symlink()
        )
        return status, files


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A repository holding people, a CI, a service, one clean change and its test evidence, with a
    history that every check accepts: the approval committed by its approver, each record
    committed after the moments it states."""
    r = Repo(tmp_path / "evidence")
    r.write("people.yaml", PEOPLE)
    r.write("cmdb/CI-1.yaml", CI_RECORD)
    r.write("services/SVC-1.yaml", SERVICE_RECORD)
    r.write("changes/CHG-1.yaml", clean_change(approvals=[]))
    r.write("evidence/EV-1.yaml", TEST_EVIDENCE)
    r.write("evidence/artifacts/EV-1.txt", TEST_ARTIFACT)
    reports = service_reports()
    for path, report in reports.items():
        if report["period"] < "2026-03":
            r.write(path, report)
    r.commit("Start the evidence repository")
    r.write("changes/CHG-1.yaml", clean_change())
    r.commit("Approve CHG-1", date="2026-03-05T12:05:00Z", email="bob@example.com")
    later = {path: report for path, report in reports.items() if report["period"] >= "2026-03"}
    if later:
        for path, report in later.items():
            r.write(path, report)
        now = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=1)
        r.commit("Monthly service reports", date=now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return r


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGENT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def opa_binary() -> Path:
    return find_opa()


@pytest.fixture(scope="session")
def policies() -> PolicySet:
    return PolicySet.load()


@pytest.fixture(scope="session")
def opa(opa_binary: Path, policies: PolicySet) -> Iterator[PrivateOpa]:
    """The one real OPA server of the test run, with the built-in policies loaded."""
    server = PrivateOpa(opa_binary)
    server.load(policies)
    yield server
    server.close()


@pytest.fixture
def invoke(opa: PrivateOpa) -> Callable[..., Result]:
    """Run regent against the test run's OPA, as an organisation's service would be used."""

    def call(*args: str) -> Result:
        env = {"REGENT_OPA_URL": opa.url, "REGENT_OPA_TOKEN": opa.token or "", "CI": "true"}
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    return call


def load_record(path: Path) -> dict[str, Any]:
    """A record file written by regent, as a mapping."""
    value = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


@pytest.fixture
def fresh(invoke: Callable[..., Result], tmp_path: Path) -> Path:
    """A repository just laid out by ``regent init`` (not committed)."""
    root = tmp_path / "evidence"
    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    return root


# A real three-month history for the monthly report's tests.

ARTIFACT = b"restore of payments-gw-01 from the 2026-10-10 backup: 1,024 files, all match\n"


def change(change_id: str = "CHG-1", **fields: Any) -> dict[str, Any]:
    """The conftest's clean change with ``fields`` over it; a field given as None is left out."""
    return {k: v for k, v in clean_change(change_id, **fields).items() if v is not None}


def evidence(record_id: str, sha256: str, collected: str, path: str) -> dict[str, Any]:
    return {"kind": "evidence", "id": record_id, "type": "backup_restore_test", "collected_at": collected,
            "collected_by": "carol", "subject": ["CI-1"], "result": "pass",
            "artifacts": [{"path": path, "sha256": sha256}]}


@pytest.fixture
def history(tmp_path: Path) -> Repo:
    """September: a submitted change and one implemented with no approval. October: that one approved
    (by its approver), a waiver expiring in November for its CI not verified again, a new change, and
    two restore tests, one whose artifact does not match its hash."""
    r = Repo(tmp_path / "evidence")
    r.write("people.yaml", PEOPLE)
    r.write("cmdb/CI-1.yaml", {**CI_RECORD, "last_verified": "2026-09-01"})
    r.write("services/SVC-1.yaml", SERVICE_RECORD)
    r.write("changes/CHG-1.yaml", change(approvals=[], status="submitted", implementation=None,
                                                review=None, closure=None, test_evidence=[]))
    unapproved = change("CHG-2", approvals=[], status="implemented", review=None, closure=None,
                              test_evidence=[], created="2026-09-01T09:00:00Z",
                              schedule={"start": "2026-09-03T20:00:00Z", "end": "2026-09-03T22:00:00Z"},
                              implementation={"started": "2026-09-03T20:05:00Z", "completed": "2026-09-03T20:40:00Z",
                                              "by": "carol"})
    r.write("changes/CHG-2.yaml", unapproved)
    r.commit("September's records", date="2026-09-10T12:00:00Z")

    approved = dict(unapproved, approvals=[{"by": "bob", "role": "cab", "decision": "approved",
                                            "at": "2026-09-02T10:00:00Z"}])
    r.write("changes/CHG-2.yaml", approved)
    r.commit("Record the CAB's approval", date="2026-10-02T09:00:00Z", email="bob@example.com")
    r.write("changes/CHG-3.yaml", change(
        "CHG-3", approvals=[], status="submitted", implementation=None, review=None, closure=None,
        test_evidence=[], created="2026-10-05T09:00:00Z", plan={"implementation": "Resize", "test": "Check"}))
    r.write("waivers/WVR-1.yaml", {"kind": "waiver", "id": "WVR-1", "check": "REG-CHG-015", "records": ["CHG-2"],
                                   "reason": "CI-1 is verified at the quarterly audit in November",
                                   "approved_by": "alice", "approved_at": "2026-10-06T09:00:00Z",
                                   "expires": "2026-11-15"})
    r.write("evidence/artifacts/EV-2.txt", ARTIFACT)
    r.write("evidence/EV-2.yaml", evidence("EV-2", hashlib.sha256(ARTIFACT).hexdigest(), "2026-10-11T10:00:00Z",
                                           "evidence/artifacts/EV-2.txt"))
    r.write("evidence/artifacts/EV-3.txt", b"edited after the fact\n")
    r.write("evidence/EV-3.yaml", evidence("EV-3", hashlib.sha256(b"the original\n").hexdigest(),
                                           "2026-10-12T10:00:00Z", "evidence/artifacts/EV-3.txt"))
    r.write("evidence/EV-1.yaml", evidence("EV-1", hashlib.sha256(ARTIFACT).hexdigest(), "2026-09-09T10:00:00Z",
                                           "evidence/artifacts/EV-2.txt"))
    r.commit("October's records", date="2026-10-12T12:00:00Z", email="carol@example.com")
    return r
