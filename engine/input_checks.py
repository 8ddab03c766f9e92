"""Checks the engine makes itself: on records that never reach the policies.

A record that cannot be read, does not match its schema or reuses an id is
not evaluated by any policy. These checks say so, with the file and line,
and map to the controls on keeping records complete and accurate.
"""

from __future__ import annotations

from typing import Mapping

from regent.engine.model import CheckInfo

_RECORD_CONTROLS: Mapping[str, tuple[str, ...]] = {
    "cobit4": ("DS11.2",),
    "cobit2019": ("DSS06.05",),
    "iso20000": ("7.5",),
    "iso17799": ("15.1.3",),
    "iso27002": ("5.33",),
}

UNREADABLE = CheckInfo(
    id="REG-INPUT-001",
    title="Record file cannot be read",
    severity="high",
    remediation="Fix the file so that it parses (UTF-8, one YAML or JSON document, no links), or move it out of the evidence folders",
    controls=_RECORD_CONTROLS,
    description="A file that looks like a record could not be read, so no check could judge it.",
    origin="engine",
)
INVALID = CheckInfo(
    id="REG-INPUT-002",
    title="Record does not match its schema",
    severity="high",
    remediation="Correct the field named in the message; the record kinds and their fields are in the record contract",
    controls=_RECORD_CONTROLS,
    description="A record is missing a required field, has a value of the wrong form, or names an unknown kind.",
    origin="engine",
)
DUPLICATE = CheckInfo(
    id="REG-INPUT-003",
    title="Record id used twice",
    severity="high",
    remediation="Give each record of a kind its own id; merge or renumber the duplicate",
    controls=_RECORD_CONTROLS,
    description="Two files declare a record of the same kind with the same id; only the first is evaluated.",
    origin="engine",
)

BY_CODE: Mapping[str, CheckInfo] = {"unreadable": UNREADABLE, "invalid": INVALID, "duplicate": DUPLICATE}
ALL: tuple[CheckInfo, ...] = (UNREADABLE, INVALID, DUPLICATE)
