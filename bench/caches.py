#!/usr/bin/env python3
"""Benchmark: reading the caches back, as a warm scan does.

    python bench/caches.py REPOSITORY [--runs 10]

Loads the repository's snapshot once into a fresh cache folder, then times, best of --runs, reading
back the parsed-records cache and the history cache, and a whole warm snapshot load. Prints a
Markdown table with the cache files' sizes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from regent.evidence import load_snapshot, schemas
from regent.evidence.cache import ParseCache
from regent.evidence.history import _load as load_history
from regent.evidence.snapshot import _VERSION_SALT


def _best(runs: int, work: object) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repository", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        load_snapshot(args.repository, rev="HEAD", cache_dir=cache)
        salt = f"{_VERSION_SALT}-{schemas.digest()[:16]}"
        records = next(cache.glob("records-*"))
        history = next(cache.glob("history-*"))
        rows = [
            ("parsed records cache", records.stat().st_size, _best(args.runs, lambda: ParseCache(cache, salt))),
            ("history cache", history.stat().st_size,
             _best(args.runs, lambda: load_history(history, history.name.split("-")[2]))),
            ("warm snapshot load", 0, _best(max(1, args.runs // 3),
                                            lambda: load_snapshot(args.repository, rev="HEAD", cache_dir=cache))),
        ]
    print("| read back | file | best of runs |")
    print("|---|---:|---:|")
    for name, size, seconds in rows:
        print(f"| {name} | {size / 1e6:.1f} MB | {seconds * 1000:.1f} ms |" if size else
              f"| {name} | | {seconds * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
