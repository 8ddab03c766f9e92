"""``--stats``: the line on stderr that says where a scan's or a gate's time went and what it read."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Callable

from click.testing import Result

from tests.conftest import Repo, clean_change

SECONDS = r"\d+\.\d\ds"


def timings(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("timings: ")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_scan_says_what_it_parsed_walked_and_evaluated_then_what_the_caches_saved(
    invoke: Callable[..., Result], repo: Repo
) -> None:
    # As of today: the same reference time twice, so that the second scan can reuse OPA's answer.
    today = datetime.now(timezone.utc).date().isoformat()
    first = timings(invoke("scan", str(repo.path), "--as-of", today, "--format", "json", "--stats"))
    parsed = re.search(rf"^timings: load {SECONDS} \(parsed (\d+) in 1 process, from cache 0; of it history "
                       rf"{SECONDS}, (\d+) commits walked, (\d+) earlier versions parsed\) · input \d+\.\d MB serialised "
                       rf"in {SECONDS} · OPA start and policy load {SECONDS} · evaluation {SECONDS} \(of which OPA "
                       rf"parsed the input {SECONDS} and evaluated {SECONDS}\)$", first)
    assert parsed is not None, first
    files, commits, versions = (int(n) for n in parsed.groups())
    assert files > 1 and commits == len(repo.git("rev-list", "HEAD").split())
    assert versions == 1  # CHG-1 before its approval

    again = timings(invoke("scan", str(repo.path), "--as-of", today, "--format", "json", "--stats"))
    assert f"(parsed 0 in 1 process, from cache {files}; of it history " in again
    assert ", from cache, 0 earlier versions parsed)" in again
    assert again.endswith("(answer reused from an identical earlier scan)")


def test_a_gate_says_how_many_records_it_evaluated(invoke: Callable[..., Result], repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "request")
    repo.write("changes/CHG-2.yaml", clean_change("CHG-2"))
    repo.commit("Raise CHG-2")
    line = timings(invoke("gate", str(repo.path), "--base", "main", "--format", "json", "--stats"))
    evaluated = re.search(rf"^timings: gate {SECONDS} · finding the neighbourhood {SECONDS} · (\d+) records "
                          rf"evaluated at head and at the merge base · head load {SECONDS}, evaluation {SECONDS} · "
                          rf"base load {SECONDS}, evaluation {SECONDS}$", line)
    assert evaluated is not None, line
    assert int(evaluated.group(1)) > 1
