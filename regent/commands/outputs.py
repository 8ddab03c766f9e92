"""Where a result goes: each format to its file or to standard output, and baselines around it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Sequence

from regent.commands.console import count, err, out
from regent.commands.errors import OutputError, UsageError
from regent.commands.options import Target
from regent.engine import baseline
from regent.engine.model import ScanResult
from regent.engine.render.base import RenderOptions
from regent.engine.render.formats import is_binary, render_result, result_formats
from regent.engine.render.markdown import MarkdownRenderer


def targets(formats: Sequence[str], outputs: Sequence[Path]) -> list[Target]:
    """Where each format goes. ``FORMAT=FILE`` names its file; otherwise, when there are as many
    --output as --format, each format goes to the output in the same position; a format with
    no file goes to stdout (at most one). :class:`UsageError` when they do not pair up."""
    known = result_formats()
    pairs: list[Target] = []
    for given in formats or ["text"]:
        name, sep, file = given.partition("=")
        if name not in known:
            raise UsageError(f"--format {given!r}: no such format; choose from {', '.join(sorted(known))}")
        if sep and not file:
            raise UsageError(f"--format {given!r}: name the file after '='")
        pairs.append((name, Path(file) if sep else None))
    for name, to in pairs:
        if to is None and not outputs:
            refuse_binary_on_terminal(name)
    unpaired = [i for i, (_, to) in enumerate(pairs) if to is None]
    if outputs:
        if len(outputs) != len(unpaired) or len(unpaired) != len(pairs):
            raise UsageError("pair each --output with a --format (as many of each, in the same order), "
                             "or write the file into the format: --format sarif=gate.sarif")
        pairs = [(name, to) for (name, _), to in zip(pairs, outputs, strict=True)]
    elif len(unpaired) > 1:
        raise UsageError("only one format can go to standard output: give the others a file, "
                         "as in --format sarif=gate.sarif")
    return pairs


def refuse_binary_on_terminal(fmt: str) -> None:
    """:class:`UsageError` when the binary format ``fmt`` would go to standard output and that is a terminal."""
    if is_binary(fmt) and sys.stdout.isatty():
        raise UsageError(f"{fmt} is a binary file, not for a terminal: write it to a file with -o FILE "
                         f"(or --format {fmt}=FILE)")


def emit(text: str | bytes, output: Path | None, fmt: str = "") -> None:
    """``text`` to the file ``output``, or to standard output. A binary format (a workbook) goes to a
    file or a pipe, never to a terminal: :class:`UsageError` then."""
    if output is None:
        if isinstance(text, str):
            out(text, end="")
        else:
            refuse_binary_on_terminal(fmt)
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        return
    try:
        if isinstance(text, str):
            output.write_text(text, encoding="utf-8")
        else:
            output.write_bytes(text)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror}") from None


def deliver(result: ScanResult, to: Sequence[Target], threshold: str, by: str | None = None) -> None:
    """Render the result in each format to its file or stdout; with github, the job summary too.
    With ``by``, text and markdown show the business view at that level instead of the findings."""
    for fmt, output in to:
        color = output is None and fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size().columns if color else 120
        emit(render_result(fmt, result, RenderOptions(color=color, width=width, fail_on=threshold, by=by)), output,
             fmt)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and any(fmt == "github" for fmt, _ in to):
        text = MarkdownRenderer(RenderOptions(fail_on=threshold)).render(result)
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise OutputError(f"cannot write the job summary {summary}: {exc.strerror}") from None


def apply_baselines(result: ScanResult, write_to: Path | None, read_from: Path | None) -> ScanResult:
    """Store the findings as a baseline, then leave out those a baseline holds."""
    if write_to is not None:
        written = baseline.write(result, write_to)
        err(f"baseline: {count(written, 'finding', 'findings')} written to {write_to}")
    if read_from is not None:
        result = baseline.apply(result, baseline.read(read_from), read_from)
        assert result.baseline is not None
        stale = result.baseline.stale
        err(f"baseline {read_from}: {count(result.baseline.known, 'known finding', 'known findings')} "
            f"left out, {count(len(stale), 'stale entry', 'stale entries')}")
        for entry in stale:
            err(f"  stale: {entry.check} {entry.kind} {entry.id} (no longer found)")
    return result
