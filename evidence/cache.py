"""A cache of parsed and validated records, keyed by git blob id.

A blob id names the exact bytes of a file, so a record parsed once never
needs parsing again, whatever revision or path it turns up at. The cache is
one file of pickled frames outside the evidence repository: each scan
appends the entries it added as one frame, and the file is compacted when
frames pile up. Its name carries a salt (Regent's version and the schemas'
digest) so that a change to either starts a fresh cache.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from pathlib import Path
from typing import NamedTuple

MAX_FRAMES = 16


class Parsed(NamedTuple):
    """What reading one blob gave: a record or the problems that stop it being one.

    ``problems`` are ``(line, code, reason)``; a record with problems is not
    evaluated. ``kind`` and ``id`` are kept where they could be read, so that
    problems can still name the record. Stored as a plain tuple: a hundred
    thousand of them unpickle in a fraction of a second.
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


class ParseCache:
    """Blob id to :class:`Parsed`, and to the line map of a file that had findings.

    Loaded once, saved by appending a frame ``(records, line maps)``.
    """

    def __init__(self, directory: Path | None, salt: str) -> None:
        self._path = directory / f"records-{salt}.pickle" if directory else None
        self._entries: dict[str, ParsedTuple] = {}
        self._lines: dict[str, dict[str, int]] = {}
        self._new: dict[str, ParsedTuple] = {}
        self._new_lines: dict[str, dict[str, int]] = {}
        self._frames = 0
        if self._path is not None and self._path.exists():
            self._load(self._path)

    def _load(self, path: Path) -> None:
        try:
            with path.open("rb") as fh:
                while True:
                    try:
                        entries, lines = pickle.load(fh)
                    except EOFError:
                        break
                    self._entries.update(entries)
                    self._lines.update(lines)
                    self._frames += 1
        except (OSError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            # A damaged cache, or one written by another release, is only lost time: start again.
            self._entries.clear()
            self._lines.clear()
            self._frames = MAX_FRAMES

    def get(self, blob: str) -> ParsedTuple | None:
        return self._entries.get(blob)

    def put(self, blob: str, parsed: Parsed) -> None:
        entry: ParsedTuple = tuple(parsed)  # type: ignore[assignment]
        self._entries[blob] = entry
        self._new[blob] = entry

    def lines(self, blob: str) -> dict[str, int] | None:
        return self._lines.get(blob)

    def put_lines(self, blob: str, lines: dict[str, int]) -> None:
        self._lines[blob] = lines
        self._new_lines[blob] = lines

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        """Write what this scan added. A cache that cannot be written is skipped silently."""
        if self._path is None or not (self._new or self._new_lines):
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            if self._frames + 1 >= MAX_FRAMES:
                tmp = self._path.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    pickle.dump((self._entries, self._lines), fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self._path)
                self._frames = 1
            else:
                with self._path.open("ab") as fh:
                    fcntl.flock(fh, fcntl.LOCK_EX)
                    pickle.dump((self._new, self._new_lines), fh, protocol=pickle.HIGHEST_PROTOCOL)
                self._frames += 1
        except OSError:
            return
        self._new = {}
        self._new_lines = {}
