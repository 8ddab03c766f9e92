"""``regent scan``: the findings of the evidence repository at a revision."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from regent.commands.console import err, progress, status
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK, exits
from regent.commands.options import RunOptions
from regent.commands.outputs import apply_baselines, deliver
from regent.engine.model import ScanResult
from regent.engine.render.stats import timings
from regent.engine.results import ResultCache
from regent.engine.scan import scan
from regent.engine.session import open_evaluator, policy_set
from regent.evidence import load_snapshot


@dataclass(frozen=True)
class Scanned:
    """A scan's result, the threshold regent.yaml sets, and how long OPA took to start."""

    result: ScanResult
    fail_on: str | None
    policy_load_seconds: float


def scan_repository(path: Path, options: RunOptions, *, rev: str | None = None, as_of: date | None = None,
                    now: datetime | None = None) -> Scanned:
    """The scan of the repository at ``path``: the work tree, the commit ``rev`` (judged at ``now``) or the
    end of the day ``as_of``."""
    o = options
    bar, tick = progress(o.show_progress)
    with bar:
        snapshot = load_snapshot(path, rev=rev, as_of=as_of, now=now, progress=tick, cache_dir=o.cache())
    # The organisation's policy folders are read from the work tree, whatever revision is scanned.
    policies = policy_set(Path(snapshot.repository), snapshot.config.policy_paths)
    loading = time.perf_counter()
    with status(f"evaluating {snapshot.record_count:,} records on OPA", o.show_progress), \
            open_evaluator(policies, o.opa) as evaluator:
        loaded = time.perf_counter() - loading
        result = scan(snapshot, policies, evaluator, o.frameworks or None, ResultCache(o.cache()))
    return Scanned(result, snapshot.config.fail_on, loaded)


@exits
def run_scan(path: Path, options: RunOptions, *, rev: str | None = None, as_of: date | None = None,
             write_baseline: Path | None = None) -> int:
    """Scan the evidence repository at PATH (default: here) and report findings."""
    o = options
    scanned = scan_repository(path, o, rev=rev, as_of=as_of)
    result = apply_baselines(scanned.result, write_baseline, o.use_baseline)
    threshold = o.fail_on or scanned.fail_on or "high"
    deliver(result, o.to, threshold, o.by)
    if o.show_stats:
        err(timings(result.stats, policy_load_seconds=scanned.policy_load_seconds))
    return EXIT_FINDINGS if result.breaches(threshold) else EXIT_OK
