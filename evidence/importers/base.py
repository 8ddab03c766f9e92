"""What every importer shares: rows in, record candidates and rejections out.

An importer reads an export and turns each row into a *candidate*: a record
in Regent's own fields, or a rejection with the row's line and the reason.
:mod:`evidence.importers.apply` then writes the candidates into the work
tree. Importers never touch files, so a dry run is the same code path.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from typing import Any, Callable, Iterator, Mapping, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from regent.evidence.errors import EvidenceError
from regent.evidence.importers import charsets


class ImportError_(EvidenceError):
    """The export as a whole cannot be read (not CSV, not JSON, no header, unknown format)."""


class RowProblem(Exception):
    """One row cannot become a record; the message says why."""


@dataclass(frozen=True)
class Rejection:
    """A row left out, with where it is in the export and why."""

    line: int
    row: int
    number: str | None
    reason: str


@dataclass
class Candidate:
    """A record built from one or more rows of the export."""

    record: dict[str, Any]
    line: int
    row: int
    # A list field whose entries are added to the record the repository already holds (which must
    # exist), entries it holds already left as they are: approvals exported apart from their change.
    extends: str | None = None
    # When the export says so: the moment (RFC 3339, UTC) the record stood as ``record`` shows it,
    # and the person id of who brought it there. A history import commits each state at its moment.
    at: str | None = None
    actor: str | None = None


@dataclass
class Batch:
    """What an importer made of an export."""

    candidates: list[Candidate] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows with nothing to record, and why
    # With ``Context.history``: every state each record passed through that the export shows, each
    # with its ``at``, in no particular order; ``candidates`` still holds each record's last state.
    timeline: list[Candidate] = field(default_factory=list)

    def reject(self, line: int, row: int, number: str | None, reason: str) -> None:
        self.rejections.append(Rejection(line, row, number, reason))


@dataclass(frozen=True)
class Row:
    """One data row: its values by column, the file line it starts on and its 1-based number."""

    values: Mapping[str, str]
    line: int
    number: int


# -- reading ---------------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None, notes: list[str] | None = None) -> str:
    """The export's text. Without an ``encoding``, UTF-8, or Windows-1252 for an export that holds
    no UTF-8 at all (see :mod:`evidence.importers.charsets`; said in ``notes``); bytes of a UTF-8
    export that are not UTF-8 are kept as surrogates, so each row that holds one can be rejected on
    its own (see :func:`bad_bytes`)."""
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError) as exc:
            raise ImportError_(f"cannot read the file as {encoding}: {exc}") from None
    text, found = charsets.text(data)
    if found != "utf-8" and notes is not None:
        notes.append("the file is not UTF-8: read as Windows-1252 (Latin-1); give --encoding if it is "
                     "another")
    return text


def bad_bytes(values: Mapping[str, Any]) -> str | None:
    """Why a row is not UTF-8 (the first column holding a byte that is not), or None."""
    for column, value in values.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) if value else ""
        for i, char in enumerate(text):
            if "\udc80" <= char <= "\udcff":
                byte = ord(char) - 0xDC00
                return (f"column '{column}' is not UTF-8 (byte 0x{byte:02x} at character {i + 1}); "
                        "export the file as UTF-8, or give --encoding (e.g. --encoding cp1252)")
    return None


def csv_rows(text: str, delimiter: str = ",") -> tuple[list[str], Iterator[Row]]:
    """The header and the data rows of a CSV export; a row's line is where it starts in the file."""
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportError_("the file is empty: a header row is expected") from None
    except csv.Error as exc:
        raise ImportError_(f"line 1: {exc}") from None
    if len(header) < 2:
        raise ImportError_(f"line 1: one column only; is the separator {delimiter!r}?")

    def rows() -> Iterator[Row]:
        number = 0
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield Row({"": f"\x00{exc}"}, start, number)
                continue
            if not any(c.strip() for c in cells):
                continue
            number += 1
            if len(cells) != len(header):
                yield Row({"": f"\x00{len(cells)} columns where the header has {len(header)}"}, start, number)
                continue
            yield Row(dict(zip(header, (c.strip() for c in cells), strict=True)), start, number)

    return header, rows()


