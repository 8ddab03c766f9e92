"""Record files parsed and validated: one file by :func:`read_record`, many on every core.

:mod:`evidence.parse` turns bytes into a document; this module turns a
document into a record (a mapping with a known ``kind`` and an ``id`` that its
schema accepts) or the problems that stop it being one. YAML parsing is most
of a cold scan's time, so many files are parsed by worker processes, and
every result is kept in the :class:`~evidence.cache.ParseCache` by blob id and format.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Mapping

import orjson

from regent.evidence import schemas
from regent.evidence.cache import ParseCache, Parsed, ParsedTuple, blob_of, cache_key
from regent.evidence.gitrepo import Entry
from regent.evidence.model import line_of
from regent.evidence.parse import ParseFailure, parse_document
from regent.evidence.reader import FileReader, too_big

MAX_PROBLEMS_PER_FILE = 10
PARALLEL_MIN = 2000  # below this many files, starting worker processes costs more than it saves
_CHUNK = 256

Progress = Callable[[int, int], None]
"""Told ``(files done, files in all)`` as record files are read."""


def read_record(path: str, data: bytes) -> Parsed:
    """Parse and validate one record file."""
    try:
        doc = parse_document(path, data)
    except ParseFailure as failure:
        return failed(failure.line, "unreadable", failure.reason)
    value = doc.value
    if not isinstance(value, dict):
        kind_name = type(value).__name__ if value is not None else "nothing"
        return failed(1, "invalid", f"holds a {kind_name}, not a record: a record is a mapping with 'kind' and 'id'")
    kind = value.get("kind")
    rid = value.get("id")
    rid_text = rid if isinstance(rid, str) else None
    known = schemas.record_kinds()
    if kind is None:
        problem = (1, "invalid", f"has no 'kind': every record names its kind ({', '.join(known)})")
        return Parsed(None, rid_text, None, (problem,))
    if kind not in known:
        line = parse_document(path, data, lines=True).lines.get("kind", 1)
        problem = (line, "invalid", f"unknown kind {kind!r}; Regent knows {', '.join(known)}")
        return Parsed(None, rid_text, None, (problem,))
    found = list(schemas.problems(kind, value))[:MAX_PROBLEMS_PER_FILE]
    if found:
        lines = parse_document(path, data, lines=True).lines
        return Parsed(kind, rid_text, None, tuple((line_of(lines, p), "invalid", reason) for p, reason in found))
    try:
        dumped = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError) as exc:
        return Parsed(kind, rid_text, None, ((1, "invalid", f"cannot be represented as JSON: {exc}"),))
    # orjson's result keeps the capacity of its growing buffer (about 8 KiB for a
    # 1 KiB record); an exact copy is what a snapshot of 100k records can afford.
    return Parsed(kind, rid_text, bytes(memoryview(dumped)))


def failed(line: int, code: str, reason: str) -> Parsed:
    """A file that is no record, for one problem."""
    return Parsed(None, None, None, ((line, code, reason),))


def parse_records(jobs: Iterable[tuple[str, bytes]], count: int) -> Iterator[Parsed]:
    """Each ``(path, bytes)`` parsed and validated, results in the order given.

    YAML parsing is most of a cold scan's time and runs in one core per
    process, so ``count`` files or more are parsed by a pool of worker
    processes, one per available core, while this process keeps reading
    blobs. The workers are started before ``jobs`` is first read, so that
    no reader thread exists when they fork.
    """
    workers = parse_workers(count)
    if workers < 2:
        for path, data in jobs:
            yield read_record(path, data)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pool.submit(int).result()
        pending: deque[Future[list[Parsed]]] = deque()
        chunk: list[tuple[str, bytes]] = []
        for job in jobs:
            chunk.append(job)
            if len(chunk) == _CHUNK:
                pending.append(pool.submit(_parse_chunk, chunk))
                chunk = []
                while len(pending) > 4 * workers:  # bound what waits in memory
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_parse_chunk, chunk))
        while pending:
            yield from pending.popleft().result()


def parse_workers(count: int) -> int:
    """How many processes parse ``count`` files: one per available core (up to 8) for many files, else one."""
    return min(len(os.sched_getaffinity(0)), 8) if count >= PARALLEL_MIN else 1


def _parse_chunk(chunk: list[tuple[str, bytes]]) -> list[Parsed]:
    return [read_record(path, data) for path, data in chunk]


class RecordReader:
    """Reads record files and parses them through the cache, counting how many it ``parsed``, how
    many it found ``cached``, and how many ``workers`` parsed the files that were not."""

    def __init__(self, files: FileReader, parse_cache: ParseCache) -> None:
        self.files = files
        self.parse_cache = parse_cache
        self.parsed = 0
        self.cached = 0
        self.workers = 1

    def read_all(self, files: list[Entry], progress: Progress | None) -> dict[str, tuple[ParsedTuple, str]]:
        """Each file's record or problems, and the blob id of its bytes ("" when they could not be read)."""
        results: dict[str, tuple[ParsedTuple, str]] = {}
        pending: dict[str, list[Entry]] = {}
        total = len(files)
        done = 0

        def tick() -> None:
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)

        for f in files:
            problem = self.files.link_problem(f)
            if problem:
                results[f.path] = (failed(1, "unreadable", problem), "")
            elif f.blob is None:
                try:
                    data, blob = self.files.read_disk(f.path)
                except ParseFailure as failure:
                    results[f.path] = (failed(failure.line, "unreadable", failure.reason), "")
                else:
                    results[f.path] = (self._parse(f.path, blob, data), blob)
            elif (hit := self.parse_cache.get(cache_key(f.blob, f.path))) is not None:
                self.cached += 1
                results[f.path] = (hit, f.blob)
            else:
                pending.setdefault(cache_key(f.blob, f.path), []).append(f)
                continue
            done += 1
            tick()

        self.workers = parse_workers(len(pending))
        for key, parsed, size in self.parse_blobs({key: fs[0].path for key, fs in pending.items()}):
            if parsed is None:
                parsed = failed(1, "unreadable", too_big(size, self.files.limit))
            else:
                self.parsed += 1
            for f in pending[key]:
                results[f.path] = (parsed, blob_of(key))
                done += 1
                tick()
        return results

    def parse_blobs(self, wanted: Mapping[str, str]) -> Iterator[tuple[str, Parsed | None, int]]:
        """Blobs (cache key to a path they are at) read from git in one pass and parsed, on every core
        when there are many, each result put in the cache: ``(key, parsed, size)``, parsed
        None for a blob over the size limit."""
        sent: list[str] = []  # keys handed to the parser, in the order its results come back
        too_large: list[tuple[str, int]] = []
        keys: dict[str, list[str]] = {}
        for key in wanted:
            keys.setdefault(blob_of(key), []).append(key)

        def jobs() -> Iterator[tuple[str, bytes]]:
            for blob, content, size in self.files.read_blobs(list(keys)):
                for key in keys[blob]:
                    if content is None:
                        too_large.append((key, size))
                    else:
                        sent.append(key)
                        yield wanted[key], content

        for i, parsed in enumerate(parse_records(jobs(), len(wanted))):
            self.parse_cache.put(sent[i], parsed)
            yield sent[i], parsed, 0
        for key, size in too_large:
            yield key, None, size

    def _parse(self, path: str, blob: str, data: bytes) -> ParsedTuple:
        hit = self.parse_cache.get(cache_key(blob, path))
        if hit is not None:
            self.cached += 1
            return hit
        self.parsed += 1
        result = read_record(path, data)
        self.parse_cache.put(cache_key(blob, path), result)
        return result
