"""New records from the command line: ``regent new`` and ``regent evidence add``.

A new record gets the next free id in the style the repository already uses
(``CHG-2026-0042`` is followed by ``CHG-2026-0043``; a year in the id moves
to the current year), the current time where its kind needs one, and the
person behind the git user's e-mail where its kind needs a person. It is
checked against its kind's schema before anything is written.

Evidence is append-only: ``evidence add`` never replaces an artifact or a
manifest, and checks the copy's hash against the original's.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from regent.evidence import schemas
from regent.evidence.authoring.files import open_new
from regent.evidence.authoring.store import WorkTree
from regent.evidence.errors import EvidenceError
from regent.evidence.importers.base import field_schema, put_field


class AuthoringError(EvidenceError):
    """A record cannot be written: it would be invalid, or would replace something."""


# The id style of a kind that has no record yet: prefix ({year} is the current year), digits.
DEFAULT_STYLES: Mapping[str, tuple[str, int]] = {
    "change": ("CHG-{year}-", 4), "incident": ("INC-{year}-", 4), "problem": ("PRB-{year}-", 4),
    "release": ("REL-{year}-", 3), "configuration_item": ("CI-", 3), "service": ("SVC-", 3),
    "supplier": ("SUP-", 3), "evidence": ("EV-{year}-", 4), "waiver": ("WVR-{year}-", 3),
    "service_report": ("SR-{year}-", 4), "objective": ("OBJ-", 3), "business_process": ("BP-", 3),
}

# What a new record of each kind starts with: "now" and "me" are filled in when it is made.
TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "change": {"type": "normal", "status": "draft", "requested_by": "me", "created": "now"},
    "incident": {"status": "open", "opened": "now"},
    "problem": {"status": "open", "opened": "now"},
    "release": {"status": "planned"},
    "configuration_item": {"status": "planned", "owner": "me"},
    "service": {"status": "active", "owner": "me"},
    "service_report": {},
    "supplier": {"status": "active", "owner": "me"},
    "evidence": {"collected_at": "now", "collected_by": "me"},
    "waiver": {},
    "objective": {"status": "active", "owner": "me"},
    "business_process": {"status": "active", "owner": "me"},
}

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def next_id(ids: Iterable[str], kind: str, now: datetime) -> str:
    """The next free id in the style most of ``ids`` share (the kind's default style when none)."""
    # The examples regent init writes (CHG-EXAMPLE-1, ...) set no style.
    numbered = [m for m in (_NUMBERED.match(i) for i in ids if "EXAMPLE" not in i.upper()) if m]
    year = f"{now.year:04d}"
    if numbered:
        styles = Counter(_YEAR.sub("{year}", m.group(1)) for m in numbered)
        style = styles.most_common(1)[0][0]
        width = Counter(len(m.group(2)) for m in numbered if _YEAR.sub("{year}", m.group(1)) == style)
        digits = width.most_common(1)[0][0]
    else:
        style, digits = DEFAULT_STYLES.get(kind, (f"{kind.upper()}-", 4))
    prefix = style.replace("{year}", year)
    taken = [int(m.group(2)) for m in numbered if m.group(1) == prefix]
    return f"{prefix}{max(taken, default=0) + 1:0{digits}d}"


def git_email(root: Path) -> str | None:
    """The e-mail the next commit in ``root`` will carry (git's user.email), or None."""
    out = subprocess.run(["git", "config", "user.email"], cwd=root, capture_output=True, text=True)
    return out.stdout.strip() or None


def _me(tree: WorkTree, email: str | None) -> str:
    if not email:
        raise AuthoringError("git has no user.email here, so the person to name is unknown: set it "
                             "(git config user.email) or give the person field")
    person = tree.person(email)
    if person is None:
        raise AuthoringError(f"people.yaml lists nobody with the e-mail {email}: add it to your entry, "
                             "or give the person field")
    return person


def parse_fields(kind: str, pairs: Sequence[str]) -> dict[str, Any]:
    """``field=value`` arguments as record fields, each value read as its field's schema says
    (lists split on commas, numbers, yes/no); a dotted field fills a nested one."""
    record: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name:
            raise AuthoringError(f"{pair!r} is not field=value")
        spec = field_schema(kind, name) or {}
        value: Any = text
        if spec.get("type") == "array":
            value = [part.strip() for part in text.split(",") if part.strip()]
        elif spec.get("type") in ("integer", "number"):
            try:
                value = int(text) if spec["type"] == "integer" else float(text)
            except ValueError:
                raise AuthoringError(f"{name}: {text!r} is not a number") from None
        elif spec.get("type") == "boolean":
            value = text.casefold() in ("true", "yes", "y", "1")
        put_field(record, name, value)
    return record


@dataclass(frozen=True)
class Written:
    path: str
    record: dict[str, Any]
    artifacts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def new_record(root: Path, kind: str, fields: Mapping[str, Any], *, record_id: str | None, now: datetime,
               email: str | None) -> Written:
    """Write a new record of ``kind`` from its template, ``fields`` over it; nothing is written when the
    result would not be valid or its id is taken."""
    if kind not in schemas.record_kinds():
        raise AuthoringError(f"unknown kind {kind!r} (kinds: {', '.join(schemas.record_kinds())})")
    tree = WorkTree.open(root, frozenset({kind}))
    record_id = record_id or next_id(tree.ids(kind), kind, now)
    if (kind, record_id) in tree.records:
        raise AuthoringError(f"{record_id} already exists in {tree.records[(kind, record_id)].path}")
    record: dict[str, Any] = {"kind": kind, "id": record_id}
    for name, default in TEMPLATES.get(kind, {}).items():
        if name in fields:
            continue
        if default == "now":
            record[name] = _stamp(now)
        elif default == "me":
            record[name] = _me(tree, email)
        else:
            record[name] = default
    record.update(fields)
    _check(record)
    return Written(tree.write(record), record)


def add_evidence(root: Path, files: Sequence[Path], *, type_: str, subjects: Sequence[str], period: str | None,
                 result: str | None, collected_by: str | None, record_id: str | None, now: datetime,
                 email: str | None) -> Written:
    """Copy ``files`` under ``evidence/artifacts/<id>/``, hash them and write their manifest.
    Nothing is replaced: an existing manifest id or artifact file is an error and nothing is written."""
    tree = WorkTree.open(root)  # every kind: the subjects are checked against all records
    record_id = record_id or next_id(tree.ids("evidence"), "evidence", now)
    if ("evidence", record_id) in tree.records:
        raise AuthoringError(f"{record_id} already exists in {tree.records[('evidence', record_id)].path}; "
                             "evidence is never replaced: add a new manifest")
    collector = tree.person(collected_by) if collected_by else _me(tree, email)
    if collector is None:
        raise AuthoringError(f"--collected-by {collected_by}: not a person in people.yaml")
    plan = _placement(root.resolve(), files, record_id)
    artifacts = [{"path": target, "sha256": _sha256(source)} for source, target in plan]
    record: dict[str, Any] = {"kind": "evidence", "id": record_id, "type": type_, "collected_at": _stamp(now),
                              "collected_by": collector, "subject": list(subjects)}
    if period:
        record["period"] = period
    if result:
        record["result"] = result
    record["artifacts"] = artifacts
    _check(record)
    copied: list[Path] = []
    try:
        for (source, target), artifact in zip(plan, artifacts, strict=True):
            destination = root / target
            if destination.resolve() == source:
                continue
            writer = open_new(root, target)
            if writer is None:
                raise AuthoringError(f"{target} already exists; evidence is never replaced: rename the file")
            copied.append(destination)
            with source.open("rb") as reader, writer:
                shutil.copyfileobj(reader, writer)
            if _sha256(destination) != artifact["sha256"]:
                raise AuthoringError(f"{target}: the copy differs from {source}; nothing was recorded")
        path = tree.write(record)
    except BaseException:
        for destination in copied:
            destination.unlink(missing_ok=True)
        raise
    known = {record_id for _, record_id in tree.records}
    notes = tuple(f"subject {s} is not the id of any record here" for s in subjects if s not in known)
    return Written(path, record, tuple(target for _, target in plan), notes)


def _placement(root: Path, files: Sequence[Path], record_id: str) -> list[tuple[Path, str]]:
    """Each file and its path in the repository: files already under ``evidence/artifacts/`` stay
    where they are, others go to ``evidence/artifacts/<id>/<name>``, which must be free."""
    plan: list[tuple[Path, str]] = []
    for file in files:
        source = file.resolve()
        if not source.is_file():
            raise AuthoringError(f"{file}: no such file")
        try:
            inside = source.relative_to(root).as_posix()
        except ValueError:
            inside = None
        if inside and inside.startswith("evidence/artifacts/"):
            plan.append((source, inside))
            continue
        target = f"evidence/artifacts/{record_id}/{source.name}"
        if (root / target).exists() or any(t == target for _, t in plan):
            raise AuthoringError(f"{target} already exists; evidence is never replaced: rename the file")
        plan.append((source, target))
    return plan


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check(record: Mapping[str, Any]) -> None:
    kind = str(record["kind"])
    missing: list[str] = []
    problems: list[str] = []
    for path, reason in schemas.problems(kind, record):
        field = schemas.missing_field(path, reason)
        if field:
            missing.append(field)
        else:
            problems.append(reason)
    if missing:
        problems.insert(0, f"it needs {', '.join(missing)}: give {'them' if len(missing) > 1 else 'it'} as "
                           f"FIELD=VALUE, e.g. {missing[0]}=...")
    if problems:
        raise AuthoringError(f"the {kind} {record['id']} was not written: " + "; ".join(problems))

