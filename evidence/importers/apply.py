"""Writing an importer's candidates into the work tree, idempotently.

A record the work tree already holds (same kind and id, in whatever file) is
updated in place: the export's fields replace those it gives, every other
field (approvals typed in by hand, an organisation's own fields) stays. A
record whose merged form equals what is on disk is left alone, so importing
the same export twice changes nothing. Nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from regent.evidence import schemas
from regent.evidence.authoring.store import WorkTree
from regent.evidence.importers.base import Batch, Context, Importer, Rejection, people_of


@dataclass(frozen=True)
class Outcome:
    """What happened to one imported record."""

    action: str  # created | updated | unchanged
    kind: str
    id: str
    path: str


@dataclass(frozen=True)
class Newcomer:
    """A person the imported records name who is not in people.yaml."""

    id: str
    name: str
    records: tuple[str, ...]


@dataclass(frozen=True)
class ImportSummary:
    outcomes: tuple[Outcome, ...]
    rejections: tuple[Rejection, ...]
    skipped: tuple[str, ...]
    newcomers: tuple[Newcomer, ...]
    unreadable: tuple[str, ...]
    dry_run: bool
    # What the importer said once about the whole export: how it was read, the columns kept without a
    # Regent field, defaults given, references it could not turn into names.
    notes: tuple[str, ...] = ()

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)


def run_import(root: Path, importer: Importer, data: bytes, *, kind: str | None = None,
               encoding: str | None = None, options: Mapping[str, Any] | None = None,
               dry_run: bool = False) -> ImportSummary:
    """Import one export into the work tree at ``root`` (or only say what would change)."""
    tree = WorkTree.open(root)
    context = Context(settings=tree.config.imports, known_person=tree.person, kind=kind, encoding=encoding,
                      options=dict(options or {}))
    batch = importer(data, context)
    summary = replace(_apply(tree, batch, context, dry_run), notes=tuple(context.notes))
    tree.keep()
    return summary


def _apply(tree: WorkTree, batch: Batch, context: Context, dry_run: bool) -> ImportSummary:
    outcomes: list[Outcome] = []
    rejections = list(batch.rejections)
    seen: dict[tuple[str, str], int] = {}
    named: dict[str, list[str]] = {}
    for candidate in batch.candidates:
        record = candidate.record
        key = (str(record["kind"]), str(record["id"]))
        if key in seen:
            rejections.append(Rejection(candidate.line, candidate.row, key[1],
                                        f"{key[1]} appears again (first on line {seen[key]}); the first is kept"))
            continue
        stored = tree.records.get(key)
        if candidate.extends and stored is None:
            rejections.append(Rejection(candidate.line, candidate.row, key[1],
                                        f"no {key[0]} {key[1]} in the repository to add {candidate.extends} to: "
                                        f"import the {key[0]} first"))
            continue
        if candidate.extends and stored is not None:
            merged = _extend(stored.record, candidate.extends, record.get(candidate.extends) or [])
        else:
            merged = _merge(stored.record, record) if stored else record
        problems = [_plain(path, reason) for path, reason in schemas.problems(key[0], merged)]
        if problems:
            rejections.append(Rejection(candidate.line, candidate.row, key[1], "; ".join(problems)))
            continue
        seen[key] = candidate.line
        if stored and merged == stored.record:
            outcomes.append(Outcome("unchanged", *key, stored.path))
        else:
            action = "updated" if stored else "created"
            path = stored.path if stored else tree.new_path(*key)
            if not dry_run:
                path = tree.write(merged, path)
            outcomes.append(Outcome(action, *key, path))
        for pid in people_of(merged):
            if pid not in tree.people:
                named.setdefault(pid, []).append(key[1])
    newcomers = tuple(Newcomer(pid, context.names.get(pid, pid), tuple(dict.fromkeys(ids)))
                      for pid, ids in sorted(named.items()))
    rejections.sort(key=lambda r: (r.line, r.row))
    return ImportSummary(tuple(outcomes), tuple(rejections), tuple(batch.skipped), newcomers,
                         tuple(tree.unreadable), dry_run)


def _plain(path: tuple[str | int, ...], reason: str) -> str:
    """A schema's "'x' is a required property" as "x: required, and the row gives none"."""
    field = schemas.missing_field(path, reason)
    return f"{field}: required, and the row gives none" if field else reason


def _extend(old: Mapping[str, Any], field: str, entries: list[Any]) -> dict[str, Any]:
    held = list(old.get(field) or [])
    return {**old, field: held + [e for e in entries if e not in held]} if entries else dict(old)


def _merge(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(old)
    for field, value in new.items():
        before = out.get(field)
        out[field] = _merge(before, value) if isinstance(before, dict) and isinstance(value, dict) else value
    return out
