#!/usr/bin/env python3
"""Benchmark: what the business view (the roll-up of findings to services, processes and
objectives) adds to a warm scan.

    python bench/business.py [--sizes 10000,100000] [--workdir build/bench] [--runs 3]

For each size N, the synthetic repository of bench/generate.py (N changes, with
its objectives and business processes) is generated once and kept under
--workdir, as bench/run.py does. Then, in one process: a first scan fills the
parsed-record cache; each further run loads the snapshot from that cache and
scans it on a private OPA server, judged against the same reference time, and
times the roll-up inside the scan (the scan's own business timer), then the
roll-up alone over the same snapshot and findings. Prints a Markdown table:
the warm scan's wall time, the roll-up's time, and its share of the scan.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import generate  # noqa: E402  (bench/run.py: the same repositories, kept between runs)

from regent.engine.business import business_view  # noqa: E402
from regent.engine.scan import scan  # noqa: E402
from regent.engine.session import OpaOptions, open_evaluator, policy_set  # noqa: E402
from regent.evidence import load_snapshot  # noqa: E402

# The generated history ends in 2026; judging every run against one moment keeps the findings equal.
NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)


def measure(repo: Path, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="regent-bench-business-") as cache_dir:
        cache = Path(cache_dir)
        load_snapshot(repo, rev="HEAD", now=NOW, cache_dir=cache)  # fills the parsed-record cache
        policies = policy_set(repo, ())
        scans, rollups, alone = [], [], []
        with open_evaluator(policies, OpaOptions()) as evaluator:
            for _ in range(runs + 1):
                started = time.perf_counter()
                snapshot = load_snapshot(repo, rev="HEAD", now=NOW, cache_dir=cache)
                result = scan(snapshot, policies, evaluator)
                scans.append(time.perf_counter() - started)
                rollups.append(result.stats.business_seconds)  # type: ignore[union-attr]
                began = time.perf_counter()
                view = business_view(snapshot, result.findings)
                alone.append(time.perf_counter() - began)
        # The first of these runs starts OPA's caches: leave it out.
        scans, rollups, alone = scans[1:], rollups[1:], alone[1:]
        assert view is not None, "the generated repository holds business processes"
        return {
            "records": float(result.records),
            "findings": float(len(result.findings)),
            "processes": float(len(view.processes)),
            "services": float(len(view.services)),
            "scan": statistics.median(scans),
            "rollup": statistics.median(rollups),
            "alone": statistics.median(alone),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="comma-separated numbers of changes")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--runs", type=int, default=3, help="warm scans per size (the median is shown)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print("| changes | records | findings | processes | services | warm scan | roll-up in the scan "
          "| roll-up alone | share of the scan |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (int(s) for s in args.sizes.split(",")):
        repo = generate(n, args.workdir)
        m = measure(repo, args.runs)
        print(f"| {n:,} | {int(m['records']):,} | {int(m['findings']):,} | {int(m['processes'])} "
              f"| {int(m['services'])} | {m['scan']:.2f} s | {m['rollup'] * 1000:.1f} ms "
              f"| {m['alone'] * 1000:.1f} ms | {m['rollup'] / m['scan']:.2%} |", flush=True)


if __name__ == "__main__":
    main()
