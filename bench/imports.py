#!/usr/bin/env python3
"""Benchmark: `regent import uci-incidents` of the real UCI incident event log.

    python bench/imports.py [--log ../shared/realdata/uci-incidents/incident_event_log.csv.gz]
                            [--workdir DIR]

The log is the published one (141,712 events of 24,918 incidents), read where it lies. Each
row below runs in a fresh repository made with `regent init` and committed, with a parse cache
of its own (REGENT_CACHE_DIR), so nothing is carried over from another row:

- plain:            `regent import uci-incidents LOG` (each incident's last state written);
- history:          `regent import uci-incidents LOG --history` (every event replayed as one
                    commit per day, written with git fast-import, the work tree brought up);
- plain again:      after a plain import, committed, the same export again (nothing changes);
- history again:    after a history import, the same log again with --history (nothing added).

Wall-clock seconds of the whole command, and the machine's load average when it started (the
machine may be shared). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REGENT = [sys.executable, "-m", "regent"]
ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT.parent / "shared" / "realdata" / "uci-incidents" / "incident_event_log.csv.gz"
IDENTITY = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}


def fresh(folder: Path, name: str) -> tuple[Path, dict[str, str]]:
    """A repository laid out by `regent init` and committed, and the environment to run regent in."""
    repo = folder / name
    env = dict(os.environ, **IDENTITY, REGENT_CACHE_DIR=str(folder / f"{name}-cache"))
    subprocess.run([*REGENT, "init", str(repo)], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-qm", "Start"], cwd=repo, env=env, check=True)
    return repo, env


def timed(repo: Path, env: dict[str, str], log: Path, *options: str) -> tuple[float, str]:
    """Seconds `regent import` took, and the line it printed."""
    start = time.perf_counter()
    done = subprocess.run([*REGENT, "import", "uci-incidents", str(log), "--repo", str(repo), *options],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"regent import {' '.join(options)} failed:\n{done.stderr}")
    return took, done.stdout.strip().splitlines()[0] if done.stdout.strip() else ""


def main() -> int:
    parser = argparse.ArgumentParser(description="Time regent import on the real UCI incident event log.")
    parser.add_argument("--log", type=Path, default=LOG)
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the repositories go (outside any git work tree) [default: the system's temp]")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="regent-imports-", dir=args.workdir))
    rows = ["| import | seconds | load | what it said |", "|---|---:|---:|---|"]

    def row(label: str, repo: Path, env: dict[str, str], *options: str) -> None:
        load = os.getloadavg()[0]
        seconds, said = timed(repo, env, args.log, *options)
        rows.append(f"| {label} | {seconds:.1f} | {load:.1f} | {said} |")
        print(f"{label}: {seconds:.1f} s", file=sys.stderr)

    try:
        plain, env = fresh(folder, "plain")
        row("plain", plain, env)
        history, env_h = fresh(folder, "history")
        row("history (by day)", history, env_h, "--history")
        again, env_a = fresh(folder, "again")
        timed(again, env_a, args.log)
        subprocess.run(["git", "add", "-A"], cwd=again, env=env_a, check=True)
        subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-qm", "Import"], cwd=again, env=env_a,
                       check=True)
        row("plain again (unchanged)", again, env_a)
        row("history again (unchanged)", history, env_h, "--history")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
