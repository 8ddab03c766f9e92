#!/usr/bin/env python3
"""Benchmark: the history facts of a large repository, cold and cached.

    python bench/history.py [--records 100000] [--commits 20000] [--workdir build/bench]

Builds (once, kept under --workdir) a repository of N change records written
over C commits by 50 people: each commit adds new changes, and about half of
them also carry earlier changes along their lifecycle (approved by a second
person, then implemented), a few renaming the file. Then, in one run:

- git log: the bare `git log --raw` that the walk reads, nothing else (the floor);
- walk: that log read into per-file touches, signatures looked up;
- facts cold: the whole history stage of a scan with empty caches (walk, the
  historic versions of changed records parsed, every record's `_git` built);
- facts cached: the same stage for the same revision again, walk and parsed
  versions from the caches.

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from regent.evidence.gitrepo import GitRepository  # noqa: E402
from regent.evidence.history import walk  # noqa: E402
from regent.evidence.snapshot import load_snapshot  # noqa: E402

PEOPLE = 50
START = 1_735_689_600  # 2025-01-01T00:00:00Z


def _change(cid: str, who: int, at: int, status: str, approver: int | None, risk: str) -> bytes:
    lines = [
        "kind: change", f"id: {cid}", f"title: Routine maintenance {cid}", "type: normal",
        f"status: {status}", f"requested_by: p{who:02d}", f"created: {_ts(at)}", f"risk: {risk}",
        "plan:", "  implementation: Apply the package update and restart the service.",
        "  backout: Reinstall the previous package.", "  test: Run the smoke tests.",
    ]
    if approver is not None:
        lines += ["approvals:", f"  - {{by: p{approver:02d}, role: cab, decision: approved, at: {_ts(at + 3600)}}}"]
    return ("\n".join(lines) + "\n").encode()


def _ts(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def generate(records: int, commits: int, dest: Path) -> None:
    rng = random.Random(7)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q", str(dest)], env=env, check=True)
    proc = subprocess.Popen(["git", "-C", str(dest), "fast-import", "--quiet", "--done"],
                            stdin=subprocess.PIPE, env=env, bufsize=1 << 20)
    assert proc.stdin is not None
    out = proc.stdin
    people = "people:\n" + "".join(
        f"  - {{id: p{i:02d}, name: Person {i:02d}, emails: [p{i:02d}@example.com], roles: [cab]}}\n"
        for i in range(PEOPLE)
    )
    per_commit = max(1, records // commits)
    made = 0
    pending: list[tuple[str, str, int, int]] = []  # (id, path, requester, created) awaiting approval
    approved: list[tuple[str, str, int, int, int]] = []
    for k in range(commits):
        at = START + k * 600
        who = k % PEOPLE
        ops: list[bytes] = []
        if k == 0:
            ops.append(_modify("people.yaml", people.encode()))
        for _ in range(per_commit if k < commits - 1 else records - made):
            cid = f"CHG-{made:06d}"
            path = f"changes/{cid[4:7]}/{cid}.yaml"
            ops.append(_modify(path, _change(cid, who, at, "submitted", None, "low")))
            pending.append((cid, path, who, at))
            made += 1
        if k % 2 == 0 and pending:
            cid, path, req, created = pending.pop(rng.randrange(len(pending)))
            approver = (req + 1) % PEOPLE
            ops.append(_modify(path, _change(cid, req, created, "approved", approver, "low")))
            approved.append((cid, path, req, created, approver))
        if k % 4 == 1 and approved:
            cid, path, req, created, approver = approved.pop(rng.randrange(len(approved)))
            if k % 40 == 1:  # now and then a file moves
                new = path.replace(".yaml", ".yml")
                ops.append(b'R "%s" "%s"\n' % (path.encode(), new.encode()))
                path = new
            ops.append(_modify(path, _change(cid, req, created, "implemented", approver, "low")))
        ident = f"Person {who:02d} <p{who:02d}@example.com> {at} +0000".encode()
        message = f"Records of {_ts(at)[:10]}".encode()
        out.write(b"commit refs/heads/main\nauthor " + ident + b"\ncommitter " + ident
                  + b"\ndata %d\n" % len(message) + message + b"\n" + b"".join(ops) + b"\n")
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    (dest / ".bench-complete").write_text(f"{records} {commits}\n")


def _modify(path: str, data: bytes) -> bytes:
    return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    dest = args.workdir / f"history-{args.records}-{args.commits}"
    marker = dest / ".bench-complete"
    if not (marker.exists() and marker.read_text().split() == [str(args.records), str(args.commits)]):
        if dest.exists():
            shutil.rmtree(dest)
        started = time.perf_counter()
        generate(args.records, args.commits, dest)
        print(f"generated {dest} in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    repo = GitRepository(dest)
    head = repo.resolve("HEAD")
    paths = [e.path for e in repo.tree(head)]

    started = time.perf_counter()
    log = repo.git("log", "--raw", "--no-abbrev", "-M", "-z", "--topo-order", "--format=%H", head, "--")
    git_log = time.perf_counter() - started

    started = time.perf_counter()
    history = walk(repo, head, paths)
    walked = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as cache:
        cold = load_snapshot(dest, rev="HEAD", cache_dir=Path(cache))
        cached = load_snapshot(dest, rev="HEAD", cache_dir=Path(cache))
    facts = cold.git
    assert facts is not None
    changed = sum(1 for touches in history.files.values() if len(touches) > 1)

    print(f"| record files | commits | files changed after creation | git log ({len(log) / 1e6:.0f} MB) "
          "| walk | facts cold | facts cached |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(paths) - 1:,} | {len(history.commits):,} | {changed:,} | {git_log:.1f} s | {walked:.1f} s "
          f"| {cold.stats.history_seconds:.1f} s | {cached.stats.history_seconds:.1f} s |")


if __name__ == "__main__":
    main()
