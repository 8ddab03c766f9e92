"""A pre-merge gate: judge what a change request changes.

The head is evaluated with the request in the input (``input.gate``: the files
it changed and the merge-base version of each record it edited or deleted), so
the transition checks can compare versions. Reported are the findings on the
records and files the request added or changed, and the findings it causes
elsewhere: those at the head that the merge base, judged at the same moment,
did not have.

Two scopes:

- ``neighbourhood`` (the default): the records the request changed and every
  record within two references of them, either way (found by
  :mod:`evidence.references` without parsing the rest), plus the waivers. Both
  the head and the merge base are evaluated over that set; history facts are
  read for the changed records only. It answers in seconds on a large
  repository.
- ``full``: every record, at the head and at the merge base, with all history.
  Exact, and as slow as two scans. Chosen by itself when the request changes
  what every check reads (``regent.yaml``, ``people.yaml``, the policies) or
  a record whose id the neighbourhood cannot follow.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping, Sequence

from regent.engine.business import critical_rises
from regent.engine.interface import PolicyEvaluator
from regent.engine.model import ChangedFile, Finding, GateSummary, RecordRef, ScanResult
from regent.engine.policyset import PolicySet
from regent.engine.results import ResultCache
from regent.engine.scan import control_status, scan
from regent.engine.stats import GateStats, ScanStats
from regent.evidence import Snapshot, load_snapshot
from regent.evidence.config import CONFIG_FILE, PEOPLE_FILE, RepoConfig
from regent.evidence.references import neighbourhood, reference_index
from regent.evidence.model import Record
from regent.evidence.paths import record_paths
from regent.evidence.request import FileChange, Request

def gate(
    request: Request,
    policies: PolicySet,
    evaluator: PolicyEvaluator,
    *,
    scope: str = "neighbourhood",
    frameworks: Sequence[str] | None = None,
    results: ResultCache | None = None,
    cache_dir: Path | None = None,
    now: datetime | None = None,
) -> ScanResult:
    started = time.perf_counter()
    path = Path(request.repository)
    head_rev = request.head
    notes: list[str] = []
    config_changes = sorted(p for p in request.files if _governs_every_check(p, policies, path))
    if scope == "neighbourhood" and config_changes:
        scope = "full"
        notes.append(f"the request changes {', '.join(config_changes)}, which every check reads: "
                     "every record was evaluated")

    chosen: set[str] | None = None
    history_of: set[str] | None = None
    changed_at_head = {p for p, c in request.files.items() if c.status != "deleted"}
    if scope == "neighbourhood":
        index, config = reference_index(path, head_rev, cache_dir)
        seeds = {p for p in changed_at_head if p in index.files}
        # A changed file that is not a record (an artifact) brings in the records that name it.
        seeds |= index.naming(p for p in request.files if p not in index.files)
        gone = _deleted_ids(path, request, config, cache_dir)
        chosen, unfollowable = neighbourhood(index, seeds, gone)
        if unfollowable:
            scope, chosen = "full", None
            notes.append(f"{', '.join(unfollowable[:5])}: ids with no hyphen that are not ITSM numbers (CHG0030001) "
                         "cannot be followed to the records that mention them, so every record was evaluated")
        else:
            chosen |= index.of_kind("waiver")
            # The business chain, so that both sides roll their findings up to the same processes.
            if index.of_kind("business_process"):
                chosen |= index.of_kind("business_process") | index.of_kind("objective") | index.of_kind("service")
            history_of = seeds
    located = time.perf_counter()

    head = load_snapshot(path, rev=head_rev, now=now, cache_dir=cache_dir, select=chosen, history_of=history_of)
    base_paths = None if chosen is None else chosen | {c.source for c in request.files.values() if c.source} | {
        p for p, c in request.files.items() if c.status == "deleted"}
    base = load_snapshot(path, rev=request.merge_base, cache_dir=cache_dir, now=head.reference_time,
                         select=base_paths, history=scope == "full")
    before = _before(request, base)
    document = request.input_document(head.people, before)

    at_head = scan(head, policies, evaluator, frameworks, results, extra={"gate": document})
    at_base = scan(base, policies, evaluator, frameworks, results)

    deleted = {(kind, rid): str(r["_path"]) for kind, by_id in before.items() for rid, r in by_id.items()
               if head.record(kind, rid) is None}
    known = {_key(f) for f in at_base.findings}
    reported: list[Finding] = []
    elsewhere = 0
    for finding in at_head.findings:
        gone_from = deleted.get((str(finding.record.kind), str(finding.record.id)))
        if gone_from is not None and not finding.record.path:
            reported.append(replace(finding, record=RecordRef(finding.record.kind, finding.record.id, gone_from, 1)))
        elif finding.record.path in changed_at_head:
            reported.append(finding)
        elif _key(finding) not in known:
            reported.append(finding)
            elsewhere += 1

    head_paths, base_paths_map = {r.path: r for r in head}, {r.path: r for r in base}
    changed = tuple(_describe(change, base_paths_map if change.status == "deleted" else head_paths)
                    for _, change in sorted(request.files.items()))
    assert isinstance(at_head.stats, ScanStats) and isinstance(at_base.stats, ScanStats)
    stats = GateStats(head=at_head.stats, base=at_base.stats, locate_seconds=located - started,
                      gate_seconds=time.perf_counter() - started, evaluated_records=head.record_count)
    return replace(
        at_head,
        findings=tuple(reported),
        controls=tuple(control_status(at_head.checks, reported, head, at_head.frameworks)),
        notes=(*at_head.notes, *notes),
        stats=stats,
        gate=GateSummary(base=request.base, merge_base=request.merge_base, head=request.head, scope=scope,
                         changed=changed, evaluated=head.record_count, elsewhere=elsewhere,
                         raises=critical_rises(at_base.business, at_head.business)),
    )


def _governs_every_check(path: str, policies: PolicySet, root: Path) -> bool:
    """The configuration, the people, or a policy file of the repository's own folders."""
    if path in (CONFIG_FILE, PEOPLE_FILE):
        return True
    full = (root / path).resolve()
    return any(full == f.path.resolve() for f in policies.files)


def _deleted_ids(path: Path, request: Request, config: RepoConfig, cache_dir: Path | None) -> list[str]:
    """The ids of the record files the request deletes, read from the merge base."""
    wanted = set(record_paths((p for p, c in request.files.items() if c.status == "deleted"), config))
    if not wanted:
        return []
    old = load_snapshot(path, rev=request.merge_base, cache_dir=cache_dir, select=wanted, history=False)
    return sorted({r.id for r in old})


def _before(request: Request, base: Snapshot) -> dict[str, dict[str, Any]]:
    """The merge-base version of every record whose file the request edits, renames or deletes."""
    at_base = {r.path: r for r in base}
    before: dict[str, dict[str, Any]] = {}
    for change in request.files.values():
        if change.status == "added":
            continue
        record = at_base.get(change.source or change.path)
        if record is not None:
            before.setdefault(record.kind, {})[record.id] = {**record.data(), "_path": record.path}
    return before


def _describe(change: FileChange, records: Mapping[str, Record]) -> ChangedFile:
    """A changed file for the report: its path and status, and the record it holds if any."""
    record = records.get(change.path)
    return ChangedFile(path=change.path, status=change.status, source=change.source,
                       kind=record.kind if record else None, id=record.id if record else None)


def _key(finding: Finding) -> tuple[Any, ...]:
    """What makes two findings the same one, at the head and at the merge base."""
    where = finding.record.path if finding.record.id is None else ""
    return (finding.check, finding.record.kind, finding.record.id, where, finding.message)
