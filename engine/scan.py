"""A scan: a snapshot and a policy set in, a :class:`ScanResult` out."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo
from typing import Any, Iterable, Mapping, Sequence

import orjson

from regent.engine import __version__, input_checks
from regent.engine.business import business_view
from regent.engine.errors import PolicyError
from regent.engine.interface import EvalTimings, PolicyEvaluator
from regent.engine.model import SEVERITY_RANK, CheckInfo, ControlState, ControlStatus, Finding, RecordRef, ScanResult
from regent.engine.policyset import PolicySet
from regent.engine.results import ResultCache
from regent.engine.stats import ScanStats
from regent.evidence import Snapshot
from regent.evidence.config import FRAMEWORKS, PEOPLE_FILE
from regent.evidence.model import FieldLines, LoadError, line_of


def build_input(snapshot: Snapshot, kinds: Iterable[str] | None = None,
                extra: Mapping[str, Any] | None = None) -> bytes:
    """The input document for ``data.regent``, serialised once, records spliced in as bytes.

    With ``kinds``, only records of those kinds go in: OPA's cost grows with
    the size of the input (parsing 200 MB of it takes seconds and gigabytes),
    and a check declares in its METADATA the kinds it reads.
    """
    wanted = set(snapshot.records) if kinds is None else set(kinds) & set(snapshot.records)
    ref = snapshot.reference_time
    head = {
        "reference_time": ref.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "reference_ns": int(ref.timestamp()) * 1_000_000_000,
        "config": snapshot.config.policy_input(),
        "people": snapshot.people,
        "git": snapshot.git.head() if snapshot.git else {"revision": None, "shallow": False, "commits": {}},
        **(extra or {}),
    }
    git_files = snapshot.git.files if snapshot.git else {}
    parts: list[bytes | memoryview] = [orjson.dumps(head)[:-1], b',"records":{']
    for kind_index, kind in enumerate(sorted(wanted)):
        parts.append((b"," if kind_index else b"") + orjson.dumps(kind) + b":{")
        for index, (record_id, record) in enumerate(snapshot.records[kind].items()):
            parts.append((b"," if index else b"") + orjson.dumps(record_id) + b":")
            parts.append(memoryview(record.raw)[:-1])
            parts.append(b',"_path":' + orjson.dumps(record.path))
            facts = git_files.get(record.path)
            parts.append(b',"_git":' + facts + b"}" if facts is not None else b"}")
        parts.append(b"}")
    parts.append(b"}}")
    return b"".join(parts)


def kinds_read(checks: Iterable[CheckInfo]) -> set[str] | None:
    """The record kinds the policies read; None (all of them) if a check does not say."""
    kinds: set[str] = set()
    for info in checks:
        if info.origin == "engine":
            continue
        if not info.kinds:
            return None
        kinds.update(info.kinds)
    return kinds


def read_checks(document: Mapping[str, Any]) -> dict[str, CheckInfo]:
    """The checks OPA reports in ``data.regent.checks``, plus the engine's own."""
    checks = {c.id: c for c in input_checks.ALL}
    for check_id, meta in sorted((document.get("checks") or {}).items()):
        try:
            info = CheckInfo.from_metadata(meta, str(meta.get("origin", "builtin")))
        except (KeyError, TypeError) as exc:
            raise PolicyError(f"check {check_id} has incomplete METADATA: {exc}") from None
        if info.severity not in SEVERITY_RANK:
            raise PolicyError(f"check {check_id} has severity {info.severity!r}; use one of {', '.join(SEVERITY_RANK)}")
        checks[check_id] = info
    return checks


def list_checks(evaluator: PolicyEvaluator) -> dict[str, CheckInfo]:
    """Every check of the loaded policy set, from an evaluation with no records."""
    empty = orjson.dumps({"reference_time": "1970-01-01T00:00:00Z", "reference_ns": 0,
                          "config": {}, "people": {}, "records": {}})
    return read_checks(evaluator.evaluate(empty))


