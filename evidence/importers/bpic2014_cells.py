"""The cells of a BPI Challenge 2014 row: read as the published files write them, with the problems found.

See :mod:`evidence.importers.bpic2014`.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Callable, Mapping

from regent.evidence.importers.base import RowProblem, bad_bytes, gather, lookup
from regent.evidence.importers.values import number, present

Clock = Callable[[str], str]
Values = Mapping[str, str]
YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}


@cache
def key(column: str) -> str:
    """A column name as it is matched: without regard to case or repeated spaces."""
    return " ".join(column.split()).casefold()


class Cells(dict[str, str]):
    """A row's cells by folded column name, and the problems found in reading them."""

    problems: list[str]
    read: set[str]  # the (folded) columns a field was read from

    def __init__(self, cells: Mapping[str, str]) -> None:
        super().__init__(cells)
        self.problems = []
        self.read = set()

    def settle(self) -> None:
        """Reject the row with every reason found, if any."""
        if self.problems:
            raise RowProblem("; ".join(dict.fromkeys(self.problems)))


def code(tables: Mapping[str, Any], column: str, value: str, kind: str, v: Cells) -> Any:
    if not value:
        v.problems.append(f"{column} is empty")
        return None
    return gather(v.problems, lambda: lookup(tables.get(column, {}), value, column, f"import.bpic2014.{kind}.{column}"))


def extras(v: Cells, spec: tuple[tuple[str, str, Callable[[Cells, str], Any]], ...]) -> dict[str, Any]:
    """The columns without a Regent field, by the names given, converted; empty ones left out."""
    out: dict[str, Any] = {}
    for name, column, convert in spec:
        value = convert(v, column)
        if value is not None and value != "":
            out[name] = value
    return out


def cell(v: Values, column: str) -> str:
    """A cell's text; empty for a missing marker (``#N/B``)."""
    if isinstance(v, Cells):
        v.read.add(key(column))
    return present(v.get(key(column))) or ""


def time(v: Cells, column: str, at: Clock) -> str | None:
    text = cell(v, column)
    if not text:
        return None
    try:
        return at(text)
    except RowProblem as exc:
        v.problems.append(f"{column}: {exc}")
        return None


def span(start: str | None, end: str | None) -> dict[str, str]:
    return {k: t for k, t in (("start", start), ("end", end)) if t}


def flag(v: Cells, column: str) -> bool | None:
    text = cell(v, column).casefold()
    if not text:
        return None
    if text in YES or text in NO:
        return text in YES
    v.problems.append(f"{column}: {cell(v, column)!r} is neither Y nor N")
    return None


def count(v: Cells, column: str) -> int | None:
    text = cell(v, column)
    if not text:
        return None
    if not text.isdigit():
        v.problems.append(f"{column}: {text!r} is not a whole number")
        return None
    return int(text)


def hours(v: Cells, column: str) -> float | None:
    text = cell(v, column)
    return gather(v.problems, lambda: number(text, column)) if text else None


def shown(text: str) -> str:
    """A value as it can be printed: bytes that are not UTF-8 become replacement characters."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").strip()


def not_utf8(values: Values) -> str | None:
    """Why a row is not UTF-8, or None; rows that are (nearly all) are told apart at C speed."""
    try:
        "".join(values.values()).encode("utf-8")
    except UnicodeEncodeError:
        return bad_bytes(values)
    return None
