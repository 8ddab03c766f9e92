"""ServiceNow table exports: ``change_request``, ``incident``, ``problem``, ``cmdb_ci`` and
``sysapproval_approver``.

Read as JSON (the Table API's ``{"result": [...]}``, the JSONv2 export's
``{"records": [...]}``, or a bare list) or as CSV (a list export, with field
names or the usual column labels as headers). A field may be a plain value,
the Table API's default ``{"link", "value"}`` reference or the
``{"display_value", "value"}`` pair of ``sysparm_display_value=all``: see
:mod:`evidence.importers.servicenow_fields`, which also says how the columns
without a Regent field are kept under ``servicenow`` in the record and
reported. The numeric state, risk, impact, priority and status codes (or
their labels, ``3 - Moderate``) go through the tables under
``import.servicenow`` in ``regent.yaml``, which ship with the out-of-the-box
codes. Times are ServiceNow's ``yyyy-MM-dd HH:mm:ss`` (hours in one digit in
a list export too), or day first with slashes or dashes; ``--date-format``
names an instance's own format.

An instance that keeps a field in a column of its own (a change's stage in
``u_stage`` instead of ``state``) says so with ``--map state=u_stage`` or
``import.columns.servicenow`` in ``regent.yaml``. A field a record needs and
the export lacks (a CMDB list export has no owner or environment) is given
with ``--set owner=it-ops`` or ``import.defaults.configuration_item``; the
account says how many records each default filled.

Which kind a row is: ``--kind``, else its ``sys_class_name``, else the
prefix of its number (CHG, INC, PRB). A configuration item's id is its name,
because that is how changes and incidents name it (``cmdb_ci``), unless the
name repeats in the export (a CMDB holds 173 CIs called ``MacBook Pro
17"``): then its ``sys_id``, else its ``number``, else its asset tag, else
its serial number, else its name and creation time (``iTunes (2006-02-07
14:35:25)``: ``sys_created_on`` never changes, so a re-import finds it
again). Rows that even so share a key are all rejected, since nothing tells
them apart (the account says to export the ``sys_id`` column). Names are read
without the surrounding white space (some hold a trailing newline).

A record's moment is its ``sys_updated_on``. With a history import an
incident or problem also has a state at ``opened_at`` (else
``sys_created_on``) when that is earlier: open, with none of the resolution
or closure times; its other fields are those of the export, which holds no
older values.

A ``sysapproval_approver`` row (it has ``sysapproval`` and ``approver``) is a
decision on a change: approved and rejected ones are added to the approvals
of the change the repository already holds, dated by ``sys_updated_on`` (the
export has no other time for the decision); rows with no decision yet are
skipped. Whoever commits imported approvals is not their approver, so the
provenance check flags them unless that person holds a ``roles.recorders``
role in ``regent.yaml``.

A row is rejected with every reason it has.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from regent.evidence import schemas
from regent.evidence.importers.base import (
    Batch, Candidate, Context, Row, RowProblem, bad_bytes, csv_rows, gather, json_records, malformed, put_field,
)
from regent.evidence.importers.servicenow_fields import Fields
from regent.evidence.importers.servicenow_records import Builder

# Column labels of a list export, as field names.
_LABELS = {
    "number": "number", "short description": "short_description", "state": "state", "type": "type",
    "risk": "risk", "impact": "impact", "priority": "priority", "requested by": "requested_by",
    "opened by": "opened_by", "opened": "opened_at", "assigned to": "assigned_to",
    "configuration item": "cmdb_ci", "service": "business_service", "business service": "business_service",
    "planned start date": "start_date", "planned end date": "end_date", "actual start": "work_start",
    "actual end": "work_end", "implementation plan": "implementation_plan", "backout plan": "backout_plan",
    "test plan": "test_plan", "closed": "closed_at", "close code": "close_code", "resolved": "resolved_at",
    "problem": "problem_id", "caused by change": "caused_by", "change request": "rfc", "workaround": "workaround",
    "cause notes": "cause_notes", "known error": "known_error", "name": "name", "class": "sys_class_name",
    "owned by": "owned_by", "managed by": "managed_by", "environment": "environment",
    "install status": "install_status", "business criticality": "busines_criticality",
    "attested date": "attested_date", "asset tag": "asset_tag", "tag": "asset_tag", "serial number": "serial_number",
    "updated": "sys_updated_on", "created": "sys_created_on",
}
_TABLES = {"change_request": "change", "incident": "incident", "problem": "problem"}
_PREFIXES = {"CHG": "change", "INC": "incident", "PRB": "problem"}
_CI_KEYS = ("sys_id", "number", "asset_tag", "serial_number")


def read(data: bytes, ctx: Context) -> Batch:
    text = ctx.text(data)
    if text.lstrip().startswith(("{", "[")):
        rows = [Row(item if isinstance(item, dict) else {"": "\x00not an object"}, line, n)
                for n, (item, line) in enumerate(json_records(text), 1)]
    else:
        header, found = csv_rows(text, str(ctx.options.get("delimiter") or ","))
        names = {h: _LABELS.get(h.casefold(), h.casefold().replace(" ", "_")) for h in header}
        rows = [Row({names.get(k, k): v for k, v in row.values.items()}, row.line, row.number) for row in found]
    columns = {**(ctx.settings.get("columns") or {}).get("servicenow", {}), **(ctx.options.get("columns") or {})}
    batch = Batch()
    builder = Builder(ctx)
    named = Counter(Fields(row.values).text("name") for row in rows if _ci_like(row.values))
    keyed = Counter(_ci_key(Fields(row.values), named) for row in rows if _ci_like(row.values))
    decisions: dict[str, Candidate] = {}
    kept: dict[str, None] = {}
    unnamed: Counter[str] = Counter()
    filled: Counter[str] = Counter()
    unkeyed = 0
    absent: Counter[str] = Counter()
    for row in rows:
        fields = Fields(row.values, columns)
        approval = _is_approval(fields)
        number = (fields.text("sysapproval") if approval else fields.text("number") or fields.text("name")) or None
        reason = malformed(row) or bad_bytes(row.values)
        if reason:
            batch.reject(row.line, row.number, number, reason)
            continue
        try:
            if approval:
                entry = builder.decision(fields)
                if entry is None:
                    batch.skipped.append("approvals with no decision yet")
                    continue
                document = _document(fields)
                decisions.setdefault(document, Candidate({"kind": "change", "id": document, "approvals": []},
                                                         row.line, row.number, extends="approvals"))
                decisions[document].record["approvals"].append(entry)
                continue
            kind = _kind(fields, ctx.kind)
        except RowProblem as problem:
            batch.reject(row.line, row.number, number, str(problem))
            continue
        problems: list[str] = []
        key = gather(problems, _unique_key, fields, named, keyed) if kind == "configuration_item" else None
        unkeyed += bool(problems)
        record = gather(problems, builder.build, kind, fields, key)
        if record is not None:
            filled.update(_defaults(record, ctx))
            lacking = _lacking(record)
            absent.update(lacking)
            problems += [f"{name}: required, and the row gives none (give it with --set {name}=VALUE or "
                         f"import.defaults.{kind}.{name} in regent.yaml)" for name in lacking]
        if problems or record is None:
            batch.reject(row.line, row.number, number, "; ".join(problems))
            continue
        kept.update(dict.fromkeys(k for k in record.get("servicenow", {}) if k != "sys_id" and k not in fields.unnamed))
        unnamed.update(fields.unnamed.keys())
        candidate = Candidate(record, row.line, row.number, at=builder.moment(fields),
                              actor=builder.actor(fields) if ctx.history else None)
        batch.candidates.append(candidate)
        if ctx.history:
            batch.timeline += builder.states(record, fields, candidate)
    batch.candidates.extend(decisions.values())
    _account(ctx, kept, unnamed, filled, unkeyed)
    if absent:
        ctx.note("records rejected for a required field the export does not give: "
                 + ", ".join(f"{name} ({count})" for name, count in absent.most_common())
                 + "; give a value for all with --set FIELD=VALUE or import.defaults in regent.yaml")
    return batch


def _ci_like(values: Mapping[str, Any]) -> bool:
    table = str(Fields(values).code("sys_class_name"))
    return "number" not in values or table.startswith("cmdb_ci") or not str(values.get("number") or "")


def _ci_key(fields: Fields, names: Counter[str]) -> str | None:
    """The id of a configuration item whose name repeats in the export (None when the name is
    unique): its sys_id, number, asset tag or serial number, else its name and creation time."""
    name = fields.text("name")
    if names[name] <= 1:
        return None
    for column in _CI_KEYS:
        value = fields.code(column)
        if value:
            return value
    created = fields.code("sys_created_on")
    return f"{name} ({created})" if created else name


def _unique_key(fields: Fields, names: Counter[str], keys: Counter[str | None]) -> str | None:
    """:func:`_ci_key`, unless another row of the export has the same: then nothing tells them apart."""
    key = _ci_key(fields, names)
    if key is not None and keys[key] > 1:
        name = fields.text("name")
        raise RowProblem(f"name {name!r} is not unique in this export ({names[name]} rows) and {keys[key]} of them "
                         "have no sys_id, number, asset tag or serial number and the same creation time, so "
                         "nothing tells them apart: export the sys_id column too")
    return key


def _lacking(record: Mapping[str, Any]) -> list[str]:
    """The required fields of the record's kind that it has no value for."""
    required = schemas.schema(str(record["kind"])).get("required") or []
    return [name for name in required if record.get(name) in (None, "", [])]