def scan(
    snapshot: Snapshot,
    policies: PolicySet,
    evaluator: PolicyEvaluator,
    frameworks: Sequence[str] | None = None,
    results: ResultCache | None = None,
    extra: Mapping[str, Any] | None = None,
) -> ScanResult:
    """Evaluate every check over the snapshot in one query and assemble the result.

    With ``results``, an answer OPA gave before for exactly this input, policy
    set and OPA release is reused instead of evaluated again. ``extra`` adds
    top-level keys to the input (a gate's ``gate``).
    """
    selected = tuple(fw for fw in FRAMEWORKS if fw in (frameworks or snapshot.config.frameworks))
    started = time.perf_counter()
    checks = list_checks(evaluator)
    # The ids of the checks this scan runs: a waiver naming none of them accepts nothing.
    body = build_input(snapshot, kinds_read(checks.values()), {"checks": sorted(checks), **(extra or {})})
    opa = evaluator.opa_version()
    serialised = time.perf_counter()
    key = ResultCache.key(body, policies.digest, opa) if results else ""
    document = results.get(key) if results else None
    reused = document is not None
    if document is None:
        document = evaluator.evaluate(body)
        if results:
            results.put(key, document)
    evaluated = time.perf_counter()

    violations = document.get("violations") or []
    located = snapshot.field_lines(
        r for v in violations if (r := snapshot.record(str(v.get("kind")), str(v.get("id")))) is not None
    )
    findings = [_policy_finding(snapshot, checks, v, located) for v in violations]
    findings.extend(_input_finding(error) for error in snapshot.errors)
    findings = _apply_waivers(findings, snapshot, checks)
    findings = sorted(
        (narrowed for f in findings if (narrowed := _only_frameworks(f, selected)) is not None), key=Finding.sort_key
    )

    rolled = time.perf_counter()
    business = business_view(snapshot, findings)
    stats = ScanStats(
        load=snapshot.stats,
        input_mb=len(body) / 1e6,
        serialise_seconds=serialised - started,
        evaluate_seconds=evaluated - serialised,
        reused_answer=reused,
        opa=EvalTimings() if reused else evaluator.timings(),
        business_seconds=time.perf_counter() - rolled,
    )
    return ScanResult(
        regent_version=__version__,
        repository={
            "path": snapshot.repository,
            "revision": snapshot.revision,
            "worktree": snapshot.worktree,
            "as_of": snapshot.as_of,
        },
        reference_time=snapshot.reference_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
        policy_digest=policies.digest,
        opa_version=opa,
        checks=checks,
        records=snapshot.record_count,
        findings=tuple(findings),
        controls=tuple(control_status(checks, findings, snapshot, selected)),
        frameworks=selected,
        notes=snapshot.notes,
        stats=stats,
        business=business,
    )


def _policy_finding(
    snapshot: Snapshot,
    checks: Mapping[str, CheckInfo],
    violation: Mapping[str, Any],
    located: Mapping[str, FieldLines],
) -> Finding:
    check_id = str(violation.get("check"))
    info = checks.get(check_id)
    if info is None:
        raise PolicyError(f"a policy reported a violation of {check_id!r}, which no check's METADATA declares")
    kind, record_id = violation.get("kind"), violation.get("id")
    record = snapshot.record(str(kind), str(record_id)) if kind is not None and record_id is not None else None
    fieldpath = violation.get("field") or []
    if record is None and kind == "person" and record_id in snapshot.people:
        ref = _person_ref(snapshot, str(record_id), fieldpath)
    elif record is None:
        ref = RecordRef(kind, record_id, "", 0)
    else:
        ref = RecordRef(kind, record_id, record.path, line_of(located.get(record.path, {}), fieldpath))
    return Finding(
        check=info.id,
        title=info.title,
        severity=info.severity,
        status="fail",
        message=str(violation.get("message") or info.title),
        record=ref,
        controls=info.controls,
        remediation=info.remediation,
    )


def _person_ref(snapshot: Snapshot, person_id: str, fieldpath: Sequence[str | int]) -> RecordRef:
    """Where a finding about a person points: their entry in people.yaml, at the field if it is written."""
    lines = snapshot.people_lines.get(person_id, {})
    return RecordRef("person", person_id, PEOPLE_FILE, line_of(lines, fieldpath, default=lines.get("", 1)))


