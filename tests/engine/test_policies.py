"""Static checks of the built-in policy set, read through OPA's own parser."""

from __future__ import annotations

import json
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import pytest

from regent.engine.opa_binary import check_policies, find_opa
from regent.engine.policyset import BUILTIN_DIR, PolicySet
from regent.evidence import schemas

ROOT = Path(__file__).resolve().parent.parent.parent
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


@cache
def documented_evidence_types() -> frozenset[str]:
    """The evidence types of the table in docs/evidence-the-checks-read.md (its rows, not its header)."""
    text = (ROOT / "docs" / "evidence-the-checks-read.md").read_text(encoding="utf-8")
    table = text.split("## Evidence manifests by type", 1)[1].split("\n## ", 1)[0].split("|---", 1)[1]
    return frozenset(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE))


@pytest.mark.parametrize("path", check_modules(), ids=lambda p: p.parent.name)
def test_a_check_declares_the_evidence_types_it_judges(path: Path) -> None:
    """The monthly report credits a manifest to the controls of the checks declaring its type: a check
    naming a documented type in its rules must declare it, and declare only documented types."""
    custom = parsed(path)["annotations"][0]["custom"]
    declared = set(custom.get("evidence") or [])
    named = {str(t["value"]) for t in _terms(parsed(path).get("rules", [])) if t["type"] == "string"}
    assert named & documented_evidence_types() <= declared
    assert declared <= documented_evidence_types()
    assert not declared or "evidence" in custom["kinds"]


def test_the_checks_of_periodic_evidence_declare_their_types() -> None:
    declared = {path.parent.name: parsed(path)["annotations"][0]["custom"].get("evidence") for path in check_modules()}
    assert declared["restore_test_age"] == ["backup_restore_test"]
    assert declared["critical_vulnerabilities_open"] == declared["vulnerability_scan_age"] == ["vulnerability_scan"]
    assert declared["evidence_artifact_digest"] is None  # every type alike
    assert set(documented_evidence_types()) == {t for types in declared.values() for t in types or ()}


def test_policy_set_compiles_under_restricted_capabilities() -> None:
    check_policies(find_opa(), [f.path for f in PolicySet.load().files])


def test_there_is_a_test_file_beside_every_check() -> None:
    for path in check_modules():
        assert path.with_name(f"{path.stem}_test.rego").exists(), path
