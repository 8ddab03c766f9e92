"""The records of a work tree, for commands that add or update them.

A scan reads git objects and never writes. The commands that write (``new``,
``evidence add``, ``import``) work on the work tree instead, as a person
editing files would, and leave committing to that person.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

import yaml

from regent.evidence import schemas
from regent.evidence.authoring.files import replace
from regent.evidence.config import CONFIG_FILE, PEOPLE_FILE, RepoConfig
from regent.evidence.parse import ParseFailure, parse_document
from regent.evidence.paths import record_files
from regent.evidence.provenance import person_of
from regent.evidence.settings import read_worktree_config
from regent.evidence.gitrepo import Entry

# Where each kind's new records go; ``regent init`` lays out the same folders.
FOLDERS: Mapping[str, str] = {
    "change": "changes",
    "release": "releases",
    "configuration_item": "cmdb",
    "incident": "incidents",
    "problem": "problems",
    "service": "services",
    "service_report": "services/reports",
    "supplier": "suppliers",
    "evidence": "evidence",
    "waiver": "waivers",
    "objective": "business/objectives",
    "business_process": "business/processes",
}


class _Dumper(yaml.SafeDumper):
    """Block style; multi-line text as literal blocks so plans and notes stay readable in a diff."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(record: Mapping[str, Any]) -> str:
    """A record as YAML, its fields in the order of the kind's schema, then any others."""
    order = list(schemas.schema(str(record.get("kind"))).get("properties", {})) if record.get("kind") in (
        schemas.record_kinds()) else []
    rank = {name: i for i, name in enumerate(["kind", "id", *order])}
    ordered = dict(sorted(record.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))
    return yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def file_name(record_id: str) -> str:
    """A file name for a record id: characters a file system may refuse become underscores."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in record_id).strip(".")
    return f"{safe or '_'}.yaml"


@dataclass
class Stored:
    """One record file of the work tree."""

    path: str
    record: dict[str, Any]


@dataclass
class WorkTree:
    """The records of a work tree by kind and id, its people and its configuration."""

    root: Path
    config: RepoConfig
    people: dict[str, dict[str, Any]]
    records: dict[tuple[str, str], Stored] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, root: Path, kinds: frozenset[str] | None = None) -> WorkTree:
        """Read the work tree's records (only of ``kinds`` when given); a file that does not parse
        is listed in ``unreadable`` and left alone."""
        config = read_worktree_config(root)
        tree = cls(root, config, read_people(root))
        files = [Entry(p, "", None) for p in _files(root)]
        for entry in record_files(files, config):
            try:
                value = parse_document(entry.path, (root / entry.path).read_bytes()).value
            except (ParseFailure, OSError):
                tree.unreadable.append(entry.path)
                continue
            if not isinstance(value, dict) or not isinstance(value.get("kind"), str):
                continue
            if kinds is not None and value["kind"] not in kinds:
                continue
            if "id" in value:
                tree.records.setdefault((value["kind"], str(value["id"])), Stored(entry.path, value))
        return tree

    def ids(self, kind: str) -> list[str]:
        return [record_id for k, record_id in self.records if k == kind]

    def new_path(self, kind: str, record_id: str) -> str:
        """Where a new record goes: its kind's folder, named for its id, never over another file."""
        base = f"{FOLDERS.get(kind, kind)}/{file_name(record_id)}"
        path, n = base, 1
        while (self.root / path).exists():
            n += 1
            path = base.removesuffix(".yaml") + f"-{n}.yaml"
        return path

    def write(self, record: dict[str, Any], path: str | None = None) -> str:
        """Write a record to ``path`` (its own file when it is already here, else a new one)."""
        key = (str(record["kind"]), str(record["id"]))
        known = self.records.get(key)
        target = path or (known.path if known else self.new_path(*key))
        replace(self.root, target, dump(record).encode("utf-8"), evidence=key[0] == "evidence")
        self.records[key] = Stored(target, record)
        return target

    def person(self, name: str) -> str | None:
        """The people.yaml id of a person named by id, e-mail or full name; None when unknown."""
        wanted = name.strip()
        if wanted in self.people:
            return wanted
        owner = person_of(self.people, wanted)
        if owner:
            return owner
        folded = wanted.casefold()
        return next((pid for pid, p in self.people.items() if str(p.get("name", "")).casefold() == folded), None)


def read_people(root: Path) -> dict[str, dict[str, Any]]:
    """``people.yaml`` of a work tree by person id; empty when the file is missing or unreadable
    (``regent validate`` is where its problems are reported)."""
    try:
        value = parse_document(PEOPLE_FILE, (root / PEOPLE_FILE).read_bytes()).value
    except (OSError, ParseFailure):
        return {}
    entries = value.get("people") if isinstance(value, dict) else None
    return {str(p["id"]): p for p in entries or () if isinstance(p, dict) and "id" in p}


def _files(root: Path) -> Iterator[str]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(folder, root)
        for name in sorted(names):
            path = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
            if path not in (CONFIG_FILE, PEOPLE_FILE):
                yield path
