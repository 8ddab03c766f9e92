"""``regent validate``: records that cannot be read or do not match their schema; no policies run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from regent.commands.console import count, err, out
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK, exits
from regent.evidence import load_snapshot


@exits
def run_validate(path: Path, *, rev: str | None = None, as_of: date | None = None) -> int:
    """Report records that cannot be read or do not match their schema (no policies run)."""
    snapshot = load_snapshot(path, rev=rev, as_of=as_of, history=False)
    for error in snapshot.errors:
        out(f"{error.path}:{error.line}: {error.reason}")
    for note in snapshot.notes:
        err(f"note: {note}")
    bad = len({e.path for e in snapshot.errors})
    err(f"{count(snapshot.files, 'record file', 'record files')}: "
        f"{count(snapshot.record_count, 'valid record', 'valid records')}, "
        f"{count(bad, 'file with errors', 'files with errors')}")
    return EXIT_FINDINGS if snapshot.errors else EXIT_OK
