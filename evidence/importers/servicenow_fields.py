"""One row of a ServiceNow export, read field by field.

A field comes in one of the shapes ServiceNow exports:

- a plain value (a list export, or the Table API with
  ``sysparm_display_value=false`` for a choice field): ``"3"``,
  ``"Carol Lee"``;
- ``{"link", "value"}``: the Table API's default shape for a *reference*
  field; ``value`` is the referenced record's sys_id, and no name is given;
- ``{"display_value", "value"}`` (``sysparm_display_value=all``): the code
  or sys_id in ``value``, what a person sees in ``display_value``.

Codes (state, priority, risk) are read from ``value``; references (people,
CIs, services, groups) from ``display_value``. A reference that holds only
a sys_id cannot be turned into a name: it is left out of the Regent field,
kept under ``servicenow`` in the record, and the account says once which
fields it concerned and how to export names instead.

Every column no Regent field is made from (``close_code``, ``category``,
``caller_id``, ``made_sla``, an instance's own ``u_*`` fields, ...) is kept
under ``servicenow`` in the record when it holds a value, and the account
names those columns.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

SYS_ID = re.compile(r"^[0-9a-f]{32}$")
# Fields read to build the record that say nothing a policy needs to see again under ``servicenow``.
_QUIET = frozenset({"sys_class_name", "number", "sys_id"})


class Fields:
    """One exported row. ``columns`` maps a field the importer reads to the export's column that
    holds it (an instance's ``u_stage`` for ``state``); the fields read and the references that were
    only sys_ids are remembered, for the extras and the account."""

    def __init__(self, raw: Mapping[str, Any], columns: Mapping[str, str] | None = None) -> None:
        self.raw = raw
        self.columns = columns or {}
        self.read: set[str] = set()
        self.unnamed: dict[str, str] = {}  # reference field -> the sys_id it held instead of a name

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def code(self, name: str) -> str:
        """A code, a number or a time: the value, else the display value."""
        return self._pick(name, "value")

    def text(self, name: str) -> str:
        """Free text: the display value, else the value."""
        return self._pick(name, "display_value")

    def ref(self, name: str) -> str:
        """A reference as a name: its display value; "" when the export gives only a sys_id."""
        raw = self.raw.get(self.column(name))
        self.read.add(self.column(name))
        if isinstance(raw, dict) and raw.get("display_value") in (None, ""):
            sys_id = str(raw.get("value") or "").strip()
            if sys_id:
                self.unnamed[name] = sys_id
            return ""
        text = self.text(name)
        if SYS_ID.match(text):
            self.unnamed[name] = text
            return ""
        return text

    def _pick(self, name: str, prefer: str) -> str:
        column = self.column(name)
        self.read.add(column)
        return shown(self.raw.get(column), prefer)

    def extras(self) -> dict[str, Any]:
        """The columns with a value that no Regent field was made from, and the sys_ids that could not
        be turned into names, by field name."""
        kept: dict[str, Any] = {}
        for column, raw in self.raw.items():
            if not column or column in _QUIET or column in self.read:
                continue
            value = shown(raw, "display_value")
            if value:
                kept[column] = value
        for name, sys_id in self.unnamed.items():
            kept[name] = sys_id
        return kept


def shown(value: Any, prefer: str) -> str:
    """A field's text in the shape given (see the module's docstring)."""
    if isinstance(value, dict):
        other = "value" if prefer == "display_value" else "display_value"
        value = value.get(prefer) if value.get(prefer) not in (None, "") else value.get(other)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()
