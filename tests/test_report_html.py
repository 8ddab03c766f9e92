"""``regent report --format html``: one self-contained page, opened in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result
from PIL import Image, ImageStat

from regent.engine.model import CheckInfo, ControlState, Finding, RecordRef, ScanResult
from regent.engine.render.report_html import render_html
from regent.engine.report import Report
from regent.engine.report_sections import ArtifactCheck, ControlRow, EvidenceItem, FindingRef, MonthPoint, Reproduction
from tests.conftest import Repo

FRAMEWORKS = {"cobit4", "cobit2019", "iso20000", "iso17799", "iso27002"}
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)\s*(?:https?:)?//""", re.IGNORECASE)


class Page(HTMLParser):
    """The parts of a page the tests look at: each element's count, the text inside each table row
    and inside the SVG charts, and every element's attributes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = {}
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.rows: list[tuple[dict[str, str], list[str]]] = []
        self.svg_text: list[str] = []
        self.text: list[str] = []
        self._svg = 0
        self._row: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.elements.append((tag, attributes))
        if tag == "tr":
            self._row = []
            self.rows.append((attributes, self._row))
        self._svg += tag == "svg"

    def handle_endtag(self, tag: str) -> None:
        self._svg -= tag == "svg"
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._row is not None:
            self._row.append(data)
        if self._svg:
            self.svg_text.append(data)

    def row(self, **attributes: str) -> str:
        """The text of the one table row with these data-* attributes."""
        found = [" ".join("".join(text).split()) for attrs, text in self.rows
                 if all(attrs.get(f"data-{k}") == v for k, v in attributes.items())]
        assert len(found) == 1, (attributes, found)
        return found[0]


def browse(page: Path, tmp_path: Path) -> tuple[Image.Image, str]:
    """Chromium's screenshot of ``page`` and the DOM it built from it."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("chromium is not installed: run `make test-tools`")
    png = tmp_path / "report.png"
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'chromium-profile'}",
         "--window-size=1280,2400", f"--screenshot={png}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and png.exists(), done.stderr[-3000:]
    return Image.open(png).convert("RGB"), done.stdout


