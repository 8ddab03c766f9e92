"""The repositories of the acceptance suite: a clean organisation, then every case of a group
committed on top in date order, each commit by the person who did the work."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from tests.acceptance.model import Case, Group, Json, Step
from tests.acceptance.records import DROP
from tests.conftest import Repo

PEOPLE: list[dict[str, Any]] = [
    {"id": "alice", "name": "Alice Ames", "emails": ["alice@example.com"], "roles": ["change-manager"]},
    {"id": "bob", "name": "Bob Byrne", "emails": ["bob@example.com"], "roles": ["cab"]},
    {"id": "carol", "name": "Carol Chen", "emails": ["carol@example.com"], "roles": ["engineer"]},
    {"id": "dave", "name": "Dave Dunn", "emails": ["dave@example.com"], "roles": ["emergency-cab"]},
    {"id": "erin", "name": "Erin Eze", "emails": ["erin@example.com"], "roles": ["release-manager"]},
    {"id": "fay", "name": "Fay Fox", "emails": ["fay@example.com"], "roles": ["cab"]},
    {"id": "gus", "name": "Gus Gray", "emails": ["gus@example.com"], "roles": ["engineer", "service-owner"]},
]

SLA = {"availability": 99.5, "response_minutes": {"P1": 15, "P2": 30, "P3": 120, "P4": 480},
       "resolution_hours": {"P1": 4, "P2": 8, "P3": 24, "P4": 72}}
CI_1 = {"kind": "configuration_item", "id": "CI-1", "name": "payments-gw-stg", "type": "server", "owner": "alice",
        "environment": "staging", "status": "active", "classification": "internal", "criticality": "medium",
        "services": ["SVC-1"], "last_verified": "2026-01-05"}
SVC_1 = {"kind": "service", "id": "SVC-1", "name": "Payments", "owner": "alice", "status": "active",
         "criticality": "medium", "configuration_items": ["CI-1"], "sla": SLA}


def monthly_reports(service: str, first: int = 1, last: int = 10, year: int = 2026) -> dict[str, Any]:
    """A reviewed report of the service for each month, reviewed by alice on the 3rd of the next."""
    reports = {}
    for month in range(first, last + 1):
        period = f"{year}-{month:02d}"
        reviewed = f"{year}-{month + 1:02d}-03T10:00:00Z" if month < 12 else f"{year + 1}-01-03T10:00:00Z"
        reports[f"services/reports/SR-{service}-{period}.yaml"] = {
            "kind": "service_report", "id": f"SR-{service}-{period}", "service": service, "period": period,
            "availability": 99.9, "reviewed_by": "alice", "reviewed_at": reviewed}
    return reports


def _plain(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without the fields a case dropped, at any depth."""
    return {k: _plain(v) if isinstance(v, Mapping) else v for k, v in record.items() if v is not DROP}


def _content(value: Any) -> bytes:
    if isinstance(value, Json):
        return json.dumps(_plain(value.record), indent=2).encode()
    if isinstance(value, Mapping):
        return yaml.safe_dump(_plain(value), sort_keys=False).encode()
    return value if isinstance(value, bytes) else str(value).encode()


def _commit(repo: Repo, step: Step, message: str) -> None:
    for path, value in step.files.items():
        if value is None:
            (repo.path / path).unlink()
        else:
            repo.write(path, _content(value))
    # Two git calls a step (a step two cases share commits nothing the second time).
    repo.git("add", "-A")
    repo.git("commit", "-q", "--allow-empty", "-m", message, date=step.at, email=f"{step.by}@example.com")


def build(path: Path, group: Group, cases: Iterable[Case]) -> Repo:
    """A repository holding the clean organisation and every case; the request steps of gate cases
    on a branch ``request`` made from the last commit of main."""
    cases = list(cases)
    repo = Repo(path)
    people = PEOPLE + [dict(p) for c in cases for p in c.people]
    repo.write("people.yaml", {"people": people})
    if group.config:
        repo.write("regent.yaml", group.config)
    repo.write("cmdb/CI-1.yaml", CI_1)
    repo.write("services/SVC-1.yaml", SVC_1)
    repo.commit("Start the evidence repository", date="2026-01-05T10:00:00Z", email="alice@example.com")
    _commit(repo, Step("alice", "2026-11-05T09:00:00Z", monthly_reports("SVC-1")), "Service reports to October")
    steps = sorted(((s, c) for c in cases for s in c.steps if not s.request), key=lambda sc: sc[0].at)
    for step, case in steps:
        _commit(repo, step, case.label)
    requests = sorted(((s, c) for c in cases for s in c.steps if s.request), key=lambda sc: sc[0].at)
    if requests:
        repo.git("checkout", "-q", "-b", "request")
        for step, case in requests:
            _commit(repo, step, case.label)
        repo.git("checkout", "-q", "main")
    return repo
