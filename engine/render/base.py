"""The renderer interface."""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass

from regent.engine.model import ScanResult


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 120
    fail_on: str = "high"  # the threshold the exit code uses, for formats that say pass or fail
    by: str | None = None  # text and markdown: the business view at this level instead of the findings


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string that a spreadsheet would run as a formula
    (it starts with = + - @ or a tab or carriage return) gets a leading apostrophe. Numbers pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def printable(text: str) -> str:
    """Text safe for a terminal: control and format characters other than line breaks and tabs (an
    escape sequence in a record id, a bell, a right-to-left override) are shown as ``\\xNN`` or
    ``\\uNNNN`` instead of acting on the terminal."""
    if text.isprintable():
        return text
    return "".join(_visible(c) for c in text)


def _visible(char: str) -> str:
    if char in "\n\t" or not unicodedata.category(char).startswith("C"):
        return char
    return f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}"


def count(n: int, one: str, many: str) -> str:
    """``1 finding``, ``3 findings``: a count, unformatted, and the noun that agrees with it."""
    return f"{n} {one if n == 1 else many}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 record``, ``2,431 records``: a count and its noun."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


class Renderer(ABC):
    """One output format: text, or bytes for a binary one (a workbook)."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options

    @abstractmethod
    def render(self, result: ScanResult) -> str | bytes:
        """The whole output for this result."""
