"""Values that cross from the evidence layer to the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence

import orjson

from regent.evidence.config import RepoConfig


class Record(NamedTuple):
    """One valid record, as read from one file at the scanned revision.

    ``raw`` is the record serialised as JSON: it is what the policies see, and
    it is kept as bytes so that a snapshot of a hundred thousand records stays
    small. ``blob`` is the git blob id of the file's bytes; ``on_disk`` says
    whether they came from the work tree rather than from git's objects. A
    named tuple, because a snapshot makes one per record.
    """

    kind: str
    id: str
    path: str
    blob: str
    raw: bytes
    on_disk: bool = False

    def data(self) -> dict[str, Any]:
        value: dict[str, Any] = orjson.loads(self.raw)
        return value


FieldLines = Mapping[str, int]
"""Where each field of a record's file starts: ``approvals/0/by`` to a line number."""


def line_of(lines: FieldLines, fieldpath: Sequence[str | int] = (), default: int = 1) -> int:
    """The line of the deepest part of ``fieldpath`` that the map has; ``default`` (the record's
    first line) when it has none."""
    parts = [str(p) for p in fieldpath]
    while parts:
        line = lines.get("/".join(parts))
        if line is not None:
            return line
        parts.pop()
    return default


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
class GitFacts:
    """What a snapshot hands the policies under ``input.git`` and each record's ``_git``."""

    revision: str
    shallow: bool
    commits: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    files: Mapping[str, bytes] = field(default_factory=dict)  # record path -> its _git, as JSON
    commits_walked: int = 0  # 0 when the history came whole from the cache

    def head(self) -> dict[str, Any]:
        return {"revision": self.revision, "shallow": self.shallow, "commits": self.commits}


@dataclass(frozen=True)
class LoadStats:
    """What loading a snapshot read and where its time went (``--stats``)."""

    load_seconds: float = 0.0
    parsed: int = 0  # record files parsed
    cached: int = 0  # record files whose parse came from the cache
    parse_workers: int = 1  # processes that parsed them
    history_seconds: float = 0.0  # of load_seconds, reading the history's facts
    history_walked: bool = False  # whether git's log was read (False: the history came from the cache)
    history_commits_walked: int = 0
    history_versions_parsed: int = 0  # earlier versions of records parsed for the history's facts


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
    # Each person's line map in people.yaml, relative to their entry.
    people_lines: Mapping[str, FieldLines] = field(default_factory=dict)
    errors: tuple[LoadError, ...] = ()
    notes: tuple[str, ...] = ()
    files: int = 0
    stats: LoadStats = LoadStats()
    line_reader: Callable[[Iterable[Record]], Mapping[str, FieldLines]] | None = None
    git: GitFacts | None = None  # the history's facts; None for a repository with no commit yet

    def field_lines(self, records: Iterable[Record]) -> Mapping[str, FieldLines]:
        """Line maps of these records' files, by path, read again in one pass."""
        return self.line_reader(records) if self.line_reader else {}

    def record(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def __iter__(self) -> Iterator[Record]:
        for kind in sorted(self.records):
            yield from self.records[kind].values()

    @property
    def record_count(self) -> int:
        return sum(len(by_id) for by_id in self.records.values())
