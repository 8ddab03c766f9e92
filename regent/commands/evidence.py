"""``regent evidence add``: artifacts copied and hashed, their manifest written; prints the paths."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from regent.commands.console import err, out
from regent.commands.errors import EXIT_OK, exits
from regent.evidence.authoring.records import add_evidence, git_email


@dataclass(frozen=True)
class NewEvidence:
    """What ``regent evidence add`` was told: the files, and the manifest's fields."""

    files: Sequence[Path]
    type: str
    subjects: Sequence[str]
    period: str | None = None
    result: str | None = None
    collected_by: str | None = None
    record_id: str | None = None


@exits
def run_evidence_add(path: Path, evidence: NewEvidence) -> int:
    """Copy FILE... under evidence/artifacts/, hash them, and write their evidence manifest.

    Evidence is append-only: an existing artifact or manifest is never replaced (choose another
    name or id). Files already under evidence/artifacts/ are referenced where they are.
    """
    e = evidence
    written = add_evidence(path, e.files, type_=e.type, subjects=e.subjects, period=e.period, result=e.result,
                           collected_by=e.collected_by, record_id=e.record_id, now=datetime.now(timezone.utc),
                           email=git_email(path))
    out(written.path)
    for artifact in written.artifacts:
        out(f"  {artifact}")
    for note in written.notes:
        err(f"regent: note: {note}")
    paths = " ".join(shlex.quote(str(p)) for p in (written.path, *written.artifacts))
    err(f"Commit the manifest and its artifacts together: git add {paths}")
    return EXIT_OK
