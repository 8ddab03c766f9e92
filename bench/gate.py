#!/usr/bin/env python3
"""Benchmark: `regent gate` on a request that edits 5 change records.

    python bench/gate.py [--sizes 1000,10000,100000] [--workdir build/bench]

For each size N, the repository bench/run.py generates (made once, kept under
--workdir) is cloned bare into a temporary folder (objects hard-linked, the
kept repository untouched). Two requests are committed there with git's
plumbing, each rewording the description of 5 open changes. The edit is made
in the file's text (one line appended to the description), so every other
byte, timestamps included, stays as written and the edited records are read
and judged: each run checks the gate's JSON for that and stops if one of them
was not. Then, in one run, against a full scan of the same revision for scale:

- cold:      `regent gate --base BASE --head REQUEST1` with an empty cache;
- again:     the same gate again (parsed records, mentions and OPA's answers cached);
- next push: the gate of REQUEST2 with that cache (a new commit on the request:
             records cached, OPA evaluates anew);
- full:      the same as cold with --full (every record, at the head and the merge base);

Wall-clock seconds of the whole command, as CI would see them. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import REGENT, ROOT, generate  # noqa: E402


def git(repo: Path, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=repo, input=input, capture_output=True, check=True,
                          env={**os.environ, **(env or {})}).stdout.decode().strip()


def request(repo: Path, parent: str, picks: list[str], day: int) -> str:
    """A commit on ``parent`` rewording the changes at ``picks``; returns its sha."""
    index = repo / f"bench-index-{day}"
    env = {"GIT_INDEX_FILE": str(index), "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
           "GIT_AUTHOR_DATE": f"2026-11-{day:02d}T10:00:00Z", "GIT_COMMITTER_DATE": f"2026-11-{day:02d}T10:00:00Z"}
    git(repo, "read-tree", parent, env=env)
    for path in picks:
        text = git(repo, "cat-file", "blob", f"{parent}:{path}")
        blob = git(repo, "hash-object", "-w", "--stdin", input=reworded(text, path, day).encode())
        git(repo, "update-index", "--cacheinfo", f"100644,{blob},{path}", env=env)
    tree = git(repo, "write-tree", env=env)
    index.unlink()
    return git(repo, "commit-tree", tree, "-p", parent, "-m", "Reword five changes", env=env)


def reworded(text: str, path: str, day: int) -> str:
    """The record's text with its one-line description extended; nothing else touched."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("description: ") and not line.rstrip().endswith(("|", ">", "|-", ">-")):
            value = line[len("description: "):].strip()
            quoted = value[:1] in "'\"" and value[-1:] == value[:1]
            said = value[1:-1] if quoted else value
            lines[i] = "description: " + json.dumps(f"{said} Reworded on day {day}.".strip())
            return "\n".join(lines) + "\n"
    raise SystemExit(f"{path}: no one-line description to reword; the generator's layout changed")


def open_changes(repo: Path, count: int) -> list[str]:
    """Paths of the last ``count`` changes not yet closed."""
    found = git(repo, "grep", "-l", "-E", "^status: (submitted|approved|scheduled|implemented)", "HEAD", "--",
                "changes/").splitlines()
    return [line.split(":", 1)[1] for line in found[-count:]]


def timed_gate(repo: Path, cache: Path, base: str, head: str, edited: list[str], *extra: str) -> tuple[float, str]:
    env = dict(os.environ, REGENT_CACHE_DIR=str(cache), CI="true")
    result = cache.parent / "gate.json"
    started = time.perf_counter()
    proc = subprocess.run([str(REGENT), "gate", str(repo), "--base", base, "--head", head, "--format", "json",
                           "--output", str(result), "--fail-on", "never", "--stats", *extra],
                          env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"regent gate failed ({proc.returncode}):\n{proc.stderr}")
    judged(json.loads(result.read_text()), edited)
    stats = next((line for line in proc.stderr.splitlines() if line.startswith("timings:")), "")
    return elapsed, stats


def judged(result: dict, edited: list[str]) -> None:
    """Stop unless the gate read every edited record as a record and none of them is an input error."""
    changed = {c["path"]: c for c in result["gate"]["changed"]}
    unread = [p for p in edited if changed.get(p, {}).get("id") is None]
    broken = sorted({f["record"]["path"] for f in result["findings"]
                     if f["check"].startswith("REG-INPUT") and f["record"]["path"] in edited})
    if unread or broken:
        raise SystemExit(f"the request's records were not judged: unread {unread}, input errors {broken}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of changes")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--no-full", action="store_true", help="skip the --full gate (the slowest)")
    args = parser.parse_args()
    rows = []
    details = []
    for n in (int(s) for s in args.sizes.split(",")):
        source = generate(n, args.workdir)
        with tempfile.TemporaryDirectory(prefix="regent-bench-gate-") as tmp:
            repo = Path(tmp) / "repo.git"
            subprocess.run(["git", "clone", "--quiet", "--bare", "--local", str(source), str(repo)], check=True)
            base = git(repo, "rev-parse", "HEAD")
            picks = open_changes(repo, 10)
            first = request(repo, base, picks[:5], 20)
            second = request(repo, first, picks[5:], 21)
            records = len([p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
                           if p.endswith((".yaml", ".yml", ".json")) and p not in ("regent.yaml", "people.yaml")])
            cache = Path(tmp) / "cache"
            cold = timed_gate(repo, cache, base, first, picks[:5])
            again = timed_gate(repo, cache, base, first, picks[:5])
            push = timed_gate(repo, cache, base, second, picks[5:])
            full = (timed_gate(repo, Path(tmp) / "cache-full", base, first, picks[:5], "--full")
                    if not args.no_full else None)
        rows.append((n, records, cold, again, push, full))
        details.append("\n".join(f"N={n:,} {name} {run[1]}" for name, run in
                                 (("cold", cold), ("again", again), ("next push", push), ("full", full)) if run))
        print(f"N={n:,}: done", file=sys.stderr, flush=True)

    print(f"regent gate on a request editing 5 changes, machine: {os.cpu_count()} cores\n")
    print("| changes | record files | gate cold | gate again | gate, next push | gate --full, cold |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, records, cold, again, push, full in rows:
        print(f"| {n:,} | {records:,} | {cold[0]:.1f} s | {again[0]:.1f} s | {push[0]:.1f} s "
              f"| {f'{full[0]:.1f} s' if full else 'not run'} |")
    print()
    print("\n".join(details))


if __name__ == "__main__":
    main()
