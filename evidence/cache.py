"""A cache of parsed and validated records, keyed by git blob id and the file's format.

A blob id names the exact bytes of a file, so a record parsed once never
needs parsing again, whatever revision or path it turns up at; the same bytes
named ``.json`` and ``.yaml`` are two files that are judged differently, so
the key holds the format as well. The cache is one file of JSON frames
outside the evidence repository (see :mod:`evidence.cachefile`): each scan
appends the entries it added as one frame, and the file is compacted when
frames pile up. Its name carries a salt (Regent's version and the schemas'
digest) so that a change to either starts a fresh cache.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any, NamedTuple

from regent.evidence import cachefile

MAX_FRAMES = 16
_KIND, _VERSION = "records", 3


class Parsed(NamedTuple):
    """What reading one blob gave: a record or the problems that stop it being one.

    ``problems`` are ``(line, code, reason)``; a record with problems is not
    evaluated. ``kind`` and ``id`` are kept where they could be read, so that
    problems can still name the record.
    """

    kind: str | None
    id: str | None
    raw: bytes | None
    problems: tuple[tuple[int, str, str], ...] = ()


def default_directory() -> Path:
    explicit = os.environ.get("REGENT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "regent"


ParsedTuple = tuple[str | None, str | None, bytes | None, tuple[tuple[int, str, str], ...]]
"""A :class:`Parsed` as the cache keeps it: a plain tuple, unpacked the same way."""


def cache_key(blob: str, path: str) -> str:
    """The key of a file's bytes read as the format its name gives it (JSON by ``.json``, else YAML)."""
    return blob + ".json" if path.lower().endswith(".json") else blob


def blob_of(key: str) -> str:
    return key.removesuffix(".json")


class ParseCache:
    """Cache key (:func:`cache_key`) to :class:`Parsed`, and to the line map of a file that had findings.

    Loaded once, saved by appending a frame ``[records, line maps]``.
    """

    def __init__(self, directory: Path | None, salt: str) -> None:
        self._path = directory / f"records-{salt}.json" if directory else None
        self._entries: dict[str, ParsedTuple] = {}
        self._lines: dict[str, dict[str, int]] = {}
        self._new: dict[str, ParsedTuple] = {}
        self._new_lines: dict[str, dict[str, int]] = {}
        self._frames = 0
        if self._path is not None:
            loaded = cachefile.read(self._path, _KIND, _VERSION, _decode)
            if loaded is not None:
                self._entries, self._lines, self._frames = loaded
            elif self._path.exists():
                self._frames = MAX_FRAMES  # rewrite it whole at the next save

    def get(self, key: str) -> ParsedTuple | None:
        return self._entries.get(key)

    def put(self, key: str, parsed: Parsed) -> None:
        entry: ParsedTuple = tuple(parsed)  # type: ignore[assignment]
        self._entries[key] = entry
        self._new[key] = entry

    def lines(self, key: str) -> dict[str, int] | None:
        return self._lines.get(key)

    def put_lines(self, key: str, lines: dict[str, int]) -> None:
        self._lines[key] = lines
        self._new_lines[key] = lines

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        """Write what this scan added. A cache that cannot be written is noted, and the scan goes on."""
        if self._path is None or not (self._new or self._new_lines):
            return
        if self._frames + 1 >= MAX_FRAMES:
            saved = cachefile.write(self._path, _KIND, _VERSION, [_encode(self._entries, self._lines)])
            frames = 1
        else:
            saved = cachefile.append(self._path, _KIND, _VERSION, _encode(self._new, self._new_lines),
                                     lambda fd: fcntl.flock(fd, fcntl.LOCK_EX))
            frames = self._frames + 1
        if saved:
            self._frames = frames
            self._new = {}
            self._new_lines = {}


def _encode(entries: dict[str, ParsedTuple], lines: dict[str, dict[str, int]]) -> list[Any]:
    rows = {key: [kind, rid, raw.decode("utf-8") if raw is not None else None, problems]
            for key, (kind, rid, raw, problems) in entries.items()}
    return [rows, lines]


def _decode(frames: list[Any]) -> tuple[dict[str, ParsedTuple], dict[str, dict[str, int]], int]:
    """Every frame's entries, later frames winning; raises on any value not of the shape written."""
    entries: dict[str, ParsedTuple] = {}
    lines: dict[str, dict[str, int]] = {}
    if not frames:
        raise cachefile.Damaged("it holds no frame")
    for rows, line_maps in frames:
        for key, (kind, rid, raw, problems) in rows.items():
            if not (_text(kind) and _text(rid) and _text(raw)):
                raise cachefile.Damaged(f"entry {key!r} is not a parsed record")
            found = tuple((int(line), str(code), str(reason)) for line, code, reason in problems)
            if raw is None and not found:
                raise cachefile.Damaged(f"entry {key!r} has neither a record nor a problem")
            entries[key] = (kind, rid, raw.encode("utf-8") if raw is not None else None, found)
        for key, mapping in line_maps.items():
            if not all(isinstance(v, int) for v in mapping.values()):
                raise cachefile.Damaged(f"line map {key!r} is not a map of lines")
            lines[key] = mapping
    return entries, lines, len(frames)


def _text(value: object) -> bool:
    return value is None or isinstance(value, str)
