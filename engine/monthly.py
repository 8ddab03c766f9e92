"""The monthly report's scans: one as-of scan per month end, reusing those kept by earlier reports.

:func:`monthly_report` scans the month ends of the trend with one policy set (the work tree's)
on one evaluator, reads back the month ends an earlier report already scanned at the same
commit, and builds the :class:`Report` of the last one. A month end before the repository's
first commit, or one that cannot be read, is left out of the trend and said so in the result;
the report month itself must be read.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

from regent.engine.interface import PolicyEvaluator
from regent.engine.model import ScanResult
from regent.engine.monthends import MonthEndCache
from regent.engine.policyset import PolicySet
from regent.engine.report import Report, build_report, month_ends
from regent.engine.results import ResultCache
from regent.engine.scan import scan
from regent.engine.session import OpaOptions, open_evaluator, policy_set
from regent.evidence import EvidenceError, Snapshot, load_snapshot
from regent.evidence.settings import read_worktree_config

# Called as a month end is scanned (not when it is read back): the day, its place and how many
# there are; what it returns is held open while the month end is loaded and scanned.
MonthEndProgress = Callable[[date, int, int], AbstractContextManager[object]]


def _quiet(end: date, n: int, total: int) -> AbstractContextManager[object]:
    return nullcontext()


@dataclass(frozen=True)
class ReportRequest:
    """Which report: the repository, the month (``YYYY-MM``) and how many month ends its trend shows."""

    repository: Path
    month: str
    months: int = 12
    frameworks: Sequence[str] = ()
    cache_dir: Path | None = None  # where earlier answers and month-end scans are kept (None: nowhere)
    command: str = ""  # the command line that reproduces the report


@dataclass(frozen=True)
class MonthlyReport:
    """The report, and what its trend had to leave out or read back."""

    report: Report
    month_ends: int  # how many the trend took: at least two, the report month and the one before
    before_first: tuple[str, ...] = ()  # month ends before the first commit
    unread: tuple[tuple[str, str], ...] = ()  # other month ends that could not be read, and why
    reused: int = 0  # month ends read from earlier reports' scans


def monthly_report(request: ReportRequest, opa: OpaOptions, progress: MonthEndProgress = _quiet) -> MonthlyReport:
    """The report of ``request.month``; ValueError when it is not a month written ``YYYY-MM``."""
    ends = month_ends(request.month, max(request.months, 2))
    # One policy set for every month end: the one the evaluator holds (the work tree's policy folders).
    policies = policy_set(request.repository, read_worktree_config(request.repository).policy_paths)
    with open_evaluator(policies, opa) as evaluator:
        kept = MonthEndCache(request.cache_dir, request.repository, policies.digest, evaluator.opa_version(),
                             request.frameworks)
        scans = _MonthEnds(request, policies, evaluator, kept, progress)
        for n, end in enumerate(ends, 1):
            scans.take(end, n, len(ends), last=end == ends[-1])
    result = scans.results[-1][1]
    assert scans.snapshot is not None and result is not None
    report = build_report(request.month, scans.snapshot, result, scans.results[-2][1],
                          scans.results[-request.months:], request.command)
    return MonthlyReport(report, len(ends), tuple(scans.before_first), tuple(scans.unread), scans.reused)


class _MonthEnds:
    """The month ends' scans as the loop collects them, oldest first (None: not scanned)."""

    def __init__(self, request: ReportRequest, policies: PolicySet, evaluator: PolicyEvaluator,
                 kept: MonthEndCache, progress: MonthEndProgress) -> None:
        self._request, self._policies, self._evaluator = request, policies, evaluator
        self._kept, self._progress = kept, progress
        self.results: list[tuple[str, ScanResult | None]] = []
        self.snapshot: Snapshot | None = None  # the last one loaded: the report month's, once all are taken
        self.before_first: list[str] = []
        self.unread: list[tuple[str, str]] = []
        self.reused = 0

    def take(self, end: date, n: int, total: int, *, last: bool) -> None:
        """The scan of the month end ``end``: read back, scanned, or left out (not for the ``last``)."""
        label = f"{end.year:04d}-{end.month:02d}"
        commit = self._kept.commit(end)
        if commit is None and not last:
            self.results.append((label, None))  # shown as not scanned in the trend
            self.before_first.append(label)
            return
        # The report month needs its snapshot (the month's evidence) as well as its scan.
        earlier = self._kept.get(commit, end) if commit and not last else None
        if earlier is not None:
            self.results.append((label, earlier))
            self.reused += 1
            return
        with self._progress(end, n, total):
            try:
                self.snapshot = load_snapshot(self._request.repository, as_of=end, cache_dir=self._request.cache_dir)
            except EvidenceError as exc:
                if last:
                    raise
                self.results.append((label, None))
                self.unread.append((label, str(exc)))
                return
            judged = scan(self.snapshot, self._policies, self._evaluator, self._request.frameworks or None,
                          ResultCache(self._request.cache_dir))
            self.results.append((label, judged))
            if commit:
                self._kept.put(commit, end, judged)
