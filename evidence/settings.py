"""Reading the repository's two settings files: ``regent.yaml`` and ``people.yaml``.

Both are read from the same revision as the records. A ``regent.yaml`` that
cannot be read or is invalid stops the scan (:class:`ConfigError`, naming the
line); problems with ``people.yaml`` are load errors, like a record's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from regent.evidence import schemas
from regent.evidence.config import CONFIG_FILE, RepoConfig
from regent.evidence.errors import ConfigError
from regent.evidence.gitrepo import Entry
from regent.evidence.model import FieldLines, LoadError, line_of
from regent.evidence.parse import ParseFailure, parse_document
from regent.evidence.reader import FileReader


def read_config(files: FileReader, f: Entry | None) -> RepoConfig:
    """The revision's ``regent.yaml`` (defaults when it has none)."""
    if f is None:
        return RepoConfig()
    try:
        data = files.read_one(f)
    except ParseFailure as failure:  # a link, or over the size limit: the configuration cannot be read
        raise ConfigError(f"{CONFIG_FILE}:{failure.line}: {failure.reason}") from None
    return config_from_bytes(f.path, data)


def read_worktree_config(root: Path) -> RepoConfig:
    """The ``regent.yaml`` in a folder (defaults when there is none), for commands that read no records."""
    path = root / CONFIG_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return RepoConfig()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None
    return config_from_bytes(CONFIG_FILE, data)


def config_from_bytes(path: str, data: bytes) -> RepoConfig:
    """A ``regent.yaml`` document, parsed and validated; ConfigError names the line of the first problem."""
    try:
        doc = parse_document(path, data, lines=True)
    except ParseFailure as failure:
        raise ConfigError(f"{CONFIG_FILE}:{failure.line}: {failure.reason}") from None
    value: Any = doc.value if doc.value is not None else {}
    for fieldpath, reason in schemas.problems(schemas.CONFIG, value):
        raise ConfigError(f"{CONFIG_FILE}:{line_of(doc.lines, fieldpath)}: {reason}")
    if not _known_zone(value.get("timezone", "UTC")):
        # An unknown zone would leave every date comparison undefined in the policies.
        raise ConfigError(f"{CONFIG_FILE}:{line_of(doc.lines, ('timezone',))}: "
                          f"{value['timezone']!r} is not an IANA time zone name")
    return RepoConfig.from_mapping(value)


def _known_zone(name: str) -> bool:
    """True when ``name`` names a time zone of the IANA database."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class People:
    """The people of ``people.yaml`` by id, each one's line map (field path to line, relative to
    their entry), and the file's problems; no people when the file is unreadable or invalid."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: Mapping[str, FieldLines] = field(default_factory=dict)
    errors: tuple[LoadError, ...] = ()


def read_people(files: FileReader, f: Entry | None) -> People:
    """The revision's ``people.yaml`` (nobody when it has none)."""
    if f is None:
        return People()
    try:
        doc = parse_document(f.path, files.read_one(f), lines=True)
    except ParseFailure as failure:
        return People(errors=(LoadError(f.path, failure.line, failure.reason, "unreadable"),))
    bad = list(schemas.problems(schemas.PEOPLE, doc.value))
    if bad:
        return People(errors=tuple(LoadError(f.path, line_of(doc.lines, p), reason, "invalid") for p, reason in bad))
    people: dict[str, dict[str, Any]] = {}
    errors: list[LoadError] = []
    kept: dict[str, str] = {}  # list index -> id of the entry kept for that person
    for index, person in enumerate(doc.value.get("people") or []):
        pid = person["id"]
        if pid in people:
            line = line_of(doc.lines, ("people", index))
            errors.append(LoadError(f.path, line, f"person id {pid!r} is listed twice", "duplicate", "person", pid))
            continue
        people[pid] = {"active": True, **person}
        kept[str(index)] = pid
    # Each kept entry's lines, relative to the entry, in one pass over the file's line map.
    lines: dict[str, dict[str, int]] = {pid: {} for pid in people}
    for key, line in doc.lines.items():
        root, _, rest = key.partition("/")
        position, _, name = rest.partition("/")
        if root == "people" and position in kept:
            lines[kept[position]][name] = line
    return People(people, lines, tuple(errors))
