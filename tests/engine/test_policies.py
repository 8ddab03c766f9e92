"""Static checks of the built-in policy set, read through OPA's own parser."""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import pytest

from engine.opa_binary import check_policies, find_opa
from engine.policyset import BUILTIN_DIR, PolicySet
from evidence import schemas

CHECK_ROOTS = ("cobit", "iso20000", "security")


@cache
def parsed(path: Path) -> dict[str, Any]:
    out = subprocess.run([str(find_opa()), "parse", "--format", "json", str(path)], capture_output=True,
                         check=True, text=True).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def _terms(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "type" in node and "value" in node:
            yield node
        for value in node.values():
            yield from _terms(value)
    elif isinstance(node, list):
        for value in node:
            yield from _terms(value)


def _path(ref: dict[str, Any]) -> list[str]:
    return [str(t["value"]) if t["type"] == "string" else "$" + str(t["value"]) for t in ref["value"]]


def kinds_read(path: Path, seen: set[Path] | None = None) -> set[str]:
    """Record kinds a module reads from input, following its imports of data.lib."""
    seen = seen if seen is not None else set()
    seen.add(path)
    ast = parsed(path)
    kinds = set()
    for term in _terms(ast.get("rules", [])):
        if term["type"] == "ref" and _path(term)[:2] == ["$input", "records"]:
            rest = _path(term)[2:]
            kinds.add(rest[0] if rest else "*")
    if any(k.startswith("$") for k in kinds):
        # input.records[kind]: the kinds are the names of kinds the module spells out for its variable.
        kinds = {k for k in kinds if not k.startswith("$")} | {
            str(t["value"]) for t in _terms(ast.get("rules", []))
            if t["type"] == "string" and t["value"] in schemas.record_kinds()
        }
    for imp in ast.get("imports", []):
        parts = _path(imp["path"])
        if parts[:2] == ["$data", "lib"]:
            module = BUILTIN_DIR.joinpath(*parts[1:], f"{parts[-1]}.rego")
            if module not in seen and module.exists():
                kinds |= kinds_read(module, seen)
    return kinds


def check_modules() -> list[Path]:
    return [f.path for f in PolicySet.load().files if f.package.split(".")[0] in CHECK_ROOTS]


@pytest.mark.parametrize("path", check_modules(), ids=lambda p: p.parent.name)
def test_a_check_declares_every_kind_it_reads(path: Path) -> None:
    """Regent sends OPA only the kinds checks declare; an undeclared kind would read as empty."""
    declared = set(parsed(path)["annotations"][0]["custom"]["kinds"])
    assert kinds_read(path) <= declared


def test_policy_set_compiles_under_restricted_capabilities() -> None:
    check_policies(find_opa(), [f.path for f in PolicySet.load().files])


def test_there_is_a_test_file_beside_every_check() -> None:
    for path in check_modules():
        assert path.with_name(f"{path.stem}_test.rego").exists(), path
