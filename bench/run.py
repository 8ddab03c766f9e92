#!/usr/bin/env python3
"""Benchmark: scan time and memory against the floor of reading and parsing.

    python bench/run.py [--sizes 1000,10000,100000] [--workdir build/bench]

For each size N, a synthetic evidence repository of N changes (plus
proportional CIs, services, incidents, evidence and people, with a git
history) is generated once and kept under --workdir. Then, in one run so the
figures can be compared with each other on a shared machine:

- floor: read every record blob from git with one cat-file process and parse
  it with the C YAML loader, nothing else;
- cold:  `regent scan --rev HEAD` with an empty cache;
- warm:  the same scan again, parsed records now cached (judged against
  "now", so OPA evaluates again);
- as-of: `regent scan --as-of <today>` twice; the second run finds OPA's
  answer for the identical input and reuses it (an audit re-run);

with the peak resident memory of Regent and of its OPA server, sampled from
/proc. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REGENT = Path(sys.executable).parent / "regent"
SUFFIXES = (b".yaml", b".yml", b".json")


def generate(n: int, workdir: Path) -> Path:
    dest = workdir / f"changes-{n}"
    # The marker holds the generator's digest: a changed generator makes the repository again.
    made_by = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    marker = dest / ".bench-complete"
    if (dest / ".git").is_dir() and marker.exists() and marker.read_text().strip() == made_by:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--changes", str(n), str(dest)], check=True)
    marker.write_text(made_by + "\n")
    # Keep the marker out of git's view, so the work tree stays clean.
    with open(dest / ".git" / "info" / "exclude", "a") as fh:
        fh.write(".bench-complete\n")
    return dest


def floor(repo: Path) -> tuple[float, int]:
    """Seconds to read and parse every record file at HEAD; the number of files."""
    started = time.perf_counter()
    listing = subprocess.run(["git", "ls-tree", "-r", "-z", "HEAD"], cwd=repo, capture_output=True, check=True).stdout
    blobs = []
    for row in listing.split(b"\x00"):
        if row:
            meta, _, path = row.partition(b"\t")
            if path.endswith(SUFFIXES) and not path.startswith(b"."):
                blobs.append(meta.split()[2])
    proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=repo, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin and proc.stdout
    stdin, stdout = proc.stdin, proc.stdout

    def feed() -> None:
        stdin.write(b"\n".join(blobs) + b"\n")
        stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for _ in blobs:
        size = int(stdout.readline().split()[2])
        data = stdout.read(size)
        stdout.read(1)
        yaml.load(data, Loader=loader)
    proc.wait()
    return time.perf_counter() - started, len(blobs)


def _tree_rss(root: int) -> tuple[int, int]:
    """Resident KiB of the process tree under ``root``: (opa processes, the rest)."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            with open(f"/proc/{entry}/statm") as fh:
                pages = int(fh.read().split()[1])
        except OSError:
            continue
        pid = int(entry)
        name = stat[stat.index("(") + 1: stat.rindex(")")]
        parents[pid] = int(stat[stat.rindex(")") + 2:].split()[1])
        names[pid] = name
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    opa = other = 0
    for pid in rss:
        p = pid
        while p in parents and p != root:
            p = parents[p]
        if p == root:
            if names[pid] == "opa":
                opa += rss[pid]
            else:
                other += rss[pid]
    return opa, other


def timed_scan(repo: Path, cache: Path, *revision: str) -> tuple[float, float, float, str]:
    """Wall seconds, peak MiB of Regent (with git), peak MiB of OPA, and Regent's own timings."""
    env = dict(os.environ, REGENT_CACHE_DIR=str(cache), CI="true")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(REGENT), "scan", str(repo), *(revision or ("--rev", "HEAD")), "--format", "json",
         "--output", os.devnull, "--fail-on", "never", "--stats"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    peak_opa = peak_other = 0
    while proc.poll() is None:
        opa, other = _tree_rss(proc.pid)
        peak_opa, peak_other = max(peak_opa, opa), max(peak_other, other)
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    _, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"regent scan failed ({proc.returncode}):\n{stderr}")
    stats = next((line for line in stderr.splitlines() if line.startswith("timings:")), "")
    return elapsed, peak_other / 1024, peak_opa / 1024, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of changes")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.workdir.mkdir(parents=True, exist_ok=True)

    rows = []
    details = []
    for n in sizes:
        repo = generate(n, args.workdir)
        floor_s, files = floor(repo)
        today = ("--as-of", time.strftime("%Y-%m-%d", time.gmtime()))
        with tempfile.TemporaryDirectory(prefix="regent-bench-cache-") as cache:
            cold = timed_scan(repo, Path(cache))
            warm = timed_scan(repo, Path(cache))
            timed_scan(repo, Path(cache), *today)
            again = timed_scan(repo, Path(cache), *today)
        rows.append((n, files, floor_s, cold, warm, again))
        details.append(f"N={n:,} cold {cold[3]}\nN={n:,} warm {warm[3]}\nN={n:,} as-of again {again[3]}")
        print(f"N={n:,}: done", file=sys.stderr, flush=True)

    print(f"regent scan --rev HEAD, machine: {os.cpu_count()} cores; peak memory sampled every 50 ms\n")
    print("| changes | record files | floor: read+parse | cold scan | cold / floor | warm scan "
          "| as-of scan again | peak MiB regent | peak MiB OPA |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, files, floor_s, cold, warm, again in rows:
        runs = (cold, warm, again)
        print(f"| {n:,} | {files:,} | {floor_s:.1f} s | {cold[0]:.1f} s | {cold[0] / floor_s:.2f}× "
              f"| {warm[0]:.1f} s | {again[0]:.1f} s | {max(r[1] for r in runs):,.0f} "
              f"| {max(r[2] for r in runs):,.0f} |")
    print()
    print("\n".join(details))


if __name__ == "__main__":
    main()
