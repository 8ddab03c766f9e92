"""The sections of the monthly evidence report, as values: what the renderers of a report read.

Each one's ``to_dict`` is its part of the report's JSON document, keys in the
document's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from regent.engine.model import ControlState, Finding, ScanResult
from regent.evidence.config import FRAMEWORKS


def _lists(by_framework: Mapping[str, tuple[str, ...]]) -> dict[str, list[str]]:
    return {framework: list(ids) for framework, ids in by_framework.items()}


@dataclass(frozen=True)
class FindingRef:
    """A finding as a section of the report names it."""

    check: str
    severity: str
    status: str
    record: str | None  # the record's id; None for a file no record could be read from
    path: str
    line: int
    message: str

    @classmethod
    def of(cls, f: Finding) -> FindingRef:
        return cls(check=f.check, severity=f.severity, status=f.status, record=f.record.id, path=f.record.path,
                   line=f.record.line, message=f.message)

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "severity": self.severity, "status": self.status, "record": self.record,
                "path": self.path, "line": self.line, "message": self.message}


@dataclass(frozen=True)
class EvidenceGap(FindingRef):
    """An open finding of a check that asks for evidence: periodic evidence missing, stale or failed."""

    controls: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, f: Finding) -> EvidenceGap:
        ref = FindingRef.of(f)
        return cls(check=ref.check, severity=ref.severity, status=ref.status, record=ref.record, path=ref.path,
                   line=ref.line, message=ref.message, controls=f.controls)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "controls": _lists(self.controls)}


@dataclass(frozen=True)
class ControlRow:
    """A control of one framework at the month's end: its status and the findings behind it."""

    id: str
    title: str  # from the framework's catalog; empty when the catalog does not list the control
    status: ControlState
    checks: tuple[str, ...]
    findings: tuple[FindingRef, ...]  # open ones first, then waived ones

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "status": self.status.label, "checks": list(self.checks),
                "findings": [f.to_dict() for f in self.findings]}


@dataclass(frozen=True)
class ArtifactCheck:
    """An artifact a manifest lists, and whether its bytes at the revision match the sha256 it states."""

    path: str
    sha256: str
    verified: bool

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "verified": self.verified}


@dataclass(frozen=True)
class EvidenceItem:
    """An evidence manifest collected in the month, and the controls it supports."""

    id: str
    type: str
    collected_at: str
    collected_by: str
    subject: tuple[str, ...]
    result: str | None
    period: str | None
    path: str
    artifacts: tuple[ArtifactCheck, ...]
    verified: bool | None  # None: nothing to verify (the manifest lists no artifact)
    # Framework -> the controls of the checks that judge evidence of its type, in the report's order.
    controls: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "collected_at": self.collected_at,
                "collected_by": self.collected_by, "subject": list(self.subject), "result": self.result,
                "period": self.period, "path": self.path, "artifacts": [a.to_dict() for a in self.artifacts],
                "verified": self.verified, "controls": _lists(self.controls)}


@dataclass(frozen=True)
class WaiverNote:
    """A waiver expired by the month's end, or expiring soon after it."""

    id: str
    check: str
    records: tuple[str, ...]
    expires: str
    state: str  # expired | expiring
    approved_by: str
    path: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "check": self.check, "records": list(self.records), "expires": self.expires,
                "state": self.state, "approved_by": self.approved_by, "path": self.path}


@dataclass(frozen=True)
class MonthPoint:
    """One month end of the trend: open findings by severity and controls held per framework."""

    month: str
    scanned: bool
    open_by_severity: Mapping[str, int] = field(default_factory=dict)
    held: Mapping[str, int] = field(default_factory=dict)
    controls: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "scanned": self.scanned, "open_by_severity": dict(self.open_by_severity),
                "controls_held": dict(self.held), "controls": dict(self.controls)}


@dataclass(frozen=True)
class Reproduction:
    """What anyone needs to produce the same report again."""

    evidence_revision: str | None
    as_of: str | None
    reference_time: str
    policy_digest: str
    opa_version: str
    regent_version: str
    command: str

    @classmethod
    def of_scan(cls, result: ScanResult, fmt: str) -> Reproduction:
        """What it takes to run a scan again, and the command that does, writing ``fmt``."""
        revision, as_of = result.repository.get("revision"), result.repository.get("as_of")
        words = ["regent scan"]
        if as_of:
            words.append(f"--as-of {as_of}")
        elif revision and not result.repository.get("worktree"):
            words.append(f"--rev {revision}")
        words.append(f"--format {fmt}")
        if len(result.frameworks) < len(FRAMEWORKS):
            words.extend(f"--framework {fw}" for fw in result.frameworks)
        return cls(evidence_revision=revision, as_of=as_of, reference_time=result.reference_time,
                   policy_digest=result.policy_digest, opa_version=result.opa_version,
                   regent_version=result.regent_version, command=" ".join(words))

    def to_dict(self) -> dict[str, Any]:
        return {"evidence_revision": self.evidence_revision, "as_of": self.as_of,
                "reference_time": self.reference_time, "policy_digest": self.policy_digest,
                "opa_version": self.opa_version, "regent_version": self.regent_version, "command": self.command}
