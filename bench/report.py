#!/usr/bin/env python3
"""Benchmark: `regent report --months 12` on the benchmark repositories.

    python bench/report.py [--sizes 1000,10000,100000] [--month 2026-10] [--workdir build/bench]

For each size N, the repository bench/run.py generates (made once, kept under --workdir) is
reported on three times in one run, each a fresh process sharing one cache folder, as a
governance team's monthly runs would:

- cold:        the month before --month, with an empty cache folder (every month end parsed
               and evaluated);
- next month:  --month, with the cache the first run left: eleven month ends are read back
               from it, the report month is loaded and evaluated (its records mostly parsed
               before);
- again:       --month once more (an auditor re-running it): OPA's answer is reused too.

Wall-clock seconds of the whole command. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import REGENT, ROOT, generate  # noqa: E402


def timed(repo: Path, month: str, months: int, cache: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(REGENT), "report", str(repo), "--month", month, "--months", str(months),
                           "--format", "json", "--output", os.devnull], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "REGENT_CACHE_DIR": str(cache), "CI": "true"})
    if done.returncode != 0:
        raise SystemExit(f"regent report failed on {repo}:\n{done.stderr}")
    return time.perf_counter() - start


def previous_month(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def main() -> int:
    parser = argparse.ArgumentParser(description="Time regent report on the benchmark repositories.")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    before = previous_month(args.month)
    rows = [f"| changes | cold ({before}) | next month ({args.month}) | again ({args.month}) |",
            "|---:|---:|---:|---:|"]
    for n in (int(s) for s in args.sizes.split(",")):
        repo = generate(n, args.workdir)
        with tempfile.TemporaryDirectory(prefix="report-cache-") as cache:
            cold = timed(repo, before, args.months, Path(cache))
            following = timed(repo, args.month, args.months, Path(cache))
            again = timed(repo, args.month, args.months, Path(cache))
        rows.append(f"| {n:,} | {cold:.1f} s | {following:.1f} s | {again:.1f} s |")
        print(rows[-1], file=sys.stderr)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
