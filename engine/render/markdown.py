"""``--format markdown``: a pull/merge request comment, also used as GitHub's job summary.

The comment opens with the verdict at the failure threshold and the counts,
says what the request changed when the scan is a gate, lists the findings in a
table and the controls they break, and closes with where the answer came from.
GitHub refuses a comment over 65,536 characters, so the table stops early
enough to stay under that and says how many findings it left out.
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from regent.engine.model import SEVERITIES, BaselineSummary, ControlState, Finding, GateSummary, ScanResult
from regent.engine.render.base import Renderer, plural
from regent.engine.render.business import NO_PROCESSES, business_table
from regent.engine.render.policies import FRAMEWORK_NAMES

GITHUB_LIMIT = 65_536
# Under GitHub's limit with room for what a caller adds around the comment (a marker to find it again, say).
MAX_CHARS = 64_000
CELL_CHARS = 400  # a longer message is cut in its cell: one record's text cannot crowd out the others
LIST_ITEMS = 20  # stale baseline entries and notes shown before "and N more"


class MarkdownRenderer(Renderer):
    def render(self, result: ScanResult) -> str:
        return markdown(result, self.options.fail_on, by=self.options.by)


def markdown(result: ScanResult, fail_on: str = "high", max_chars: int = MAX_CHARS, by: str | None = None) -> str:
    """The comment for ``result``, judged at ``fail_on``, at most ``max_chars`` characters long; with
    ``by``, the business view at that level in place of the findings."""
    if by:
        return _business_document(result, fail_on, by)
    ordered = [f for f in result.findings if f.status != "waived"] + [
        f for f in result.findings if f.status == "waived"]
    whole = _document(result, fail_on, ordered, len(ordered))
    if len(whole) <= max_chars:
        return whole
    # The longest table that fits: the document grows with each row, so halve the range until it is found.
    low, high = 0, len(ordered)
    while low < high:
        middle = (low + high + 1) // 2
        if len(_document(result, fail_on, ordered, middle)) <= max_chars:
            low = middle
        else:
            high = middle - 1
    return _document(result, fail_on, ordered, low)


def _document(result: ScanResult, fail_on: str, ordered: Sequence[Finding], shown: int) -> str:
    parts = [_verdict(result, fail_on), _counts(result)]
    if result.gate is not None:
        parts.append(_gate(result.gate))
    parts.append(_findings(ordered, shown))
    controls = _controls(result, ordered[:shown])
    if controls:
        parts.append(controls)
    if result.baseline is not None:
        parts.append(_baseline(result.baseline))
    if result.notes:
        parts.append(_notes(result.notes))
    parts.append(_footer(result))
    return "\n\n".join(parts) + "\n"


def _business_document(result: ScanResult, fail_on: str, by: str) -> str:
    parts = [_verdict(result, fail_on), _counts(result)]
    if result.gate is not None:
        parts.append(_gate(result.gate))
    if result.business is None:
        parts.append(f"### Business view\n\n{cell(NO_PROCESSES)}")
    else:
        view = business_table(result.business, by, result.checks)
        rows = [f"### {view.heading}", "", f"**{cell(view.constraint)}**", "",
                "| " + " | ".join(view.columns) + " |", "|" + " --- |" * len(view.columns)]
        rows += ["| " + " | ".join(cell(value) for value in row) + " |" for row in view.rows]
        rows += ["", cell(view.unaligned)]
        parts.append("\n".join(rows))
    parts.append(_footer(result))
    return "\n\n".join(parts) + "\n"


def _verdict(result: ScanResult, fail_on: str) -> str:
    if fail_on == "never":
        return "## Regent: passes (`--fail-on never`: no finding fails the run)"
    if result.breaches(fail_on):
        return f"## ❌ Regent: fails at `--fail-on {fail_on}`"
    return f"## ✅ Regent: passes at `--fail-on {fail_on}`"


def _counts(result: ScanResult) -> str:
    counts = result.by_severity()
    header = "| " + " | ".join(reversed(SEVERITIES)) + " | waived | could not be read | records |"
    rule = "|" + " ---: |" * (len(SEVERITIES) + 3)
    row = "| " + " | ".join(str(counts[s]) for s in reversed(SEVERITIES)) + (
        f" | {result.count('waived')} | {result.count('error')} | {result.records} |")
    total = sum(counts.values())
    lead = f"**{total} open finding{'' if total == 1 else 's'}** by severity:"
    return "\n".join([lead, "", header, rule, row])


def _gate(gate: GateSummary) -> str:
    base = _short(gate.base) or "?"
    head = _short(gate.head) or "the work tree"
    files = len({c.path for c in gate.changed})
    records = sum(1 for c in gate.changed if c.kind is not None and c.id is not None)
    line = f"Request `{base}..{head}`"
    if gate.merge_base and gate.merge_base != gate.base:
        line += f" (merge base `{_short(gate.merge_base)}`)"
    line += f": {plural(records, 'record')} in {plural(files, 'changed file')}"
    if gate.scope:
        line += f", checked with scope {cell(gate.scope)}"
    line += (f". {plural(gate.elsewhere, 'finding')} {'is' if gate.elsewhere == 1 else 'are'} on records "
             "this request did not touch")
    line += "."
    for rise in gate.raises:
        line += f"\n\n**⚠ This request {cell(rise.sentence())}.**"
    return line


def _findings(ordered: Sequence[Finding], shown: int) -> str:
    if not ordered:
        return "### Findings\n\nNo findings."
    rows = ["### Findings", "", "| Severity | Check | Record | Finding |", "| --- | --- | --- | --- |"]
    rows += [_row(f) for f in ordered[:shown]]
    left = len(ordered) - shown
    if left:
        rows += ["", f"_{plural(left, 'more finding')} left out to keep this comment under GitHub's "
                 f"{GITHUB_LIMIT:,}-character limit; `regent scan` lists them all._"]
    return "\n".join(rows)


def _row(f: Finding) -> str:
    severity = f.severity
    if f.status == "waived":
        severity += f" (waived: {f.waiver})" if f.waiver else " (waived)"
    elif f.status == "error":
        severity += " (unreadable record)"
    where = f"{f.record.path}:{f.record.line}" if f.record.path and f.record.line >= 1 else f.record.path
    record = _code(where) if where else cell(f"{f.record.kind or ''} {f.record.id or ''}".strip())
    return f"| {cell(severity)} | {cell(f.check)} | {record} | {cell(f.message)} |"


def _controls(result: ScanResult, shown: Sequence[Finding]) -> str:
    """Failing controls that the shown open findings break, by framework in the scan's order."""
    checks = {f.check for f in shown if f.status != "waived"}
    by_framework: dict[str, list[str]] = {}
    for c in result.controls:
        if c.status is ControlState.FAILED and checks.intersection(c.checks):
            by_framework.setdefault(c.framework, []).append(f"{c.id} ({c.findings})")
    if not by_framework:
        return ""
    order = {fw: i for i, fw in enumerate(result.frameworks)}
    lines = ["### Controls affected", "", "Control (open findings against it):", ""]
    for fw in sorted(by_framework, key=lambda fw: (order.get(fw, len(order)), fw)):
        lines.append(f"- **{FRAMEWORK_NAMES.get(fw, fw)}**: {', '.join(by_framework[fw])}")
    return "\n".join(lines)


