"""Past month ends' scans, kept for the next report.

A month end's as-of scan reads the last commit on or before that day and
judges it against the day's last second, so its result is decided by that
commit, the policy set, the OPA release, the frameworks, git's trust settings
(signatures), whether the clone is shallow, and Regent's own code. Kept under
a digest of those, the month ends a report shares with last month's report
(eleven of twelve) are read back instead of loaded and evaluated again.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Sequence

from regent.engine.codec import decode, encode
from regent.engine.model import ScanResult
from regent.engine.results import keep_newest
from regent.evidence import cachefile
from regent.evidence.revisions import DayEnds

KEEP = 48  # four years of month ends
_VERSION = 3


@cache
def code_digest() -> str:
    """A digest of Regent's engine and evidence reader: a new release, or an edited source, is a new key."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in ("engine", "evidence"):
        for source in sorted((root / package).rglob("*.py")):
            h.update(source.relative_to(root).as_posix().encode() + b"\x00" + source.read_bytes())
    return h.hexdigest()


class MonthEndCache:
    """Scan results of the month ends of the repository at ``path`` under ``directory``/monthends
    (nothing kept without a directory), for one policy set, OPA release and choice of frameworks."""

    def __init__(self, directory: Path | None, path: Path, policy_digest: str, opa_version: str,
                 frameworks: Sequence[str]) -> None:
        self._directory = directory / "monthends" if directory else None
        self._day_ends = DayEnds(path)
        self._fixed = (str(_VERSION), policy_digest, opa_version, ",".join(sorted(frameworks)))

    def commit(self, end: date) -> str | None:
        """The commit that ends the day ``end`` (None: the repository has none on or before it)."""
        return self._day_ends.commit(end)

    def get(self, commit: str, end: date) -> ScanResult | None:
        if self._directory is None:
            return None
        return cachefile.read(self._directory / f"{self._key(commit, end)}.json", "monthend", _VERSION, _decode)

    def put(self, commit: str, end: date, result: ScanResult) -> None:
        """Keep the result; keep only the newest KEEP. A cache that cannot be written is skipped."""
        if self._directory is not None:
            keep_newest(self._directory, f"{self._key(commit, end)}.json",
                        cachefile.header("monthend", _VERSION) + cachefile.frame(encode(result)), KEEP)

    def _key(self, commit: str, end: date) -> str:
        h = hashlib.sha256()
        for part in (*self._fixed, self._repository_digest, commit, end.isoformat()):
            h.update(part.encode() + b"\x00")
        return h.hexdigest()

    @cached_property
    def _repository_digest(self) -> str:
        """What else decides a month end's scan, read once: git's trust settings, a shallow clone's edge
        and Regent's code."""
        conditions = self._day_ends.conditions
        return hashlib.sha256(f"{conditions.trust}\x00{code_digest()}\x00".encode() + conditions.shallow).hexdigest()


def _decode(frames: list[object]) -> ScanResult:
    (document,) = frames
    return decode(ScanResult, document)
