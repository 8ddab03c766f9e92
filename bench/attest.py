#!/usr/bin/env python3
"""Benchmark: what an auditor's hand-over costs on the benchmark repositories.

    python bench/attest.py [--sizes 1000,10000] [--as-of 2026-10-31] [--workdir build/bench]

For each size N, on the repository bench/run.py generates (made once, kept under --workdir), each a
fresh process sharing one cache folder:

- scan json:   `regent scan --as-of` to JSON, cold (empty cache): the baseline;
- attest:      `regent attest` of the same day with a throwaway SSH key (the scan's answer cached);
- verify:      `regent verify` of that attestation: the signature, then the scan run again;
- xlsx, oscal: the same scan written as the workbook and as OSCAL (answer cached).

Wall-clock seconds of the whole command, and the size of what it wrote. Prints a Markdown table.
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


def timed(args: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 1)) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(REGENT), *args], cwd=ROOT, capture_output=True, text=True, env=env)
    if done.returncode not in ok:
        raise SystemExit(f"regent {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return time.perf_counter() - start


def kb(path: Path) -> str:
    return f"{path.stat().st_size / 1024:,.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description="Time regent attest, verify and the workbook.")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--as-of", default="2026-10-31")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    rows = ["| changes | scan json (cold) | attest | verify | xlsx | oscal |", "|---:|---:|---:|---:|---:|---:|"]
    for n in (int(s) for s in args.sizes.split(",")):
        repo = generate(n, args.workdir)
        with tempfile.TemporaryDirectory(prefix="regent-bench-attest-") as tmp:
            out = Path(tmp)
            key = out / "key"
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", str(key)], check=True)
            (out / "allowed").write_text(f"bench@example.com {key.with_suffix('.pub').read_text().strip()}\n")
            env = {**os.environ, "REGENT_CACHE_DIR": str(out / "cache"), "CI": "true"}
            day = ["--as-of", args.as_of]
            scan = timed(["scan", str(repo), *day, "--format", "json", "-o", str(out / "scan.json")], env)
            attest = timed(["attest", str(repo), *day, "--key", str(key), "-o", str(out / "a.json")], env, (0,))
            verify = timed(["verify", str(out / "a.json"), str(repo), "--allowed-signers", str(out / "allowed")],
                           env, (0,))
            xlsx = timed(["scan", str(repo), *day, "--format", "xlsx", "-o", str(out / "scan.xlsx")], env)
            oscal = timed(["scan", str(repo), *day, "--format", "oscal", "-o", str(out / "scan.oscal.json")], env)
            rows.append(f"| {n:,} | {scan:.1f} s | {attest:.1f} s ({kb(out / 'a.json')}) | {verify:.1f} s "
                        f"| {xlsx:.1f} s ({kb(out / 'scan.xlsx')}) | {oscal:.1f} s ({kb(out / 'scan.oscal.json')}) |")
        print(rows[-1], file=sys.stderr, flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
