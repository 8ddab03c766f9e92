"""Control catalogs: the controls of each framework, and which checks test them.

A catalog is a YAML file under ``policies/catalogs/``, one per framework,
whose one top-level key is the framework (so that OPA, loading the folder as
data, sees ``data.catalogs.<framework>``): its controls in the standard's order, each with a short title, its parent
(a process under a domain, a control under a clause) and its counterparts in
an older or newer edition. Checks name control ids in their METADATA; the
catalogs say what those ids are and which controls no check tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from regent import frameworks
from regent.engine.errors import PolicyError
from regent.engine.model import CheckInfo
from regent.engine.policyset import BUILTIN_DIR

CATALOG_DIR = BUILTIN_DIR / "catalogs"


@dataclass(frozen=True)
class Control:
    id: str
    title: str
    parent: str | None = None
    counterparts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalog:
    framework: str
    title: str
    controls: Mapping[str, Control]  # in the standard's order

    def ancestors(self, control_id: str) -> list[str]:
        """The controls above ``control_id``, nearest first."""
        chain: list[str] = []
        parent = self.controls[control_id].parent if control_id in self.controls else None
        while parent is not None and parent in self.controls and parent not in chain:
            chain.append(parent)
            parent = self.controls[parent].parent
        return chain

    def label(self, control_id: str) -> str:
        """``id title`` for a known control, the bare id otherwise."""
        control = self.controls.get(control_id)
        return f"{control_id} {control.title}" if control else control_id


def _read(path: Path, framework: str) -> Catalog:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))[framework]
        controls = {}
        for entry in doc["controls"]:
            control = Control(
                id=str(entry["id"]),
                title=str(entry["title"]),
                parent=str(entry["parent"]) if entry.get("parent") is not None else None,
                counterparts={k: tuple(map(str, v)) for k, v in (entry.get("counterparts") or {}).items()},
            )
            if control.id in controls:
                raise PolicyError(f"{path}: control {control.id} is listed twice")
            controls[control.id] = control
        return Catalog(str(doc["framework"]), str(doc["title"]), controls)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise PolicyError(f"cannot read the control catalog {path}: {exc}") from None


@cache
def load_catalogs(directory: Path = CATALOG_DIR) -> Mapping[str, Catalog]:
    """Every framework's catalog, in the usual framework order."""
    catalogs = {}
    for framework in frameworks.KEYS:
        catalog = _read(directory / f"{framework}.yaml", framework)
        if catalog.framework != framework:
            raise PolicyError(f"{directory / framework}.yaml says it is the catalog of {catalog.framework}")
        catalogs[framework] = catalog
    return catalogs


def unknown_controls(checks: Iterable[CheckInfo], catalogs: Mapping[str, Catalog]) -> list[tuple[str, str, str]]:
    """(check id, framework, control id) for every control a check names that its catalog lacks.

    Frameworks Regent has no catalog for (an organisation's own keys) are not judged.
    """
    return [
        (info.id, framework, control)
        for info in checks
        for framework, ids in info.controls.items()
        if framework in catalogs
        for control in ids
        if control not in catalogs[framework].controls
    ]


@dataclass(frozen=True)
class CoverageRow:
    """One control of a catalog and how Regent tests it.

    ``status`` is ``automated`` when a check names the control itself,
    ``partly`` when checks name only controls below it, and ``manual``
    when no check touches it: an auditor has to test it by hand.
    """

    control: Control
    depth: int
    status: str
    checks: tuple[str, ...]
    below: tuple[str, ...]


def coverage(catalog: Catalog, checks: Iterable[CheckInfo]) -> list[CoverageRow]:
    """Each control of a catalog, in order, with the checks that test it or a control below it."""
    direct: dict[str, set[str]] = {}
    for info in checks:
        for control_id in info.controls.get(catalog.framework, ()):
            direct.setdefault(control_id, set()).add(info.id)
    via_children: dict[str, set[str]] = {}
    for control_id, check_ids in direct.items():
        for ancestor in catalog.ancestors(control_id):
            via_children.setdefault(ancestor, set()).update(check_ids)
    rows = []
    for control in catalog.controls.values():
        own = tuple(sorted(direct.get(control.id, ())))
        below = tuple(sorted(via_children.get(control.id, set()) - set(own)))
        status = "automated" if own else ("partly" if below else "manual")
        rows.append(CoverageRow(control, len(catalog.ancestors(control.id)), status, own, below))
    return rows
