"""The BPI Challenge 2014 detail files (Rabobank ICT, HP Service Manager): changes and incidents.

Both files are ``;``-separated, with times written day first: ``dd/mm/yyyy
HH:MM:SS`` in the published files, also with dashes, without seconds or as
a bare date (``--date-format`` names another shape), in the
``import.timezone`` of ``regent.yaml``. The published files are Latin-1
(read as such when they are not UTF-8), use a decimal comma (``3871,69``),
``#N/B`` for a missing value and ``#MULTIVALUE`` where a cell stood for
several values it does not list.
Which file an export is: ``--kind``, else its header (``Change ID`` for
*Detail Change*, ``Incident ID`` for *Detail Incident*). Column names are
matched without regard to case or repeated spaces.

Both files hold one row per affected configuration item. The rows of one
change (or incident) become one record: its ``configuration_items`` are the
``CI Name (aff)`` values and its ``services`` the ``Service Component WBS
(aff)`` values, each in the order they first appear. The other columns
describe the change itself; a row that disagrees with the record's first
row on one of them is rejected, naming the column and both values, and the
first row's values are kept.

A change is written with:

- ``id`` ← ``Change ID``; ``created`` ← ``Change record Open Time`` (a row
  without it is rejected);
- ``type``: ``Emergency Change`` through ``import.bpic2014.change.Emergency
  Change`` (Y is emergency); ``normal`` when the column is empty. The
  dataset marks no change as standard, so none is imported as one;
- ``risk`` ← ``Risk Assessment`` through ``import.bpic2014.change.Risk
  Assessment``; no ``impact`` (the dataset has none);
- ``schedule`` ← ``Planned Start`` / ``Planned End``; ``implementation``
  ``started`` / ``completed`` ← ``Actual Start`` / ``Actual End``;
  ``closure.at`` ← ``Change record Close Time``, with no closure code (the
  dataset has none);
- ``status``, derived from those times: ``closed`` when the change has a
  close time, else ``implemented`` when it has an actual end, else
  ``scheduled`` when it has a planned start, else ``submitted``. Each status
  is written only with the field that shows it; ``approved`` and
  ``reviewed`` are never derived, since the dataset records no approval and
  no review;
- ``requested_by``: ``import.default_person`` (the dataset names no
  requester, approver or implementer, and holds no plans);
- ``title``: the ``Change Type`` and what it touches, e.g. "Change Component
  on application WBA000124 and 2 other CIs".

An incident is written with ``id`` ← ``Incident ID``; ``priority`` ←
``Priority`` and ``status`` ← ``Status`` through the tables under
``import.bpic2014.incident``; ``opened`` / ``resolved`` / ``closed`` ←
``Open Time`` / ``Resolved Time`` / ``Close Time``; ``caused_by_change`` ←
``Related Change`` when it names a single change (not ``#MULTIVALUE``); a
``title`` from the ``Category`` and what it touches, e.g. "Incident on
application WBA000124". With a history import an incident's timeline holds
its states at ``Open Time`` (open), ``Reopen Time`` (open again, when
given), ``Resolved Time`` (resolved) and ``Close Time`` (closed), each with
only the times reached by then; the file names no one who acted.

Columns of the header this importer does not know are named in the
account. The columns without a Regent field are kept under ``bpic2014`` in the
record (``change_type``, ``cab_approval_needed``, ``originated_from``,
``scheduled_downtime_start``, ``closure_code``, ``handle_time_hours``, ...,
and ``affected``: each affected CI with its type, subtype and service
component), converted to booleans, numbers and timestamps where the column
holds one. Policies may read them.

Each row that cannot become part of a record is rejected with its line and
every reason it has while the rest imports: one that cannot be split into
columns, holds a byte that is not UTF-8, has a time that is not one, or a
code its table does not hold (the reason names the ``regent.yaml`` setting
to map it under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from regent.evidence.importers import bpic2014_cells as cells
from regent.evidence.importers.base import Batch, Candidate, Context, ImportError_, RowProblem, csv_rows, malformed
from regent.evidence.importers.bpic2014_cells import Clock, Values
from regent.evidence.importers.dates import reader

_ID = {"change": "Change ID", "incident": "Incident ID"}
_NEEDED = {
    "change": ("Change ID", "Change record Open Time"),
    "incident": ("Incident ID", "Status", "Priority", "Open Time"),
}
# The columns that describe one affected CI; every other column describes the change or incident.
_AFFECTED = ("CI Name (aff)", "CI Type (aff)", "CI Subtype (aff)", "Service Component WBS (aff)")
_SINGLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_AFFECTED_KEYS = frozenset(cells.key(c) for c in _AFFECTED)


def read(data: bytes, ctx: Context) -> Batch:
    """The changes or incidents of a BPI Challenge 2014 detail export."""
    header, rows = csv_rows(ctx.text(data), ";")
    kind = _kind(header, ctx.kind)
    at = reader(str(ctx.settings.get("timezone") or "UTC"), ctx.options.get("date_format"), "dmy")
    build = _change if kind == "change" else _incident
    id_key = cells.key(_ID[kind])
    columns = [c for c in dict.fromkeys(header) if c and cells.key(c) not in _AFFECTED_KEYS]
    batch = Batch()
    merged: dict[str, _Merged] = {}
    used: set[str] = set()
    for row in rows:
        values = cells.Cells({cells.key(k): v for k, v in row.values.items()})
        number = cells.shown(values.get(id_key, ""))
        problem = malformed(row) or cells.not_utf8(row.values) or ("" if number else f"{_ID[kind]} is empty")
        if problem:
            batch.reject(row.line, row.number, number or None, problem)
            continue
        first = merged.get(number)
        if first is None:
            try:
                fields, what = build(values, ctx, at)
            except RowProblem as exc:
                batch.reject(row.line, row.number, number, str(exc))
                continue
            finally:
                used |= values.read
            merged[number] = first = _Merged(fields, what, values, row.line, row.number)
        else:
            # A later row that agrees with the first on every column of the record itself makes the same fields.
            clash = first.disagreement(values, columns)
            if clash:
                batch.reject(row.line, row.number, number, clash)
                continue
        first.add(values)
    unused = [c for c in dict.fromkeys(header) if c and cells.key(c) not in used and cells.key(c) not in _AFFECTED_KEYS]
    if unused and merged:
        ctx.note(f"columns not used: {', '.join(unused)}")
    for entry in merged.values():
        record = entry.record()
        moments = _moments(record)
        batch.candidates.append(Candidate(record, entry.line, entry.row, at=moments[-1][0] if moments else None))
        if ctx.history and kind == "incident":
            batch.timeline += [Candidate(state, entry.line, entry.row, at=moment) for moment, state in moments]
    return batch


def _moments(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """An incident's states at the times the file gives, each with only the times reached by then
    (a change's: its last state, at its latest time)."""
    if record["kind"] != "incident":
        times = [t for t in (record.get("created"), record.get("implementation", {}).get("completed"),
                             record.get("closure", {}).get("at")) if t]
        return [(max(times), record)] if times else []
    extra = record.get("bpic2014", {})
    steps = [(record["opened"], "open"), (extra.get("reopened"), "open"), (record.get("resolved"), "resolved"),
             (record.get("closed"), "closed")]
    timeline = sorted((m, s) for m, s in steps if m)
    states: list[tuple[str, dict[str, Any]]] = []
    for moment, status in timeline[:-1]:
        state = {k: v for k, v in record.items() if k not in ("resolved", "closed")}
        state["status"] = status
        for name in ("resolved", "closed") if status != "open" else ():
            if record.get(name) and record[name] <= moment:
                state[name] = record[name]
        if extra.get("reopened") and extra["reopened"] > moment:
            state["bpic2014"] = {k: v for k, v in extra.items() if k != "reopened"}
        states.append((moment, state))
    states.append((timeline[-1][0], record))
    return states


def _kind(header: list[str], given: str | None) -> str:
    keys = {cells.key(h) for h in header}
    if given is not None and given not in _ID:
        raise ImportError_(f"a BPI Challenge 2014 detail file holds changes or incidents, not {given} records")
    found = [k for k, column in _ID.items() if cells.key(column) in keys]
    if given is None and len(found) != 1:
        why = "both" if found else "neither"
        raise ImportError_(f"line 1: the header has {why} of the columns 'Change ID' (Detail Change) and "
                           "'Incident ID' (Detail Incident); give --kind change or --kind incident, or check that "
                           "the file is a ';'-separated BPI Challenge 2014 detail export")
    kind = given or found[0]
    missing = [c for c in _NEEDED[kind] if cells.key(c) not in keys]
    if missing:
        raise ImportError_(f"line 1: a BPI Challenge 2014 Detail {kind.capitalize()} file has the columns "
                           f"{', '.join(repr(c) for c in _NEEDED[kind])}; this one has no "
                           f"{', '.join(repr(c) for c in missing)}")
    return kind


@dataclass
class _Merged:
    """The rows of one change or incident: the fields of its first row and the CIs of all its rows."""

    fields: dict[str, Any]
    what: str
    first: Values
    line: int
    row: int
    affected: list[dict[str, str]] = field(default_factory=list)

    def disagreement(self, values: Values, columns: list[str]) -> str | None:
        clashes = [f"{column} is {values.get(cells.key(column), '')!r} here but {self.first.get(cells.key(column), '')!r} "
                   f"on line {self.line}" for column in columns
                   if values.get(cells.key(column), "") != self.first.get(cells.key(column), "")]
        if not clashes:
            return None
        return (f"this row of {self.fields['id']} disagrees with its first row: {'; '.join(clashes)}; "
                "the first row's values are kept and this row's CI is left out")

    def add(self, values: Values) -> None:
        ci = {name: values.get(cells.key(column), "") for name, column in zip(
            ("ci", "type", "subtype", "service_component"), _AFFECTED, strict=True)}
        ci = {k: v for k, v in ci.items() if v}
        if ci and ci not in self.affected:
            self.affected.append(ci)

    def record(self) -> dict[str, Any]:
        record = dict(self.fields)
        cis = list(dict.fromkeys(a["ci"] for a in self.affected if "ci" in a))
        services = list(dict.fromkeys(a["service_component"] for a in self.affected if "service_component" in a))
        if cis:
            record["configuration_items"] = cis
        if services:
            record["services"] = services
        target = _target(self.affected, cis)
        record["title"] = f"{self.what} on {target}" if target else f"{self.what} {record['id']}"
        extra = dict(record.pop("bpic2014", {}))
        if self.affected:
            extra["affected"] = self.affected
        if extra:
            record["bpic2014"] = extra
        return record


def _target(affected: list[dict[str, str]], cis: list[str]) -> str | None:
    """What a change or incident touches, in a few words: its first CI (with its type) and how many more."""
    if cis:
        first = next(a for a in affected if a.get("ci") == cis[0])
        named = f"{first['type']} {cis[0]}" if first.get("type") else cis[0]
        more = len(cis) - 1
        return named + (f" and {more} other CI{'s' if more > 1 else ''}" if more else "")
    component = next((a["service_component"] for a in affected if "service_component" in a), None)
    return f"service component {component}" if component else None


def _change(v: cells.Cells, ctx: Context, at: Clock) -> tuple[dict[str, Any], str]:
    """A change's fields from one row, and what kind of change it is (for its title)."""
    tables = ctx.settings.get("bpic2014", {}).get("change", {})
    created = cells.time(v, "Change record Open Time", at)
    if created is None and not v.problems:
        v.problems.append("Change record Open Time is empty: a change needs the time it was raised")
    planned = cells.span(cells.time(v, "Planned Start", at), cells.time(v, "Planned End", at))
    done = {"started": cells.time(v, "Actual Start", at), "completed": cells.time(v, "Actual End", at)}
    closed = cells.time(v, "Change record Close Time", at)
    status = ("closed" if closed else "implemented" if done["completed"] else
              "scheduled" if planned.get("start") else "submitted")
    emergency = cells.cell(v, "Emergency Change")
    record: dict[str, Any] = {
        "kind": "change",
        "id": cells.cell(v, "Change ID"),
        "type": cells.code(tables, "Emergency Change", emergency, "change", v) if emergency else "normal",
        "status": status,
        "requested_by": ctx.default_person,
        "created": created,
    }
    risk = cells.cell(v, "Risk Assessment")
    if risk:
        record["risk"] = cells.code(tables, "Risk Assessment", risk, "change", v)
    if planned:
        record["schedule"] = planned
    if any(done.values()):
        record["implementation"] = {k: t for k, t in done.items() if t}
    if closed:
        record["closure"] = {"at": closed}
    when = partial(cells.time, at=at)
    record["bpic2014"] = cells.extras(v, (
        ("change_type", "Change Type", cells.cell),
        ("cab_approval_needed", "CAB-approval needed", cells.flag),
        ("scheduled_downtime_start", "Scheduled Downtime Start", when),
        ("scheduled_downtime_end", "Scheduled Downtime End", when),
        ("requested_end", "Requested End Date", when),
        ("originated_from", "Originated from", cells.cell),
        ("related_interactions", "# Related Interactions", cells.count),
        ("related_incidents", "# Related Incidents", cells.count),
    ))
    v.settle()
    return record, cells.cell(v, "Change Type") or "Change"


def _incident(v: cells.Cells, ctx: Context, at: Clock) -> tuple[dict[str, Any], str]:
    """An incident's fields from one row, and what kind of call it is (for its title)."""
    tables = ctx.settings.get("bpic2014", {}).get("incident", {})
    opened = cells.time(v, "Open Time", at)
    if opened is None and not v.problems:
        v.problems.append("Open Time is empty: an incident needs the time it was logged")
    category = cells.cell(v, "Category")
    record: dict[str, Any] = {
        "kind": "incident",
        "id": cells.cell(v, "Incident ID"),
        "priority": cells.code(tables, "Priority", cells.cell(v, "Priority"), "incident", v),
        "status": cells.code(tables, "Status", cells.cell(v, "Status"), "incident", v),
        "opened": opened,
    }
    for name, column in (("resolved", "Resolved Time"), ("closed", "Close Time")):
        moment = cells.time(v, column, at)
        if moment:
            record[name] = moment
    related = cells.cell(v, "Related Change")
    single = bool(related) and _SINGLE_ID.match(related) is not None
    if single:
        record["caused_by_change"] = related
    when = partial(cells.time, at=at)
    extra = cells.extras(v, (
        ("category", "Category", cells.cell),
        ("impact", "Impact", cells.cell),
        ("urgency", "Urgency", cells.cell),
        ("km_number", "KM number", cells.cell),
        ("alert_status", "Alert Status", cells.cell),
        ("reassignments", "# Reassignments", cells.count),
        ("reopened", "Reopen Time", when),
        ("handle_time_hours", "Handle Time (Hours)", cells.hours),
        ("closure_code", "Closure Code", cells.cell),
        ("related_interactions", "# Related Interactions", cells.count),
        ("related_interaction", "Related Interaction", cells.cell),
        ("related_incidents", "# Related Incidents", cells.count),
        ("related_changes", "# Related Changes", cells.count),
    ))
    if related and not single:
        extra["related_change"] = related
    caused_by = {name: cells.cell(v, column) for name, column in (
        ("ci", "CI Name (CBy)"), ("type", "CI Type (CBy)"), ("subtype", "CI Subtype (CBy)"),
        ("service_component", "ServiceComp WBS (CBy)"))}
    if any(caused_by.values()):
        extra["caused_by_ci"] = {k: t for k, t in caused_by.items() if t}
    record["bpic2014"] = extra
    v.settle()
    return record, category[:1].upper() + category[1:] if category else "Incident"
