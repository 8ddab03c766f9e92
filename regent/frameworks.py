"""The frameworks Regent maps its checks to, as their control catalogs name them.

Each catalog under ``policies/catalogs/`` opens with a header about its
framework (its key, name, short label and place in the usual order) before
the list of its controls. This module reads those headers once, at import,
and is where every other module gets the framework keys and names from: the
configuration's defaults, the command line's choices, the renderers' labels.
The controls themselves are read by :mod:`regent.engine.catalog`.

It sits beside the layers, not in one, so that ``regent.evidence`` and
``regent.engine`` can both import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Mapping

import yaml

CATALOGS: Traversable = resources.files("regent") / "policies" / "catalogs"

# Everything of a catalog before this line is its header; the controls follow.
_CONTROLS = "\n  controls:"


@dataclass(frozen=True)
class Framework:
    key: str  # the catalog's top-level key, and the key in a check's ``controls``
    name: str  # the catalog's title: ``ISO/IEC 27002:2022``
    short: str  # the label beside control ids in a terminal: ``27002``
    order: int  # where the framework comes in the usual order


def _read(catalog: Traversable) -> Framework:
    """The header of one catalog, without parsing its controls."""
    head, found, _ = catalog.read_text(encoding="utf-8").partition(_CONTROLS)
    try:
        if not found:
            raise ValueError("no controls list")
        ((key, doc),) = yaml.safe_load(head).items()
        if doc["framework"] != key or catalog.name != f"{key}.yaml":
            raise ValueError(f"its key {key!r} and its framework {doc['framework']!r} differ from its file name")
        return Framework(key=str(key), name=str(doc["title"]), short=str(doc["short"]), order=int(doc["order"]))
    except (yaml.YAMLError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"cannot read the header of the control catalog {catalog.name}: {exc}") from None


def _read_all() -> tuple[Framework, ...]:
    found = [_read(entry) for entry in CATALOGS.iterdir() if entry.name.endswith(".yaml")]
    return tuple(sorted(found, key=lambda f: (f.order, f.key)))


ALL: tuple[Framework, ...] = _read_all()
"""Every framework with a catalog, in the usual order."""

KEYS: tuple[str, ...] = tuple(f.key for f in ALL)
NAMES: Mapping[str, str] = {f.key: f.name for f in ALL}
SHORT: Mapping[str, str] = {f.key: f.short for f in ALL}
