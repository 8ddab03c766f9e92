"""What a scan produces: checks, findings, control status and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Mapping

from regent.engine.stats import GateStats, ScanStats
from regent.evidence.config import FRAMEWORKS

if TYPE_CHECKING:
    from regent.engine.business import BusinessView, ExposureRise

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
    rejects_waivers: bool = False  # a failing finding of it on a waiver means the waiver accepts nothing

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
            rejects_waivers=meta.get("rejects_waivers") is True,
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


class ControlState(str, Enum):
    """A control's status: its value is what the scan's JSON writes, its label what a report shows.

    A scan finds a control held, failed or not tested; a report also calls a
    held control partly waived when it holds only because a waiver covers a
    finding. The members are in the order a report counts them.
    """

    HELD = "pass", "held"
    PARTLY_WAIVED = "partly_waived", "partly waived"
    FAILED = "fail", "failed"
    NOT_TESTED = "not_tested", "not tested"

    label: str

    def __new__(cls, value: str, label: str) -> ControlState:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


@dataclass(frozen=True)
class ControlStatus:
    framework: str
    id: str
    status: ControlState
    checks: tuple[str, ...]
    findings: int

    def to_dict(self) -> dict[str, Any]:
        return {"framework": self.framework, "id": self.id, "status": self.status.value,
                "checks": list(self.checks), "findings": self.findings}


@dataclass(frozen=True)
class ChangedFile:
    """A file a change request added, changed or deleted, and the record it holds if any."""

    path: str
    status: str  # added | modified | deleted | renamed
    source: str | None  # a renamed file's path at the merge base
    kind: str | None
    id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "from": self.source, "kind": self.kind, "id": self.id}


@dataclass(frozen=True)
class GateSummary:
    """The request a gate judged and how it judged it."""

    base: str
    merge_base: str
    head: str | None  # None: the work tree
    scope: str  # neighbourhood | full
    changed: tuple[ChangedFile, ...]
    evaluated: int  # records evaluated at the head
    # Findings on records the request left alone: present at the head and not at the merge base.
    elsewhere: int
    # The critical business processes the request leaves more exposed than the merge base had them.
    raises: tuple[ExposureRise, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"base": self.base, "merge_base": self.merge_base, "head": self.head, "scope": self.scope,
                "changed": [c.to_dict() for c in self.changed], "evaluated": self.evaluated,
                "elsewhere": self.elsewhere, "raises_critical_exposure": [r.to_dict() for r in self.raises]}


@dataclass(frozen=True)
class StaleEntry:
    """Findings a baseline holds that the scan no longer finds: ``count`` of them, of one check on one record."""

    check: str
    kind: str | None
    id: str | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "kind": self.kind, "id": self.id, "count": self.count}


@dataclass(frozen=True)
class BaselineSummary:
    """What a baseline did to a result: the findings it held and left out, and its stale entries."""

    file: str
    known: int
    stale: tuple[StaleEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "known": self.known, "stale": [e.to_dict() for e in self.stale]}


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
    stats: ScanStats | GateStats = ScanStats()
    gate: GateSummary | None = None  # a gate's request
    baseline: BaselineSummary | None = None  # with --baseline
    business: BusinessView | None = None  # the roll-up; None without a business process record

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
            "business": self.business.to_dict() if self.business is not None else None,
            "notes": list(self.notes),
            **({"gate": self.gate.to_dict()} if self.gate is not None else {}),
            **({"baseline": self.baseline.to_dict()} if self.baseline is not None else {}),
        }