def _baseline(baseline: BaselineSummary) -> str:
    source = f" {_code(baseline.file)}" if baseline.file else ""
    stale = baseline.stale
    lines = ["### Baseline", "",
             f"The baseline{source} holds {plural(baseline.known, 'known finding')}, left out above."]
    if stale:
        lines.append(f"{plural(len(stale), 'entry', 'entries')} no longer found (remove them from the baseline):")
        lines.append("")
        for entry in stale[:LIST_ITEMS]:
            lines.append("- " + cell(" ".join(str(v or "") for v in (entry.check, entry.kind, entry.id)).strip()))
        if len(stale) > LIST_ITEMS:
            lines.append(f"- and {len(stale) - LIST_ITEMS} more")
    return "\n".join(lines)


def _notes(notes: Sequence[str]) -> str:
    lines = ["### Notes", ""] + [f"- {cell(n)}" for n in notes[:LIST_ITEMS]]
    if len(notes) > LIST_ITEMS:
        lines.append(f"- and {len(notes) - LIST_ITEMS} more")
    return "\n".join(lines)


def _footer(result: ScanResult) -> str:
    revision = _short(result.repository.get("revision"))
    at = f"revision `{revision}`" if revision else "the work tree"
    if result.repository.get("as_of"):
        at += f" as of {result.repository['as_of']}"
    return (f"<sub>Regent {result.regent_version} · {at} · reference time {result.reference_time} · "
            f"{len(result.checks)} checks · policies `{result.policy_digest[:19]}` · OPA {result.opa_version}</sub>")


def cell(text: str) -> str:
    """Text safe in a table cell: no HTML, no column break, no line break, not too long."""
    text = text.replace("\r\n", "\n").strip()
    if len(text) > CELL_CHARS:
        text = text[:CELL_CHARS - 1].rstrip() + "…"
    text = html.escape(text, quote=False).replace("|", "\\|")
    return text.replace("\r", "<br>").replace("\n", "<br>")


def _code(text: str) -> str:
    """A path as code when it can be; a backtick in it would end the span, so such a path stays plain."""
    if "`" in text or "\n" in text or "\r" in text:
        return cell(text)
    return "`" + text.replace("|", "\\|") + "`"


def _short(revision: Any) -> str:
    return str(revision)[:12] if revision else ""
