"""A work tree's records by kind and id, found through git's index and the parse cache.

A writer must know which file holds a record before it updates it, and an import names
tens of thousands of records. Parsing every record file for that is what made a re-import
slow. git's index already names the blob each tracked file holds, and the parse cache that
scans keep (:mod:`evidence.cache`, keyed by blob id) already holds each blob's kind, id and
parsed record. So a file the work tree holds unchanged is looked up, not parsed; only files
changed or added since the last commit, and blobs the cache has not seen, are read and parsed
(on every core when there are many), and what they gave is kept for the next command. A writer
adds what it writes (:func:`remember`): it knows the record a blob holds without parsing it.

Nothing here trusts a name: a blob id names exact bytes, so a cached entry is right for
whatever path and revision the blob turns up at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

import orjson

from regent.evidence.cache import ParseCache, Parsed, default_directory
from regent.evidence.config import RepoConfig
from regent.evidence.errors import EvidenceError
from regent.evidence.gitrepo import GITLINK_MODE, Entry, GitRepository, blob_id
from regent.evidence.parse import ParseFailure, parse_document
from regent.evidence.parsing import parse_records
from regent.evidence.paths import record_files
from regent.evidence.snapshot import parse_cache_salt


def open_cache() -> ParseCache:
    """The parse cache scans use (``REGENT_CACHE_DIR``, else the user's cache folder)."""
    return ParseCache(default_directory(), parse_cache_salt())


def worktree_entries(root: Path) -> list[Entry] | None:
    """The files of the work tree at ``root`` as git sees them: each tracked file with the blob the
    index holds, None as blob where the work tree copy differs, and untracked files (not ignored)
    with None. None when ``root`` is not the top of a git work tree."""
    try:
        repo = GitRepository(root)
    except EvidenceError:
        return None
    if repo.root is None or repo.root.resolve() != root.resolve():
        return None
    modified, deleted = repo.worktree_differences()
    files = [Entry(e.path, e.mode, None if e.path in modified else e.blob)
             for e in repo.index() if e.mode != GITLINK_MODE and e.path not in deleted]
    files.extend(Entry(p, "", None) for p in repo.untracked())
    return files


def read_records(root: Path, entries: list[Entry], config: RepoConfig,
                 cache: ParseCache) -> Iterator[tuple[str, Any]]:
    """``(path, value)`` for each record file among ``entries``: the parsed document (a record when
    it is a mapping with a kind), or None when the file cannot be read or parsed."""
    pending: dict[str, list[str]] = {}
    contents: dict[str, bytes] = {}
    for entry in record_files(entries, config):
        hit = cache.get(entry.blob) if entry.blob else None
        if hit is not None:
            yield entry.path, _value(root, entry.path, hit)
            continue
        try:
            data = (root / entry.path).read_bytes()
        except OSError:
            yield entry.path, None
            continue
        blob = blob_id(data)
        hit = cache.get(blob)
        if hit is not None:
            yield entry.path, _value(root, entry.path, hit, data)
            continue
        if blob not in pending:
            contents[blob] = data
        pending.setdefault(blob, []).append(entry.path)
    blobs = list(pending)
    jobs = ((pending[blob][0], contents[blob]) for blob in blobs)
    for blob, parsed in zip(blobs, parse_records(jobs, len(blobs)), strict=True):
        cache.put(blob, parsed)
        for path in pending[blob]:
            yield path, _value(root, path, tuple(parsed), contents[blob])


def remember(cache: ParseCache, data: bytes, record: Mapping[str, Any]) -> None:
    """Keep what a written file holds: ``data``, the YAML a writer made of ``record``, which the schema
    of its kind accepts. Its parsed form is the record with its fields in the order written."""
    from regent.evidence.authoring.dumping import in_schema_order

    raw = orjson.dumps(in_schema_order(record), option=orjson.OPT_NON_STR_KEYS)
    cache.put(blob_id(data), Parsed(str(record["kind"]), str(record["id"]), raw))


def _value(root: Path, path: str, hit: tuple[Any, ...], data: bytes | None = None) -> Any:
    """The document a cache entry stands for: the record it holds, else (an invalid record, which
    the cache keeps only the problems of) the file parsed again."""
    raw = hit[2]
    if raw is not None:
        return orjson.loads(raw)
    try:
        return parse_document(path, data if data is not None else (root / path).read_bytes()).value
    except (ParseFailure, OSError):
        return None
