"""``regent import``: records from an ITSM tool's export, written into the work tree."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from regent.commands.console import err, fail, oneline, out
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, exits
from regent.commands.import_history import run_history
from regent.evidence import EvidenceError
from regent.evidence.authoring.replay import HistoryRequest
from regent.evidence.importers.apply import ImportSummary
from regent.evidence.importers.apply import run_import as import_export
from regent.evidence.importers.formats import importer


@dataclass(frozen=True)
class ImportOptions:
    """What to import and how: the export's format and file, and how to read its rows."""

    fmt: str
    export: Path
    kind: str | None = None
    dry_run: bool = False
    encoding: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)  # the format's own: columns, delimiter, ...
    verbose: bool = False  # list the files written and every person named who is not in people.yaml
    history: bool = False  # replay the export's timeline as dated commits
    granularity: str = "day"  # one commit per author and day, week or month


@exits
def run_import(path: Path, options: ImportOptions) -> int:
    """Turn an export from an ITSM tool into records in the evidence repository.

    \b
    FORMAT is one of:
      servicenow     table exports (JSON or CSV) of change_request, incident, problem, cmdb_ci,
                     sysapproval_approver (added to the changes' approvals);
                     codes mapped by import.servicenow in regent.yaml
      bpic2014       BPI Challenge 2014 detail CSVs (change or incident)
      uci-incidents  the UCI incident management event log (the last event of each incident wins)
      csv            any CSV, with --map FIELD=COLUMN or --mapping NAME

    \b
    EXPORT may be gzip-compressed (.gz). Importing is idempotent: the same export again changes
    nothing; an updated export updates the records it names and deletes nothing.

    \b
    Standard output: one line of counts (created, updated, unchanged, rejected);
    --verbose adds each file written and every person named who is not in people.yaml.
    Standard error: each rejected row as FILE:LINE with every reason it has, then
    notes on the export as a whole (its encoding, columns kept without a Regent field,
    defaults given, references that could not be read as names, people to add).

    Exit codes: 0 every row imported, 1 some rows rejected, 2 the file cannot be read.
    Review the changes with git diff and commit them.

    \b
    With --history, the export's timeline (each state a record passed through, with its time) is
    replayed as git commits in time order instead: one per day (--history-granularity) and person
    who acted, each holding the records as they stood at the end of it, dated by its latest event,
    authored by the person who acted where the export names one people.yaml lists, and committed by
    import.committer of regent.yaml (default: git's user). Scans --as-of a date and reports of a
    month in the past then judge the records as they stood then. Importing the same log again adds
    nothing; a longer log adds what came after. The work tree's record files, people.yaml and
    regent.yaml must be committed first (exit 2 otherwise).
    """
    o = options
    try:
        data = o.export.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip: read as it was exported
            data = gzip.decompress(data)
    except OSError as exc:
        return fail(f"{o.export}: {exc.strerror or exc}", EXIT_USAGE)
    except EOFError:
        return fail(f"{o.export}: the gzip file is cut short", EXIT_USAGE)
    if o.history:
        request = HistoryRequest(o.fmt, o.export.name, o.granularity, o.kind, o.encoding, o.settings, o.dry_run)
        try:
            return run_history(path, importer(o.fmt), data, o.export, request)
        except EvidenceError as exc:
            return fail(f"{o.export}: {exc}", EXIT_USAGE)
    try:
        summary = import_export(path, importer(o.fmt), data, kind=o.kind, encoding=o.encoding,
                                options=o.settings, dry_run=o.dry_run)
    except EvidenceError as exc:
        return fail(f"{o.export}: {exc}", EXIT_USAGE)
    _show(o, summary)
    return EXIT_FINDINGS if summary.rejections else EXIT_OK


def _show(o: ImportOptions, summary: ImportSummary) -> None:
    would = "would be " if o.dry_run else ""
    if o.verbose:
        for outcome in summary.outcomes:
            if outcome.action != "unchanged":
                out(f"  {would}{outcome.action:<8} {outcome.path}")
    counts = ", ".join(f"{summary.count(a)} {'' if a == 'unchanged' else would}{a}"
                       for a in ("created", "updated", "unchanged"))
    reasons = "; ".join(dict.fromkeys(summary.skipped))
    skipped = f", {len(summary.skipped)} skipped ({reasons})" if summary.skipped else ""
    out(f"{o.export.name}: {counts}, {len(summary.rejections)} rejected{skipped}"
        + (" (dry run: nothing written)" if o.dry_run else ""))
    for rejection in summary.rejections:
        number = f" {oneline(rejection.number)}" if rejection.number else ""
        err(f"{o.export}:{rejection.line}: row {rejection.row}{number}: {oneline(rejection.reason)}")
    for unreadable in summary.unreadable:
        err(f"regent: {unreadable} could not be read: a record it holds may be imported twice")
    for note in summary.notes:
        err(f"{o.export.name}: note: {oneline(note)}")
    if summary.newcomers:
        _newcomers(o, summary)


def _newcomers(o: ImportOptions, summary: ImportSummary) -> None:
    """The people the records name who are not in people.yaml: counted on standard error, listed on
    standard output with --verbose."""
    people = summary.newcomers
    shown = ", ".join(n.id for n in people[:5]) + (", ..." if len(people) > 5 else "")
    more = "" if o.verbose else "; --verbose lists them with their records"
    err(f"{o.export.name}: note: {len(people)} {'person' if len(people) == 1 else 'people'} the records name "
        f"{'is' if len(people) == 1 else 'are'} not in people.yaml ({shown}): add them, with the e-mails they "
        f"commit with{more}")
    if not o.verbose:
        return
    out("\nPeople the records name who are not in people.yaml:")
    width = max(len(n.id) for n in people)
    named = max(len(n.name) for n in people)
    for newcomer in people:
        records = ", ".join(newcomer.records[:3]) + (" …" if len(newcomer.records) > 3 else "")
        out(f"  {newcomer.id:<{width}}  {oneline(newcomer.name):<{named}}  ({len(newcomer.records)} "
            f"{'record' if len(newcomer.records) == 1 else 'records'}: {records})")
