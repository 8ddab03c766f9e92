"""The UCI "Incident management process enriched event log" (a ServiceNow audit trail), as CSV.

Each row is one event in the life of an incident: its fields as they stood
after that update. The incident's record is its *last* event: the one with
the highest ``sys_mod_count``, the later row on a tie. ``?`` stands for an
empty value. Times are written day/month/year (``29/2/2016 01:16``, also
with seconds) in the ``import.timezone`` of ``regent.yaml``.

An incident is written with:

- ``id`` ← ``number``; ``status`` ← ``incident_state`` and ``priority`` ←
  ``priority`` (``2 - High``), through ``import.servicenow.incident.state``
  and ``.priority`` of ``regent.yaml``;
- ``opened`` / ``resolved`` / ``closed`` ← ``opened_at`` / ``resolved_at`` /
  ``closed_at`` (an event without ``opened_at`` is rejected);
- ``configuration_items`` ← ``cmdb_ci``; ``assigned_to`` ← ``assigned_to``,
  as the people.yaml person of that name, else an id made from it
  (``Resolver 143`` → ``resolver-143``); ``problem`` ← ``problem_id``;
  ``caused_by_change`` ← ``caused_by``, else ``rfc``;
- ``title``: ``category / subcategory / u_symptom``, those of them present
  (``Incident <number>`` when none is).

Every other column is kept under ``uci`` in the record (``caller_id``,
``made_sla``, ``reassignment_count``, ``sys_updated_at``, ``rfc``, ...), as a
boolean, a whole number or a timestamp where it holds one.

Every event is read, so a malformed one (wrong column count, a byte that is
not UTF-8, an unknown state or priority code, a bad date) is rejected with
its line whichever incident it belongs to. When the rejected event is its
incident's last one, that incident is not imported at all, and the
rejection says so: an older event would show a state the incident has
since left. An event whose ``sys_mod_count`` cannot be read might be the
last one, so it counts as last. A row that cannot be split into columns
names no incident, and is rejected on its own.

Some events of the published log carry ``incident_state`` ``-100``, a value
the log does not explain. It is not in the shipped table, so such events are
rejected (and with them any incident whose last event it is) until an
organisation decides what it means and maps it under
``import.servicenow.incident.state``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, Callable, Mapping

from regent.evidence.importers.base import (
    Batch, Candidate, Context, ImportError_, Row, RowProblem, bad_bytes, csv_rows, decode, lookup, malformed,
)

Clock = Callable[[str, "str | None"], str]
Values = Mapping[str, str]

MISSING = "?"
_NEEDED = ("number", "incident_state", "sys_mod_count", "opened_at", "priority")
_MINUTES, _SECONDS = "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"
_TRUE = {"true", "t", "yes", "1"}
_FALSE = {"false", "f", "no", "0"}


def read(data: bytes, ctx: Context) -> Batch:
    """The incidents of a UCI incident event log, each as its last event left it."""
    if ctx.kind not in (None, "incident"):
        raise ImportError_(f"the UCI incident event log holds incidents, not {ctx.kind} records")
    header, rows = csv_rows(decode(data, ctx.encoding), ",")
    missing = [c for c in _NEEDED if c not in header]
    if missing:
        raise ImportError_(f"line 1: the UCI incident event log has the columns {', '.join(_NEEDED)} (and others); "
                           f"this file has no {', '.join(missing)}; is it comma-separated?")
    at = cache(ctx.now())  # the events of one incident repeat its times
    batch = Batch()
    last: dict[str, _Event] = {}
    failed: list[_Event] = []
    for row in rows:
        number = _value(row.values, "number")
        problem = malformed(row) or _unnamed(number)
        if problem or number is None:
            batch.reject(row.line, row.number, None, problem or "")
            continue
        event = _Event(number, _rank(row), row)
        try:
            problem = _not_utf8(row.values)
            if problem:
                raise RowProblem(problem)
            event.record = _incident(row.values, ctx, at)
        except RowProblem as exc:
            event.problem = str(exc)
            failed.append(event)
        current = last.get(number)
        if current is None or event.rank >= current.rank:
            last[number] = event
    for event in failed:
        reason = str(event.problem)
        if last[event.number] is event:
            reason += (f"; this is the last event of {event.number}, so {event.number} is not imported (its "
                       "older events would show a state it has since left)")
        batch.reject(event.row.line, event.row.number, event.number, reason)
    for event in last.values():
        if event.record is not None:
            batch.candidates.append(Candidate(event.record, event.row.line, event.row.number))
    return batch


@dataclass
class _Event:
    """One row of the log: the incident it is about, where it ranks among that incident's events,
    and the record it makes or why it makes none."""

    number: str
    rank: tuple[float, int]
    row: Row
    record: dict[str, Any] | None = None
    problem: str | None = None


def _unnamed(number: str | None) -> str | None:
    """Why an event cannot be told apart by its incident number, or None."""
    if number is None:
        return "number is empty: the event names no incident"
    return bad_bytes({"number": number})


def _rank(row: Row) -> tuple[float, int]:
    count = _value(row.values, "sys_mod_count")
    return (float(count) if count is not None and count.isdigit() else math.inf), row.number


def _incident(v: Values, ctx: Context, at: Clock) -> dict[str, Any]:
    tables = ctx.settings.get("servicenow", {}).get("incident", {})
    number = str(_value(v, "number"))
    opened = _time(v, "opened_at", at)
    if opened is None:
        raise RowProblem("opened_at is empty: an incident needs the time it was logged")
    parts = [p for p in (_value(v, "category"), _value(v, "subcategory"), _value(v, "u_symptom")) if p]
    record: dict[str, Any] = {
        "kind": "incident",
        "id": number,
        "title": " / ".join(parts) if parts else f"Incident {number}",
        "priority": _code(tables, v, "priority"),
        "status": _code(tables, v, "incident_state", "state"),
        "opened": opened,
    }
    for name, column in (("resolved", "resolved_at"), ("closed", "closed_at")):
        moment = _time(v, column, at)
        if moment:
            record[name] = moment
    ci = _value(v, "cmdb_ci")
    if ci:
        record["configuration_items"] = [ci]
    assignee = _value(v, "assigned_to")
    if assignee:
        record["assigned_to"] = ctx.person(assignee)
    problem = _value(v, "problem_id")
    if problem:
        record["problem"] = problem
    change = _value(v, "caused_by") or _value(v, "rfc")
    if change:
        record["caused_by_change"] = change
    when = partial(_time, at=at)
    extra: dict[str, Any] = {}
    for name, convert in (
        ("active", _flag), ("reassignment_count", _count), ("reopen_count", _count), ("sys_mod_count", _count),
        ("made_sla", _flag), ("caller_id", _value), ("opened_by", _value), ("sys_created_by", _value),
        ("sys_created_at", when), ("sys_updated_by", _value), ("sys_updated_at", when),
        ("contact_type", _value), ("location", _value), ("category", _value), ("subcategory", _value),
        ("u_symptom", _value), ("impact", _value), ("urgency", _value), ("assignment_group", _value),
        ("knowledge", _flag), ("u_priority_confirmation", _flag), ("notify", _value), ("rfc", _value),
        ("vendor", _value), ("closed_code", _value), ("resolved_by", _value),
    ):
        value = convert(v, name)
        if value is not None:
            extra[name] = value
    if extra:
        record["uci"] = extra
    return record


# -- values ----------------------------------------------------------------------------------


def _value(v: Values, column: str) -> str | None:
    text = v.get(column, "").strip()
    return None if text in ("", MISSING) else text


def _code(tables: Mapping[str, Any], v: Values, column: str, table: str | None = None) -> Any:
    text = _value(v, column)
    if text is None:
        raise RowProblem(f"{column} is empty")
    name = table or column
    return lookup(tables.get(name, {}), text, column, f"import.servicenow.incident.{name}")


def _time(v: Values, column: str, at: Clock) -> str | None:
    text = _value(v, column)
    if text is None:
        return None
    try:
        return at(text, _SECONDS if text.count(":") == 2 else _MINUTES)
    except RowProblem:
        raise RowProblem(f"{column}: {text!r} is not a date and time written day/month/year hours:minutes") from None


def _flag(v: Values, column: str) -> bool | None:
    text = _value(v, column)
    if text is None:
        return None
    if text.casefold() in _TRUE | _FALSE:
        return text.casefold() in _TRUE
    raise RowProblem(f"{column}: {text!r} is neither true nor false")


def _count(v: Values, column: str) -> int | None:
    text = _value(v, column)
    if text is None:
        return None
    if not text.isdigit():
        raise RowProblem(f"{column}: {text!r} is not a whole number")
    return int(text)


def _not_utf8(values: Values) -> str | None:
    """Why a row is not UTF-8, or None; rows that are (nearly all) are told apart at C speed."""
    try:
        "".join(values.values()).encode("utf-8")
    except UnicodeEncodeError:
        return bad_bytes(values)
    return None
