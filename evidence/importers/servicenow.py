"""ServiceNow table exports: ``change_request``, ``incident``, ``problem``, ``cmdb_ci`` and
``sysapproval_approver``.

Read as JSON (the Table API's ``{"result": [...]}``, the JSONv2 export's
``{"records": [...]}``, or a bare list; a field may be a plain value or a
``{"value", "display_value"}`` pair) or as CSV with field names or the usual
column labels as headers. The numeric state, risk, impact, priority and
status codes go through the tables under ``import.servicenow`` in
``regent.yaml``, which ship with the out-of-the-box codes.

Which kind a row is: ``--kind``, else its ``sys_class_name``, else the
prefix of its number (CHG, INC, PRB). A configuration item's id is its name,
because that is how changes and incidents name it (``cmdb_ci``).

A ``sysapproval_approver`` row (it has ``sysapproval`` and ``approver``) is a
decision on a change: approved and rejected ones are added to the approvals
of the change the repository already holds, dated by ``sys_updated_on`` (the
export has no other time for the decision); rows with no decision yet are
skipped. Whoever commits imported approvals is not their approver, so the
provenance check flags them unless that person holds a ``roles.recorders``
role in ``regent.yaml``.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from regent.evidence.importers.base import (
    Batch, Candidate, Context, ImportError_, Row, RowProblem, bad_bytes, csv_rows, decode, json_records, lookup,
    malformed,
)

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
    "attested date": "attested_date",
}
_TABLES = {"change_request": "change", "incident": "incident", "problem": "problem"}
_PREFIXES = {"CHG": "change", "INC": "incident", "PRB": "problem"}


class _Fields:
    """One exported row, read field by field: the value for codes, the display value for references."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw

    def code(self, name: str) -> str:
        return self._pick(name, "value")

    def text(self, name: str) -> str:
        return self._pick(name, "display_value")

    def _pick(self, name: str, prefer: str) -> str:
        value = self.raw.get(name)
        if isinstance(value, dict):
            value = value.get(prefer) if value.get(prefer) not in (None, "") else value.get(
                "value" if prefer == "display_value" else "display_value")
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value).strip()


def read(data: bytes, ctx: Context) -> Batch:
    text = decode(data, ctx.encoding)
    if text.lstrip().startswith(("{", "[")):
        rows = [Row(item if isinstance(item, dict) else {"": "\x00not an object"}, line, n)
                for n, (item, line) in enumerate(json_records(text), 1)]
    else:
        header, found = csv_rows(text, str(ctx.options.get("delimiter") or ","))
        names = {h: _LABELS.get(h.casefold(), h.casefold().replace(" ", "_")) for h in header}
        rows = [Row({names.get(k, k): v for k, v in row.values.items()}, row.line, row.number) for row in found]
    batch = Batch()
    builder = _Builder(ctx)
    decisions: dict[str, Candidate] = {}
    for row in rows:
        fields = _Fields(row.values)
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
            record = builder.build(kind, fields)
        except RowProblem as problem:
            batch.reject(row.line, row.number, number, str(problem))
            continue
        batch.candidates.append(Candidate(record, row.line, row.number))
    batch.candidates.extend(decisions.values())
    return batch


def _is_approval(fields: _Fields) -> bool:
    """A row of ``sysapproval_approver``: a decision on a change, added to the change's approvals."""
    return fields.code("sys_class_name") == "sysapproval_approver" or (
        bool(fields.text("sysapproval")) and bool(fields.text("approver")))


def _document(fields: _Fields) -> str:
    document = fields.text("sysapproval")
    if not document:
        raise RowProblem("sysapproval is empty: the approval names no change")
    if not document.upper().startswith("CHG"):
        raise RowProblem(f"sysapproval {document!r} is not a change number: only changes' approvals are read")
    return document


def _kind(fields: _Fields, given: str | None) -> str:
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
    raise RowProblem("cannot tell the record kind (no sys_class_name, number not CHG/INC/PRB); give --kind")


