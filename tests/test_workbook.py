"""``--format xlsx``: the auditor's workbook of a scan and of the monthly report, opened with openpyxl
the way a spreadsheet would read it."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import openpyxl
from click.testing import Result
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import Repo
from tests.test_output_escaping import ESCAPE, FORMULA, _unapproved

FRAMEWORK_SHEETS = {"cobit4": "COBIT 4.1", "cobit2019": "COBIT 2019", "iso20000": "ISO-IEC 20000-1-2018",
                    "iso17799": "ISO-IEC 17799-2005", "iso27002": "ISO-IEC 27002-2022"}
STATUS = {"pass": "held", "fail": "failed", "not_tested": "not tested"}


def rows(sheet: Worksheet) -> list[dict[str, Any]]:
    """The sheet's rows as mappings of its header row; an empty cell reads as ''."""
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return [{h: ("" if v is None else v) for h, v in zip(header, row, strict=True)} for row in values[1:]]


def a_table(sheet: Worksheet) -> None:
    """Its header frozen and every row under the filter."""
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    assert all(cell.font.bold for cell in sheet[1])


def test_the_scan_workbook_holds_every_finding_and_control(
        invoke: Callable[..., Result], history: Repo, tmp_path: Path) -> None:
    book_file, json_file = tmp_path / "scan.xlsx", tmp_path / "scan.json"
    result = invoke("scan", str(history.path), "--as-of", "2026-10-31", "--format", f"xlsx={book_file}",
                    "--format", f"json={json_file}")
    assert result.exit_code == 1, result.output
    scanned = json.loads(json_file.read_text())
    book = openpyxl.load_workbook(book_file)

    assert book.sheetnames == [*FRAMEWORK_SHEETS.values(), "Findings", "Reproduce"]
    for sheet in book.worksheets:
        a_table(sheet)

    # Each framework's sheet: every control of the scan, its status, its checks and its open findings.
    waived = {(fw, c) for f in scanned["findings"] if f["status"] == "waived"
              for fw, ids in f["controls"].items() for c in ids}
    for framework, name in FRAMEWORK_SHEETS.items():
        listed = {r["Control"]: r for r in rows(book[name])}
        expected = [c for c in scanned["controls"] if c["framework"] == framework]
        assert set(listed) == {c["id"] for c in expected} and len(listed) == len(expected)
        for c in expected:
            row = listed[c["id"]]
            status = "partly waived" if c["status"] == "pass" and (framework, c["id"]) in waived else STATUS[c["status"]]
            assert row["Status"] == status, c
            assert row["Checks"] == ", ".join(c["checks"])
            assert row["Open findings"] == c["findings"]
    assert rows(book["COBIT 4.1"])[0]["Title"]  # the catalog's titles

    # The findings sheet: every finding once, its controls one column per framework.
    findings = rows(book["Findings"])
    assert len(findings) == len(scanned["findings"]) > 0
    for row, f in zip(findings, scanned["findings"], strict=True):
        assert (row["Check"], row["Severity"], row["Status"], row["Record"], row["Path"], row["Line"],
                row["Message"]) == (f["check"], f["severity"], f["status"], f["record"]["id"] or "",
                                    f["record"]["path"], f["record"]["line"], f["message"])
        assert row["Waiver"] == (f["waiver"] or "")
        assert row["COBIT 4.1"] == ", ".join(f["controls"].get("cobit4", []))
        assert row["ISO/IEC 27002:2022"] == ", ".join(f["controls"].get("iso27002", []))

    reproduce = {r["Field"]: r["Value"] for r in rows(book["Reproduce"])}
    assert reproduce["Command"] == "regent scan --as-of 2026-10-31 --format xlsx"
    assert reproduce["Evidence revision"] == history.git("rev-parse", "HEAD")
    assert reproduce["Reference time"] == "2026-10-31T23:59:59Z"
    assert reproduce["Policy digest"] == scanned["policies"]["digest"]
    assert reproduce["Findings"] == len(scanned["findings"]) and reproduce["Records"] == scanned["summary"]["records"]


def test_the_report_workbook_adds_the_months_evidence(
        invoke: Callable[..., Result], history: Repo, tmp_path: Path) -> None:
    book_file = tmp_path / "october.xlsx"
    result = invoke("report", str(history.path), "--month", "2026-10", "--months", "2", "--format", "xlsx",
                    "-o", str(book_file))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(book_file)
    assert book.sheetnames[-3:] == ["Findings", "Evidence of the month", "Reproduce"]

    evidence = {r["Id"]: r for r in rows(book["Evidence of the month"])}
    assert set(evidence) == {"EV-2", "EV-3"}  # EV-1 was collected in September
    assert evidence["EV-2"]["Artifacts verified"] == "yes" and evidence["EV-3"]["Artifacts verified"] == "no"
    assert "8.13" in evidence["EV-2"]["ISO/IEC 27002:2022"]
    backups = next(r for r in rows(book["ISO-IEC 27002-2022"]) if r["Control"] == "8.13")
    assert backups["Evidence manifests"] == 2

    findings = rows(book["Findings"])
    assert {r["New this month"] for r in findings} <= {"yes", "no"} and findings
    assert any(r["Check"] == "REG-CHG-015" and r["Status"] == "waived" and r["Waiver"] == "WVR-1" for r in findings)
    reproduce = {r["Field"]: r["Value"] for r in rows(book["Reproduce"])}
    assert reproduce["Month"] == "2026-10" and reproduce["As of"] == "2026-10-31"
    assert reproduce["Command"] == "regent report --month 2026-10 --months 2 --format xlsx"


def test_record_text_is_shown_not_run(invoke: Callable[..., Result], history: Repo, tmp_path: Path) -> None:
    history.write("changes/CHG-F.yaml", _unapproved(FORMULA))
    history.write("changes/CHG-E.yaml", _unapproved(ESCAPE))
    history.commit("Changes named like a formula and a terminal escape", date="2026-10-20T12:00:00Z")
    book_file = tmp_path / "scan.xlsx"
    assert invoke("scan", str(history.path), "--as-of", "2026-10-31", "--format", "xlsx", "-o",
                  str(book_file)).exit_code == 1

    book = openpyxl.load_workbook(book_file)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    findings = rows(book["Findings"])
    assert any(r["Record"] == "'" + FORMULA for r in findings)
    assert any(r["Record"] == "CHG-\\x1b]0;owned\\x07\\x1b[2J" for r in findings)
    assert not any("\x1b" in str(c.value) for c in cells)


def test_a_workbook_goes_to_a_file_or_a_pipe_never_to_a_terminal(
        invoke: Callable[..., Result], history: Repo) -> None:
    piped = invoke("scan", str(history.path), "--as-of", "2026-10-31", "--format", "xlsx")
    assert piped.exit_code == 1
    assert openpyxl.load_workbook(io.BytesIO(piped.stdout_bytes)).sheetnames[-2:] == ["Findings", "Reproduce"]

    regent = str(Path(sys.executable).parent / "regent")
    for command in (["scan", str(history.path), "--format", "xlsx"],
                    ["report", str(history.path), "--month", "2026-10", "--format", "xlsx"]):
        primary, secondary = pty.openpty()
        try:
            done = subprocess.run([regent, *command], stdout=secondary, stderr=subprocess.PIPE, text=True,
                                  timeout=300, env={**os.environ, "CI": "true"})
        finally:
            os.close(secondary)
            os.close(primary)
        assert done.returncode == 2, done.stderr
        assert "xlsx is a binary file, not for a terminal: write it to a file with -o FILE" in done.stderr
