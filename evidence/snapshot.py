"""Building a :class:`Snapshot`: the evidence repository at one revision.

The parts are elsewhere: :mod:`evidence.revisions` chooses the revision,
:mod:`evidence.paths` its record files, :mod:`evidence.reader` and
:mod:`evidence.parsing` read and parse them, :mod:`evidence.settings` reads
``regent.yaml`` and ``people.yaml``, and :mod:`evidence.provenance` the
history's facts. This module puts them together.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import AbstractSet, Iterable

from regent.evidence import schemas
from regent.evidence.cache import ParseCache, ParsedTuple
from regent.evidence.config import CONFIG_FILE, PEOPLE_FILE
from regent.evidence.errors import EvidenceError
from regent.evidence.gitrepo import Entry, GitRepository
from regent.evidence.lines import LineReader
from regent.evidence.model import LoadError, LoadStats, Record, Snapshot
from regent.evidence.parsing import Progress, RecordReader
from regent.evidence.paths import record_files
from regent.evidence.provenance import Provenance
from regent.evidence.reader import FileReader
from regent.evidence.revisions import read_revision
from regent.evidence.settings import read_config, read_people

_VERSION_SALT = "3"
SMALL_SELECTION = 3000


def load_snapshot(
    path: Path,
    *,
    rev: str | None = None,
    as_of: date | None = None,
    now: datetime | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    history: bool = True,
    select: AbstractSet[str] | None = None,
    history_of: AbstractSet[str] | None = None,
) -> Snapshot:
    """Read every record of the repository at ``path``.

    The work tree by default; the commit ``rev``; or, with ``as_of``, the last
    commit on HEAD's first-parent history at or before the end of that day
    in the organisation's time zone. Problems with single files come back as
    ``errors``; only a problem with the repository itself raises :class:`EvidenceError`. With ``history``
    off, the records carry no ``_git`` facts (reading them is then only parsing).

    A gate reads part of the repository: with ``select``, only the record files
    at those paths; with ``history_of``, history facts only for the records at
    those paths, from a walk of their files alone (a few files' history takes
    git milliseconds where the whole history takes seconds).
    """
    if rev is not None and as_of is not None:
        raise EvidenceError("give a revision or an as-of date, not both")
    started = time.perf_counter()
    repo = GitRepository(path)
    revision = read_revision(repo, rev, as_of, now)
    commit, files, worktree = revision.commit, revision.files, revision.worktree
    notes = list(revision.notes)

    by_path = {f.path: f for f in files}
    config = read_config(FileReader(repo, worktree), by_path.get(CONFIG_FILE))
    blobs = FileReader(repo, worktree, config.max_record_bytes)
    people_file = read_people(blobs, by_path.get(PEOPLE_FILE))
    people, people_lines = people_file.people, people_file.lines

    candidates = record_files(files if select is None else [f for f in files if f.path in select], config)
    salt = parse_cache_salt()
    # Parsing a few thousand files is quicker than loading a large repository's whole cache.
    small = select is not None and len(select) <= SMALL_SELECTION
    parse_cache = ParseCache(None if small else cache_dir, salt)
    reader = RecordReader(blobs, parse_cache)
    records, errors = _records(candidates, reader.read_all(candidates, progress), people_file.errors)

    read_at = time.perf_counter()
    facts, versions = None, 0
    if commit is not None and history:
        provenance = Provenance(reader, commit, by_path, cache_dir)
        every = [r for by_id in records.values() for r in by_id.values()]
        facts, versions = provenance.facts(every, people, history_of), provenance.versions_parsed
        if facts.shallow:
            notes.append("the repository is a shallow clone: history before its oldest commits is missing, so the "
                         "checks of history do not judge those commits (fetch the full history for an audit)")
    parse_cache.save()
    history_seconds = time.perf_counter() - read_at

    return Snapshot(
        repository=str(repo.root or repo.git_dir),
        revision=commit,
        worktree=worktree,
        as_of=as_of.isoformat() if as_of else None,
        reference_time=revision.reference_time,
        config=config,
        records=records,
        people=people,
        people_lines=people_lines,
        errors=tuple(errors),
        notes=tuple(notes),
        files=len(candidates),
        stats=LoadStats(load_seconds=time.perf_counter() - started, parsed=reader.parsed, cached=reader.cached,
                        parse_workers=reader.workers, history_seconds=history_seconds,
                        history_walked=bool(facts and facts.commits_walked),
                        history_commits_walked=facts.commits_walked if facts else 0,
                        history_versions_parsed=versions),
        git=facts,
        line_reader=LineReader(blobs, parse_cache),
    )


def parse_cache_salt() -> str:
    """What names the parse cache of this release and these schemas (see :class:`ParseCache`)."""
    return f"{_VERSION_SALT}-{schemas.digest()[:16]}"


def _records(
    candidates: Iterable[Entry], parsed: dict[str, tuple[ParsedTuple, str]], errors: Iterable[LoadError]
) -> tuple[dict[str, dict[str, Record]], list[LoadError]]:
    """The valid records by kind and id, and the load errors: ``errors`` (people.yaml's) first,
    then each file's problems and each id used twice, in path order."""
    problems_found = list(errors)
    records: dict[str, dict[str, Record]] = {}
    for f in candidates:
        (kind, rid, raw, problems), blob = parsed[f.path]
        if problems:
            problems_found.extend(LoadError(f.path, line, reason, code, kind, rid) for line, code, reason in problems)
            continue
        assert kind is not None and rid is not None and raw is not None
        of_kind = records.setdefault(kind, {})
        if rid in of_kind:
            problems_found.append(
                LoadError(f.path, 1, f"{kind} id {rid!r} is already used by {of_kind[rid].path}", "duplicate", kind, rid)
            )
            continue
        of_kind[rid] = Record(kind, rid, f.path, blob, raw, f.blob is None)
    return records, problems_found
