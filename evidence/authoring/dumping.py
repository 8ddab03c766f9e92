"""Records as YAML text, the way every writer writes them.

:func:`dump` is PyYAML's safe dumper with Regent's settings (block style, multi-line text as
literal blocks, fields in the order of the kind's schema). A history import writes tens of
thousands of record states, and PyYAML's emitter, written in Python, takes milliseconds for
each; so :func:`dump` writes the usual shapes itself (mappings, lists, numbers, booleans,
nulls and short one-line text of plain characters) exactly as PyYAML would, and hands any
other record to PyYAML whole. ``tests/authoring/test_dumping.py`` holds the two to the same
bytes on real exports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

import yaml

from regent.evidence import schemas

WIDTH = 100  # PyYAML folds a line of text that runs past this many columns


class _Dumper(yaml.SafeDumper):
    """Block style; multi-line text as literal blocks so plans and notes stay readable in a diff."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)

_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# Text PyYAML writes as it is (or in single quotes when it would read back as another type):
# printable ASCII without quotes, indicators or comment marks, not starting or ending with a space.
_SIMPLE = re.compile(r"[A-Za-z0-9_(/][A-Za-z0-9 _./()+,:=-]*\Z")


class _Unusual(Exception):
    """A value the short path does not write; PyYAML writes the whole record."""


def dump(record: Mapping[str, Any]) -> str:
    """A record as YAML, its fields in the order of the kind's schema, then any others."""
    ordered = in_schema_order(record)
    try:
        lines: list[str] = []
        _mapping(ordered, 0, lines)
        return "\n".join(lines) + "\n"
    except _Unusual:
        return yaml_dump(ordered)


def yaml_dump(value: Mapping[str, Any]) -> str:
    """PyYAML's text for a mapping, with the writers' settings."""
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH,
                     default_flow_style=False)


def in_schema_order(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's fields: ``kind``, ``id``, those of its kind's schema in its order, then others by name."""
    rank = _rank(str(record.get("kind")))
    return dict(sorted(record.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


@lru_cache(maxsize=64)
def _rank(kind: str) -> dict[str, int]:
    order = list(schemas.schema(kind).get("properties", {})) if kind in schemas.record_kinds() else []
    return {name: i for i, name in enumerate(["kind", "id", *order])}


def _mapping(value: Mapping[str, Any], indent: int, lines: list[str], first: str | None = None) -> None:
    """The lines of a block mapping at ``indent``; ``first`` prefixes its first line (a list item's ``- ``).
    Types are tested exactly (a ``dict``, not any Mapping): this runs for every field of every state."""
    pad = " " * indent
    for key, item in value.items():
        if type(key) is not str or _text_of(key) != key:
            raise _Unusual
        lead = (pad if first is None else first) + key + ":"
        first = None
        kind = type(item)
        if kind is dict:
            if item:
                lines.append(lead)
                _mapping(item, indent + 2, lines)
            else:
                lines.append(lead + " {}")
        elif kind is list:
            if item:
                lines.append(lead)
                _sequence(item, indent, lines)
            else:
                lines.append(lead + " []")
        else:
            lines.append(_line(lead + " ", item))


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    """A block sequence as PyYAML writes one inside a mapping: its dashes at the mapping's indent."""
    pad = " " * indent
    for item in items:
        kind = type(item)
        if kind is dict and item:
            _mapping(item, indent + 2, lines, first=pad + "- ")
        elif kind is dict or kind is list:
            raise _Unusual
        else:
            lines.append(_line(pad + "- ", item))


def _line(lead: str, item: Any) -> str:
    kind = type(item)
    if kind is str:
        text = _texts.get(item) or _text_of(item)
    elif item is None:
        text = "null"
    elif kind is bool:
        text = "true" if item else "false"
    elif kind is int:
        text = str(item)
    else:
        raise _Unusual
    if len(lead) + len(text) > WIDTH:
        raise _Unusual  # PyYAML may fold it
    return lead + text


_texts: dict[str, str] = {}  # text as written, for text written before (values repeat across states)


def _text_of(text: str) -> str:
    written = text if _style(text) == "" else f"'{text}'"
    if len(_texts) < 1 << 18:
        _texts[text] = written
    return written


@lru_cache(maxsize=1 << 17)
def _style(text: str) -> str:
    """``""`` for text written plain, ``"'"`` for text written in single quotes; :class:`_Unusual`
    for text this module leaves to PyYAML."""
    if text == "":
        return "'"
    if not _SIMPLE.match(text) or text.endswith((" ", ":")) or ": " in text:
        raise _Unusual
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return "" if tag == _STR else "'"
