"""Values as exporting tools write them: missing markers, booleans, numbers, text encodings.

- Missing: an empty cell, ``?`` (the UCI log), ``#N/B`` and ``#N/A`` (a
  spreadsheet's "not available", in Dutch and English), ``NULL``.
- ``#MULTIVALUE``: the cell stood for several values the export did not
  list (BPI Challenge 2014); it names no single one.
- Booleans: ``true``/``false`` in any case (``TRUE`` after Excel), ``yes``/
  ``no``, ``y``/``n``, ``1``/``0``.
- Numbers: ``3871,69`` (a decimal comma), ``1.234,5`` and ``1,234.5``.

Text encodings are read in :mod:`evidence.importers.charsets`.
"""

from __future__ import annotations

from regent.evidence.importers.base import RowProblem

MISSING = frozenset({"", "?", "#n/b", "#n/a", "null"})
_TRUE = frozenset({"true", "t", "yes", "y", "1"})
_FALSE = frozenset({"false", "f", "no", "n", "0"})


def present(text: str | None) -> str | None:
    """The text of a cell, or None when it is a missing marker."""
    if text is None:
        return None
    value = text.strip()
    return None if value.casefold() in MISSING else value


def flag(text: str, column: str) -> bool:
    """A boolean cell; anything else is a :class:`RowProblem`."""
    folded = text.strip().casefold()
    if folded in _TRUE or folded in _FALSE:
        return folded in _TRUE
    raise RowProblem(f"{column}: {text!r} is neither true nor false")


def number(text: str, column: str) -> float:
    """A number written with a decimal point or comma, thousands grouped or not."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in value and "." in value:
        value = value.replace(".", "").replace(",", ".") if value.rfind(",") > value.rfind(".") else (
            value.replace(",", ""))
    elif "," in value:
        value = value.replace(",", ".")
    try:
        return float(value)
    except ValueError:
        raise RowProblem(f"{column}: {text!r} is not a number") from None


def whole(text: str, column: str) -> int:
    """A whole number."""
    value = text.strip()
    if not value.isdigit():
        raise RowProblem(f"{column}: {text!r} is not a whole number")
    return int(value)
