"""What commands print: lines on stdout and stderr, and progress on stderr when someone watches."""

from __future__ import annotations

import logging
import os
import sys
from contextlib import nullcontext
from typing import Any, Callable, ContextManager

from regent.engine.render.base import count

__all__ = ["count", "err", "fail", "interactive", "out", "progress", "show_notes", "status"]

Tick = Callable[[int, int], None]


def out(text: str, *, end: str = "\n") -> None:
    """``text`` on standard output."""
    print(text, end=end, file=sys.stdout, flush=True)


def err(text: str) -> None:
    """A line on standard error."""
    print(text, file=sys.stderr, flush=True)


class _NoteLine(logging.Handler):
    """What the lower layers note (a damaged cache rebuilt, a cache folder that cannot be written): one
    ``regent: note: ...`` line on standard error each."""

    def emit(self, record: logging.LogRecord) -> None:
        err(f"regent: note: {record.getMessage()}")


def show_notes() -> None:
    """Have the lower layers' notes shown on standard error (once, however often it is called)."""
    logger = logging.getLogger("regent")
    if not any(isinstance(h, _NoteLine) for h in logger.handlers):
        logger.addHandler(_NoteLine(logging.WARNING))
        logger.propagate = False


def fail(message: str, code: int) -> int:
    """``regent: message`` on standard error; ``code``, for the command to return."""
    err(f"regent: {message}")
    return code


def interactive(enabled: bool) -> bool:
    """Whether to show progress: stderr is a terminal and this is not CI."""
    return enabled and sys.stderr.isatty() and not os.environ.get("CI")


def progress(enabled: bool) -> tuple[ContextManager[Any], Tick | None]:
    """A progress bar on stderr when it is a terminal; nothing when piped or in CI."""
    if not interactive(enabled):
        return nullcontext(), None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress("reading records", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True,
                   console=Console(stderr=True))
    task = bar.add_task("read", total=None)
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


def status(message: str, enabled: bool) -> ContextManager[Any]:
    """A spinner on stderr for a step with no count to show; nothing when piped or in CI."""
    if not interactive(enabled):
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


def oneline(text: str) -> str:
    """Text on one line of output: line breaks, tabs and other control characters written as escapes."""
    if all(c.isprintable() for c in text):
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text.strip())
