"""The business view: open findings rolled up the alignment chain to services, processes and objectives.

A finding counts once for each service it reaches, and so for each business
process that depends on that service and each objective that process
serves. Its weight there is the weight of its severity times the weight of
the criticality of what it reaches (``business`` in ``regent.yaml``); an
objective's exposure is the sum of its processes'. Only open (``fail``)
findings count; waived ones are listed under the services they reach. A
finding that reaches no service is unaligned. The *constraint* is the one
check whose open findings carry the largest share of the processes' total
exposure: the thing to fix first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from regent.engine.alignment import Alignment, active
from regent.engine.model import SEVERITIES, Finding, framework_rank
from regent.evidence import Snapshot

# How a criticality that is not stated weighs.
UNSTATED_CRITICALITY = "medium"
CRITICALITIES: tuple[str, ...] = ("low", "medium", "high", "critical")


def _counts() -> dict[str, int]:
    return {s: 0 for s in reversed(SEVERITIES)}


def exposure_number(value: float) -> int | float:
    """An exposure as JSON shows it: whole numbers without a fraction."""
    return int(value) if float(value).is_integer() else round(value, 2)


def finding_key(finding: Finding) -> str:
    """How the business view names a finding: ``<check>:<kind>:<id>``."""
    return f"{finding.check}:{finding.record.kind}:{finding.record.id}"


@dataclass(frozen=True)
class ServiceExposure:
    id: str
    criticality: str | None
    exposure: float
    processes: tuple[str, ...]
    open_findings: Mapping[str, int]
    findings: tuple[str, ...]  # open and waived, as finding_key names them

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "criticality": self.criticality, "exposure": exposure_number(self.exposure),
                "processes": list(self.processes), "open_findings": dict(self.open_findings),
                "findings": list(self.findings)}


@dataclass(frozen=True)
class ProcessExposure:
    id: str
    name: str
    criticality: str
    exposure: float
    services: tuple[str, ...]
    open_findings: Mapping[str, int]
    failed_controls: Mapping[str, tuple[str, ...]]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "criticality": self.criticality,
                "exposure": exposure_number(self.exposure), "services": list(self.services),
                "open_findings": dict(self.open_findings),
                "failed_controls": {fw: list(ids) for fw, ids in self.failed_controls.items()}}


@dataclass(frozen=True)
class ObjectiveExposure:
    id: str
    title: str
    exposure: float
    processes: tuple[str, ...]
    open_findings: Mapping[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "exposure": exposure_number(self.exposure),
                "processes": list(self.processes), "open_findings": dict(self.open_findings)}


@dataclass(frozen=True)
class Constraint:
    """The check to fix first: its open findings carry the largest share of the processes' exposure."""

    check: str
    controls: Mapping[str, tuple[str, ...]]
    exposure: float
    share: float
    processes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "controls": {fw: list(ids) for fw, ids in self.controls.items()},
                "exposure": exposure_number(self.exposure), "share": self.share, "processes": list(self.processes)}


@dataclass(frozen=True)
class BusinessView:
    objectives: tuple[ObjectiveExposure, ...]
    processes: tuple[ProcessExposure, ...]
    services: tuple[ServiceExposure, ...]
    unaligned: Mapping[str, int]  # open findings that reach no service, by severity
    constraint: Constraint | None

    def process(self, process_id: str) -> ProcessExposure | None:
        return next((p for p in self.processes if p.id == process_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "objectives": [o.to_dict() for o in self.objectives],
            "processes": [p.to_dict() for p in self.processes],
            "services": [s.to_dict() for s in self.services],
            "unaligned": {"open_findings": dict(self.unaligned)},
            "constraint": self.constraint.to_dict() if self.constraint else None,
        }


@dataclass(frozen=True)
class _Process:
    id: str
    name: str
    criticality: str
    services: tuple[str, ...]
    objectives: tuple[str, ...]


def _processes(snapshot: Snapshot) -> list[_Process]:
    """The active business processes, as their records state them."""
    found = []
    for record in snapshot.records.get("business_process", {}).values():
        data = record.data()
        if not active(data):
            continue
        found.append(_Process(
            id=record.id, name=str(data.get("name") or record.id),
            criticality=str(data.get("criticality") or UNSTATED_CRITICALITY),
            services=tuple(dict.fromkeys(s for s in data.get("services") or () if isinstance(s, str))),
            objectives=tuple(dict.fromkeys(o for o in data.get("objectives") or () if isinstance(o, str))),
        ))
    return found


def business_view(snapshot: Snapshot, findings: Sequence[Finding]) -> BusinessView | None:
    """The roll-up of ``findings`` over the snapshot's alignment chain; None without a business process."""
    if not snapshot.records.get("business_process"):
        return None
    weights = snapshot.config.business
    severity_weight = weights["severity_weights"]
    criticality_weight = weights["criticality_weights"]
    processes = _processes(snapshot)
    depending: dict[str, list[_Process]] = defaultdict(list)
    for process in processes:
        for service_id in process.services:
            depending[service_id].append(process)

    alignment = Alignment(snapshot)
    service_records = snapshot.records.get("service", {})
    service_criticality = {sid: _criticality(r.data()) for sid, r in service_records.items()}
    by_service: dict[str, list[Finding]] = defaultdict(list)
    listed: dict[str, set[str]] = defaultdict(set)
    unaligned = _counts()
    for finding in findings:
        if finding.status not in ("fail", "waived"):
            continue
        reached = alignment.reach(finding.record.kind, finding.record.id)
        for service_id in reached:
            listed[service_id].add(finding_key(finding))
            if finding.status == "fail":
                by_service[service_id].append(finding)
        if not reached and finding.status == "fail":
            unaligned[finding.severity] += 1

    services = []
    for service_id in sorted(set(depending) & set(service_records) | set(listed)):
        stated = service_criticality.get(service_id)
        weight = criticality_weight[stated or UNSTATED_CRITICALITY]
        opened = by_service.get(service_id, [])
        services.append(ServiceExposure(
            id=service_id, criticality=stated,
            exposure=sum(severity_weight[f.severity] for f in opened) * weight,
            processes=tuple(sorted(p.id for p in depending.get(service_id, ()))),
            open_findings=_severity_counts(opened), findings=tuple(sorted(listed.get(service_id, ()))),
        ))

    process_views = []
    by_check: dict[str, float] = defaultdict(float)
    touched: dict[str, set[str]] = defaultdict(set)
    for process in processes:
        weight = criticality_weight.get(process.criticality, criticality_weight[UNSTATED_CRITICALITY])
        opened = [f for s in process.services for f in by_service.get(s, ())]
        for finding in opened:
            by_check[finding.check] += severity_weight[finding.severity] * weight
            touched[finding.check].add(process.id)
        process_views.append(ProcessExposure(
            id=process.id, name=process.name, criticality=process.criticality,
            exposure=sum(severity_weight[f.severity] for f in opened) * weight,
            services=process.services, open_findings=_severity_counts(opened),
            failed_controls=_controls(opened),
        ))
    process_views.sort(key=lambda p: (-p.exposure, -_criticality_rank(p.criticality), p.id))

    return BusinessView(
        objectives=tuple(_objectives(snapshot, processes, process_views)),
        processes=tuple(process_views),
        services=tuple(sorted(services, key=lambda s: (-s.exposure, s.id))),
        unaligned=unaligned,
        constraint=_constraint(by_check, touched, findings, sum(p.exposure for p in process_views)),
    )


@dataclass(frozen=True)
class ExposureRise:
    """A critical business process more exposed after a change request than before it."""

    id: str
    name: str
    before: float
    after: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "before": exposure_number(self.before),
                "after": exposure_number(self.after)}

    def sentence(self) -> str:
        return (f"raises the exposure of critical process {self.id} ({self.name}) from "
                f"{exposure_number(self.before)} to {exposure_number(self.after)}")


