"""The monthly evidence report: what a month's evidence showed, as of the month's end.

Built from as-of scans (one per month end) and the snapshot of the report
month: the status of every control per framework, the evidence collected in
the month (with the controls each supports: those of the checks that judge
evidence of its type), the findings new and resolved since the previous month
end, the waivers that expired or soon will, a trend over several month ends,
and what anyone needs to produce the same report again. The report is a plain
value; renderers turn it into JSON, Markdown, CSV, HTML or OSCAL.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, Mapping, Sequence

import orjson

from regent.engine.catalog import Catalog, load_catalogs
from regent.engine.model import SEVERITIES, ControlState, Finding, ScanResult
from regent.engine.report_sections import (
    ArtifactCheck, ControlRow, EvidenceGap, EvidenceItem, FindingRef, MonthPoint, Reproduction, WaiverNote,
)
from regent.evidence.model import Snapshot

WAIVER_HORIZON_DAYS = 30


def month_end(month: str) -> date:
    """The last day of a ``YYYY-MM`` month; ValueError when it is not one."""
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, monthrange(year, number)[1])


def month_ends(month: str, count: int) -> list[date]:
    """The last days of ``count`` months ending with ``month``, oldest first; fewer when the calendar
    starts sooner (no month before January of year 1)."""
    ends = [month_end(month)]
    while len(ends) < count and ends[-1] > date(1, 1, 31):
        ends.append(ends[-1].replace(day=1) - timedelta(days=1))
    return ends[::-1]


def finding_key(f: Finding) -> tuple[str, str, str, str]:
    """What makes a finding the same one a month later: its check, its record and what it says."""
    return f.check, f.record.kind or "", f.record.id or f.record.path, f.message


@dataclass(frozen=True)
class Report:
    month: str
    period: tuple[str, str]
    result: ScanResult  # the as-of scan of the month's end
    controls: Mapping[str, tuple[ControlRow, ...]]  # framework -> its controls
    evidence: tuple[EvidenceItem, ...]
    evidence_by_type: Mapping[str, int]
    evidence_gaps: tuple[EvidenceGap, ...]
    new_findings: list[Finding]
    resolved_findings: list[Finding]
    previous_month_scanned: bool
    waivers: tuple[WaiverNote, ...]
    trend: tuple[MonthPoint, ...]
    reproduce: Reproduction
    # framework -> control id -> manifests of the month that support it, in the report's framework and control order
    evidence_by_control: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


def build_report(month: str, snapshot: Snapshot, result: ScanResult, previous: ScanResult | None,
                 trend: Sequence[tuple[str, ScanResult | None]], command: str) -> Report:
    """The report of ``month`` from its month-end snapshot and scan, the previous month end's scan
    (None before the repository's first commit) and the trend's scans, oldest first."""
    end = month_end(month)
    start = end.replace(day=1)
    before = {finding_key(f) for f in previous.findings if f.status != "waived"} if previous else set()
    now = {finding_key(f) for f in result.findings if f.status != "waived"}
    controls = control_rows(result, load_catalogs())
    supports = _controls_by_evidence_type(result, controls)
    evidence = tuple(replace(item, controls=supports.get(item.type, {})) for item in _evidence_in(snapshot, start, end))
    by_type: dict[str, int] = {}
    for item in evidence:
        by_type[item.type] = by_type.get(item.type, 0) + 1
    return Report(
        month=month,
        period=(start.isoformat(), end.isoformat()),
        result=result,
        controls=controls,
        evidence=evidence,
        evidence_by_type=dict(sorted(by_type.items())),
        evidence_by_control=_evidence_by_control(by_type, supports, controls),
        evidence_gaps=_evidence_gaps(result),
        new_findings=[f for f in result.findings if f.status != "waived" and finding_key(f) not in before],
        resolved_findings=[f for f in previous.findings if f.status != "waived" and finding_key(f) not in now]
        if previous else [],
        previous_month_scanned=previous is not None,
        waivers=_waivers(snapshot, end),
        trend=tuple(_point(label, scanned) for label, scanned in trend),
        reproduce=Reproduction(
            evidence_revision=result.repository.get("revision"),
            as_of=result.repository.get("as_of"),
            reference_time=result.reference_time,
            policy_digest=result.policy_digest,
            opa_version=result.opa_version,
            regent_version=result.regent_version,
            command=command,
        ),
    )


def control_rows(result: ScanResult, catalogs: Mapping[str, Catalog]) -> dict[str, tuple[ControlRow, ...]]:
    """Each framework's controls with their status: held, failed, not tested, or partly waived
    (held only because a waiver covers a finding)."""
    waived: dict[tuple[str, str], list[Finding]] = {}
    failing: dict[tuple[str, str], list[Finding]] = {}
    for f in result.findings:
        target = waived if f.status == "waived" else failing
        for framework, ids in f.controls.items():
            for control_id in ids:
                target.setdefault((framework, control_id), []).append(f)
    out: dict[str, list[ControlRow]] = {}
    for c in result.controls:
        key = (c.framework, c.id)
        status = ControlState.PARTLY_WAIVED if c.status is ControlState.HELD and key in waived else c.status
        catalog = catalogs.get(c.framework)
        control = catalog.controls.get(c.id) if catalog else None
        title = control.title if control else ""
        out.setdefault(c.framework, []).append(ControlRow(
            id=c.id, title=title, status=status, checks=c.checks,
            findings=tuple(FindingRef.of(f) for f in failing.get(key, []) + waived.get(key, [])),
        ))
    return {framework: tuple(rows) for framework, rows in out.items()}


def _controls_by_evidence_type(result: ScanResult, controls: Mapping[str, Sequence[ControlRow]]
                               ) -> dict[str, dict[str, tuple[str, ...]]]:
    """Evidence type -> framework -> the ids of the controls its manifests support: the controls of the
    checks that judge evidence of that type (``evidence`` in their METADATA), for the report's frameworks,
    in each framework's order."""
    wanted: dict[str, set[tuple[str, str]]] = {}
    for info in result.checks.values():
        for evidence_type in info.evidence_types:
            wanted.setdefault(evidence_type, set()).update(
                (framework, control_id) for framework, ids in info.controls.items() for control_id in ids)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for evidence_type, pairs in sorted(wanted.items()):
        by_framework = {fw: tuple(c.id for c in items if (fw, c.id) in pairs) for fw, items in controls.items()}
        out[evidence_type] = {fw: ids for fw, ids in by_framework.items() if ids}
    return out


def _evidence_by_control(by_type: Mapping[str, int], supports: Mapping[str, Mapping[str, Sequence[str]]],
                         controls: Mapping[str, Sequence[ControlRow]]) -> dict[str, dict[str, int]]:
    """Framework -> control id -> how many manifests of the month support it, for the controls some do."""
    counts: dict[tuple[str, str], int] = {}
    for evidence_type, n in by_type.items():
        for framework, ids in supports.get(evidence_type, {}).items():
            for control_id in ids:
                counts[(framework, control_id)] = counts.get((framework, control_id), 0) + n
    out: dict[str, dict[str, int]] = {}
    for framework, items in controls.items():
        supported = {c.id: counts[(framework, c.id)] for c in items if (framework, c.id) in counts}
        if supported:
            out[framework] = supported
    return out


def _evidence_in(snapshot: Snapshot, start: date, end: date) -> list[EvidenceItem]:
    """The evidence manifests collected in the period, with whether each artifact's bytes match."""
    items = []
    for record in snapshot.records.get("evidence", {}).values():
        data = record.data()
        collected = _day(data.get("collected_at"))
        if collected is None or not start <= collected <= end:
            continue
        git = orjson.loads(snapshot.git.files[record.path]) if snapshot.git and record.path in snapshot.git.files \
            else {}
        facts = {a.get("path"): a for a in (git.get("artifacts") or []) if isinstance(a, dict)}
        artifacts = []
        for artifact in data.get("artifacts") or []:
            if not isinstance(artifact, dict):
                continue
            fact = facts.get(artifact["path"]) or {}
            artifacts.append(ArtifactCheck(path=artifact["path"], sha256=artifact["sha256"],
                                           verified=bool(fact.get("present")) and fact.get("sha256") == artifact["sha256"]))
        items.append(EvidenceItem(
            id=record.id, type=str(data.get("type")), collected_at=data["collected_at"],
            collected_by=data["collected_by"], subject=tuple(data.get("subject") or ()),
            result=data.get("result"), period=data.get("period"), path=record.path, artifacts=tuple(artifacts),
            verified=all(a.verified for a in artifacts) if artifacts else None))
    return sorted(items, key=lambda e: (e.collected_at, e.id))


def _evidence_gaps(result: ScanResult) -> tuple[EvidenceGap, ...]:
    """Open findings of the checks that ask for evidence (those reading evidence manifests): the
    periodic evidence that is missing, stale or failed at the month's end, with its controls."""
    gaps = []
    for f in result.findings:
        check = result.checks.get(f.check)
        if f.status == "waived" or check is None or "evidence" not in check.kinds:
            continue
        gaps.append(EvidenceGap.of(f))
    return tuple(gaps)


def _waivers(snapshot: Snapshot, end: date) -> tuple[WaiverNote, ...]:
    """Waivers expired by the month's end, or expiring within 30 days of it."""
    horizon = end + timedelta(days=WAIVER_HORIZON_DAYS)
    out = []
    for record in snapshot.records.get("waiver", {}).values():
        data = record.data()
        expires = _day(data.get("expires"))
        if expires is None or expires > horizon:
            continue
        out.append(WaiverNote(id=record.id, check=data["check"], records=tuple(data.get("records") or ()),
                              expires=expires.isoformat(), state="expired" if expires <= end else "expiring",
                              approved_by=data["approved_by"], path=record.path))
    return tuple(sorted(out, key=lambda w: (w.expires, w.id)))


def _point(label: str, result: ScanResult | None) -> MonthPoint:
    if result is None:
        return MonthPoint(label, False)
    held: dict[str, int] = {}
    total: dict[str, int] = {}
    for c in result.controls:
        total[c.framework] = total.get(c.framework, 0) + 1
        held[c.framework] = held.get(c.framework, 0) + (c.status is ControlState.HELD)
    counts = result.by_severity()
    return MonthPoint(label, True, {s: counts.get(s, 0) for s in reversed(SEVERITIES)}, held, total)


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None

