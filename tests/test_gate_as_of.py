"""`regent gate --as-of DAY`: the request judged with the end of that day as "now", so a gate of a
fixed history gives the same answer whenever it runs (what `make demo` relies on)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from click.testing import Result

from tests.conftest import PEOPLE, Repo, change


def _gate(invoke: Callable[..., Result], repo: Repo, *args: str) -> dict[str, Any]:
    result = invoke("gate", str(repo.path), "--base", "main", "--head", "request", "--format", "json",
                    "--fail-on", "never", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert isinstance(document, dict)
    return document


def test_gate_judges_the_request_as_at_the_end_of_the_day(invoke: Callable[..., Result], repo: Repo) -> None:
    # An emergency change carried out on 10 March and not reviewed yet: within the 7 days a review
    # may take through the whole of 17 March (day 7), overdue from 18 March, whatever the hour.
    repo.git("checkout", "-q", "-b", "request")
    repo.write("changes/CHG-9.yaml", change(
        "CHG-9", type="emergency", status="implemented", created="2026-03-10T08:00:00Z",
        approvals=[{"by": "dave", "role": "emergency-cab", "decision": "approved", "at": "2026-03-10T08:30:00Z"}],
        schedule={"start": "2026-03-10T09:00:00Z", "end": "2026-03-10T10:00:00Z"},
        implementation={"started": "2026-03-10T09:00:00Z", "completed": "2026-03-10T09:30:00Z", "by": "carol"},
        review=None, closure=None))
    repo.commit("Record the emergency fix CHG-9", date="2026-03-10T12:00:00Z")
    repo.git("checkout", "-q", "main")

    def overdue(document: dict[str, Any]) -> bool:
        return any(f["check"] == "REG-CHG-006" and f["record"]["id"] == "CHG-9" for f in document["findings"])

    in_time = _gate(invoke, repo, "--as-of", "2026-03-17")
    assert in_time["reference_time"] == "2026-03-17T23:59:59Z"
    assert not overdue(in_time)
    late = _gate(invoke, repo, "--as-of", "2026-03-18")
    assert late["reference_time"] == "2026-03-18T23:59:59Z"
    assert overdue(late)
    # Without it, "now" is the moment the gate runs, long after the review was due.
    assert overdue(_gate(invoke, repo))


def test_an_as_of_scan_ends_at_local_midnight(invoke: Callable[..., Result], tmp_path: Path) -> None:
    """In Sydney, 14:30 UTC on 22 November is already the 23rd: a scan as of the 22nd stops before it."""
    repo = Repo(tmp_path / "evidence")
    repo.write("people.yaml", PEOPLE)
    repo.write("regent.yaml", "timezone: Australia/Sydney\n")
    evening = repo.commit("Evening of the 22nd in Sydney", date="2026-11-22T12:00:00Z")
    repo.write("notes.txt", "next morning\n")
    repo.commit("Early on the 23rd in Sydney", date="2026-11-22T14:30:00Z")

    shown = json.loads(invoke("scan", str(repo.path), "--as-of", "2026-11-22", "--format", "json").stdout)

    assert shown["repository"]["revision"] == evening
    assert shown["reference_time"] == "2026-11-22T12:59:59Z"