def _defaults(record: dict[str, Any], ctx: Context) -> list[str]:
    """Fill the fields the export gave no value for from --set and import.defaults; the fields filled."""
    given = {**(ctx.settings.get("defaults") or {}).get(str(record["kind"]), {}),
             **(ctx.options.get("constants") or {})}
    filled = []
    for field, value in given.items():
        node: Any = record
        for part in field.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node in (None, "", []):
            put_field(record, field, value)
            filled.append(f"{field}={value}")
    return filled


def _account(ctx: Context, kept: Mapping[str, None], unnamed: Counter[str], filled: Counter[str],
             unkeyed: int) -> None:
    if unnamed:
        fields = ", ".join(f"{name} ({count})" for name, count in unnamed.most_common())
        ctx.note(f"references exported as sys_ids only, not read as names (kept under servicenow): {fields}; "
                 "export with sysparm_display_value=all (Table API) or as a list export with display values")
    if filled:
        ctx.note("defaults given to records the export gives no value for: "
                 + ", ".join(f"{what} ({count} records)" for what, count in filled.most_common()))
    if unkeyed:
        ctx.note(f"{unkeyed} configuration items share a name with others and carry nothing else to tell them "
                 "apart: export the sys_id column too")
    if kept:
        ctx.note(f"columns without a Regent field, kept under servicenow in the records: {', '.join(kept)}")


def _is_approval(fields: Fields) -> bool:
    """A row of ``sysapproval_approver``: a decision on a change, added to the change's approvals."""
    return fields.code("sys_class_name") == "sysapproval_approver" or (
        bool(fields.text("sysapproval")) and bool(fields.text("approver")))


def _document(fields: Fields) -> str:
    document = fields.text("sysapproval")
    if not document:
        raise RowProblem("sysapproval is empty: the approval names no change")
    if not document.upper().startswith("CHG"):
        raise RowProblem(f"sysapproval {document!r} is not a change number: only changes' approvals are read")
    return document


def _kind(fields: Fields, given: str | None) -> str:
    if given:
        return given
    table = fields.code("sys_class_name")
    if table in _TABLES:
        return _TABLES[table]
    if table.startswith("cmdb_ci"):
        return "configuration_item"
    prefix = fields.text("number")[:3].upper()
    if prefix in _PREFIXES:
        return _PREFIXES[prefix]
    if not fields.text("number") and fields.text("name"):
        return "configuration_item"  # a CMDB list export: a name and a class label, no number
    raise RowProblem("cannot tell the record kind (no sys_class_name, number not CHG/INC/PRB); give --kind")