def _input_finding(error: LoadError) -> Finding:
    info = input_checks.BY_CODE[error.code]
    return Finding(
        check=info.id,
        title=info.title,
        severity=info.severity,
        status="error",
        message=error.reason,
        record=RecordRef(error.kind, error.id, error.path, error.line),
        controls=info.controls,
        remediation=info.remediation,
    )


def _apply_waivers(findings: Iterable[Finding], snapshot: Snapshot, checks: Mapping[str, CheckInfo]) -> list[Finding]:
    """Mark findings that a waiver in force covers.

    A waiver that a check marked ``rejects_waivers`` in its METADATA fails (records.md, waiver:
    expired, naming no existing check, approved without the authority to accept risk or by the
    person whose own finding it waives, longer than max_waiver_days) waives nothing, and neither
    does one past its ``expires`` date, the whole of which is in force in the organisation's time
    zone: such a finding stays open beside the finding on its waiver."""
    findings = list(findings)
    rejected = {f.record.id for f in findings
                if f.status == "fail" and f.record.kind == "waiver"
                and (info := checks.get(f.check)) is not None and info.rejects_waivers}
    today = local_day(snapshot.reference_time, snapshot.config.timezone)
    in_force: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for waiver in snapshot.records.get("waiver", {}).values():
        if waiver.id in rejected:
            continue
        data = waiver.data()
        try:
            expires = date.fromisoformat(str(data["expires"]))
        except ValueError:
            continue
        if expires >= today:
            in_force[str(data["check"])].append((waiver.id, frozenset(map(str, data.get("records") or ()))))
    result = []
    for finding in findings:
        match = next(
            (wid for wid, ids in in_force.get(finding.check, ()) if "*" in ids or finding.record.id in ids), None
        )
        if match and finding.status == "fail":
            finding = replace(finding, status="waived", waiver=match)
        result.append(finding)
    return result


def local_day(instant: datetime, zone: str) -> date:
    """The date an instant falls on in an IANA time zone: the organisation's "today" at it."""
    return instant.astimezone(ZoneInfo(zone)).date()


def _only_frameworks(finding: Finding, frameworks: Sequence[str]) -> Finding | None:
    """The finding with only these frameworks' controls; None if it maps only to others.

    A finding that maps to no framework at all (an organisation's check with
    no control map) is kept: leaving it out would hide it.
    """
    kept = {fw: ids for fw, ids in finding.controls.items() if fw in frameworks}
    if finding.controls and not kept:
        return None
    return replace(finding, controls=kept)


def control_status(
    checks: Mapping[str, CheckInfo], findings: Sequence[Finding], snapshot: Snapshot, frameworks: Sequence[str]
) -> Iterable[ControlStatus]:
    """Each control any check maps to: fail on an unwaived finding, pass if a check had records to judge."""
    by_control: dict[tuple[str, str], list[str]] = defaultdict(list)
    for info in checks.values():
        for fw, ids in info.controls.items():
            if fw in frameworks:
                for control in ids:
                    by_control[(fw, control)].append(info.id)
    open_findings: dict[str, int] = defaultdict(int)
    for f in findings:
        if f.status != "waived":
            open_findings[f.check] += 1
    present = {kind for kind, by_id in snapshot.records.items() if by_id}
    if snapshot.people:
        present.add("person")  # people.yaml entries: what checks of kind person judge
    for (fw, control), check_ids in sorted(by_control.items(), key=lambda item: (
        frameworks.index(item[0][0]), _control_order(item[0][1])
    )):
        count = sum(open_findings[c] for c in check_ids)
        tested = any(checks[c].origin == "engine" or set(checks[c].kinds) & present for c in check_ids)
        status = ControlState.FAILED if count else (ControlState.HELD if tested else ControlState.NOT_TESTED)
        yield ControlStatus(fw, control, status, tuple(sorted(check_ids)), count)


def _control_order(control: str) -> tuple[Any, ...]:
    """Sort AI6.10 after AI6.2 and 8.5.1.3 after 8.2.6."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]", control))