def test_the_html_report_in_a_browser(
        invoke: Callable[..., Result], history: Repo, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    result = invoke("report", str(history.path), "--month", "2026-10", "--months", "3", "--format", "html",
                    "--output", str(target))
    assert result.exit_code == 0, result.output
    source = target.read_text(encoding="utf-8")
    assert source.startswith("<!DOCTYPE html>")
    assert not REMOTE.search(source), REMOTE.search(source)
    assert Page(source).tags.keys().isdisjoint({"script", "link", "img", "iframe", "object"})

    screenshot, dom = browse(target, tmp_path)
    assert screenshot.size == (1280, 2400)
    colours = screenshot.getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 50  # text, badges and both charts, not a flat page
    assert max(ImageStat.Stat(screenshot.convert("L")).stddev) > 20

    page = Page(dom)
    text = " ".join(" ".join(page.text).split())
    assert "Evidence report — 2026-10" in text and history.git("rev-parse", "HEAD") in text
    tables = [attrs for tag, attrs in page.elements if tag == "table" and "controls" in attrs.get("class", "")]
    assert {t["data-framework"] for t in tables} == FRAMEWORKS
    charts = [attrs for tag, attrs in page.elements if tag == "svg"]
    assert len(charts) == 2 and all(c.get("aria-labelledby") for c in charts)
    assert page.tags["title"] >= 3  # the page's and each chart's
    assert "not scanned" in page.svg_text  # 2026-08: the repository had no commit yet
    assert "critical" in page.svg_text and "COBIT 4.1" in page.svg_text  # the legends

    # The controls behind REG-CHG-015: CHG-2's finding is waived, so they hold in part.
    covered = [(attrs, "".join(words)) for attrs, words in page.rows if "REG-CHG-015" in "".join(words)
               and "data-control" in attrs]
    assert covered and "partly waived" in {attrs["data-status"] for attrs, _ in covered}
    assert all("waived" in row and "CHG-2" in row for _, row in covered)
    integrity = [attrs for attrs, words in page.rows if "data-control" in attrs and "REG-SEC-017" in "".join(words)
                 and "EV-3" in "".join(words)]
    assert integrity and {a["data-status"] for a in integrity} == {"failed"}

    assert "yes" in page.row(evidence="EV-2")
    ev3 = page.row(evidence="EV-3", verifies="no")
    assert "evidence/artifacts/EV-3.txt" in ev3 and "carol" in ev3
    # A restore test names the controls it is evidence for; the control counts the month's two.
    assert "COBIT 4.1 DS11.5, DS4.9" in ev3 and "ISO/IEC 27002:2022 8.13" in ev3
    assert page.row(framework="iso27002", control="8.13") == "ISO/IEC 27002:2022 8.13 Backing up information 2"
    assert "expiring" in page.row(waiver="WVR-1")


def finding(n: int, message: str = "", status: str = "fail", record: str = "") -> Finding:
    record = record or f"CHG-{n:04d}"
    return Finding(check="REG-CHG-015", title="Unverified CI", severity="medium", status=status,
                   message=message or f"{record} changed an unverified CI", controls={"iso27002": ("8.32",)},
                   record=RecordRef("change", record, f"changes/{record}.yaml", 1), remediation="Verify it")


def test_record_text_is_escaped_and_long_lists_are_cut() -> None:
    hostile = '<script>document.title="owned"</script><img src=x onerror=alert(1)>'
    findings = [finding(n) for n in range(150)] + [finding(150, hostile, "waived", record="CHG-<script>")]
    refs = tuple(FindingRef(check=f.check, severity=f.severity, status=f.status, record=f.record.id,
                            path=f.record.path, line=1, message=f.message) for f in findings)
    check = CheckInfo("REG-CHG-015", "Unverified CI", "medium", "Verify it", {"iso27002": ("8.32",)})
    result = ScanResult(regent_version="0.1.0", repository={"revision": "abc123", "as_of": "2026-10-31"},
                        reference_time="2026-10-31T23:59:59Z", policy_digest="sha256:00", opa_version="1.0.0",
                        checks={check.id: check}, records=151, findings=tuple(findings), controls=(),
                        frameworks=("iso27002",))
    report = Report(
        month="2026-10", period=("2026-10-01", "2026-10-31"), result=result,
        controls={"iso27002": (ControlRow(id="8.32", title=f"Change management {hostile}", status=ControlState.FAILED,
                                          checks=("REG-CHG-015",), findings=refs),)},
        evidence=(EvidenceItem(id="EV-1", type=hostile, collected_at="2026-10-02T10:00:00Z", collected_by=hostile,
                               subject=(hostile,), result="pass", period=None, path="evidence/EV-1.yaml",
                               artifacts=(ArtifactCheck(path="evidence/a.txt", sha256="0" * 64, verified=True),),
                               verified=True),),
        evidence_by_type={hostile: 1}, evidence_gaps=(), new_findings=findings, resolved_findings=[],
        previous_month_scanned=False, waivers=(), trend=(MonthPoint("2026-09", False), MonthPoint(
            "2026-10", True, {"critical": 0, "high": 0, "medium": 150, "low": 0}, {"iso27002": 0}, {"iso27002": 1})),
        reproduce=Reproduction(evidence_revision="abc123", as_of="2026-10-31", reference_time="2026-10-31T23:59:59Z",
                               policy_digest="sha256:00", opa_version="1.0.0", regent_version="0.1.0",
                               command=f"regent report --month 2026-10 {hostile}"))

    html = render_html(report)
    page = Page(html)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "script" not in page.tags and "img" not in page.tags
    assert hostile in " ".join(page.text)  # shown as text
    assert not REMOTE.search(html)

    # A control with 151 findings shows the count and the first records of each check, not all of them.
    control = page.row(control="8.32")
    assert "151 findings (1 waived)" in control
    assert "CHG-0000, CHG-0001, CHG-0002 and 147 more records" in control and "CHG-0003" not in control
    assert "CHG-<script>" in control
    assert "New findings: 151" in " ".join(page.text) and "And 51 more" in html
    assert "every finding is new" in html
