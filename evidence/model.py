"""Values that cross from the evidence layer to the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator, Mapping

import orjson

from evidence.config import RepoConfig


@dataclass(frozen=True, slots=True)
class Record:
    """One valid record, as read from one file at the scanned revision.

    ``raw`` is the record serialised as JSON, with ``_path`` added: it is what
    the policies see, and it is kept as bytes so that a snapshot of a hundred
    thousand records stays small. ``lines`` maps a field path (``a/0/b``) to
    the line of the file it starts on, encoded as ``path\\tline`` rows.
    """

    kind: str
    id: str
    path: str
    blob: str
    raw: bytes
    lines: str

    def data(self) -> dict[str, Any]:
        value: dict[str, Any] = orjson.loads(self.raw)
        return value

    def line_of(self, fieldpath: tuple[str | int, ...] | list[str | int] = ()) -> int:
        """The line of the deepest known part of ``fieldpath``; 1 for the record itself."""
        known = _parse_lines(self.lines)
        parts = [str(p) for p in fieldpath]
        while parts:
            line = known.get("/".join(parts))
            if line is not None:
                return line
            parts.pop()
        return 1


def _parse_lines(encoded: str) -> dict[str, int]:
    result: dict[str, int] = {}
    for row in encoded.splitlines():
        key, _, line = row.rpartition("\t")
        result[key] = int(line)
    return result


def encode_lines(lines: Mapping[str, int]) -> str:
    return "\n".join(f"{key}\t{line}" for key, line in lines.items())


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file that could not be turned into a valid record, and why.

    ``code`` says what kind of problem it is: ``unreadable`` (size, encoding,
    link, parse), ``invalid`` (schema, kind) or ``duplicate`` (an id already
    used by another record of the same kind).
    """

    path: str
    line: int
    reason: str
    code: str
    kind: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """Everything a scan needs to know about the repository at one revision."""

    repository: str
    revision: str | None
    worktree: bool
    as_of: str | None
    reference_time: datetime
    config: RepoConfig
    records: Mapping[str, Mapping[str, Record]]
    people: Mapping[str, Mapping[str, Any]]
    errors: tuple[LoadError, ...] = ()
    notes: tuple[str, ...] = ()
    files: int = 0
    stats: Mapping[str, float] = field(default_factory=dict)

    def record(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def __iter__(self) -> Iterator[Record]:
        for kind in sorted(self.records):
            yield from self.records[kind].values()

    @property
    def record_count(self) -> int:
        return sum(len(by_id) for by_id in self.records.values())
