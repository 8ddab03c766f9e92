"""The caches outside the repository are only ever a saving: a file another release left, or a
damaged one, is a miss that costs time, never a crash or a different answer."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from click.testing import Result

from tests.conftest import Repo

# What an older release's frames looked like: bytes no reader of this release may interpret.
OLD_RELEASE_PICKLE = b"cregent_before_0_2.history\nHistory\n)\x81."


def _cache_files() -> list[Path]:
    root = Path(os.environ["REGENT_CACHE_DIR"])
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_cache_left_by_another_release_is_a_miss(repo: Repo, invoke: Callable[..., Result]) -> None:
    first = invoke("scan", str(repo.path), "--rev", "HEAD", "--format", "json")
    files = _cache_files()
    assert any(p.name.startswith("history-") for p in files)  # the scan kept its parses and history facts
    for path in files:
        # A release of another cache format: its header names the cache and another version.
        kind = json.loads(path.read_bytes().partition(b"\n")[0])["cache"]
        path.write_bytes(json.dumps({"cache": kind, "version": 1}).encode() + b"\n" + OLD_RELEASE_PICKLE)

    again = invoke("scan", str(repo.path), "--rev", "HEAD", "--format", "json")

    assert again.exit_code == first.exit_code
    assert _findings(again.output) == _findings(first.output)


def _findings(output: str) -> list[tuple[str, str]]:
    return [(f["check"], f["record"]["path"]) for f in json.loads(output)["findings"]]
