"""JSON Schemas for every record kind, ``people.yaml`` and ``regent.yaml``.

The schemas under ``evidence/schemas/`` are the machine form of the record
contract. A validation problem comes back as a field path and a reason, so
the caller can name the line.

``jsonschema`` (draft 2020-12) is the authority on what is valid and says
why. It takes over a millisecond for a typical record, though, so each schema
is also compiled to Python with ``fastjsonschema`` (some 50 times faster),
which answers first: only a record it rejects is handed to ``jsonschema``
for the reasons. The tests hold the two to the same verdict on every example.
"""

from __future__ import annotations

import copy
import hashlib
import re
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

import fastjsonschema
import orjson

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(str(resources.files("regent.evidence") / "schemas"))
PEOPLE = "people"
CONFIG = "regent_config"
_NOT_KINDS = {PEOPLE, CONFIG}


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    return {path.stem: orjson.loads(path.read_bytes()) for path in sorted(SCHEMA_DIR.glob("*.json"))}


def _calendar_date(value: object) -> bool:
    """Whether a string's first ten characters are a day the calendar has (not 2026-02-30).
    The schemas' patterns judge the rest of a date or timestamp; other values pass here."""
    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


# The formats the schemas name, each judged the same way by both validators.
FORMATS: Mapping[str, Callable[[object], bool]] = {"date": _calendar_date, "date-time": _calendar_date}


@cache
def _validators() -> dict[str, Draft202012Validator]:
    # Imported here: jsonschema's import costs a second at every start (its format checkers build
    # grammars), and only a record the compiled schema rejects needs its messages.
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return {name: Draft202012Validator(schema, format_checker=checker) for name, schema in _schemas().items()}


@cache
def _compiled() -> dict[str, Callable[[Any], Any]]:
    return {
        # fastjsonschema rewrites the references of the document it is given: give it a copy.
        name: fastjsonschema.compile(copy.deepcopy(schema), use_default=False, formats=dict(FORMATS))
        for name, schema in _schemas().items()
    }


def schema(name: str) -> Mapping[str, Any]:
    """The named schema's document, as shipped (do not modify it)."""
    return _schemas()[name]


def is_valid(schema: str, value: Any) -> bool:
    """The fast verdict: whether ``value`` matches the named schema."""
    try:
        _compiled()[schema](value)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def record_kinds() -> tuple[str, ...]:
    return tuple(sorted(name for name in _schemas() if name not in _NOT_KINDS))


@cache
def digest() -> str:
    """A digest of every schema: parsed-record caches are only valid for one."""
    h = hashlib.sha256()
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        h.update(path.name.encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()


def problems(schema: str, value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each way ``value`` breaks the named schema, as (field path, reason), in field order."""
    if is_valid(schema, value):
        return
    validator = _validators()[schema]
    errors = sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        yield tuple(error.absolute_path), _reason(error)


def _reason(error: Any) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    message = str(error.message)
    if error.validator == "format" and error.validator_value in FORMATS:
        message = f"{error.instance!r} names a day the calendar does not have"
    if len(message) > 200:
        message = message[:197] + "..."
    return f"{where}: {message}" if where else message


_REQUIRED = re.compile(r"^(?:\S+: )?'([^']+)' is a required property$")


def missing_field(path: tuple[str | int, ...], reason: str) -> str | None:
    """The dotted field a :func:`problems` entry says is missing, or None when it says something else."""
    match = _REQUIRED.match(reason)
    return ".".join([*map(str, path), match.group(1)]) if match else None


def setting(path: str) -> tuple[str, Any] | None:
    """The description and default of a regent.yaml setting named by its dotted path
    (``thresholds.restore_test_days``); None when the schema does not describe it."""
    node: Mapping[str, Any] = _schemas()[CONFIG]
    for part in path.split("."):
        node = (node.get("properties") or {}).get(part)  # type: ignore[assignment]
        if node is None:
            return None
    return str(node.get("description", "")), node.get("default")
