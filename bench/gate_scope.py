#!/usr/bin/env python3
"""Check the gate's neighbourhood against --full on every record of a repository.

    python bench/gate_scope.py REPO

For each record file of REPO's work tree in turn: a comment appended (an edit
that changes no value), the work tree gated against HEAD in both scopes, the
findings compared, the file restored. Prints the files whose findings differ
and a count. The findings on an edited record are all of its findings, so a
check whose judgement of a record needs records more than two references
away shows up here. Restores every file it touches; run it on a copy anyway.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from regent.engine.gate import gate
from regent.engine.model import ScanResult
from regent.engine.session import open_evaluator, policy_set
from regent.evidence.request import read_request
from regent.evidence.settings import read_worktree_config


def _key(result: ScanResult) -> list[tuple[str, str, int, str]]:
    return sorted((f.check, f.record.path, f.record.line, f.message) for f in result.findings)


def main(repo: Path) -> int:
    config = read_worktree_config(repo)
    policies = policy_set(repo, config.policy_paths)
    listed = subprocess.run(["git", "ls-files", "*.yaml", "*.yml", "*.json"], cwd=repo, capture_output=True,
                            text=True, check=True).stdout.split()
    files = [f for f in listed if f not in ("regent.yaml", "people.yaml")]
    differ = 0
    with tempfile.TemporaryDirectory() as cache, open_evaluator(policies) as evaluator:
        for name in files:
            path = repo / name
            original = path.read_bytes()
            path.write_bytes(original + (b"\n# touched\n" if not name.endswith(".json") else b"\n"))
            try:
                request = read_request(repo, "HEAD", None)
                near = gate(request, policies, evaluator, scope="neighbourhood", cache_dir=Path(cache))
                full = gate(request, policies, evaluator, scope="full", cache_dir=Path(cache))
            finally:
                path.write_bytes(original)
            if _key(near) != _key(full):
                differ += 1
                print(f"{name}: {len(near.findings)} findings in the neighbourhood "
                      f"({near.gate.evaluated if near.gate else '?'} records), {len(full.findings)} in full")
    print(f"{len(files)} record files, {differ} with different findings")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1])))
