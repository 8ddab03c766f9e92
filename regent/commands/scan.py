"""``regent scan``: the findings of the evidence repository at a revision."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from regent.commands.console import err, progress, status
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK, exits
from regent.commands.options import RunOptions
from regent.commands.outputs import apply_baselines, deliver
from regent.engine.render.stats import timings
from regent.engine.results import ResultCache
from regent.engine.scan import scan
from regent.engine.session import open_evaluator, policy_set
from regent.evidence import load_snapshot


@exits
def run_scan(path: Path, options: RunOptions, *, rev: str | None = None, as_of: date | None = None,
             write_baseline: Path | None = None) -> int:
    """Scan the evidence repository at PATH (default: here) and report findings."""
    o = options
    bar, tick = progress(o.show_progress)
    with bar:
        snapshot = load_snapshot(path, rev=rev, as_of=as_of, progress=tick, cache_dir=o.cache())
    # The organisation's policy folders are read from the work tree, whatever revision is scanned.
    policies = policy_set(Path(snapshot.repository), snapshot.config.policy_paths)
    loading = time.perf_counter()
    with status(f"evaluating {snapshot.record_count:,} records on OPA", o.show_progress), \
            open_evaluator(policies, o.opa) as evaluator:
        loaded = time.perf_counter() - loading
        result = scan(snapshot, policies, evaluator, o.frameworks or None, ResultCache(o.cache()))
    result = apply_baselines(result, write_baseline, o.use_baseline)
    threshold = o.fail_on or snapshot.config.fail_on or "high"
    deliver(result, o.to, threshold, o.by)
    if o.show_stats:
        err(timings(result.stats, policy_load_seconds=loaded))
    return EXIT_FINDINGS if result.breaches(threshold) else EXIT_OK
