"""The records a ServiceNow row makes: changes, incidents, problems, configuration items, approvals.

See :mod:`evidence.importers.servicenow` for what is read from where.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from regent.evidence.importers.base import Candidate, Context, RowProblem, lookup
from regent.evidence.importers.dates import reader
from regent.evidence.importers.servicenow_fields import Fields


class Builder:
    """Turns one row's fields into a record; every problem of the row is gathered before it is
    rejected."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.when = reader(str(ctx.settings.get("timezone") or "UTC"), ctx.options.get("date_format"), "dmy")
        self.tables: Mapping[str, Mapping[str, Mapping[str, Any]]] = ctx.settings.get("servicenow") or {}
        self.kinds: Mapping[str, Callable[[Fields], dict[str, Any]]] = {
            "change": self._change, "incident": self._incident, "problem": self._problem,
            "configuration_item": self._ci,
        }
        self.problems: list[str] = []

    def build(self, kind: str, f: Fields, key: str | None = None) -> dict[str, Any]:
        if kind not in self.kinds:
            raise RowProblem(f"records of kind {kind!r} are not read from ServiceNow exports "
                             f"(kinds: {', '.join(self.kinds)})")
        self.problems = []
        record = {"kind": kind, **self.kinds[kind](f)}
        if key:
            record["id"] = key
        if self.problems:
            raise RowProblem("; ".join(dict.fromkeys(self.problems)))
        extras = f.extras()
        sys_id = f.code("sys_id")
        record["servicenow"] = {**({"sys_id": sys_id} if sys_id else {}), **extras}
        return {k: v for k, v in record.items() if v not in (None, "", [], {})}

    def moment(self, f: Fields) -> str | None:
        """When the row stood as exported: its ``sys_updated_on``."""
        return self._time(f, "sys_updated_on", quiet=True)

    def actor(self, f: Fields) -> str | None:
        name = f.text("sys_updated_by")
        return self.ctx.person(name) if name else None

    def states(self, record: dict[str, Any], f: Fields, last: Candidate) -> list[Candidate]:
        """The states a history import commits: an incident's or problem's opening, when earlier than
        its last update, and the record as exported."""
        states = [last] if last.at else []
        opened = record.get("opened")
        if record["kind"] in ("incident", "problem") and opened and last.at and opened < last.at:
            first = {k: v for k, v in record.items() if k not in ("resolved", "closed")}
            first["status"] = "open"
            states.insert(0, Candidate(first, last.line, last.row, at=opened))
        return states

    # -- values ---------------------------------------------------------------------------------

    def _code(self, kind: str, field: str, f: Fields) -> Any:
        value = f.code(field)
        if not value:
            return None
        table = (self.tables.get(kind) or {}).get(field) or {}
        try:
            return lookup(table, value, f.column(field), f"import.servicenow.{kind}.{field}")
        except RowProblem as problem:
            self.problems.append(str(problem))
            return None

    def _time(self, f: Fields, field: str, quiet: bool = False) -> str | None:
        value = f.code(field)
        if not value:
            return None
        try:
            return self.when(value)
        except RowProblem as problem:
            if not quiet:
                self.problems.append(f"{f.column(field)}: {problem}")
            return None

    def _person(self, f: Fields, *fields: str) -> str | None:
        name = next((n for n in (f.ref(field) for field in fields) if n), "")
        return self.ctx.person(name) if name else None

    def _list(self, f: Fields, field: str) -> list[str] | None:
        name = f.ref(field)
        return [name] if name else None

    def _number(self, f: Fields) -> str:
        number = f.text("number")
        if not number:
            self.problems.append("number is empty")
        return number

    def _flag(self, f: Fields, field: str) -> bool:
        return f.code(field).casefold() in ("true", "1", "yes")

    # -- kinds ----------------------------------------------------------------------------------

    def decision(self, f: Fields) -> dict[str, Any] | None:
        """An approvals entry from a ``sysapproval_approver`` row; None when it holds no decision yet.
        Its time is ``sys_updated_on``, when the row last changed: the export has no better one."""
        self.problems = []
        decision = self._code("approval", "state", f)
        approver = self._person(f, "approver")
        at = self._time(f, "sys_updated_on")
        if self.problems:
            raise RowProblem("; ".join(self.problems))
        if decision in (None, "pending"):
            return None
        if not approver or not at:
            raise RowProblem("an approval needs its approver and sys_updated_on")
        return {"by": approver, "decision": decision, "at": at}

    def _change(self, f: Fields) -> dict[str, Any]:
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
            "configuration_items": self._list(f, "cmdb_ci"),
            "services": self._list(f, "business_service"),
            "template": f.ref("std_change_producer_version") or None,
            "plan": _present({"implementation": f.text("implementation_plan"), "backout": f.text("backout_plan"),
                              "test": f.text("test_plan")}),
            "schedule": _present({"start": self._time(f, "start_date"), "end": self._time(f, "end_date")}),
            "implementation": _present({"started": self._time(f, "work_start"),
                                        "completed": self._time(f, "work_end")}),
            "closure": _present(closure or {}),
        }

    def _incident(self, f: Fields) -> dict[str, Any]:
        major = f.code("major_incident_state")
        return {
            "id": self._number(f),
            "title": f.text("short_description"),
            "priority": self._code("incident", "priority", f),
            "status": self._code("incident", "state", f),
            "opened": self._time(f, "opened_at") or self._time(f, "sys_created_on"),
            "major": True if major.casefold() == "accepted" else None,
            "services": self._list(f, "business_service"),
            "configuration_items": self._list(f, "cmdb_ci"),
            "resolved": self._time(f, "resolved_at"),
            "closed": self._time(f, "closed_at"),
            "assigned_to": self._person(f, "assigned_to"),
            "problem": f.ref("problem_id") or None,
            "caused_by_change": f.ref("caused_by") or None,
        }

    def _problem(self, f: Fields) -> dict[str, Any]:
        status = self._code("problem", "state", f)
        if status == "open" and self._flag(f, "known_error"):
            status = "known_error"
        return {
            "id": self._number(f),
            "title": f.text("short_description"),
            "status": status,
            "opened": self._time(f, "opened_at") or self._time(f, "sys_created_on"),
            "root_cause": f.text("cause_notes") or None,
            "workaround": f.text("workaround") or None,
            "fix_change": f.ref("rfc") or None,
            "resolved": self._time(f, "resolved_at"),
        }

    def _ci(self, f: Fields) -> dict[str, Any]:
        name = f.text("name")
        if not name:
            self.problems.append("name is empty: a configuration item's id is its name")
        class_name = f.code("sys_class_name")
        types = (self.tables.get("configuration_item") or {}).get("sys_class_name") or {}
        kind = types.get(class_name) or types.get(class_name.casefold()) or class_name.removeprefix("cmdb_ci_")
        verified = f.code("attested_date")[:10]
        return {
            "id": name,
            "name": name,
            "type": str(kind).casefold() or None,
            "owner": self._person(f, "owned_by", "managed_by"),
            "environment": self._code("configuration_item", "environment", f),
            "status": self._code("configuration_item", "install_status", f)
            or self._code("configuration_item", "operational_status", f),
            "criticality": self._code("configuration_item", "busines_criticality", f),
            "last_verified": verified or None,
        }


def _present(values: Mapping[str, Any]) -> dict[str, Any] | None:
    kept = {k: v for k, v in values.items() if v not in (None, "")}
    return kept or None
