"""The alignment chain of ``records.md``: which IT services a record hangs off.

objective ← business process ← IT service ← configuration item, and every
other record hangs off that chain: a change or an incident through its
``services`` and ``configuration_items``, a problem through its incidents, a
release through its changes, evidence through its ``subject``, a supplier and
a service report through their services, and a configuration item through
the services that list it, its own ``services``, and the items it
``runs_on``, is ``part_of`` or ``depends_on`` (followed transitively; a
cycle of relationships ends where it started).

Records are parsed only when a question reaches them: a scan asks about the
records that have findings, not about the whole repository.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping

from regent.evidence import Snapshot

# The relationships along which a configuration item takes on the services of another.
FOLLOWED_RELATIONSHIPS = frozenset({"runs_on", "part_of", "depends_on"})

# The kinds an evidence manifest's subject may name, in the order they are tried.
_SUBJECT_KINDS = ("service", "configuration_item", "change", "release", "incident", "problem")


def _ids(value: Any) -> list[str]:
    """The string ids of a field that should hold a list of ids (anything else holds none)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def active(data: Mapping[str, Any]) -> bool:
    """Whether an objective or business process is active (it is when it states no status)."""
    return bool(data.get("status", "active") == "active")


class Alignment:
    """Answers which services a record reaches, each answer kept for the next question."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._services = snapshot.records.get("service", {})
        self._listed_by: dict[str, set[str]] = defaultdict(set)  # CI id -> services that list it
        self._supplied: dict[str, set[str]] = defaultdict(set)  # supplier id -> services that name it
        for service_id, record in self._services.items():
            data = record.data()
            for ci_id in _ids(data.get("configuration_items")):
                self._listed_by[ci_id].add(service_id)
            for supplier_id in _ids(data.get("suppliers")):
                self._supplied[supplier_id].add(service_id)
        self._of_ci: dict[str, frozenset[str]] = {}
        self._reached: dict[tuple[str | None, str | None], frozenset[str]] = {}

    def reach(self, kind: str | None, record_id: str | None) -> frozenset[str]:
        """The ids of the services a record hangs off (none for a record that is not there)."""
        key = (kind, record_id)
        if key not in self._reached:
            self._reached[key] = frozenset(self._reach(kind, record_id, set()))
        return self._reached[key]

    def _reach(self, kind: str | None, record_id: str | None, seen: set[tuple[str, str]]) -> set[str]:
        if kind is None or record_id is None or (kind, record_id) in seen:
            return set()
        seen.add((kind, record_id))
        if kind == "service":
            return {record_id} if record_id in self._services else set()
        if kind == "configuration_item":
            return set(self._ci_services(record_id))
        record = self._snapshot.record(kind, record_id)
        if record is None:
            return set()
        data = record.data()
        if kind == "problem":
            return self._through("incident", _ids(data.get("incidents")), seen)
        if kind == "release":
            return self._through("change", _ids(data.get("changes")), seen)
        if kind == "evidence":
            return self._subjects(_ids(data.get("subject")), seen)
        found = self._known(_ids(data.get("services")) + _ids(data.get("service")))
        if kind == "supplier":
            found |= self._supplied.get(record_id, set())
        for ci_id in _ids(data.get("configuration_items")):
            found |= self._ci_services(ci_id)
        return found

    def _through(self, kind: str, ids: Iterable[str], seen: set[tuple[str, str]]) -> set[str]:
        found: set[str] = set()
        for record_id in ids:
            found |= self._reach(kind, record_id, seen)
        return found

    def _subjects(self, ids: Iterable[str], seen: set[tuple[str, str]]) -> set[str]:
        """What an evidence manifest's subject reaches: each id read as the first kind that holds it."""
        found: set[str] = set()
        for subject in ids:
            kind = next((k for k in _SUBJECT_KINDS if self._snapshot.record(k, subject) is not None), None)
            found |= self._reach(kind, subject, seen)
        return found

    def _known(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self._services}

    def _ci_services(self, ci_id: str) -> frozenset[str]:
        """The services of a configuration item and of every item it runs on, is part of or depends on."""
        if ci_id in self._of_ci:
            return self._of_ci[ci_id]
        found: set[str] = set()
        seen = {ci_id}
        pending = [ci_id]
        while pending:
            current = pending.pop()
            if current in self._of_ci and current != ci_id:
                found |= self._of_ci[current]
                continue
            found |= self._listed_by.get(current, set())
            record = self._snapshot.record("configuration_item", current)
            if record is None:
                continue
            data = record.data()
            found |= self._known(_ids(data.get("services")))
            for relationship in data.get("relationships") or ():
                if not isinstance(relationship, Mapping) or relationship.get("type") not in FOLLOWED_RELATIONSHIPS:
                    continue
                target = relationship.get("target")
                if isinstance(target, str) and target not in seen:
                    seen.add(target)
                    pending.append(target)
        self._of_ci[ci_id] = frozenset(found)
        return self._of_ci[ci_id]
