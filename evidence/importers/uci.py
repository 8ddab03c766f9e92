"""The UCI "Incident management process enriched event log" (a ServiceNow audit trail), as CSV.

Each row is one event in the life of an incident: its fields as they stood
after that update, at ``sys_updated_at``, by ``sys_updated_by``. The
incident's record is its *last* event: the one with the highest
``sys_mod_count``, the later row on a tie. ``?`` stands for an empty value.
Times are written day first (``29/2/2016 01:16`` as published,
``29-02-2016 01:16`` after a round trip through Excel, with or without
seconds; ``--date-format`` names another shape) in the ``import.timezone``
of ``regent.yaml``; booleans are ``true``/``false`` in any case.

An incident is written with:

- ``id`` ← ``number``; ``status`` ← ``incident_state`` and ``priority`` ←
  ``priority`` (``2 - High``), through ``import.servicenow.incident.state``
  and ``.priority`` of ``regent.yaml``;
- ``opened`` ← ``opened_at`` (an event without it is rejected);
- ``resolved`` / ``closed``: every event row of the published log repeats
  the incident's *final* ``resolved_at`` / ``closed_at``, even while it is
  still open. A state carries them only where they had happened: ``resolved``
  when the state is resolved or closed, ``closed`` when it is closed, each
  the column's time when that is not after the event, else the time of the
  event that brought the incident into that status (the first of its latest
  run of resolved or closed events);
- ``configuration_items`` ← ``cmdb_ci``; ``assigned_to`` ← ``assigned_to``,
  as the people.yaml person of that name, else an id made from it
  (``Resolver 143`` → ``resolver-143``); ``problem`` ← ``problem_id``;
  ``caused_by_change`` ← ``caused_by`` (the change that caused it);
- ``uci.resolved_by`` and ``uci.closed_code``, which the log also repeats
  from the incident's end, only on resolved and closed states;
- ``title``: ``category / subcategory / u_symptom``, those of them present
  (``Incident <number>`` when none is).

``rfc`` is the change raised to *fix* the incident; an incident record has
no field for that (a problem's ``fix_change`` is one), so it is kept under
``uci`` with every other column (``caller_id``, ``made_sla``,
``reassignment_count``, ``sys_updated_at``, ...), as a boolean, a whole
number or a timestamp where it holds one. It is never read as the cause.

The ``-100`` state: five events of the published log (two incidents) carry
``incident_state`` ``-100``, a value the log does not explain. Every one of
them has ``active`` true and comes before the incident's resolution, between
``Active`` and ``Resolved`` events; it is read as ``open``. An organisation
that knows better maps ``-100`` under ``import.servicenow.incident.state``,
which wins.

With a history import every event that could be read is also a state of the
incident's timeline, at its ``sys_updated_at`` and by its ``sys_updated_by``.

Every event is read, so a malformed one (wrong column count, an unknown
state or priority code, a bad date) is rejected with its line whichever
incident it belongs to, with every reason it has. When the rejected event is
its incident's last one, that incident is not imported at all, and the
rejection says so: an older event would show a state the incident has since
left. An event whose ``sys_mod_count`` cannot be read might be the last one,
so it counts as last. A row that cannot be split into columns names no
incident, and is rejected on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from regent.evidence.importers.base import (
    Batch, Candidate, Context, ImportError_, Row, RowProblem, bad_bytes, csv_rows, lookup, malformed,
)
from regent.evidence.importers.dates import reader

Clock = Callable[[str], str]
Values = Mapping[str, str]

MISSING = "?"
_NEEDED = ("number", "incident_state", "sys_mod_count", "opened_at", "priority")
_TRUE = {"true", "t", "yes", "1"}
_FALSE = {"false", "f", "no", "0"}
# what the published log's unexplained state means here (see the module's docstring)
UCI_STATES: Mapping[str, str] = {"-100": "open"}
# columns each event repeats from the incident's end, kept only on resolved and closed states
_FINAL_ONLY = ("resolved_by", "closed_code")
_TIMES = ("opened_at", "sys_created_at", "sys_updated_at", "resolved_at", "closed_at")
_EXTRAS: tuple[tuple[str, str], ...] = (
    ("active", "flag"), ("reassignment_count", "count"), ("reopen_count", "count"), ("sys_mod_count", "count"),
    ("made_sla", "flag"), ("caller_id", "text"), ("opened_by", "text"), ("sys_created_by", "text"),
    ("sys_created_at", "time"), ("sys_updated_by", "text"), ("sys_updated_at", "time"),
    ("contact_type", "text"), ("location", "text"), ("category", "text"), ("subcategory", "text"),
    ("u_symptom", "text"), ("impact", "text"), ("urgency", "text"), ("assignment_group", "text"),
    ("knowledge", "flag"), ("u_priority_confirmation", "flag"), ("notify", "text"), ("rfc", "text"),
    ("vendor", "text"), ("closed_code", "text"), ("resolved_by", "text"),
)
# every column the importer reads, into a field or under ``uci``
_READ = frozenset({"number", "incident_state", "opened_at", "priority", "cmdb_ci", "assigned_to", "problem_id",
                   "caused_by", "resolved_at", "closed_at", *(name for name, _ in _EXTRAS)})


def read(data: bytes, ctx: Context) -> Batch:
    """The incidents of a UCI incident event log, each as its last event left it (and, with
    ``ctx.history``, as each event left it)."""
    if ctx.kind not in (None, "incident"):
        raise ImportError_(f"the UCI incident event log holds incidents, not {ctx.kind} records")
    header, rows = csv_rows(ctx.text(data), ",")
    missing = [c for c in _NEEDED if c not in header]
    if missing:
        raise ImportError_(f"line 1: the UCI incident event log has the columns {', '.join(_NEEDED)} (and others); "
                           f"this file has no {', '.join(missing)}; is it comma-separated?")
    unused = [c for c in header if c and c not in _READ]
    if unused:
        ctx.note(f"columns not used: {', '.join(unused)}")
    at = reader(str(ctx.settings.get("timezone") or "UTC"), ctx.options.get("date_format"), "dmy")
    batch = Batch()
    events: dict[str, list[_Event]] = {}
    best: dict[str, _Event] = {}
    for row in rows:
        number = _value(row.values, "number")
        problem = malformed(row) or _unnamed(number)
        if problem or number is None:
            batch.reject(row.line, row.number, None, problem or "")
            continue
        event = _event(number, row, ctx, at)
        events.setdefault(number, []).append(event)
        if not ctx.history:  # only the last event's record is written: let the others go
            held = best.get(number)
            if held is None or event.rank >= held.rank:
                if held is not None:
                    held.record = None
                best[number] = event
            else:
                event.record = None
    for number, history in events.items():
        history.sort(key=lambda e: e.rank)
        _settle(number, history, batch, ctx.history)
    return batch


@dataclass
class _Event:
    """One row of the log: the incident it is about, where it ranks among that incident's events,
    when and by whom it was made, and the record it makes or why it makes none."""

    number: str
    rank: tuple[float, int]
    line: int
    row: int
    record: dict[str, Any] | None = None
    problem: str | None = None
    status: str | None = None
    at: str | None = None
    actor: str | None = None
    resolved_at: str | None = None
    closed_at: str | None = None


def _event(number: str, row: Row, ctx: Context, at: Clock) -> _Event:
    event = _Event(number, _rank(row), row.line, row.number)
    problems: list[str] = []
    encoding = _not_utf8(row.values)
    if encoding:
        problems.append(encoding)
    times: dict[str, str | None] = {}
    for column in _TIMES:
        try:
            times[column] = _time(row.values, column, at)
        except RowProblem as exc:
            problems.append(str(exc))
    try:
        record = _incident(row.values, ctx, times, problems)
    except RowProblem as exc:
        problems.append(str(exc))
        record = None
    if problems:
        event.problem = "; ".join(dict.fromkeys(problems))
        return event
    event.record = record
    event.status = str(record["status"]) if record else None
    event.at = times.get("sys_updated_at")
    event.resolved_at, event.closed_at = times.get("resolved_at"), times.get("closed_at")
    updater = _value(row.values, "sys_updated_by")
    event.actor = ctx.person(updater) if updater and ctx.history else None
    return event


def _settle(number: str, history: list[_Event], batch: Batch, timeline: bool) -> None:
    """The incident's states in order: times of resolution and closure where they had happened, the
    last state a candidate, every state in the timeline; rejected events reported."""
    last = history[-1]
    for event in history:
        if event.problem is not None:
            reason = event.problem
            if event is last:
                reason += (f"; this is the last event of {number}, so {number} is not imported (its "
                           "older events would show a state it has since left)")
            batch.reject(event.line, event.row, number, reason)
    if last.record is None:
        return
    entered: dict[str, str | None] = {}  # status -> the moment of the event that brought the incident there
    previous = "open"
    for event in history:
        if event.status is None:
            continue
        _finish(event, event.status, previous, entered)
        previous = event.status
        if timeline and event.record is not None and event.at is not None:
            batch.timeline.append(Candidate(event.record, event.line, event.row, at=event.at, actor=event.actor))
    batch.candidates.append(Candidate(dict(last.record), last.line, last.row, at=last.at, actor=last.actor))


def _finish(event: _Event, status: str, previous: str, entered: dict[str, str | None]) -> None:
    """Give a state the resolution and closure times it had reached by then."""
    done = status in ("resolved", "closed")
    if not done:
        entered.clear()
        extra = event.record.get("uci") if event.record is not None else None
        if isinstance(extra, dict):
            for name in _FINAL_ONLY:
                extra.pop(name, None)
        return
    if previous not in ("resolved", "closed"):
        entered["resolved"] = event.at
    if status == "closed" and previous != "closed":
        entered["closed"] = event.at
    for name, column in (("resolved", event.resolved_at), ("closed", event.closed_at)):
        if name == "closed" and status != "closed":
            continue
        moment = column if column is not None and (event.at is None or column <= event.at) else entered.get(name)
        if moment and event.record is not None:
            event.record[name] = moment


def _unnamed(number: str | None) -> str | None:
    """Why an event cannot be told apart by its incident number, or None."""
    if number is None:
        return "number is empty: the event names no incident"
    return bad_bytes({"number": number})


def _rank(row: Row) -> tuple[float, int]:
    count = _value(row.values, "sys_mod_count")
    return (float(count) if count is not None and count.isdigit() else math.inf), row.number


def _incident(v: Values, ctx: Context, times: Mapping[str, str | None], problems: list[str]) -> dict[str, Any]:
    tables = ctx.settings.get("servicenow", {}).get("incident", {})
    number = str(_value(v, "number"))
    opened = times.get("opened_at")
    if opened is None and "opened_at" not in "".join(problems):
        problems.append("opened_at is empty: an incident needs the time it was logged")
    parts = [p for p in (_value(v, "category"), _value(v, "subcategory"), _value(v, "u_symptom")) if p]
    states = {**UCI_STATES, **tables.get("state", {})}
    record: dict[str, Any] = {"kind": "incident", "id": number,
                              "title": " / ".join(parts) if parts else f"Incident {number}"}
    for name, column, table, setting in (("priority", "priority", tables.get("priority", {}), "priority"),
                                         ("status", "incident_state", states, "state")):
        try:
            record[name] = _code(table, v, column, setting)
        except RowProblem as exc:
            problems.append(str(exc))
    record["opened"] = opened
    ci = _value(v, "cmdb_ci")
    if ci:
        record["configuration_items"] = [ci]
    assignee = _value(v, "assigned_to")
    if assignee:
        record["assigned_to"] = ctx.person(assignee)
    problem = _value(v, "problem_id")
    if problem:
        record["problem"] = problem
    cause = _value(v, "caused_by")
    if cause:
        record["caused_by_change"] = cause
    extra: dict[str, Any] = {}
    for name, how in _EXTRAS:
        try:
            value = times.get(name) if how == "time" else _CONVERT[how](v, name)
        except RowProblem as exc:
            problems.append(str(exc))
            continue
        if value is not None:
            extra[name] = value
    if extra:
        record["uci"] = extra
    return record


# -- values ----------------------------------------------------------------------------------


def _value(v: Values, column: str) -> str | None:
    text = v.get(column, "").strip()
    return None if text in ("", MISSING) else text


def _code(table: Mapping[str, Any], v: Values, column: str, setting: str) -> Any:
    text = _value(v, column)
    if text is None:
        raise RowProblem(f"{column} is empty")
    return lookup(table, text, column, f"import.servicenow.incident.{setting}")


def _time(v: Values, column: str, at: Clock) -> str | None:
    text = _value(v, column)
    if text is None:
        return None
    try:
        return at(text)
    except RowProblem as exc:
        raise RowProblem(f"{column}: {exc}") from None


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


_CONVERT: Mapping[str, Callable[[Values, str], Any]] = {"flag": _flag, "count": _count, "text": _value}


def _not_utf8(values: Values) -> str | None:
    """Why a row is not UTF-8, or None; rows that are (nearly all) are told apart at C speed."""
    try:
        "".join(values.values()).encode("utf-8")
    except UnicodeEncodeError:
        return bad_bytes(values)
    return None
