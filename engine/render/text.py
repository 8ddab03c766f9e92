"""``--format text``: findings grouped by severity, then a summary, for a person at a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from regent.engine.model import SEVERITIES, ControlState, Finding, GateSummary, ScanResult
from regent.engine.render.base import Renderer, plural, printable
from regent.engine.render.business import NO_PROCESSES, business_table
from regent.frameworks import SHORT as _SHORT

_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan"}
# The states a scan gives a control (partly waived is the monthly report's), in the order the summary counts them.
_SCAN_STATES = (ControlState.HELD, ControlState.FAILED, ControlState.NOT_TESTED)


class TextRenderer(Renderer):
    """A table per severity (rich draws it), then counts and control status."""

    def render(self, result: ScanResult) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer, width=self.options.width, force_terminal=self.options.color,
            no_color=not self.options.color, highlight=False, soft_wrap=False,
        )
        repo = result.repository
        where = repo["revision"][:12] if repo.get("revision") else "no commits"
        state = f"as of {repo['as_of']}" if repo.get("as_of") else ("work tree" if repo.get("worktree") else "")
        console.print(Text(printable(f"Regent {result.regent_version} · {repo['path']} @ {where} {state}".rstrip()),
                           style="bold"))
        console.print(Text(
            f"reference time {result.reference_time} · {len(result.checks)} checks · OPA {result.opa_version}",
            style="dim",
        ))
        if result.gate is not None:
            console.print(Text(_gate_line(result.gate), style="dim"))
        if result.baseline is not None:
            console.print(Text(f"baseline {result.baseline.file}: {result.baseline.known} known findings left "
                               f"out, {len(result.baseline.stale)} stale entries", style="dim"))
        if self.options.by:
            _business(console, result, self.options.by)
        else:
            for severity in reversed(SEVERITIES):
                group = [f for f in result.findings if f.severity == severity]
                if group:
                    console.print()
                    console.print(Text(f"{severity.upper()} ({len(group)})", style=_STYLE[severity]))
                    console.print(_table(group))
        for note in result.notes:
            console.print(Text(printable(f"note: {note}"), style="dim"))
        console.print()
        console.print(_summary(result))
        return buffer.getvalue()


def _business(console: Console, result: ScanResult, by: str) -> None:
    """The business view at one level: the constraint on top, then the table, then the unaligned."""
    console.print()
    if result.business is None:
        console.print(Text(NO_PROCESSES))
        return
    view = business_table(result.business, by, result.checks)
    console.print(Text(printable(view.constraint), style="bold"))
    console.print()
    console.print(Text(view.heading.upper(), style="bold"))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    for column in view.columns:
        table.add_column(column, overflow="fold")
    for row in view.rows:
        table.add_row(*(printable(value) for value in row))
    console.print(table)
    console.print(Text(printable(view.unaligned), style="dim"))


def _table(findings: list[Finding]) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("check", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("record", overflow="fold", max_width=_RECORD_WIDTH)
    table.add_column("finding", overflow="fold", ratio=1)
    for f in findings:
        where = _where(f)
        status = printable(f"waived ({f.waiver})" if f.waiver else f.status)
        controls = " · ".join(f"{_SHORT.get(fw, fw)} {', '.join(ids)}" for fw, ids in f.controls.items())
        table.add_row(
            printable(f.check),
            Text(status, style="dim" if f.status == "waived" else ("magenta" if f.status == "error" else "")),
            printable(where),
            Text.assemble(printable(f.message), "\n", (printable(controls), "dim")),
        )
    return table


_RECORD_WIDTH = 40


def _where(f: Finding) -> str:
    """path:line, with a long path broken after its folder so that file and line stay together."""
    if not f.record.path:
        return str(f.record.id or "")
    where = f"{f.record.path}:{f.record.line}"
    folder, _, name = f.record.path.rpartition("/")
    if len(where) > _RECORD_WIDTH and folder:
        return f"{folder}/\n{name}:{f.record.line}"
    return where


def _gate_line(gate: GateSummary) -> str:
    """The request a gate judged: base, head, what changed and how much was evaluated."""
    head = gate.head[:12] if gate.head else "the work tree"
    records = sum(1 for c in gate.changed if c.id)
    return (f"request {gate.merge_base[:12]}..{head} (base {gate.base[:12]}): "
            f"{plural(len(gate.changed), 'file')} changed, {records} of them records · "
            f"{plural(gate.elsewhere, 'finding')} on records it did not change · "
            f"{plural(gate.evaluated, 'record')} evaluated ({gate.scope})")



def _summary(result: ScanResult) -> Text:
    counts = result.by_severity()
    severities = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "none"
    open_count = sum(counts.values())
    states = [c.status for c in result.controls]
    controls = ", ".join(f"{states.count(state)} {state.label}" for state in _SCAN_STATES)
    line = Text()
    subject = plural(len(result.findings), "finding") + (" in the request" if result.gate is not None else "")
    line.append(f"{plural(result.records, 'record')}, {subject}: ", style="bold")
    line.append(f"{open_count} open ({severities}), {result.count('waived')} waived, "
                f"{plural(result.count('error'), 'error')}. ")
    line.append(f"Controls over {len(result.frameworks)} frameworks: {controls}.")
    for rise in result.gate.raises if result.gate is not None else ():
        line.append(printable(f" The request {rise.sentence()}."), style="bold")
    return line
