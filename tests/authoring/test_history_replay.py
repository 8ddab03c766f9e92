"""How a history import groups states into commits, whom it names, and what the history checks make of it.

A small change log is built here (an importer is any function from bytes to a Batch), so that the
replay's rules can be seen one at a time: the real UCI log is in test_history_import.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import Result

from regent.commands.import_history import run_history
from regent.evidence.authoring.replay import HistoryRequest, import_history
from regent.evidence.authoring.timeline import Author, plan
from regent.evidence.importers.base import Batch, Candidate, Context
from tests.authoring.test_history_import import CONFIG, start
from tests.conftest import Repo

OFFICE = Author("Records Office", "records@example.com")
BOB = Author("Bob Byrne", "bob@example.com", "bob")


def incident(number: str, status: str, opened: str = "2016-05-02T08:00:00Z", **more: Any) -> dict[str, Any]:
    return {"kind": "incident", "id": number, "title": f"Printer {number}", "priority": "P3", "status": status,
            "opened": opened, **more}


def state(record: dict[str, Any], at: str, actor: str | None = None, line: int = 2) -> Candidate:
    return Candidate(record, line, line - 1, at=at, actor=actor)


def author_of(actor: str | None) -> Author:
    return BOB if actor == "bob" else OFFICE


def test_each_record_goes_into_the_commit_of_whoever_left_it_as_the_day_ends() -> None:
    events = [
        state(incident("INC-1", "open"), "2016-05-02T09:00:00Z", "bob", 2),
        state(incident("INC-1", "open", assigned_to="carol"), "2016-05-02T10:00:00Z", "resolver-7", 3),
        state(incident("INC-2", "open"), "2016-05-02T15:00:00Z", "bob", 4),
        state(incident("INC-1", "resolved", resolved="2016-05-03T08:00:00Z"), "2016-05-03T08:00:00Z", "bob", 5),
    ]

    planned = plan(events, {}, set(), since=None, granularity="day", author_of=author_of).commits

    assert [(c.period, c.author, c.at, [f.key[1] for f in c.files]) for c in planned] == [
        ("2016-05-02", OFFICE, 1462183200, ["INC-1"]),  # 10:00, resolver-7's state: the day's last of INC-1
        ("2016-05-02", BOB, 1462201200, ["INC-2"]),  # 15:00
        ("2016-05-03", BOB, 1462262400, ["INC-1"]),
    ]
    assert planned[0].acted == ("resolver-7",)
    assert b"assigned_to: carol" in planned[0].files[0].data


def test_a_state_the_schema_refuses_is_rejected_and_the_one_before_it_kept() -> None:
    events = [
        state(incident("INC-3", "open"), "2016-05-02T09:00:00Z", line=2),
        state(incident("INC-3", "solved"), "2016-05-02T11:00:00Z", line=3),
    ]

    result = plan(events, {}, set(), since=None, granularity="week", author_of=author_of)

    assert [c.period for c in result.commits] == ["2016-W18"]
    assert b"status: open" in result.commits[0].files[0].data
    assert [(r.line, r.number) for r in result.rejections] == [(3, "INC-3")]
    assert "status" in result.rejections[0].reason


def test_states_already_held_are_left_out_and_counted() -> None:
    events = [state(incident("INC-4", "open"), "2016-05-02T09:00:00Z"),
              state(incident("INC-4", "resolved", resolved="2016-06-01T09:00:00Z"), "2016-06-01T09:00:00Z")]

    result = plan(events, {}, set(), since=1462180000, granularity="month", author_of=author_of)

    assert result.held == 1 and [c.period for c in result.commits] == ["2016-06"]


# -- approvals and the history checks ------------------------------------------------------------------


def change(number: str, **more: Any) -> dict[str, Any]:
    return {"kind": "change", "id": number, "title": f"Patch the print server ({number})", "type": "normal",
            "status": "submitted", "requested_by": "alice", "created": "2016-05-02T09:00:00Z", **more}


APPROVED = {"status": "approved",
            "approvals": [{"by": "bob", "role": "cab", "decision": "approved", "at": "2016-05-03T10:00:00Z"}]}


def change_log(data: bytes, context: Context) -> Batch:
    """CHG-7 approved in the tool by someone it does not name; CHG-8 approved by bob himself."""
    batch = Batch()
    for number, actor in (("CHG-7", None), ("CHG-8", "bob")):
        batch.timeline.append(state(change(number), "2016-05-02T09:00:00Z"))
        batch.timeline.append(state(change(number, **APPROVED), "2016-05-03T10:00:00Z", actor))
    batch.candidates = [c for c in batch.timeline if c.record.get("status") == "approved"]
    return batch


def approvals_flagged(run: Callable[..., Result], repo: Path) -> set[str]:
    result = run("scan", str(repo), "--format", "json", "--fail-on", "never")
    return {f["record"]["id"] for f in json.loads(result.stdout)["findings"] if f["check"] == "REG-SEC-016"}


@pytest.fixture
def recorded(tmp_path: Path) -> Repo:
    repo = start(tmp_path / "evidence")
    import_history(repo.path, change_log, b"", HistoryRequest("test-log", "changes.log"))
    return repo


def test_an_approval_a_recorder_imported_is_accepted(recorded: Repo, invoke: Callable[..., Result]) -> None:
    log = recorded.git("log", "--format=%an|%cn|%cI", "-2")
    assert log.splitlines() == ["Records Office|Records Office|2016-05-03T10:00:00+00:00",
                                "Bob Byrne|Records Office|2016-05-03T10:00:00+00:00"]
    assert approvals_flagged(invoke, recorded.path) == set()


def test_an_approval_imported_by_someone_who_is_no_recorder_is_flagged(tmp_path: Path,
                                                                        invoke: Callable[..., Result],
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    repo = start(tmp_path / "evidence", {**CONFIG, "roles": {"recorders": []}})

    code = run_history(repo.path, change_log, b"", Path("changes.log"), HistoryRequest("test-log", "changes.log"))

    assert code == 0
    assert "records-office, who holds no roles.recorders role" in capsys.readouterr().err
    # CHG-8's approval was committed under bob's own name: his to record.
    assert approvals_flagged(invoke, repo.path) == {"CHG-7"}


def test_a_trailer_in_a_commit_message_exempts_nothing(recorded: Repo, invoke: Callable[..., Result]) -> None:
    recorded.write("changes/CHG-9.yaml", change("CHG-9", **APPROVED))
    recorded.commit("test-log: changes.log, 2016-05-03: 1 record\n\nRegent-History: test-log [change]\n",
                    date="2016-05-04T10:00:00Z", email="carol@example.com")

    assert approvals_flagged(invoke, recorded.path) == {"CHG-9"}
