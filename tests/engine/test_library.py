"""The policy library as a whole: metadata, control catalogs, settings and the examples checks show.

These run against the real OPA with the built-in policies loaded, reading the
checks' metadata exactly as a scan does.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import orjson
import pytest

from regent.engine.catalog import Catalog, coverage, load_catalogs, unknown_controls
from regent.engine.model import CheckInfo
from regent.engine.opa import PrivateOpa
from regent.engine.opa_binary import find_opa
from regent.engine.policyset import BUILTIN_DIR
from regent.engine.scan import list_checks
from regent.evidence import schemas
from regent.evidence.config import DEFAULT_BASELINE, DEFAULT_THRESHOLDS, FRAMEWORKS, RepoConfig, setting_value

REFERENCE_TIME = "2026-11-23T23:59:59Z"
REFERENCE_NS = 1795478399000000000


@pytest.fixture(scope="module")
def checks(opa: PrivateOpa) -> dict[str, CheckInfo]:
    return {k: v for k, v in list_checks(opa).items() if v.origin == "builtin"}


@cache
def rego_fixture(name: str) -> Any:
    """A value of the Rego tests' fixtures (policies/lib/fixtures), read through OPA."""
    out = subprocess.run(
        [str(find_opa()), "eval", "--format", "json", "-d", str(BUILTIN_DIR / "lib"), f"data.lib.fixtures_test.{name}"],
        capture_output=True, check=True,
    ).stdout
    return orjson.loads(out)["result"][0]["expressions"][0]["value"]


def test_the_library_has_at_least_45_checks_spread_over_the_three_folders(checks: dict[str, CheckInfo]) -> None:
    assert len(checks) >= 45
    roots = {p.relative_to(BUILTIN_DIR).parts[0] for p in BUILTIN_DIR.glob("*/*/*.rego")
             if not p.name.endswith("_test.rego")}
    assert {"cobit", "iso20000", "security"} <= roots


def test_every_control_a_check_names_is_in_its_framework_catalog(checks: dict[str, CheckInfo]) -> None:
    assert unknown_controls(checks.values(), load_catalogs()) == []


def test_every_check_maps_to_cobit_and_an_iso_standard_and_has_the_metadata_an_auditor_reads(
    checks: dict[str, CheckInfo]
) -> None:
    for info in checks.values():
        assert info.title and info.description and info.remediation, info.id
        assert info.severity in {"low", "medium", "high", "critical"}, info.id
        assert "cobit4" in info.controls and {"iso20000", "iso27002"} & set(info.controls), info.id
        assert set(info.controls) <= set(FRAMEWORKS), info.id


def test_a_control_id_missing_from_the_catalog_is_reported(checks: dict[str, CheckInfo]) -> None:
    """The catalog test above can fail: a check naming a made-up id is caught."""
    bogus = CheckInfo(id="REG-TST-999", title="t", severity="low", remediation="r",
                      controls={"cobit4": ("AI6.2", "AI6.99"), "iso27002": ("9.1",), "acme": ("X-1",)})
    assert unknown_controls([bogus], load_catalogs()) == [("REG-TST-999", "cobit4", "AI6.99"),
                                                          ("REG-TST-999", "iso27002", "9.1")]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_catalog_is_well_formed(framework: str) -> None:
    catalogs = load_catalogs()
    catalog = catalogs[framework]
    seen: set[str] = set()
    for control in catalog.controls.values():
        assert control.title.strip(), control.id
        assert control.parent is None or control.parent in seen, f"{control.id}: parent {control.parent} not before it"
        seen.add(control.id)
        for other, ids in control.counterparts.items():
            if other in catalogs:
                missing = [i for i in ids if i not in catalogs[other].controls]
                assert not missing, f"{framework} {control.id} names {other} {missing}, which that catalog lacks"


def test_catalogs_hold_what_the_frameworks_have() -> None:
    catalogs = load_catalogs()

    def children(catalog: Catalog, parents: set[str]) -> set[str]:
        return {c.id for c in catalog.controls.values() if c.parent in parents}

    cobit4 = catalogs["cobit4"]
    assert {"PO", "AI", "DS", "ME"} <= set(cobit4.controls)
    assert len(children(cobit4, {"PO", "AI", "DS", "ME"})) == 34
    iso27002 = catalogs["iso27002"]
    assert len(children(iso27002, {"5", "6", "7", "8"})) == 93
    assert {f"8.{n}" for n in range(1, 35)} <= set(iso27002.controls)
    assert {"4", "5", "6", "7", "8", "9", "10", "8.5.1.3"} <= set(catalogs["iso20000"].controls)


