"""One list of output formats: the registry, which the renderers and the command line read.

Which layer imports what is tests/test_architecture.py's."""

from __future__ import annotations

import click
import click.testing

from regent.cli import main
from regent.engine.render import RENDERERS
from regent.engine.render.formats import FORMATS, REPORT_RENDERERS, report_formats, result_formats


def test_each_format_is_named_once_and_renders_something() -> None:
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names))
    assert all(f.result is not None or f.report is not None for f in FORMATS)
    assert list(RENDERERS) == result_formats() and list(REPORT_RENDERERS) == report_formats()


def test_the_command_line_offers_the_registry_formats() -> None:
    report = main.get_command(click.Context(main), "report")
    assert report is not None
    choice = next(p.type for p in report.params if p.name == "fmt")
    assert isinstance(choice, click.Choice) and list(choice.choices) == report_formats()
    scan_help = click.testing.CliRunner().invoke(main, ["scan", "--help"]).output
    assert " ".join(f"{name}," for name in sorted(result_formats())[:-1]) in " ".join(scan_help.split())
