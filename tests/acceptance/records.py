"""Realistic records for the cases, clean unless a case says otherwise, and the commits that would
record them: the requester raises a change, the approver records the decision, the collector the
evidence."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.acceptance.model import Step

DROP = object()  # a field value that removes the field


def _apply(record: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    out = {**record, **fields}
    return {k: v for k, v in out.items() if v is not DROP}


def change(cid: str, **fields: Any) -> dict[str, Any]:
    """A normal change of March 2026 carried out cleanly: requested and done by carol, approved by
    bob (CAB) before its window, done inside it, reviewed by alice, closed, tested in staging."""
    return _apply({
        "kind": "change", "id": cid, "title": f"Rotate the TLS certificate of the payments gateway ({cid})",
        "type": "normal", "status": "closed", "requested_by": "carol", "implementer": "carol",
        "created": "2026-03-01T09:00:00Z", "risk": "low", "impact": "low",
        "configuration_items": ["CI-1"], "services": ["SVC-1"],
        "plan": {"implementation": "Install the new certificate", "backout": "Restore the old one",
                 "test": "Handshake from the monitoring host"},
        "approvals": [{"by": "bob", "role": "cab", "decision": "approved", "at": "2026-03-02T10:00:00Z"}],
        "schedule": {"start": "2026-03-03T20:00:00Z", "end": "2026-03-03T22:00:00Z"},
        "implementation": {"started": "2026-03-03T20:05:00Z", "completed": "2026-03-03T20:40:00Z", "by": "carol"},
        "review": {"at": "2026-03-04T09:00:00Z", "by": "alice", "outcome": "successful"},
        "closure": {"at": "2026-03-04T09:30:00Z", "code": "successful"},
        "test_evidence": [f"EV-T-{cid}"],
    }, fields)


def manifest(eid: str, type_: str, subject: list[str], collected_at: str, by: str = "carol",
             **fields: Any) -> dict[str, Any]:
    """An evidence manifest, passing, with one artifact (its bytes from ``artifact``)."""
    return _apply({
        "kind": "evidence", "id": eid, "type": type_, "collected_at": collected_at, "collected_by": by,
        "subject": subject, "result": "pass",
        "artifacts": [{"path": f"evidence/artifacts/{eid}.txt", "sha256": hashlib.sha256(artifact(eid)).hexdigest()}],
    }, fields)


def artifact(eid: str) -> bytes:
    return f"{eid}: the collected output, as exported by the tool\n".encode()


def evidence_files(record: dict[str, Any], path: str | None = None) -> dict[str, Any]:
    """A manifest and its artifact files, as a commit writes them."""
    files: dict[str, Any] = {path or f"evidence/{record['id']}.yaml": record}
    for a in record.get("artifacts") or ():
        files[a["path"]] = artifact(record["id"])
    return files


def test_report(cid: str, **fields: Any) -> dict[str, Any]:
    """The staging test report of a change of change(), collected before its window."""
    fields = {"details": {"environment": "staging"}, **fields}
    collected = fields.pop("collected_at", "2026-03-02T12:00:00Z")
    subject = fields.pop("subject", [cid])
    return manifest(f"EV-T-{cid}", "test_report", subject, collected, **fields)


def raised(record: dict[str, Any]) -> dict[str, Any]:
    """A change as its requester first records it: submitted, nothing decided or done yet."""
    return {k: v for k, v in record.items()
            if k not in ("approvals", "implementation", "review", "closure", "test_evidence", "schedule")} | {
        "status": "submitted"}


def change_steps(record: dict[str, Any], approver: str = "bob", at: str = "2026-03-05T12:00:00Z",
                 report: dict[str, Any] | None | bool = True, path: str | None = None) -> tuple[Step, ...]:
    """The commits of a change: raised by its requester an hour after ``created``, then recorded in
    full (decision, window, work, review, closure, test report) by its approver at ``at``."""
    path = path or f"changes/{record['id']}.yaml"
    created = str(record.get("created", "2026-03-01T09:00:00Z"))
    raised_at = created[:11] + f"{min(int(created[11:13]) + 1, 23):02d}" + created[13:19] + "Z"
    files: dict[str, Any] = {path: record}
    if report is True:
        files.update(evidence_files(test_report(record["id"])))
    elif isinstance(report, dict):
        files.update(evidence_files(report))
    return (Step(str(record.get("requested_by", "carol")), raised_at, {path: raised(record)}),
            Step(approver, at, files))
