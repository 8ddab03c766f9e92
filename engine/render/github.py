"""``--format github``: GitHub Actions workflow commands that annotate the records' files.

One ``::error``, ``::warning`` or ``::notice`` line per finding that is not
waived, then one plain line with the counts. GitHub reads the command's
properties up to the next comma or colon and its message up to the end of the
line, so those characters (and ``%``, which starts an escape) are
percent-encoded as GitHub's own toolkit does. The job summary is the markdown
renderer's output; the command line writes it where GitHub asks.
"""

from __future__ import annotations

from typing import Mapping

from regent.engine.model import Finding, ScanResult
from regent.engine.render.base import Renderer

COMMANDS: Mapping[str, str] = {"critical": "error", "high": "error", "medium": "warning", "low": "notice"}


class GitHubRenderer(Renderer):
    def render(self, result: ScanResult) -> str:
        lines = [annotation(f) for f in result.findings if f.status != "waived"]
        lines.append(summary_line(result, self.options.fail_on))
        return "\n".join(lines) + "\n"


def escape_data(value: str) -> str:
    """A command's message: ``%``, CR and LF encoded."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A command's property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """The workflow command for one finding."""
    properties = []
    if f.record.path:
        properties.append(f"file={escape_property(f.record.path)}")
        if f.record.line >= 1:
            properties.append(f"line={f.record.line}")
    properties.append(f"title={escape_property(f'{f.check} {f.title}')}")
    message = f.message
    if f.status == "error":
        message = f"{message} (this record could not be checked)"
    if f.remediation:
        message += f"\nRemediation: {f.remediation}"
    controls = "; ".join(f"{fw} {', '.join(ids)}" for fw, ids in f.controls.items())
    if controls:
        message += f"\nControls: {controls}"
    return f"::{COMMANDS.get(f.severity, 'warning')} {','.join(properties)}::{escape_data(message)}"


def summary_line(result: ScanResult, fail_on: str) -> str:
    counts = result.by_severity()
    open_count = sum(counts.values())
    severities = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "none"
    verdict = "fails" if result.breaches(fail_on) else "passes"
    errors = result.count("error")
    unread = f"; {errors} of them on records Regent could not read" if errors else ""
    return (f"Regent: {open_count} open findings ({severities}{unread}), {result.count('waived')} waived, "
            f"in {result.records} records; {verdict} at --fail-on {fail_on}")
