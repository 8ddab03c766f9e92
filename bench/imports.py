#!/usr/bin/env python3
"""Benchmark: `regent import servicenow` of a change_request export into a new repository.

    python bench/imports.py [--sizes 1000,10000] [--workdir build/bench]

For each size N: a JSON export of N changes (made up: numbers, states, risks, dates, people,
CIs, plans) is written; `regent init` lays out a repository; then, in one run:

- first:   the import (N records created);
- again:   the same export again (every record unchanged, nothing written);
- updated: an export where one change in ten has a new title (N/10 updated).

Wall-clock seconds of the whole command. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REGENT = [sys.executable, "-m", "regent"]
ROOT = Path(__file__).resolve().parent.parent

STATES = ["-5", "-4", "-3", "-2", "-1", "0", "3", "4"]
PEOPLE = ["Alice Example", "Bob Example", "Carol Example", "Dana Field", "Eli Moss", "Fay Ncube"]


def export(n: int, seed: int = 7, retitled: bool = False) -> dict[str, list[dict[str, str]]]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        day = 1 + i % 28
        title = f"Change {i} to host-{i % 500:03d}" + (" (revised)" if retitled and i % 10 == 0 else "")
        records.append({
            "number": f"CHG{1000000 + i:07d}", "sys_class_name": "change_request", "short_description": title,
            "type": rng.choice(["normal", "standard", "emergency"]), "state": rng.choice(STATES),
            "risk": rng.choice("1234"), "impact": rng.choice("123"), "requested_by": rng.choice(PEOPLE),
            "assigned_to": rng.choice(PEOPLE), "cmdb_ci": f"host-{i % 500:03d}",
            "opened_at": f"2026-03-{day:02d} 09:00:00", "start_date": f"2026-04-{day:02d} 20:00:00",
            "end_date": f"2026-04-{day:02d} 22:00:00", "implementation_plan": "Apply and restart.",
            "backout_plan": "Restore the snapshot.", "test_plan": "Smoke test.",
        })
    return {"records": records}


def timed(*args: str, cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([*REGENT, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"regent {' '.join(args)} failed:\n{done.stderr}")
    summary = next((line for line in done.stdout.splitlines() if " created, " in line), "")
    return time.perf_counter() - start, summary


def main() -> int:
    parser = argparse.ArgumentParser(description="Time regent import on made-up ServiceNow exports.")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = ["| changes | first import | again (unchanged) | updated (1 in 10) |", "|---:|---:|---:|---:|"]
    for n in (int(s) for s in args.sizes.split(",")):
        folder = Path(tempfile.mkdtemp(prefix=f"import-{n}-", dir=args.workdir))
        try:
            repo = folder / "evidence"
            subprocess.run([*REGENT, "init", str(repo)], cwd=ROOT, check=True, capture_output=True)
            first_file, updated_file = folder / "first.json", folder / "updated.json"
            first_file.write_text(json.dumps(export(n)))
            updated_file.write_text(json.dumps(export(n, retitled=True)))
            first, said = timed("import", "servicenow", str(first_file), "--repo", str(repo), cwd=folder)
            again, said_again = timed("import", "servicenow", str(first_file), "--repo", str(repo), cwd=folder)
            updated, said_updated = timed("import", "servicenow", str(updated_file), "--repo", str(repo), cwd=folder)
            print(f"{n}: {said} | {said_again} | {said_updated}", file=sys.stderr)
            rows.append(f"| {n:,} | {first:.1f} s | {again:.1f} s | {updated:.1f} s |")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
