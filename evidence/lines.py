"""Where records' fields start, found when a finding needs a line.

A snapshot is read without line maps (they cost a quarter of a parse); the
few records that have findings are read again for theirs, in one git pass,
and the maps are kept in the parse cache for the next scan.
"""

from __future__ import annotations

from typing import Iterable

from regent.evidence.cache import ParseCache, cache_key
from regent.evidence.gitrepo import Entry
from regent.evidence.model import FieldLines, Record
from regent.evidence.parse import ParseFailure, field_lines
from regent.evidence.reader import FileReader


class LineReader:
    """Says where records' fields start: from the cache, else by reading the files again in one git pass."""

    def __init__(self, files: FileReader, parse_cache: ParseCache) -> None:
        self._files = files
        self._cache = parse_cache

    def __call__(self, records: Iterable[Record]) -> dict[str, FieldLines]:
        """Each record's line map, by path; empty for a file that can no longer be read."""
        result: dict[str, FieldLines] = {}
        missing: dict[str, Record] = {}
        for record in records:
            known = self._cache.lines(cache_key(record.blob, record.path))
            if known is not None:
                result[record.path] = known
            else:
                missing[record.path] = record
        from_git = {r.blob for r in missing.values() if not r.on_disk}
        contents = {blob: data for blob, data, _ in self._files.read_blobs(sorted(from_git))}
        for path, record in missing.items():
            try:
                data = self._files.read_one(Entry(path, "", None)) if record.on_disk else contents.get(record.blob)
                lines = field_lines(path, data) if data is not None else {}
            except (ParseFailure, ValueError):
                lines = {}
            result[path] = lines
            self._cache.put_lines(cache_key(record.blob, record.path), lines)
        self._cache.save()
        return result
