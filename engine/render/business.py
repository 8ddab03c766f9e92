"""The business view as a table (``regent scan --by service|process|objective``), for text and Markdown.

The constraint comes first (the one check to fix first), then one row per
service, process or objective, most exposed first, then the open findings
that reach no service. The renderers of each format draw the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from regent.engine.business import BusinessView, exposure_number
from regent.engine.model import CheckInfo

LEVELS: tuple[str, ...] = ("process", "service", "objective")

NO_PROCESSES = ("No business process is recorded, so no finding can be read as a business risk: add "
                "business_process records (and objective records) to see this view.")


@dataclass(frozen=True)
class BusinessTable:
    """What a format draws: a heading, the constraint's line, the columns, the rows, the closing line."""

    heading: str
    constraint: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    unaligned: str


def _open(counts: Mapping[str, int]) -> str:
    shown = [f"{n} {severity}" for severity, n in counts.items() if n]
    return ", ".join(shown) or "none"


def constraint_line(view: BusinessView, checks: Mapping[str, CheckInfo]) -> str:
    """The one check to fix first, in a sentence."""
    c = view.constraint
    if c is None:
        return "Fix first: nothing; no open finding reaches a business process."
    title = checks[c.check].title if c.check in checks else c.check
    return (f"Fix first: {c.check} ({title}): {round(c.share * 100)} % of the business processes' exposure "
            f"({exposure_number(c.exposure)}), in {', '.join(c.processes)}.")


def business_table(view: BusinessView, by: str, checks: Mapping[str, CheckInfo]) -> BusinessTable:
    """The roll-up at one level of the chain, most exposed first."""
    rows: tuple[tuple[str, ...], ...]
    if by == "service":
        columns: tuple[str, ...] = ("service", "criticality", "exposure", "open findings", "processes", "findings")
        rows = tuple((s.id, s.criticality or "-", str(exposure_number(s.exposure)), _open(s.open_findings),
                      ", ".join(s.processes) or "-", str(len(s.findings))) for s in view.services)
    elif by == "objective":
        columns = ("objective", "title", "exposure", "open findings", "processes")
        rows = tuple((o.id, o.title, str(exposure_number(o.exposure)), _open(o.open_findings),
                      ", ".join(o.processes) or "-") for o in view.objectives)
    elif by == "process":
        columns = ("process", "name", "criticality", "exposure", "open findings", "services", "failed controls")
        rows = tuple((p.id, p.name, p.criticality, str(exposure_number(p.exposure)), _open(p.open_findings),
                      ", ".join(p.services) or "-", str(sum(len(ids) for ids in p.failed_controls.values())))
                     for p in view.processes)
    else:
        raise ValueError(f"no business view by {by!r}; choose from {', '.join(LEVELS)}")
    heading = {"process": "Business processes", "service": "IT services", "objective": "Objectives"}[by]
    return BusinessTable(
        heading=f"{heading} by exposure",
        constraint=constraint_line(view, checks),
        columns=columns,
        rows=rows,
        unaligned=f"Open findings that reach no service (unaligned): {_open(view.unaligned)}.",
    )
