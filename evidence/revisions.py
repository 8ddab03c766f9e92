"""Which revision a scan reads: the work tree, a commit, or the last commit of a day.

Also what, besides a commit, decides what a scan of it finds (git's trust
settings, a shallow clone's edge), so that a kept result of an earlier scan is
served only while it still holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from regent.evidence.config import CONFIG_FILE, DEFAULT_TIMEZONE
from regent.evidence.errors import ConfigError, EvidenceError
from regent.evidence.gitrepo import GITLINK_MODE, Entry, GitRepository
from regent.evidence.history import trust_digest
from regent.evidence.paths import is_record_path
from regent.evidence.settings import config_from_bytes

_LINK_MODE = "120000"
_MAX_CONFIG_BYTES = 1 << 20  # a regent.yaml larger than this is refused when the scan reads it


@dataclass(frozen=True)
class Revision:
    """The files a scan reads, and the moment its checks judge against."""

    commit: str | None  # None: a repository with no commit yet
    files: tuple[Entry, ...]
    worktree: bool  # the files are the work tree's (their blob None where they differ from the index)
    reference_time: datetime
    notes: tuple[str, ...] = ()  # what the reader should know of the files left out


def read_revision(repo: GitRepository, rev: str | None, as_of: date | None, now: datetime | None) -> Revision:
    """The commit ``rev``; or, with ``as_of``, the last commit on HEAD's first-parent history at or
    before the end of that day in the organisation's time zone, judged at that day's last second;
    else the work tree."""
    if as_of is not None:
        commit, reference = day_end(repo, as_of)
        if commit is None:
            raise EvidenceError(f"the repository has no commit on or before {as_of.isoformat()}")
        return Revision(commit, tuple(repo.tree(commit)), False, reference)
    if rev is not None:
        commit = repo.resolve(rev)
        return Revision(commit, tuple(repo.tree(commit)), False, now or _now())
    if repo.root is None:
        raise EvidenceError("a bare repository has no work tree: name a revision with --rev or --as-of")
    notes: list[str] = []
    files = _worktree_files(repo, notes)
    return Revision(repo.head(), tuple(files), True, now or _now(), tuple(notes))


def end_of_day(day: date, zone: str = DEFAULT_TIMEZONE) -> datetime:
    """The last second of ``day`` in an IANA time zone, in UTC: "now" for a scan or a gate as of
    that day."""
    return datetime.combine(day, time(23, 59, 59), ZoneInfo(zone)).astimezone(timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def day_end(repo: GitRepository, day: date) -> tuple[str | None, datetime]:
    """The newest commit on HEAD's first-parent history committed by the end of ``day`` in the
    organisation's time zone, and that end.

    The zone is the ``timezone`` of the ``regent.yaml`` of the last commit by the end of the next
    UTC day (no zone's day ends later), so the setting of the time is the one the records of that
    day were kept under."""
    latest = _commit_by(repo, end_of_day(day if day == date.max else day + timedelta(days=1)))
    zone = zone_at(repo, latest) if latest else DEFAULT_TIMEZONE
    reference = end_of_day(day, zone)
    return _commit_by(repo, reference), reference


def _commit_by(repo: GitRepository, moment: datetime) -> str | None:
    """The newest commit on HEAD's first-parent history committed by ``moment``. None before 1970: git
    dates no commit earlier, and reads a date before then as no limit at all."""
    if moment.timestamp() < 0:
        return None
    return repo.last_commit_before(_stamp(moment))


def day_end_commit(repo: GitRepository, day: date) -> str | None:
    """The newest commit on HEAD's first-parent history committed by the end of ``day`` (see day_end)."""
    return day_end(repo, day)[0]


def zone_at(repo: GitRepository, commit: str) -> str:
    """The time zone the ``regent.yaml`` of a commit sets; the default when it sets none or cannot
    be read (the scan then reports that file itself)."""
    entry = next((e for e in repo.tree(commit) if e.path == CONFIG_FILE), None)
    if entry is None or entry.blob is None or entry.mode == _LINK_MODE:
        return DEFAULT_TIMEZONE
    data = b"".join(blob or b"" for _, blob, _ in repo.read_blobs([entry.blob], _MAX_CONFIG_BYTES))
    try:
        return config_from_bytes(CONFIG_FILE, data).timezone
    except ConfigError:
        return DEFAULT_TIMEZONE


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _worktree_files(repo: GitRepository, notes: list[str]) -> list[Entry]:
    modified, deleted = repo.worktree_differences()
    files: list[Entry] = []
    for entry in repo.index():
        if entry.mode == GITLINK_MODE:
            continue
        if entry.path in deleted:
            if is_record_path(entry.path):
                notes.append(f"{entry.path} is tracked but deleted in the work tree; scanned without it")
            continue
        files.append(Entry(entry.path, entry.mode, None if entry.path in modified else entry.blob))
    files.extend(Entry(p, "", None) for p in repo.untracked())
    return files


@dataclass(frozen=True)
class JudgingConditions:
    """What besides a commit decides what its scan finds: git's trust settings (a digest of what
    decides whether a signature verifies) and the edge of a shallow clone (empty for a full one)."""

    trust: str
    shallow: bytes


class DayEnds:
    """The commits that end days on HEAD's first-parent history of the repository at ``path``,
    and the conditions their scans are judged under, read once."""

    def __init__(self, path: Path) -> None:
        self._repo = GitRepository(path)

    def commit(self, day: date) -> str | None:
        """The commit that ends ``day`` (None: the repository has none on or before it)."""
        return day_end_commit(self._repo, day)

    @cached_property
    def conditions(self) -> JudgingConditions:
        try:
            shallow = (self._repo.git_dir / "shallow").read_bytes()
        except OSError:
            shallow = b""
        return JudgingConditions(trust_digest(self._repo), shallow)