def test_coverage_tells_tested_controls_from_those_tested_only_below_and_untested(
    checks: dict[str, CheckInfo]
) -> None:
    rows = {r.control.id: r for r in coverage(load_catalogs()["cobit4"], checks.values())}
    assert rows["AI6.2"].status == "automated" and "REG-CHG-002" in rows["AI6.2"].checks
    assert rows["AI6"].status == "partly" and "REG-CHG-002" in rows["AI6"].below
    assert rows["PO5"].status == "manual" and not rows["PO5"].checks


def _input(example: Mapping[str, list[dict[str, Any]]], known: Iterable[str] = ()) -> bytes:
    """The input a scan of the example's records would give the policies; ``known`` the check ids
    the engine lists in it."""
    people = dict(rego_fixture("people"))
    records: dict[str, dict[str, Any]] = {}
    git: Any = {"revision": None, "shallow": False, "commits": {}}
    config: dict[str, Any] = RepoConfig().policy_input()
    extra: dict[str, Any] = {}
    for kind, items in example.items():
        if kind == "git":  # the history facts a check about history needs: input.git
            git = items
        elif kind == "gate":  # what a request changed, for a check of transitions: input.gate
            extra["gate"] = items
        elif kind == "config":  # settings of regent.yaml that the example needs, over the defaults
            config.update(items)
        elif kind == "person":
            people.update({p["id"]: {"active": True, **p} for p in items})
        else:
            records[kind] = {r["id"]: {**r, "_path": f"{kind}/{r['id']}.yaml"} for r in items}
    return orjson.dumps({"reference_time": REFERENCE_TIME, "reference_ns": REFERENCE_NS, "checks": sorted(known),
                         "config": config, "people": people, "records": records, "git": git, **extra})


def test_every_check_shows_an_example_that_it_flags_and_that_is_a_valid_record(
    checks: dict[str, CheckInfo], opa: PrivateOpa
) -> None:
    """`regent policies show` prints each check's example; it must be true to the check."""
    problems = []
    for info in sorted(checks.values(), key=lambda c: c.id):
        if not info.example:
            problems.append(f"{info.id}: no example")
            continue
        for kind, items in info.example.items():
            if kind in ("git", "config", "gate"):
                continue
            schema = schemas.PEOPLE if kind == "person" else kind
            value = {"people": items} if kind == "person" else None
            for item in ([value] if value else items):
                for path, reason in schemas.problems(schema, item):
                    problems.append(f"{info.id}: example {kind} {item.get('id', '')} {list(path)}: {reason}")
        found = opa.evaluate(_input(info.example, checks)).get("violations") or []
        if not any(f["check"] == info.id for f in found):
            problems.append(f"{info.id}: its example raises no finding")
    assert problems == []


def test_every_setting_a_check_reads_is_documented_with_its_default(checks: dict[str, CheckInfo]) -> None:
    defaults = RepoConfig()
    for info in checks.values():
        for path in info.config:
            described = schemas.setting(path)
            assert described is not None and described[0], f"{info.id}: {path} is not in the regent.yaml schema"
            assert setting_value(defaults, path) is not None, f"{info.id}: {path} has no default"


def test_the_schema_states_the_defaults_the_code_uses() -> None:
    for name, value in DEFAULT_THRESHOLDS.items():
        assert schemas.setting(f"thresholds.{name}") is not None
        assert schemas.setting(f"thresholds.{name}")[1] == value  # type: ignore[index]
    for name, value in DEFAULT_BASELINE.items():
        default = schemas.setting(f"baseline.{name}")[1]  # type: ignore[index]
        assert default == (list(value) if isinstance(value, tuple) else value)


def test_the_rego_fixtures_use_the_default_configuration() -> None:
    assert rego_fixture("config") == RepoConfig().policy_input()


def test_policies_folder_is_loadable_as_opa_data(opa_binary: Path) -> None:
    """The catalogs sit under policies/ as data; `opa test policies` must still load the folder."""
    proc = subprocess.run([str(opa_binary), "eval", "-d", str(BUILTIN_DIR), "--format", "json",
                           "data.catalogs.iso27002.title"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
