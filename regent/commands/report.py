"""``regent report``: the month's evidence report, from one as-of scan per month end."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Sequence

from regent.commands.console import err, fail, status
from regent.commands.errors import EXIT_OK, EXIT_USAGE, exits
from regent.commands.outputs import emit, refuse_binary_on_terminal
from regent.engine.monthly import MonthlyReport, ReportRequest, monthly_report
from regent.engine.render.formats import render_report
from regent.engine.report import month_end
from regent.engine.session import OpaOptions
from regent.evidence import default_cache_directory


@dataclass(frozen=True)
class ReportOptions:
    """What ``regent report`` was told: the month, the trend's length, the format and where it goes."""

    month: str
    months: int = 12
    fmt: str = "markdown"
    output: Path | None = None
    frameworks: Sequence[str] = ()
    opa: OpaOptions = field(default_factory=OpaOptions)
    use_cache: bool = True
    show_progress: bool = True


@exits
def run_report(path: Path, options: ReportOptions) -> int:
    """The monthly evidence report of the repository at PATH, as of the end of --month.

    \b
    For each framework, every control's status (held, failed, not tested, partly waived) with the
    checks and findings behind it; the evidence collected in the month, whether its artifacts
    verify, and the periodic evidence missing; the findings new and resolved since the previous
    month end; waivers expired or expiring within 30 days; a trend over --months month ends; and
    what is needed to produce the same report again. Each month end is an as-of scan.
    """
    o = options
    try:
        month_end(o.month)
    except ValueError:
        return fail(f"--month {o.month!r} is not a month written YYYY-MM, such as 2026-10", EXIT_USAGE)
    if o.output is None:
        refuse_binary_on_terminal(o.fmt)
    command = " ".join(["regent report", f"--month {o.month}", f"--months {o.months}", f"--format {o.fmt}",
                        *(f"--framework {fw}" for fw in o.frameworks)])
    request = ReportRequest(path, o.month, o.months, o.frameworks,
                            default_cache_directory() if o.use_cache else None, command)

    def scanning(end: date, n: int, total: int) -> AbstractContextManager[object]:
        return status(f"scanning the month end {end} ({n} of {total})", o.show_progress)

    made = monthly_report(request, o.opa, scanning)
    _notes(made)
    emit(render_report(o.fmt, made.report), o.output, o.fmt)
    return EXIT_OK


def _notes(made: MonthlyReport) -> None:
    """The month ends the trend leaves out, and those read back from earlier reports."""
    before = made.before_first
    if before:
        span = before[0] if len(before) == 1 else f"{before[0]} to {before[-1]}"
        err(f"regent: {span}: no commit yet at the month's end; left out of the trend")
    for label, why in made.unread:
        err(f"regent: {label}: {why}; left out of the trend")
    if made.reused:
        err(f"regent: {made.reused} of {made.month_ends} month ends read from earlier reports' scans "
            "(same commits, policies, OPA and Regent)")