def critical_rises(before: BusinessView | None, after: BusinessView | None) -> tuple[ExposureRise, ...]:
    """The critical processes whose exposure ``after`` is above ``before`` (a process new in ``after``
    starts from 0), most raised first."""
    if after is None:
        return ()
    rises = []
    for process in after.processes:
        if process.criticality != "critical":
            continue
        earlier = before.process(process.id) if before is not None else None
        was = earlier.exposure if earlier is not None else 0.0
        if process.exposure > was:
            rises.append(ExposureRise(process.id, process.name, was, process.exposure))
    return tuple(sorted(rises, key=lambda r: (-(r.after - r.before), r.id)))


def _criticality(data: Mapping[str, Any]) -> str | None:
    value = data.get("criticality")
    return value if value in CRITICALITIES else None


def _criticality_rank(criticality: str) -> int:
    return CRITICALITIES.index(criticality) if criticality in CRITICALITIES else -1


def _severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = _counts()
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def _control_order(control: str) -> tuple[Any, ...]:
    """AI6.10 after AI6.2, 8.5.1.3 after 8.2.6."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]", control))


def _controls(findings: Iterable[Finding]) -> dict[str, tuple[str, ...]]:
    """The controls the findings fail, by framework, in the frameworks' and the controls' order."""
    by_framework: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        for framework, ids in finding.controls.items():
            by_framework[framework].update(ids)
    return {fw: tuple(sorted(by_framework[fw], key=_control_order))
            for fw in sorted(by_framework, key=framework_rank)}


def _objectives(
    snapshot: Snapshot, processes: Sequence[_Process], views: Sequence[ProcessExposure]
) -> Iterable[ObjectiveExposure]:
    """Each active objective: the sum of the exposure and open findings of the processes that serve it."""
    view = {v.id: v for v in views}
    found = []
    for record in snapshot.records.get("objective", {}).values():
        data = record.data()
        if not active(data):
            continue
        serving = sorted(p.id for p in processes if record.id in p.objectives)
        counts = _counts()
        for process_id in serving:
            for severity, n in view[process_id].open_findings.items():
                counts[severity] += n
        found.append(ObjectiveExposure(
            id=record.id, title=str(data.get("title") or record.id),
            exposure=sum(view[p].exposure for p in serving), processes=tuple(serving), open_findings=counts,
        ))
    return sorted(found, key=lambda o: (-o.exposure, o.id))


def _constraint(
    by_check: Mapping[str, float], touched: Mapping[str, set[str]], findings: Sequence[Finding], total: float
) -> Constraint | None:
    """The check with the largest exposure over the processes (the lowest id on a tie); None when
    no open finding reaches a process."""
    if total <= 0 or not by_check:
        return None
    check = min(by_check, key=lambda c: (-by_check[c], c))
    if by_check[check] <= 0:
        return None
    controls = next((f.controls for f in findings if f.check == check), {})
    return Constraint(check=check, controls=dict(controls), exposure=by_check[check],
                      share=round(by_check[check] / total, 2), processes=tuple(sorted(touched[check])))

