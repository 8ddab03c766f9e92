"""``regent import --history``: what the history import committed, and what people.yaml needs."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from regent.commands.console import err, oneline, out
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK
from regent.evidence.authoring.replay import HistoryRequest, HistorySummary, Recorder, import_history
from regent.evidence.importers.base import Importer

_GROUPS = {"day": "day", "week": "ISO week", "month": "month"}


def run_history(root: Path, importer: Importer, data: bytes, export: Path, request: HistoryRequest) -> int:
    """Replay the export's timeline as commits; 1 when some of its rows or states were rejected."""
    summary = import_history(root, importer, data, request)
    show(summary, export, request)
    return EXIT_FINDINGS if summary.rejections else EXIT_OK


def show(summary: HistorySummary, export: Path, request: HistoryRequest) -> None:
    would = "would be " if summary.dry_run else ""
    commits = summary.commits
    states = sum(len(c.files) for c in commits)
    held = f", {summary.held:,} states already held" if summary.held else ""
    through = f" (the repository holds this log through {summary.through})" if summary.through else ""
    untimed = f", {summary.untimed:,} without a time (left out)" if summary.untimed else ""
    skipped = f", {len(summary.skipped):,} skipped" if summary.skipped else ""
    tail = f"{len(summary.rejections):,} rejected{skipped}{held}{untimed}{through}"
    if summary.replayed:
        out(f"{export.name}: nothing new to commit: the repository holds this export's history already "
            f"(replayed by commit {summary.replayed[:12]})")
    elif commits:
        span = f"{_day(commits[0].at)} to {_day(commits[-1].at)}"
        out(f"{export.name}: {len(commits):,} commits {would}made, {span} (one per {_GROUPS[request.granularity]} "
            f"and author): {summary.records:,} records ({summary.created:,} {would}created, "
            f"{summary.records - summary.created:,} {would}updated) in {states:,} states, {tail}"
            + (" (dry run: nothing written)" if summary.dry_run else ""))
    else:
        out(f"{export.name}: nothing new to commit, {tail}")
    for rejection in summary.rejections:
        number = f" {oneline(rejection.number)}" if rejection.number else ""
        err(f"{export}:{rejection.line}: row {rejection.row}{number}: {oneline(rejection.reason)}")
    for note in summary.notes:
        err(f"{export.name}: note: {oneline(note)}")
    if summary.newcomers:
        people = summary.newcomers
        ids = ", ".join(n.id for n in people[:5]) + (", ..." if len(people) > 5 else "")
        err(f"{export.name}: note: {len(people):,} {'person' if len(people) == 1 else 'people'} the records name "
            f"{'is' if len(people) == 1 else 'are'} not in people.yaml ({ids}): add them, with the e-mails they "
            "commit with")
    if not summary.recorder.recorder:
        _recorder_hint(export, summary.recorder)


def _recorder_hint(export: Path, recorder: Recorder) -> None:
    """What to add so the history checks accept what the identity committed for others (on standard
    error, with the other notes)."""
    who = recorder.identity
    role = recorder.roles[0] if recorder.roles else "importer"
    status = (f"people.yaml lists {who.email} for {recorder.person}, who holds no roles.recorders role"
              if recorder.person else f"people.yaml does not list {who.email}")
    flagged = "the decisions it committed for others" + ("" if recorder.person else
                                                         ", and REG-SEC-020 the records it changed,")
    err(f"{export.name}: note: the history is committed by {who.name} <{who.email}>, and {status}: REG-SEC-016 "
        f"flags {flagged} until it does. Add to people.yaml (and commit it before importing, since each commit "
        "carries people.yaml as it was):")
    if recorder.person:
        err(f"  give {recorder.person} the role {role}")
    else:
        err(f"  - id: {_slug(who.name)}\n    name: {who.name}\n    emails: [{who.email}]\n    roles: [{role}]")
    if not recorder.roles:
        err(f"and to regent.yaml:\n  roles:\n    recorders: [{role}]")
    err("Set import.committer in regent.yaml to commit as another identity.")


def _day(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d")


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.casefold()).split()) or "importer"
