"""The monthly report as JSON (everything), Markdown (for people) and CSV (a row per finding);
HTML and OSCAL have modules of their own, and :mod:`regent.engine.render.formats` names them all."""

from __future__ import annotations

import csv
import io
from typing import Any, Mapping, Sequence

import orjson

from regent.engine.model import ControlState
from regent.engine.render.base import plural, spreadsheet_cell
from regent.engine.render.markdown import cell
from regent.engine.render.policies import FRAMEWORK_NAMES
from regent.engine.report import Report
from regent.engine.report_sections import ControlRow, FindingRef


def report_document(report: Report) -> dict[str, Any]:
    """The report as one JSON document: every figure the other formats show."""
    result = report.result
    return {
        "regent": result.regent_version,
        "month": report.month,
        "period": {"start": report.period[0], "end": report.period[1]},
        "reproduce": report.reproduce.to_dict(),
        "summary": {
            "records": result.records,
            "open": result.by_severity(),
            "waived": result.count("waived"),
            "errors": result.count("error"),
            "evidence_collected": len(report.evidence),
            "new_findings": len(report.new_findings),
            "resolved_findings": len(report.resolved_findings),
        },
        "frameworks": {
            framework: {"name": FRAMEWORK_NAMES.get(framework, framework), "controls": [c.to_dict() for c in controls],
                        "status_counts": {state.label: n for state, n in _status_counts(controls).items()}}
            for framework, controls in report.controls.items()
        },
        "evidence": {"collected": [e.to_dict() for e in report.evidence], "by_type": dict(report.evidence_by_type),
                     "by_control": {fw: dict(counts) for fw, counts in report.evidence_by_control.items()},
                     "gaps": [g.to_dict() for g in report.evidence_gaps]},
        "changes": {"previous_month_scanned": report.previous_month_scanned,
                    "new": [f.to_dict() for f in report.new_findings],
                    "resolved": [f.to_dict() for f in report.resolved_findings]},
        "waivers": [w.to_dict() for w in report.waivers],
        "trend": [p.to_dict() for p in report.trend],
        "findings": [f.to_dict() for f in result.findings],
    }


def render_json(report: Report) -> str:
    return orjson.dumps(report_document(report), option=orjson.OPT_INDENT_2).decode() + "\n"


def render_csv(report: Report) -> str:
    """One row per finding at the month's end, with its controls in one column per framework."""
    frameworks = list(report.controls)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["month", "check", "title", "severity", "status", "record_kind", "record_id", "path", "line",
                     "message", "new_this_month", *frameworks])
    new = {id(f) for f in report.new_findings}
    for f in report.result.findings:
        row = [report.month, f.check, f.title, f.severity, f.status, f.record.kind or "", f.record.id or "",
               f.record.path, f.record.line, f.message, "yes" if id(f) in new else "no",
               *(" ".join(f.controls.get(fw, ())) for fw in frameworks)]
        writer.writerow([spreadsheet_cell(value) for value in row])
    return out.getvalue()


