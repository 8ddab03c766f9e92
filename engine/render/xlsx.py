"""``--format xlsx``: an auditor's workbook of a scan's result or of the monthly report.

One sheet per framework (each control, its status, its checks, its findings), a sheet of every
finding with its controls in one column per framework, the month's evidence (a report), and what it
takes to produce the same result again. Every sheet's header is frozen and filterable. Record text
is shown, never run: control characters are made visible, and a cell a spreadsheet would read as a
formula gets the CSV output's leading apostrophe.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from regent.engine.catalog import load_catalogs
from regent.engine.model import ControlState, Finding, ScanResult
from regent.engine.render.base import printable, spreadsheet_cell
from regent.engine.render.policies import FRAMEWORK_NAMES
from regent.engine.report import Report, control_rows
from regent.engine.report_sections import ControlRow, EvidenceItem, Reproduction

if TYPE_CHECKING:
    from openpyxl import Workbook

_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_WIDTHS = {"Message": 80, "Title": 48, "Remediation": 60, "Path": 40, "Value": 90}


def render_result_workbook(result: ScanResult) -> bytes:
    """A scan's (or a gate's) result as a workbook."""
    book = _workbook(result.reference_time)
    _framework_sheets(book, control_rows(result, load_catalogs()), {})
    _findings_sheet(book, result.findings, result.frameworks)
    _reproduce_sheet(book, Reproduction.of_scan(result, "xlsx"), result)
    return _bytes(book)


def render_report_workbook(report: Report) -> bytes:
    """The monthly report as a workbook: the month end's controls and findings, the month's evidence."""
    result = report.result
    book = _workbook(result.reference_time)
    _framework_sheets(book, report.controls, report.evidence_by_control)
    new = {id(f) for f in report.new_findings}
    _findings_sheet(book, result.findings, tuple(report.controls) or result.frameworks,
                    new_this_month=[id(f) in new for f in result.findings])
    _evidence_sheet(book, report.evidence, tuple(report.controls))
    _reproduce_sheet(book, report.reproduce, result, month=report.month)
    return _bytes(book)


def _workbook(reference_time: str) -> Workbook:
    from openpyxl import Workbook

    book = Workbook(write_only=True)  # rows streamed to the file: a large result's workbook stays quick
    # The file's own dates are the moment judged, so that a result gives the same workbook every time.
    moment = datetime.fromisoformat(reference_time.replace("Z", "+00:00")).astimezone(timezone.utc)
    book.properties.created = book.properties.modified = moment.replace(tzinfo=None)
    book.properties.creator = "Regent"
    return book


def _framework_sheets(book: Workbook, controls: Mapping[str, Sequence[ControlRow]],
                      evidence: Mapping[str, Mapping[str, int]]) -> None:
    for framework, rows in controls.items():
        headers = ["Control", "Title", "Status", "Checks", "Findings", "Open findings", "Waived findings"]
        if evidence:
            headers.append("Evidence manifests")
        table = []
        for c in rows:
            waived = sum(1 for f in c.findings if f.status == "waived")
            row: list[Any] = [c.id, c.title, c.status.label, ", ".join(c.checks), len(c.findings),
                              len(c.findings) - waived, waived]
            if evidence:
                row.append(evidence.get(framework, {}).get(c.id, 0))
            table.append(row)
        _sheet(book, FRAMEWORK_NAMES.get(framework, framework), headers, table)


def _findings_sheet(book: Workbook, findings: Sequence[Finding], frameworks: Sequence[str],
                    new_this_month: Sequence[bool] | None = None) -> None:
    headers = ["Severity", "Status", "Check", "Title", "Record kind", "Record", "Path", "Line", "Message",
               "Remediation", "Waiver", *(FRAMEWORK_NAMES.get(fw, fw) for fw in frameworks)]
    if new_this_month is not None:
        headers.append("New this month")
    table = []
    for index, f in enumerate(findings):
        row: list[Any] = [f.severity, f.status, f.check, f.title, f.record.kind or "", f.record.id or "",
                          f.record.path, f.record.line, f.message, f.remediation, f.waiver or "",
                          *(", ".join(f.controls.get(fw, ())) for fw in frameworks)]
        if new_this_month is not None:
            row.append("yes" if new_this_month[index] else "no")
        table.append(row)
    _sheet(book, "Findings", headers, table)


def _evidence_sheet(book: Workbook, items: Sequence[EvidenceItem], frameworks: Sequence[str]) -> None:
    headers = ["Id", "Type", "Collected at", "Collected by", "Subjects", "Result", "Period", "Path", "Artifacts",
               "Artifacts verified", *(FRAMEWORK_NAMES.get(fw, fw) for fw in frameworks)]
    table = [[e.id, e.type, e.collected_at, e.collected_by, ", ".join(e.subject), e.result or "", e.period or "",
              e.path, "\n".join(a.path for a in e.artifacts),
              "" if e.verified is None else "yes" if e.verified else "no",
              *(", ".join(e.controls.get(fw, ())) for fw in frameworks)] for e in items]
    _sheet(book, "Evidence of the month", headers, table)


def _reproduce_sheet(book: Workbook, reproduce: Reproduction, result: ScanResult, month: str | None = None) -> None:
    held = sum(1 for c in result.controls if c.status is ControlState.HELD)
    rows: list[tuple[str, Any]] = [
        *([("Month", month)] if month else []),
        ("Command", reproduce.command),
        ("Evidence revision", reproduce.evidence_revision or ""),
        ("Work tree", "yes: changes not committed may be in it" if result.repository.get("worktree") else "no"),
        ("As of", reproduce.as_of or ""),
        ("Reference time", reproduce.reference_time),
        ("Policy digest", reproduce.policy_digest),
        ("Checks", len(result.checks)),
        ("OPA", reproduce.opa_version),
        ("Regent", reproduce.regent_version),
        ("Frameworks", ", ".join(FRAMEWORK_NAMES.get(fw, fw) for fw in result.frameworks)),
        ("Records", result.records),
        ("Findings", len(result.findings)),
        ("Open", result.count("fail")),
        ("Waived", result.count("waived")),
        ("Errors", result.count("error")),
        ("Controls held", f"{held} of {len(result.controls)}"),
        *(("Note", note) for note in result.notes),
    ]
    _sheet(book, "Reproduce", ["Field", "Value"], rows)


def _sheet(book: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A sheet with a bold, frozen, filterable header row; long text wrapped in wide columns."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(_sheet_name(book, title))
    # A streamed sheet writes its panes and columns before its rows: set them first.
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(header, max(12, len(header) + 2))
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    wrapped = [header in _WIDTHS for header in headers]

    def styled(value: Any, **style: Any) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=_cell(value))
        for name, how in style.items():
            setattr(cell, name, how)
        return cell

    sheet.append([styled(h, font=bold) for h in headers])
    count = 0
    for row in rows:
        sheet.append([styled(value, alignment=wrap) if wide else _cell(value)
                      for value, wide in zip(row, wrapped, strict=True)])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"


def _sheet_name(book: Workbook, title: str) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the book."""
    base = _NOT_IN_SHEET_NAME.sub("-", title)[:31].strip() or "Sheet"
    name, n = base, 2
    while name in book.sheetnames:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    return name


def _cell(value: Any) -> Any:
    """A value as a cell shows it: numbers as numbers; text with its control characters visible and,
    when a spreadsheet would run it as a formula, a leading apostrophe."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, (int, float)):
        return value
    return spreadsheet_cell(printable(str(value)))


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
