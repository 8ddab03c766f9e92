"""Any CSV export, with a column mapping.

The mapping says which column fills which record field (dotted for nested
fields, ``schedule.start``). It comes from ``regent.yaml``
(``import.mappings.NAME``, chosen with ``--mapping NAME``), from ``--map
FIELD=COLUMN`` options, or both (the options win). A cell is converted by
the type its field has in the kind's schema: timestamps and dates are read
(with ``date_format`` when they are not ISO 8601), lists are split, yes/no
becomes a boolean, person fields are matched against ``people.yaml``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from regent.evidence import schemas
from regent.evidence.importers.base import (
    Batch, Candidate, Context, ImportError_, RowProblem, bad_bytes, csv_rows, decode, field_schema, lookup,
    malformed, person_fields, put_field,
)

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


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
    text = decode(data, ctx.encoding)
    header, rows = csv_rows(text, str(ctx.options.get("delimiter") or mapping.get("delimiter") or ","))
    missing = [c for c in mapping["columns"].values() if c not in header]
    if missing:
        raise ImportError_(f"line 1: no column {', '.join(repr(c) for c in missing)} in the header "
                           f"(columns: {', '.join(header)})")
    cell = _Cells(ctx, mapping)
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
        batch.candidates.append(Candidate(record, row.line, row.number))
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
        self.when = ctx.now()
        self.people = set(person_fields(self.kind))

    def record(self, values: Mapping[str, str]) -> dict[str, Any]:
        record: dict[str, Any] = {"kind": self.kind}
        for field, value in self.constants.items():
            put_field(record, field, value)
        problems = []
        for field, column in self.columns.items():
            text = values.get(column, "").strip()
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
            return self.when(text, self.date_format)
        if ref.endswith("/date") or spec.get("format") == "date":
            return self._day(text)
        kind = spec.get("type")
        if kind == "boolean":
            if text.casefold() in _TRUE | _FALSE:
                return text.casefold() in _TRUE
            raise RowProblem(f"{text!r} is not yes or no")
        if kind in ("number", "integer"):
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                raise RowProblem(f"{text!r} is not a number") from None
            return int(number) if kind == "integer" and number.is_integer() else number
        return text

    def _day(self, text: str) -> str:
        if self.date_format:
            try:
                return datetime.strptime(text, self.date_format.split(" ")[0]).date().isoformat()
            except ValueError:
                pass
        try:
            return datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            raise RowProblem(f"{text!r} is not a date (YYYY-MM-DD, or date_format)") from None