def malformed(row: Row) -> str | None:
    """The reason a row could not even be split into columns (see :func:`csv_rows`), or None."""
    marker = row.values.get("")
    return marker[1:] if isinstance(marker, str) and marker.startswith("\x00") else None


def json_records(text: str) -> Iterator[tuple[Any, int]]:
    """The records of a JSON export and the line each starts on. Accepted: a list of records, or an
    object holding the list under ``records`` or ``result`` (the usual shapes of table exports)."""
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    try:
        whole, _ = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise ImportError_(f"line {exc.lineno}: not JSON: {exc.msg}") from None
    if isinstance(whole, dict):
        key = next((k for k in ("records", "result") if isinstance(whole.get(k), list)), None)
        if key is None:
            raise ImportError_("line 1: a JSON export holds a list of records, or an object with 'records' or "
                               "'result' holding one")
        at = re.search(r'"%s"\s*:\s*\[' % key, text)
        assert at is not None
        position = at.end()
        items = whole[key]
    elif isinstance(whole, list):
        position = start + 1
        items = whole
    else:
        raise ImportError_("line 1: a JSON export holds a list of records")
    for item in items:
        position = _skip(text, position)
        yield item, text.count("\n", 0, position) + 1
        _, position = decoder.raw_decode(text, position)
        position = _skip(text, position)


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n,":
        position += 1
    return position


# -- values ----------------------------------------------------------------------------------

_CODE_PREFIX = re.compile(r"^\s*(-?\d+)\s+-\s+")


def lookup(table: Mapping[str, Any], value: str, what: str, setting: str) -> Any:
    """Another tool's code or label as a Regent value: exact, then without regard to case, then
    the number of a "3 - Moderate" display value. An unknown one is a :class:`RowProblem` that
    says where to map it."""
    text = value.strip()
    folded = {str(k).casefold(): v for k, v in table.items()}
    for key in (text, text.casefold()):
        if key in table:
            return table[key]
        if key in folded:
            return folded[key]
    match = _CODE_PREFIX.match(text)
    if match and match.group(1) in table:
        return table[match.group(1)]
    raise RowProblem(f"{what}: unknown code {text!r} (known: {known_codes(table)}); map it under {setting} in "
                     "regent.yaml")


def known_codes(table: Mapping[str, Any]) -> str:
    """A code table as the codes each value is read from: ``open ← 1, 2, new; closed ← 7, closed``."""
    meanings: dict[str, list[str]] = {}
    for code, meaning in table.items():
        meanings.setdefault(str(meaning), []).append(str(code))
    return "; ".join(f"{meaning} ← {', '.join(sorted(codes, key=_code_order))}"
                     for meaning, codes in meanings.items()) or "none"


T = TypeVar("T")


def gather(problems: list[str], make: Callable[..., T], *args: Any) -> T | None:
    """What ``make(*args)`` returns, or None with its :class:`RowProblem` added to ``problems``: so
    that a row is rejected with every reason it has, not only the first."""
    try:
        return make(*args)
    except RowProblem as exc:
        problems.append(str(exc))
        return None


def _code_order(code: str) -> tuple[int, float, str]:
    try:
        return 0, float(code), code
    except ValueError:
        return 1, 0.0, code


def clock(zone: str) -> Callable[[str, str | None], str]:
    """A function from an export's date-time text to an RFC 3339 timestamp. Text that states no
    time zone is read in ``zone``; ``fmt`` is a strptime format, else ISO 8601 is expected."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImportError_(f"import.timezone: unknown time zone {zone!r}") from None

    def convert(text: str, fmt: str | None = None) -> str:
        value = text.strip()
        try:
            moment = datetime.strptime(value, fmt) if fmt else datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            expected = f"in the format {fmt}" if fmt else "in ISO 8601 (give the export's format with --date-format)"
            raise RowProblem(f"{value!r} is not a date and time {expected}") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    return convert


def slug(name: str) -> str:
    """A person id for a name the people file does not hold: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "unnamed"