def render_markdown(report: Report) -> str:
    r = report.reproduce
    lines = [f"# Evidence report {report.month}", "",
             f"As of the end of {report.period[1]}: {plural(report.result.records, 'record')}, "
             f"{plural(len(report.evidence), 'evidence manifest')} collected in the month, "
             f"{plural(len(report.new_findings), 'new finding')} and "
             f"{len(report.resolved_findings)} resolved since the previous month end.", ""]
    lines += ["## Controls", "", "| framework | " + " | ".join(state.label for state in ControlState) + " |",
              "|---|" + "---:|" * len(ControlState)]
    for framework, controls in report.controls.items():
        counts = _status_counts(controls)
        lines.append(f"| {FRAMEWORK_NAMES.get(framework, framework)} | "
                     + " | ".join(str(counts[state]) for state in ControlState) + " |")
    for framework, controls in report.controls.items():
        failed = [c for c in controls if c.status in (ControlState.FAILED, ControlState.PARTLY_WAIVED)]
        if not failed:
            continue
        lines += ["", f"### {FRAMEWORK_NAMES.get(framework, framework)}: controls not held in full", "",
                  "| control | status | checks | findings |", "|---|---|---|---|"]
        for c in failed:
            title = f" {cell(c.title)}" if c.title else ""
            lines.append(f"| {cell(c.id)}{title} | {c.status.label} | {cell(', '.join(c.checks))} | "
                         f"{cell(_by_check(c.findings))} |")
    lines += ["", "## Evidence collected", ""]
    if report.evidence:
        lines += ["| id | type | collected | by | subject | result | artifacts verify | controls |",
                  "|---|---|---|---|---|---|---|---|"]
        for e in report.evidence:
            lines.append(f"| {cell(e.id)} | {cell(e.type)} | {cell(e.collected_at)} | {cell(e.collected_by)} | "
                         f"{cell(', '.join(e.subject))} | {cell(e.result or '')} | {_verifies(e.verified)} | "
                         f"{cell('; '.join(controls_lines(e.controls)))} |")
    else:
        lines.append("No evidence was collected in the month.")
    if report.evidence_by_control:
        lines += ["", "### Evidence per control", "",
                  "How many manifests of the month are of a type that the checks of each control judge.", "",
                  "| framework | control | manifests |", "|---|---|---:|"]
        for framework, by_control in report.evidence_by_control.items():
            titles = {c.id: c.title for c in report.controls.get(framework, ())}
            name = FRAMEWORK_NAMES.get(framework, framework)
            lines += [f"| {name} | {control_id}{f' {cell(titles[control_id])}' if titles.get(control_id) else ''} "
                      f"| {n} |" for control_id, n in by_control.items()]
    if report.evidence_gaps:
        lines += ["", "### Evidence missing, stale or failed", "", "| check | record | finding |", "|---|---|---|"]
        lines += [f"| {cell(g.check)} | {cell(str(g.record))} | {cell(g.message)} |" for g in report.evidence_gaps]
    lines += ["", "## Since the previous month end", ""]
    lines += _finding_list("New", report.new_findings) + _finding_list("Resolved", report.resolved_findings)
    if not report.previous_month_scanned:
        lines.append("The repository has no commit before the previous month end: every finding is new.")
    lines += ["", "## Waivers expired or expiring within 30 days", ""]
    if report.waivers:
        lines += ["| waiver | check | expires | state |", "|---|---|---|---|"]
        lines += [f"| {cell(w.id)} | {cell(w.check)} | {cell(w.expires)} | {w.state} |" for w in report.waivers]
    else:
        lines.append("None.")
    lines += ["", "## Trend", "", "| month | critical | high | medium | low | controls held |",
              "|---|---:|---:|---:|---:|---|"]
    for p in report.trend:
        if not p.scanned:
            lines.append(f"| {p.month} | | | | | no commit yet |")
            continue
        o = p.open_by_severity
        held = ", ".join(f"{FRAMEWORK_NAMES.get(fw, fw)} {n}/{p.controls[fw]}" for fw, n in p.held.items())
        lines.append(f"| {p.month} | {o.get('critical', 0)} | {o.get('high', 0)} | {o.get('medium', 0)} | "
                     f"{o.get('low', 0)} | {held} |")
    lines += ["", "## Reproduce", "",
              f"- evidence revision: `{r.evidence_revision}` (as of {r.as_of})",
              f"- reference time: {r.reference_time}",
              f"- policies: `{r.policy_digest}` on OPA {r.opa_version}, Regent {r.regent_version}",
              f"- command: `{r.command}`", ""]
    return "\n".join(lines)


def _by_check(findings: Sequence[FindingRef]) -> str:
    """Findings grouped by check: the check, how many records, the first few of them."""
    records: dict[str, list[str]] = {}
    for f in findings:
        ids = records.setdefault(f"{f.check}{' (waived)' if f.status == 'waived' else ''}", [])
        if str(f.record) not in ids:
            ids.append(str(f.record))
    return "; ".join(f"{check}: {', '.join(ids[:3])}{f' and {len(ids) - 3} more' if len(ids) > 3 else ''}"
                     for check, ids in records.items())


def _finding_list(label: str, findings: list[Any]) -> list[str]:
    if not findings:
        return [f"{label}: none.", ""]
    out = [f"{label}: {len(findings)}", "", "| check | severity | record | finding |", "|---|---|---|---|"]
    out += [f"| {cell(f.check)} | {f.severity} | {cell(f.record.id or f.record.path)} | {cell(f.message)} |"
            for f in findings]
    return out + [""]


def controls_lines(controls: Mapping[str, Sequence[str]]) -> list[str]:
    """Controls by framework, a line each: ``COBIT 4.1 DS11.5, DS4.9``, ``ISO/IEC 27002:2022 8.13``."""
    return [f"{FRAMEWORK_NAMES.get(fw, fw)} {', '.join(ids)}" for fw, ids in controls.items() if ids]


def _verifies(verified: bool | None) -> str:
    return "no artifacts" if verified is None else "yes" if verified else "NO"


def _status_counts(controls: Sequence[ControlRow]) -> dict[ControlState, int]:
    """How many of the controls are in each state, every state counted, in the report's order."""
    counts = dict.fromkeys(ControlState, 0)
    for c in controls:
        counts[c.status] += 1
    return counts
