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
import pickle
from datetime import date
from functools import cache
from pathlib import Path
from typing import Sequence

from engine.model import ScanResult
from engine.results import keep_newest
from evidence.gitrepo import GitRepository
from evidence.history import trust_digest

KEEP = 48  # four years of month ends
_VERSION = 1


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
    """Scan results of month ends under ``directory``/monthends (nothing kept without a directory)."""

    def __init__(self, directory: Path | None) -> None:
        self._directory = directory / "monthends" if directory else None

    def key(self, path: Path, end: date, policy_digest: str, opa_version: str,
            frameworks: Sequence[str]) -> str | None:
        """The key of the month end ``end`` of the repository at ``path``; None when nothing can be kept
        (no cache folder, or no commit on or before that day)."""
        if self._directory is None:
            return None
        repo = GitRepository(path)
        commit = repo.last_commit_before(f"{end.isoformat()}T23:59:59Z")
        if commit is None:
            return None
        try:
            shallow = (repo.git_dir / "shallow").read_bytes()
        except OSError:
            shallow = b""
        h = hashlib.sha256()
        for part in (str(_VERSION), commit, end.isoformat(), policy_digest, opa_version, ",".join(sorted(frameworks)),
                     trust_digest(repo), code_digest()):
            h.update(part.encode() + b"\x00")
        h.update(shallow)
        return h.hexdigest()

    def get(self, key: str | None) -> ScanResult | None:
        if self._directory is None or key is None:
            return None
        try:
            with open(self._directory / f"{key}.pickle", "rb") as f:
                result = pickle.load(f)
        except Exception:  # a missing, truncated or foreign file is a miss, never an error
            return None
        return result if isinstance(result, ScanResult) else None

    def put(self, key: str | None, result: ScanResult) -> None:
        """Keep the result; keep only the newest KEEP. A cache that cannot be written is skipped."""
        if self._directory is not None and key is not None:
            keep_newest(self._directory, f"{key}.pickle", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL),
                        KEEP)