@dataclass
class Context:
    """What an importer is given besides the export: settings, the people it may name, options."""

    settings: Mapping[str, Any]
    known_person: Callable[[str], str | None]
    kind: str | None = None
    encoding: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    history: bool = False  # fill Batch.timeline too
    names: dict[str, str] = field(default_factory=dict)  # person id written -> name in the export
    # What the account says once about the whole export: how it was read, defaults it was given,
    # the columns it holds that no field was made from, values that could not be turned into names.
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        """Say something about the export once, however many rows it concerns."""
        if text not in self.notes:
            self.notes.append(text)

    def text(self, data: bytes) -> str:
        """The export's text, read in ``encoding`` or the one it is found to be in."""
        return decode(data, self.encoding, self.notes)

    def person(self, name: str) -> str:
        """The person id for a name in the export: the people.yaml entry it matches by id, e-mail or
        name, else an id made from the name (listed afterwards so it can be added)."""
        known = self.known_person(name)
        if known:
            return known
        pid = slug(name)
        self.names.setdefault(pid, name.strip())
        return pid

    @property
    def default_person(self) -> str:
        pid = str(self.settings.get("default_person") or "unrecorded")
        if not self.known_person(pid):
            self.names.setdefault(pid, "(stands in where the export names nobody)")
        return pid

    def now(self) -> Callable[[str, str | None], str]:
        return clock(str(self.settings.get("timezone") or "UTC"))


Importer = Callable[[bytes, Context], Batch]


def put_field(record: dict[str, Any], field: str, value: Any) -> None:
    """Set a field of a record by its dotted name (``schedule.start``), making the maps on the way."""
    *parents, last = field.split(".")
    node = record
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


@cache
def person_fields(kind: str) -> tuple[str, ...]:
    """The dotted paths of a kind's fields that hold a person id, read from its schema."""
    from regent.evidence import schemas

    if kind not in schemas.record_kinds():
        return ()
    schema = schemas.schema(kind)
    defs = schema.get("$defs", {})
    found: list[str] = []

    def walk(node: Mapping[str, Any], path: str, depth: int) -> None:
        ref = str(node.get("$ref", ""))
        if ref.endswith("/person"):
            found.append(path)
            return
        if depth > 4:
            return
        if ref.startswith("#/$defs/"):
            walk(defs.get(ref.rsplit("/", 1)[1], {}), path, depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], path, depth + 1)
        for name, sub in (node.get("properties") or {}).items():
            if isinstance(sub, dict):
                walk(sub, f"{path}.{name}" if path else name, depth + 1)

    walk(schema, "", 0)
    return tuple(found)


def people_of(record: Mapping[str, Any]) -> list[str]:
    """The person ids a record names, in the fields that hold people for its kind."""
    found: list[str] = []
    for path in person_fields(str(record.get("kind"))):
        node: Any = record
        for part in path.split("."):
            node = [n.get(part) for n in node if isinstance(n, dict)] if isinstance(node, list) else (
                node.get(part) if isinstance(node, dict) else None)
        for value in node if isinstance(node, list) else [node]:
            if isinstance(value, str):
                found.append(value)
    return found


def field_schema(kind: str, field: str) -> Mapping[str, Any] | None:
    """The schema of a (dotted) field of a kind, references to shared definitions followed."""
    from regent.evidence import schemas

    if kind not in schemas.record_kinds():
        return None
    schema = schemas.schema(kind)
    defs = schema.get("$defs", {})
    node: Mapping[str, Any] = schema
    for part in field.split("."):
        node = _resolve(node, defs)
        properties = node.get("properties") or {}
        if part not in properties:
            return None
        node = properties[part]
    resolved = _resolve(node, defs)
    return {**resolved, "$ref": node.get("$ref", resolved.get("$ref", ""))}


def _resolve(node: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    for _ in range(5):
        ref = str(node.get("$ref", ""))
        if not ref.startswith("#/$defs/"):
            break
        node = defs.get(ref.rsplit("/", 1)[1], {})
    return node
