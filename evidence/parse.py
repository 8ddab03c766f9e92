"""Turning a file's bytes into a value and a map of where each field starts.

YAML is loaded safely (no tags that build objects) with the C loader where
it is available. Timestamps and dates stay the strings the author wrote:
policies parse them, and the schemas check their form. A YAML alias bomb,
duplicate keys, more than one document and invalid UTF-8 are each reported
with the line they were found on.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from typing import Any

import orjson
import yaml

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RecordLoader(_BaseLoader):  # type: ignore[misc]  # the loader classes are untyped
    """A safe YAML loader that leaves timestamps and dates as strings and refuses duplicate keys."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    if key_node.value in keys:
                        raise _DuplicateKey(key_node)
                    keys.add(key_node.value)
        return super().construct_mapping(node, deep)


def _construct_int(loader: Any, node: yaml.ScalarNode) -> Any:
    """YAML's integers, refusing one too long to be a number Python can turn back into text."""
    limit = sys.get_int_max_str_digits()
    # Counting digits only for a long scalar keeps every ordinary integer on the loader's own path.
    if len(node.value) > limit and (digits := sum(c.isdigit() for c in node.value)) > limit:
        raise _OutOfRange(node, f"an integer of {digits:,} digits is too long to be a value")
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _construct_float(loader: Any, node: yaml.ScalarNode) -> Any:
    """YAML's floats, refusing infinities and not-a-number: JSON has no such value, so the policies
    would read null where the record states a number."""
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise _OutOfRange(node, f"{node.value} is not a finite number (JSON, which the policies read, has none)")
    return value


RecordLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
RecordLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


class _OutOfRange(Exception):
    def __init__(self, node: yaml.Node, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


class _DuplicateKey(Exception):
    def __init__(self, node: yaml.Node) -> None:
        super().__init__(node.value)
        self.node = node


RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

MAX_NODES = 100_000
MAX_DEPTH = 64
LINE_DEPTH = 4  # field paths deeper than this are not given a line of their own


class ParseFailure(Exception):
    """The bytes are not a readable document; ``line`` is where it went wrong."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document's value, and where its fields start when that was asked for (else empty)."""

    value: Any
    lines: dict[str, int]


def parse_document(path: str, data: bytes, lines: bool = False) -> Parsed:
    """Parse one record file; JSON by its ``.json`` suffix, YAML otherwise.

    Line maps cost about a quarter of the parse, and only records with
    findings need them, so they are made only when ``lines`` asks.
    """
    if data.startswith(_LFS_POINTER):
        raise ParseFailure(1, "a Git LFS pointer, not the record: the repository keeps this file in LFS; "
                              "fetch it (git lfs pull) before scanning, or keep records out of LFS")
    text = decode(data)
    if conflict := _CONFLICT_MARKER.search(text):
        raise ParseFailure(text.count("\n", 0, conflict.start()) + 1,
                           "an unresolved merge conflict (conflict markers): resolve it, then commit")
    if path.lower().endswith(".json"):
        return _parse_json(text, lines)
    return _parse_yaml(text, lines)


def field_lines(path: str, data: bytes) -> dict[str, int]:
    """Only where each field starts, for a file already known to parse: no values are built."""
    text = decode(data)
    if path.lower().endswith(".json"):
        return _json_lines(text, orjson.loads(text))
    loader = RecordLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is not None:
            _walk(node, "", 0, lines, [0])
        return lines
    except yaml.YAMLError:
        return {}
    finally:
        loader.dispose()


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ParseFailure(
            line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _parse_yaml(text: str, want_lines: bool) -> Parsed:
    loader = RecordLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ParseFailure(1, "the file is empty")
        lines: dict[str, int] = {}
        # Without an anchor there is no alias, so nothing can expand without bound.
        if want_lines or "&" in text:
            _walk(node, "", 0, lines, [0])
        value = loader.construct_document(node)
    except _DuplicateKey as exc:
        line = exc.node.start_mark.line + 1
        raise ParseFailure(line, f"key '{exc.node.value}' appears twice in the same mapping") from None
    except _OutOfRange as exc:
        raise ParseFailure(exc.node.start_mark.line + 1, exc.reason) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        raise ParseFailure(line, f"YAML syntax: {reason}") from None
    except yaml.YAMLError as exc:
        raise ParseFailure(1, f"YAML: {exc}") from None
    finally:
        loader.dispose()
    return Parsed(value, lines)


def _walk(node: yaml.Node, path: str, depth: int, lines: dict[str, int], seen: list[int]) -> None:
    """Record where each field starts; refuse documents that expand without bound."""
    seen[0] += 1
    if seen[0] > MAX_NODES:
        raise ParseFailure(
            node.start_mark.line + 1,
            f"the document expands to more than {MAX_NODES:,} values (nested YAML aliases?); not loaded",
        )
    if depth > MAX_DEPTH:
        raise ParseFailure(node.start_mark.line + 1, f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            child = f"{path}/{key}" if path else key
            if depth < LINE_DEPTH:
                lines.setdefault(child, key_node.start_mark.line + 1)
            _walk(value_node, child, depth + 1, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = f"{path}/{index}" if path else str(index)
            if depth < LINE_DEPTH:
                lines.setdefault(child, item.start_mark.line + 1)
            _walk(item, child, depth + 1, lines, seen)


_JSON_KEY = re.compile(r'^[ \t]*"((?:[^"\\]|\\.)*)"\s*:', re.MULTILINE)


def _parse_json(text: str, want_lines: bool) -> Parsed:
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ParseFailure(exc.lineno, f"JSON syntax: {exc.msg}") from None
    _refuse_duplicate_keys(text)
    return Parsed(value, _json_lines(text, value) if want_lines else {})


def _refuse_duplicate_keys(text: str) -> None:
    """JSON parsers keep the last of two equal keys without a word; a record must not say two things.
    (The standard library's parser sees each object's pairs; orjson, which parsed it, does not.)"""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                raise _DuplicateJsonKey(key)
            seen.add(key)
        return dict(items)

    try:
        json.loads(text, object_pairs_hook=pairs)
    except _DuplicateJsonKey as exc:
        occurrences = [m for m in _JSON_ANY_KEY.finditer(text) if m.group(1) == exc.key]
        at = occurrences[1].start() if len(occurrences) > 1 else 0
        line = text.count("\n", 0, at) + 1
        raise ParseFailure(line, f"key '{exc.key}' appears twice in the same object") from None


class _DuplicateJsonKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


_JSON_ANY_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:')
_LFS_POINTER = b"version https://git-lfs.github.com/spec/"
_CONFLICT_MARKER = re.compile(r"^<{7}(?: |$)", re.MULTILINE)


def _json_lines(text: str, value: Any) -> dict[str, int]:
    """Lines of top-level fields: the first line that opens each key."""
    lines: dict[str, int] = {}
    if isinstance(value, dict):
        for match in _JSON_KEY.finditer(text):
            key = match.group(1)
            if key in value and key not in lines:
                lines[key] = text.count("\n", 0, match.start()) + 1
    return lines
