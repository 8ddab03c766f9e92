"""One error handler: each layer's errors become the exit codes of the findings contract, and any other
failure exit code 4 with one line on stderr (the traceback with --debug)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from regent.cli import main
from regent.commands import validate
from regent.commands.errors import OutputError, UsageError, exits
from regent.commands.report import ReportOptions, run_report
from regent.commands.validate import run_validate
from regent.engine import monthly
from regent.engine.errors import EngineUnavailable, InputFileError, PolicyError
from regent.engine.opa import PrivateOpa
from regent.engine.session import OpaOptions
from regent.evidence import ConfigError, EvidenceError
from tests.conftest import Repo

INTERNAL = ("regent: internal error: OverflowError: date value out of range; please report it with the command you "
            "ran (run again with --debug for the traceback)\n")


def _month_ends_with_a_bug(month: str, count: int) -> list[date]:
    """A test double of the report's month-end arithmetic that overflows, as date arithmetic can."""
    raise OverflowError("date value out of range")


@pytest.fixture
def buggy_month_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(monthly, "month_ends", _month_ends_with_a_bug)


def test_an_internal_failure_is_one_line_and_exit_4(invoke: Callable[..., Result], history: Repo,
                                                    buggy_month_ends: None) -> None:
    result = invoke("report", str(history.path), "--month", "2026-10")

    assert result.exit_code == 4
    assert result.stderr == INTERNAL
    assert result.stdout == ""


def test_debug_shows_the_traceback_instead(invoke: Callable[..., Result], history: Repo,
                                          buggy_month_ends: None) -> None:
    result = invoke("--debug", "report", str(history.path), "--month", "2026-10")

    assert result.exit_code == 4
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.rstrip().endswith("OverflowError: date value out of range")
    assert "internal error" not in result.stderr

    # --debug lasts as long as its command.
    again = invoke("report", str(history.path), "--month", "2026-10")
    assert again.exit_code == 4 and again.stderr == INTERNAL


def test_the_command_function_returns_4_for_the_same_failure(history: Repo, opa: PrivateOpa, buggy_month_ends: None,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    options = ReportOptions("2026-10", opa=OpaOptions(url=opa.url, token=opa.token))

    assert run_report(history.path, options) == 4

    assert capsys.readouterr().err == INTERNAL


def _load_snapshot_that_fails(path: Path, **_: object) -> None:
    """A test double of the evidence layer's load_snapshot with a bug of its own."""
    raise KeyError("kind")


def test_a_failing_collaborator_becomes_exit_4(repo: Repo, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(validate, "load_snapshot", _load_snapshot_that_fails)

    assert run_validate(repo.path) == 4

    assert capsys.readouterr().err == ("regent: internal error: KeyError: 'kind'; please report it with the command "
                                       "you ran (run again with --debug for the traceback)\n")


@pytest.mark.parametrize("error, code", [
    (EvidenceError("not a git repository: /nowhere"), 2),
    (ConfigError("regent.yaml:3: fail_on: 'sometimes' is not one of ..."), 2),
    (InputFileError("baseline.json is not a baseline"), 2),
    (OutputError("cannot write out.json: Permission denied"), 2),
    (UsageError("--month '2026-13' is not a month"), 2),
    (PolicyError("policies/x.rego:3: rego_parse_error"), 3),
    (EngineUnavailable("OPA at http://127.0.0.1:9 is not reachable"), 3),
])
def test_each_layer_error_has_its_exit_code_and_message(error: Exception, code: int,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    @exits
    def command() -> int:
        raise error

    assert command() == code
    assert capsys.readouterr().err == f"regent: {error}\n"


def test_the_help_lists_exit_code_4() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "4 Regent itself failed" in result.output and "--debug" in result.output


def test_a_terminated_command_leaves_no_token_or_capabilities_behind(history: Repo, tmp_path: Path) -> None:
    # A CI job cancelled mid-report sends SIGTERM: the private OPA's folder (it holds the server's
    # token) and the capabilities file must go with the process, as on a normal exit.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch), CI="true", REGENT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("REGENT_OPA_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "regent", "report", str(history.path), "--month", "2026-10",
                                "--months", "24", "--format", "json"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if any(p.name.startswith("regent-opa-") for p in scratch.iterdir()):
            break
        time.sleep(0.02)
    assert process.poll() is None, "the report ended before its OPA could be seen: nothing was tested"
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in stderr
    assert [p.name for p in scratch.iterdir() if p.name.startswith("regent-")] == []
