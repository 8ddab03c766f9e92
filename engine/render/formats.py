"""The output formats: each one's name, what it renders and the function that renders it.

The one list of formats. A format renders a scan or gate result (through a :class:`Renderer`),
the monthly report (a function of the :class:`Report`), or both; the command line offers each
command the formats that render what it produces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from regent.engine.model import ScanResult
from regent.engine.render.base import Renderer, RenderOptions
from regent.engine.render.github import GitHubRenderer
from regent.engine.render.json_ import JsonRenderer
from regent.engine.render.junit import JUnitRenderer
from regent.engine.render.markdown import MarkdownRenderer
from regent.engine.render.report import render_csv, render_json, render_markdown
from regent.engine.render.sarif import SarifRenderer
from regent.engine.render.text import TextRenderer
from regent.engine.report import Report

ReportRender = Callable[[Report], "str | bytes"]


def _html(report: Report) -> str:
    from regent.engine.render.report_html import render_html  # jinja2, only when asked for

    return render_html(report)


def _oscal(report: Report) -> str:
    from regent.engine.render.oscal import render_oscal

    return render_oscal(report)


def _xlsx(report: Report) -> bytes:
    from regent.engine.render.xlsx import render_report_workbook  # openpyxl, only when asked for

    return render_report_workbook(report)


class _ResultXlsx(Renderer):
    """A scan's or a gate's result as an auditor's workbook."""

    def render(self, result: ScanResult) -> bytes:
        from regent.engine.render.xlsx import render_result_workbook

        return render_result_workbook(result)


class _ScanOscal(Renderer):
    """A scan's result as OSCAL assessment-results, like the report's."""

    def render(self, result: ScanResult) -> str:
        from regent.engine.render.oscal import render_scan_oscal

        return render_scan_oscal(result)


@dataclass(frozen=True)
class Format:
    """One output format; ``result`` renders a scan or gate result, ``report`` the monthly report."""

    name: str
    result: type[Renderer] | None = None
    report: ReportRender | None = None
    binary: bool = False  # its renderers return bytes (a file for a program, not text for a terminal)


FORMATS: tuple[Format, ...] = (
    Format("text", result=TextRenderer),
    Format("html", report=_html),
    Format("markdown", result=MarkdownRenderer, report=render_markdown),
    Format("json", result=JsonRenderer, report=render_json),
    Format("csv", report=render_csv),
    Format("xlsx", result=_ResultXlsx, report=_xlsx, binary=True),
    Format("oscal", result=_ScanOscal, report=_oscal),
    Format("sarif", result=SarifRenderer),
    Format("junit", result=JUnitRenderer),
    Format("github", result=GitHubRenderer),
)
RESULT_RENDERERS: dict[str, type[Renderer]] = {f.name: f.result for f in FORMATS if f.result is not None}
REPORT_RENDERERS: dict[str, ReportRender] = {f.name: f.report for f in FORMATS if f.report is not None}


def is_binary(name: str) -> bool:
    """Whether the format ``name`` is a binary file."""
    return any(f.binary for f in FORMATS if f.name == name)


def result_formats() -> list[str]:
    """The formats of a scan or gate result, in the registry's order."""
    return list(RESULT_RENDERERS)


def report_formats() -> list[str]:
    """The formats of the monthly report, in the registry's order."""
    return list(REPORT_RENDERERS)


def render_result(name: str, result: ScanResult, options: RenderOptions | None = None) -> str | bytes:
    """A scan or gate result in the format ``name``: text, or bytes for a binary format."""
    return RESULT_RENDERERS[name](options or RenderOptions()).render(result)


def render_report(name: str, report: Report) -> str | bytes:
    """The monthly report in the format ``name``: text, or bytes for a binary format."""
    return REPORT_RENDERERS[name](report)