class _Builder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.when = ctx.now()
        self.date_format = ctx.options.get("date_format")
        self.tables: Mapping[str, Mapping[str, Mapping[str, Any]]] = ctx.settings.get("servicenow") or {}
        self.kinds: Mapping[str, Callable[[_Fields], dict[str, Any]]] = {
            "change": self._change, "incident": self._incident, "problem": self._problem,
            "configuration_item": self._ci,
        }

    def build(self, kind: str, f: _Fields) -> dict[str, Any]:
        if kind not in self.kinds:
            raise RowProblem(f"records of kind {kind!r} are not read from ServiceNow exports "
                             f"(kinds: {', '.join(self.kinds)})")
        record = {"kind": kind, **self.kinds[kind](f)}
        if f.code("sys_id"):
            record["servicenow"] = {"sys_id": f.code("sys_id")}
        return {k: v for k, v in record.items() if v not in (None, "", [], {})}

    def _code(self, kind: str, field: str, f: _Fields) -> Any:
        value = f.code(field)
        if not value:
            return None
        table = (self.tables.get(kind) or {}).get(field) or {}
        return lookup(table, value, field, f"import.servicenow.{kind}.{field}")

    def _time(self, f: _Fields, field: str) -> str | None:
        value = f.code(field)
        if not value:
            return None
        try:
            return self.when(value, self.date_format)
        except RowProblem as problem:
            raise RowProblem(f"{field}: {problem}") from None

    def _person(self, f: _Fields, *fields: str) -> str | None:
        name = next((f.text(n) for n in fields if f.text(n)), "")
        return self.ctx.person(name) if name else None

    def _number(self, f: _Fields) -> str:
        number = f.text("number")
        if not number:
            raise RowProblem("number is empty")
        return number

    def decision(self, f: _Fields) -> dict[str, Any] | None:
        """An approvals entry from a ``sysapproval_approver`` row; None when it holds no decision yet.
        Its time is ``sys_updated_on``, when the row last changed: the export has no better one."""
        decision = self._code("approval", "state", f)
        if decision in (None, "pending"):
            return None
        approver = self._person(f, "approver")
        at = self._time(f, "sys_updated_on")
        if not approver or not at:
            raise RowProblem("an approval needs its approver and sys_updated_on")
        return {"by": approver, "decision": decision, "at": at}

    def _change(self, f: _Fields) -> dict[str, Any]:
        status = self._code("change", "state", f)
        closed_at = self._time(f, "closed_at")
        code = self._code("change", "close_code", f)
        closure = {"at": closed_at, "code": "cancelled" if status == "cancelled" else code} if closed_at else None
        return {
            "id": self._number(f),
            "title": f.text("short_description"),
            "type": self._code("change", "type", f),
            "status": status,
            "requested_by": self._person(f, "requested_by", "opened_by") or self.ctx.default_person,
            "created": self._time(f, "opened_at") or self._time(f, "sys_created_on"),
            "risk": self._code("change", "risk", f),
            "impact": self._code("change", "impact", f),
            "implementer": self._person(f, "assigned_to"),
            "configuration_items": [f.text("cmdb_ci")] if f.text("cmdb_ci") else None,
            "services": [f.text("business_service")] if f.text("business_service") else None,
            "template": f.text("std_change_producer_version") or None,
            "plan": _present({"implementation": f.text("implementation_plan"), "backout": f.text("backout_plan"),
                              "test": f.text("test_plan")}),
            "schedule": _present({"start": self._time(f, "start_date"), "end": self._time(f, "end_date")}),
            "implementation": _present({"started": self._time(f, "work_start"),
                                        "completed": self._time(f, "work_end")}),
            "closure": _present(closure or {}),
        }

    def _incident(self, f: _Fields) -> dict[str, Any]:
        major = f.code("major_incident_state")
        return {
            "id": self._number(f),
            "title": f.text("short_description"),
            "priority": self._code("incident", "priority", f),
            "status": self._code("incident", "state", f),
            "opened": self._time(f, "opened_at") or self._time(f, "sys_created_on"),
            "major": True if major.casefold() == "accepted" else None,
            "services": [f.text("business_service")] if f.text("business_service") else None,
            "configuration_items": [f.text("cmdb_ci")] if f.text("cmdb_ci") else None,
            "resolved": self._time(f, "resolved_at"),
            "closed": self._time(f, "closed_at"),
            "assigned_to": self._person(f, "assigned_to"),
            "problem": f.text("problem_id") or None,
            "caused_by_change": f.text("caused_by") or None,
        }

    def _problem(self, f: _Fields) -> dict[str, Any]:
        status = self._code("problem", "state", f)
        if status == "open" and f.code("known_error").casefold() in ("true", "1", "yes"):
            status = "known_error"
        return {
            "id": self._number(f),
            "title": f.text("short_description"),
            "status": status,
            "opened": self._time(f, "opened_at") or self._time(f, "sys_created_on"),
            "root_cause": f.text("cause_notes") or None,
            "workaround": f.text("workaround") or None,
            "fix_change": f.text("rfc") or None,
            "resolved": self._time(f, "resolved_at"),
        }

    def _ci(self, f: _Fields) -> dict[str, Any]:
        name = f.text("name")
        if not name:
            raise RowProblem("name is empty: a configuration item's id is its name")
        class_name = f.code("sys_class_name")
        types = (self.tables.get("configuration_item") or {}).get("sys_class_name") or {}
        verified = f.code("attested_date")[:10]
        return {
            "id": name,
            "name": name,
            "type": types.get(class_name, class_name.removeprefix("cmdb_ci_")) or None,
            "owner": self._person(f, "owned_by", "managed_by"),
            "environment": self._code("configuration_item", "environment", f),
            "status": self._code("configuration_item", "install_status", f),
            "criticality": self._code("configuration_item", "busines_criticality", f),
            "last_verified": verified or None,
        }


def _present(values: Mapping[str, Any]) -> dict[str, Any] | None:
    kept = {k: v for k, v in values.items() if v not in (None, "")}
    return kept or None


__all__ = ["read", "ImportError_"]
