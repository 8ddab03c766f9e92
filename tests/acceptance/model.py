"""The acceptance suite's table: a case is data (the check, the commits that build its records, the
records it expects flagged) and a repository is every case of one group, committed in date order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

AS_OF = "2026-11-23"  # the day every repository is scanned as of, unless its group says otherwise


@dataclass(frozen=True)
class Json:
    """A record to write as JSON rather than YAML (the contract allows both)."""

    record: Mapping[str, Any]


@dataclass(frozen=True)
class Step:
    """One commit: who made it (a person id of people.yaml, their e-mail as author), when, and the files
    it writes (path to a record, a Json record, bytes or text)."""

    by: str
    at: str
    files: Mapping[str, Any]
    request: bool = False  # a commit of the pull request a gate judges, on its own branch


@dataclass(frozen=True)
class Case:
    """One row of the table. ``expect`` holds the ids of the records the check must flag among the
    records the case writes (empty for a look-alike at the boundary that it must accept)."""

    check: str
    name: str
    steps: tuple[Step, ...]
    expect: frozenset[str] = frozenset()
    people: tuple[Mapping[str, Any], ...] = ()  # people.yaml entries the case adds
    group: str = "main"  # cases of one group share a repository
    owns: frozenset[str] = frozenset()  # ids the case speaks for beyond the records it writes (people)

    @property
    def ids(self) -> frozenset[str]:
        """Every record id the case writes or speaks for: the findings judged against ``expect``."""
        written = {_record(v).get("id") for s in self.steps for v in s.files.values() if _record(v)}
        return frozenset(str(i) for i in written if i) | self.owns | {str(p["id"]) for p in self.people}

    @property
    def paths(self) -> frozenset[str]:
        """Every file the case writes."""
        return frozenset(p for s in self.steps for p in s.files)

    @property
    def label(self) -> str:
        return f"{self.check}:{'breach' if self.expect else 'look-alike'}:{self.name}"


def _record(value: Any) -> Mapping[str, Any]:
    if isinstance(value, Json):
        return value.record
    return value if isinstance(value, Mapping) else {}


def breach(check: str, name: str, *steps: Step, flagged: tuple[str, ...], **kw: Any) -> Case:
    return Case(check, name, tuple(steps), frozenset(flagged), **kw)


def lookalike(check: str, name: str, *steps: Step, **kw: Any) -> Case:
    return Case(check, name, tuple(steps), **kw)


@dataclass(frozen=True)
class Group:
    """A repository's settings: its regent.yaml and the day it is scanned as of."""

    config: str = ""
    as_of: str = AS_OF
    extra: Mapping[str, Any] = field(default_factory=dict)
