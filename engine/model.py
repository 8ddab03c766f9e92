"""What a scan produces: checks, findings, control status and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from regent.evidence.config import FRAMEWORKS

SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")
SEVERITY_RANK: Mapping[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}
STATUSES: tuple[str, ...] = ("fail", "waived", "error")


@dataclass(frozen=True)
class CheckInfo:
    """A check's metadata, as its METADATA annotation states it."""

    id: str
    title: str
    severity: str
    remediation: str
    controls: Mapping[str, tuple[str, ...]]
    description: str = ""
    kinds: tuple[str, ...] = ()
    evidence_types: tuple[str, ...] = ()  # the evidence types whose manifests it judges
    origin: str = "builtin"  # builtin | custom | engine
    config: tuple[str, ...] = ()  # the input.config settings it reads, as dotted paths
    example: Mapping[str, Any] = field(default_factory=dict)  # records, by kind, that it flags

    @classmethod
    def from_metadata(cls, meta: Mapping[str, Any], origin: str) -> CheckInfo:
        controls = meta.get("controls") or {}
        return cls(
            id=str(meta["id"]),
            title=str(meta.get("title") or meta["id"]),
            severity=str(meta.get("severity") or "medium"),
            remediation=str(meta.get("remediation") or ""),
            controls={
                fw: tuple(str(c) for c in ids)
                for fw, ids in sorted(controls.items(), key=lambda item: framework_rank(item[0]))
            },
            description=str(meta.get("description") or ""),
            kinds=tuple(meta.get("kinds") or ()),
            evidence_types=tuple(str(t) for t in meta.get("evidence") or ()),
            origin=origin,
            config=tuple(str(c) for c in meta.get("config") or ()),
            example=dict(meta.get("example") or {}),
        )


def framework_rank(framework: str) -> tuple[int, str]:
    """Known frameworks in their usual order, then any other key an organisation uses."""
    return (FRAMEWORKS.index(framework), "") if framework in FRAMEWORKS else (len(FRAMEWORKS), framework)


@dataclass(frozen=True)
class RecordRef:
    kind: str | None
    id: str | None
    path: str
    line: int


@dataclass(frozen=True)
class Finding:
    check: str
    title: str
    severity: str
    status: str
    message: str
    record: RecordRef
    controls: Mapping[str, tuple[str, ...]]
    remediation: str
    evidence: Mapping[str, str] | None = None
    waiver: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (-SEVERITY_RANK[self.severity], self.check, self.record.path, self.record.line, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "message": self.message,
            "record": {"kind": self.record.kind, "id": self.record.id, "path": self.record.path,
                       "line": self.record.line},
            "controls": {fw: list(ids) for fw, ids in self.controls.items()},
            "remediation": self.remediation,
            "evidence": dict(self.evidence) if self.evidence else None,
            "waiver": self.waiver,
        }


@dataclass(frozen=True)
class ControlStatus:
    framework: str
    id: str
    status: str  # pass | fail | not_tested
    checks: tuple[str, ...]
    findings: int

    def to_dict(self) -> dict[str, Any]:
        return {"framework": self.framework, "id": self.id, "status": self.status,
                "checks": list(self.checks), "findings": self.findings}


@dataclass(frozen=True)
class ScanResult:
    regent_version: str
    repository: Mapping[str, Any]
    reference_time: str
    policy_digest: str
    opa_version: str
    checks: Mapping[str, CheckInfo]
    records: int
    findings: tuple[Finding, ...]
    controls: tuple[ControlStatus, ...]
    frameworks: tuple[str, ...]
    notes: tuple[str, ...] = ()
    stats: Mapping[str, float] = field(default_factory=dict)
    # A gate's request: base, merge_base, head (None: the work tree), changed (the records and files the
    # request added or changed: [{path, status, kind, id}]), scope (neighbourhood | full), elsewhere
    # (findings on records the request left alone, present at head and not at the merge base).
    gate: Mapping[str, Any] | None = None
    # With --baseline: file, known (findings it held and that were left out), stale ([{check, kind, id}]).
    baseline: Mapping[str, Any] | None = None

    def count(self, status: str) -> int:
        return sum(1 for f in self.findings if f.status == status)

    def by_severity(self) -> dict[str, int]:
        counts = {s: 0 for s in reversed(SEVERITIES)}
        for f in self.findings:
            if f.status != "waived":
                counts[f.severity] += 1
        return counts

    def breaches(self, threshold: str) -> bool:
        """Whether any unwaived finding is at or above ``threshold`` (``never``: none counts)."""
        if threshold == "never":
            return False
        floor = SEVERITY_RANK[threshold]
        return any(f.status != "waived" and SEVERITY_RANK[f.severity] >= floor for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "regent": self.regent_version,
            "repository": dict(self.repository),
            "reference_time": self.reference_time,
            "policies": {"digest": self.policy_digest, "checks": len(self.checks), "opa": self.opa_version},
            "frameworks": list(self.frameworks),
            "summary": {
                "records": self.records,
                "findings": len(self.findings),
                "by_severity": self.by_severity(),
                "by_status": {s: self.count(s) for s in STATUSES},
            },
            "controls": [c.to_dict() for c in self.controls],
            "findings": [f.to_dict() for f in self.findings],
            "notes": list(self.notes),
            **({"gate": dict(self.gate)} if self.gate is not None else {}),
            **({"baseline": dict(self.baseline)} if self.baseline is not None else {}),
        }
