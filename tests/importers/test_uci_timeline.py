"""The UCI event log as a timeline: each event is the incident as it stood after it, at the event's time.

Every event row of the published log repeats the incident's final ``resolved_at``/``closed_at``; a state may
carry them only once they had happened. The events here are invented, in the log's layout.
"""

from __future__ import annotations

from regent.evidence.config import import_settings
from regent.evidence.importers import uci
from regent.evidence.importers.base import Batch, Context
from tests.importers.test_datasets import event, events_export

FINAL = {"resolved_at": "29/2/2016 11:29", "closed_at": "5/3/2016 12:00", "resolved_by": "Resolved by 149",
         "closed_code": "code 5"}


def read(*rows: dict[str, str], history: bool = True) -> Batch:
    ctx = Context(settings=import_settings({}), known_person=lambda name: None, history=history)
    return uci.read(events_export(list(rows)), ctx)


def states(batch: Batch) -> list[tuple[str | None, str, str | None, str | None, str | None]]:
    return sorted((c.at, c.record["status"], c.record.get("resolved"), c.record.get("closed"), c.actor)
                  for c in batch.timeline)


def test_each_event_is_a_state_with_only_the_times_that_had_happened() -> None:
    batch = read(
        event("INC0000045", 0, "New", sys_updated_at="29/2/2016 01:23", sys_updated_by="Updated by 21", **FINAL),
        event("INC0000045", 2, "Resolved", sys_updated_at="29/2/2016 08:53", sys_updated_by="Updated by 642",
              **FINAL),
        event("INC0000045", 3, "Resolved", sys_updated_at="29/2/2016 11:29", sys_updated_by="Updated by 804",
              **FINAL),
        event("INC0000045", 4, "Closed", sys_updated_at="5/3/2016 12:00", sys_updated_by="Updated by 908",
              active="false", **FINAL),
    )

    assert states(batch) == [
        ("2016-02-29T01:23:00Z", "open", None, None, "updated-by-21"),
        # resolved at 08:53 by this event; the log's resolved_at (11:29) had not happened yet
        ("2016-02-29T08:53:00Z", "resolved", "2016-02-29T08:53:00Z", None, "updated-by-642"),
        ("2016-02-29T11:29:00Z", "resolved", "2016-02-29T11:29:00Z", None, "updated-by-804"),
        ("2016-03-05T12:00:00Z", "closed", "2016-02-29T11:29:00Z", "2016-03-05T12:00:00Z", "updated-by-908"),
    ]
    opened = min(batch.timeline, key=lambda c: str(c.at)).record
    assert "resolved_by" not in opened["uci"] and "closed_code" not in opened["uci"]
    [last] = batch.candidates
    assert (last.at, last.record["status"], last.record["closed"]) == (
        "2016-03-05T12:00:00Z", "closed", "2016-03-05T12:00:00Z")


def test_an_incident_still_open_at_the_end_of_the_log_carries_no_resolution() -> None:
    batch = read(
        event("INC0000046", 0, "New", sys_updated_at="1/3/2016 09:00", **FINAL),
        event("INC0000046", 1, "Active", sys_updated_at="1/3/2016 10:00", **FINAL),
        history=False,
    )

    [incident] = batch.candidates
    assert incident.record["status"] == "open"
    assert "resolved" not in incident.record and "closed" not in incident.record
    assert incident.at == "2016-03-01T10:00:00Z"
    assert batch.timeline == []  # only a history import asks for every state


def test_a_reopened_incident_loses_its_resolution_until_resolved_again() -> None:
    batch = read(
        event("INC0000047", 0, "New", sys_updated_at="1/3/2016 09:00", resolved_at="3/3/2016 16:00"),
        event("INC0000047", 1, "Resolved", sys_updated_at="1/3/2016 12:00", resolved_at="3/3/2016 16:00"),
        event("INC0000047", 2, "Active", sys_updated_at="2/3/2016 08:00", resolved_at="3/3/2016 16:00",
              reopen_count="1"),
        event("INC0000047", 3, "Resolved", sys_updated_at="3/3/2016 16:00", resolved_at="3/3/2016 16:00"),
    )

    assert [s[1:3] for s in states(batch)] == [
        ("open", None), ("resolved", "2016-03-01T12:00:00Z"), ("open", None), ("resolved", "2016-03-03T16:00:00Z")]


def test_the_unexplained_minus_100_state_is_read_as_open() -> None:
    batch = read(
        event("INC0000048", 0, "New", sys_updated_at="10/5/2016 22:09"),
        event("INC0000048", 1, "-100", sys_updated_at="16/6/2016 12:02"),
    )

    assert batch.rejections == []
    assert [s[1] for s in states(batch)] == ["open", "open"]
