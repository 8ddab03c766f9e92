"""Where things live: click only in the command line, no git in the engine, one list of output formats."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest

import regent
from regent.cli import main
from regent.engine.render import RENDERERS
from regent.engine.render.formats import FORMATS, REPORT_RENDERERS, report_formats, result_formats

PACKAGE = Path(regent.__file__).resolve().parent
COMMANDS = sorted((PACKAGE / "commands").glob("*.py"))
ENGINE = sorted((PACKAGE / "engine").rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", [*COMMANDS, *ENGINE], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_command_line_imports_click(path: Path) -> None:
    assert not {name for name in imported(path) if name.split(".")[0] == "click"}


@pytest.mark.parametrize("path", [PACKAGE / "engine" / "monthly.py", PACKAGE / "engine" / "policytest.py",
                                  PACKAGE / "engine" / "session.py", PACKAGE / "engine" / "render" / "formats.py"],
                         ids=lambda p: p.name)
def test_the_new_engine_modules_know_no_git_and_no_command(path: Path) -> None:
    names = imported(path)
    assert not {n for n in names if n.split(".")[0] == "git" or n == "regent.evidence.gitrepo"}
    assert not {n for n in names if n.startswith(("regent.commands", "regent.cli"))}


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
