"""Any CSV export, with a column mapping.

The mapping says which column fills which record field (dotted for nested
fields, ``schedule.start``). It comes from ``regent.yaml``
(``import.mappings.NAME``, chosen with ``--mapping NAME``), from ``--map
FIELD=COLUMN`` options, or both (the options win). A cell is converted by
the type its field has in the kind's schema: timestamps and dates are read
as ISO 8601, day/month/year with slashes or dashes (``date_order: mdy`` for
month first), with or without seconds, or in ``date_format`` (``--date-format``);
lists are split; true/false, yes/no, y/n, 1/0 become booleans; numbers take
a decimal point or comma; person fields are matched against ``people.yaml``.
Empty cells, ``?``, ``#N/B``, ``#N/A`` and ``NULL`` are missing values. The
columns no field is mapped to are named in the account.

A record's moment is the latest time among its timestamp fields; with a
history import each row with one is a state at that moment.
"""

from __future__ import annotations

from typing import Any, Mapping

from regent.evidence import schemas
from regent.evidence.importers.base import (
    Batch, Candidate, Context, ImportError_, RowProblem, bad_bytes, csv_rows, field_schema, lookup, malformed,
    person_fields, put_field,
)
from regent.evidence.importers.dates import day_reader, reader
from regent.evidence.importers.values import flag, number, present


def mapping_of(ctx: Context) -> dict[str, Any]:
    """The column mapping the options and settings give, checked before any row is read."""
    name = ctx.options.get("mapping")
    mappings = ctx.settings.get("mappings") or {}
    if name and name not in mappings:
        known = ", ".join(sorted(mappings)) or "none"
        raise ImportError_(f"no mapping {name!r} under import.mappings in regent.yaml (there: {known})")
    mapping = dict(mappings.get(name) or {}) if name else {}
    columns = dict(mapping.get("columns") or {})
    columns.update(ctx.options.get("columns") or {})
    kind = ctx.kind or mapping.get("kind")
    if not kind:
        raise ImportError_("a CSV import needs the kind of record each row is: give --kind, or kind in the mapping")
    if kind not in schemas.record_kinds():
        raise ImportError_(f"unknown record kind {kind!r} (kinds: {', '.join(schemas.record_kinds())})")
    if "id" not in columns:
        raise ImportError_("the mapping names no column for id: give --map id=COLUMN")
    constants = dict(mapping.get("constants") or {})
    constants.update(ctx.options.get("constants") or {})
    return {**mapping, "kind": kind, "columns": columns, "constants": constants}


def read(data: bytes, ctx: Context) -> Batch:
    mapping = mapping_of(ctx)
    text = ctx.text(data)
    header, rows = csv_rows(text, str(ctx.options.get("delimiter") or mapping.get("delimiter") or ","))
    missing = [c for c in mapping["columns"].values() if c not in header]
    if missing:
        raise ImportError_(f"line 1: no column {', '.join(repr(c) for c in missing)} in the header "
                           f"(columns: {', '.join(header)})")
    cell = _Cells(ctx, mapping)
    unused = [c for c in header if c and c not in set(mapping["columns"].values())]
    if unused:
        ctx.note(f"columns not used (no field is mapped to them): {', '.join(unused)}")
    batch = Batch()
    for row in rows:
        number = row.values.get(mapping["columns"]["id"]) or None
        reason = malformed(row) or bad_bytes(row.values)
        if reason:
            batch.reject(row.line, row.number, number, reason)
            continue
        try:
            record = cell.record(row.values)
        except RowProblem as problem:
            batch.reject(row.line, row.number, number, str(problem))
            continue
        candidate = Candidate(record, row.line, row.number, at=cell.moment(record))
        batch.candidates.append(candidate)
        if ctx.history and candidate.at:
            batch.timeline.append(candidate)
    return batch


class _Cells:
    def __init__(self, ctx: Context, mapping: Mapping[str, Any]) -> None:
        self.ctx = ctx
        self.kind: str = mapping["kind"]
        self.columns: Mapping[str, str] = mapping["columns"]
        self.values: Mapping[str, Mapping[str, Any]] = mapping.get("values") or {}
        self.constants: Mapping[str, Any] = mapping.get("constants") or {}
        self.separator = str(mapping.get("list_separator") or ",")
        self.date_format = ctx.options.get("date_format") or mapping.get("date_format")
        order = str(mapping.get("date_order") or "dmy")
        self.when = reader(str(ctx.settings.get("timezone") or "UTC"), self.date_format, order)
        self.day = day_reader(self.date_format, order)
        self.people = set(person_fields(self.kind))
        self.times = [f for f in self.columns if str((field_schema(self.kind, f) or {}).get("$ref", "")).endswith(
            "/timestamp")]

    def moment(self, record: Mapping[str, Any]) -> str | None:
        """The latest time the row gives in a timestamp field: when the record stood as the row shows."""
        found = []
        for field in self.times:
            node: Any = record
            for part in field.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if isinstance(node, str):
                found.append(node)
        return max(found) if found else None

    def record(self, values: Mapping[str, str]) -> dict[str, Any]:
        record: dict[str, Any] = {"kind": self.kind}
        for field, value in self.constants.items():
            put_field(record, field, value)
        problems = []
        for field, column in self.columns.items():
            text = present(values.get(column))
            if not text:
                continue
            try:
                put_field(record, field, self._convert(field, text))
            except RowProblem as problem:
                problems.append(f"{column} ({field}): {problem}")
        if problems:
            raise RowProblem("; ".join(problems))
        return record

    def _convert(self, field: str, text: str) -> Any:
        if field in self.values:
            return lookup(self.values[field], text, field, f"the mapping's values.{field}")
        spec = field_schema(self.kind, field) or {}
        if spec.get("type") == "array":
            items = [part.strip() for part in text.split(self.separator) if part.strip()]
            if field in self.people:
                return [self.ctx.person(i) for i in items]
            return items
        if field in self.people:
            return self.ctx.person(text)
        ref = str(spec.get("$ref", ""))
        if ref.endswith("/timestamp"):
            return self.when(text)
        if ref.endswith("/date") or spec.get("format") == "date":
            return self.day(text)
        kind = spec.get("type")
        if kind == "boolean":
            return flag(text, field)
        if kind in ("number", "integer"):
            value = number(text, field)
            return int(value) if kind == "integer" and value.is_integer() else value
        return text
