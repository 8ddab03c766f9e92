"""The one place that turns each layer's exceptions into a line on stderr and an exit code.

The codes are those of the findings contract: 2 for usage and configuration (the evidence layer's
errors, a file the user named that cannot be read or written, an attestation that cannot be read or
whose signature does not hold), 3 when the policy engine cannot
run, and 4 for anything else: a failure of Regent itself, reported in one line with where to
report it (the traceback with ``--debug``).
"""

from __future__ import annotations

import functools
import signal
import threading
import traceback
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, ParamSpec

from regent.attestation import AttestationError
from regent.commands.console import err, fail
from regent.engine.errors import EngineUnavailable, InputFileError, PolicyError
from regent.evidence import EvidenceError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_ENGINE, EXIT_INTERNAL = 0, 1, 2, 3, 4


class UsageError(Exception):
    """An argument the command cannot use (a month that is not YYYY-MM, a format with no file)."""


class OutputError(Exception):
    """A report could not be written where the command was told to write it."""


USAGE_ERRORS: tuple[type[Exception], ...] = (EvidenceError, InputFileError, OutputError, UsageError,
                                             AttestationError)
ENGINE_ERRORS: tuple[type[Exception], ...] = (PolicyError, EngineUnavailable)

_tracebacks: ContextVar[bool] = ContextVar("regent_tracebacks", default=False)

P = ParamSpec("P")


@contextmanager
def debugging(enabled: bool = True) -> Iterator[None]:
    """Within this block an internal error prints its traceback instead of the one-line report."""
    token = _tracebacks.set(enabled)
    try:
        yield
    finally:
        _tracebacks.reset(token)


@contextmanager
def stopping_cleanly() -> Iterator[None]:
    """Within this block SIGTERM (a CI job cancelled, a container stopped) ends the command as an exit
    does: the private OPA is stopped and its folder, which holds its token, and the capabilities
    file are removed, instead of being left behind by the default action."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def internal_error_line(exc: BaseException) -> str:
    """The one line that reports a failure of Regent itself."""
    message = " ".join(str(exc).split())
    what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return (f"regent: internal error: {what}; please report it with the command you ran "
            "(run again with --debug for the traceback)")


def exits(command: Callable[P, int]) -> Callable[P, int]:
    """The command, with each layer's exceptions turned into a message and its exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> int:
        try:
            return command(*args, **kwargs)
        except USAGE_ERRORS as exc:
            return fail(str(exc), EXIT_USAGE)
        except ENGINE_ERRORS as exc:
            return fail(str(exc), EXIT_ENGINE)
        except Exception as exc:
            if _tracebacks.get():
                traceback.print_exc()
            else:
                err(internal_error_line(exc))
            return EXIT_INTERNAL

    return run
