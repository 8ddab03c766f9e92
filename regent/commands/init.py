"""``regent init``: lay out an evidence repository, keeping every file already there."""

from __future__ import annotations

from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from regent.commands.console import out
from regent.commands.errors import EXIT_OK, exits
from regent.evidence.authoring.layout import init_repository


@exits
def run_init(path: Path) -> int:
    """Lay out a new evidence repository in DIR: folders, regent.yaml, people.yaml, example records, CI gate.

    \b
    Existing files are never overwritten; runs git init unless DIR is already in a git work tree.
    """
    workflow = Path(str(resources.files("regent") / "examples" / "ci" / "github" / "regent-gate.yml"))
    report = init_repository(path, now=datetime.now(timezone.utc), workflow=workflow)
    if report.git_initialised:
        out(f"Initialised a git repository in {path}")
    for relpath in report.created:
        out(f"  created  {relpath}")
    for relpath in report.kept:
        out(f"  kept     {relpath} (already there, left as it was)")
    if report.examples_left_out:
        out("  (no example records: the repository holds records already)")
    go = "" if path.resolve() == Path.cwd().resolve() else f"cd {path} && "
    out("\nNext steps:\n"
        "  1. Fill in people.yaml: your people, their roles and the e-mails they commit with.\n"
        "     The example records (marked Example:) name its example people: edit them into\n"
        "     real records or delete them.\n"
        f"  2. {go}git add -A && git commit -m \"Start the evidence repository\"\n"
        "  3. regent scan")
    return EXIT_OK
