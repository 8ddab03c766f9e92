"""Lists that are written once: the frameworks (in the control catalogs) and the defaults (in the
regent.yaml schema). What cannot read its source is held to it here."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import yaml

from regent import frameworks
from regent.engine.catalog import CATALOG_DIR, load_catalogs
from regent.evidence import schemas
from regent.evidence.config import FRAMEWORKS, RepoConfig

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "gen-rego-defaults.py"
# The settings regent.yaml's example in the README gives with their default values.
README_DEFAULTS = ("frameworks", "thresholds", "baseline", "role_conflicts", "roles", "max_record_bytes",
                   "require_signed_evidence", "timezone")


def _schema_defaults(node: dict[str, Any]) -> Any:
    """The defaults a schema node states: its own, else those of its properties."""
    if "default" in node:
        return node["default"]
    return {name: _schema_defaults(spec) for name, spec in node.get("properties", {}).items()}


def test_the_frameworks_are_the_catalogs_in_their_order() -> None:
    assert sorted(frameworks.KEYS) == sorted(p.stem for p in CATALOG_DIR.glob("*.yaml"))
    assert [f.order for f in frameworks.ALL] == list(range(1, len(frameworks.ALL) + 1))
    assert FRAMEWORKS == frameworks.KEYS == ("cobit4", "cobit2019", "iso20000", "iso17799", "iso27002")
    catalogs = load_catalogs()
    assert tuple(catalogs) == frameworks.KEYS
    assert {key: catalog.title for key, catalog in catalogs.items()} == frameworks.NAMES
    assert frameworks.SHORT["cobit4"] == "COBIT4.1" and frameworks.SHORT["iso27002"] == "27002"


def test_a_catalog_without_its_header_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "acme.yaml"
    bad.write_text("acme:\n  framework: acme\n  title: Acme\n  controls: []\n")
    try:
        frameworks._read(bad)
    except ValueError as exc:
        assert "acme.yaml" in str(exc) and "short" in str(exc)
    else:
        raise AssertionError("a catalog with no short label was read")


def test_the_schema_offers_the_catalogued_frameworks() -> None:
    spec = schemas.schema(schemas.CONFIG)["properties"]["frameworks"]
    assert spec["items"]["enum"] == list(frameworks.KEYS)
    assert spec["default"] == list(frameworks.KEYS)


def test_regent_passes_the_policies_the_schema_defaults() -> None:
    config = schemas.schema(schemas.CONFIG)["properties"]
    given = RepoConfig().policy_input()
    assert given == {key: _schema_defaults(config[key]) for key in given}
    assert RepoConfig().max_record_bytes == config["max_record_bytes"]["default"]


def test_the_timezone_setting_reaches_the_policies() -> None:
    assert RepoConfig().policy_input()["timezone"] == "UTC"
    assert RepoConfig.from_mapping({"timezone": "America/Chicago"}).policy_input()["timezone"] == "America/Chicago"


def test_the_rego_fixtures_hold_the_generated_defaults() -> None:
    spec = importlib.util.spec_from_file_location("gen_rego_defaults", GENERATOR)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert generator.TARGET.read_text(encoding="utf-8") == generator.render(), (
        f"{generator.TARGET.relative_to(ROOT)} does not hold the regent.yaml schema's defaults: "
        f"run {generator.COMMAND}")


def test_the_readme_states_the_schema_defaults() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"`regent\.yaml` \(every setting optional\):\n\n```yaml\n(.*?)```", readme, re.DOTALL)
    assert match, "the README's regent.yaml example is gone"
    example = yaml.safe_load(match.group(1))
    config = schemas.schema(schemas.CONFIG)["properties"]
    for key in README_DEFAULTS:
        assert example[key] == _schema_defaults(config[key]), key


def test_an_unknown_time_zone_is_a_configuration_error() -> None:
    import pytest

    from regent.evidence import ConfigError
    from regent.evidence.settings import config_from_bytes

    assert config_from_bytes("regent.yaml", b"timezone: Europe/Paris\n").timezone == "Europe/Paris"
    with pytest.raises(ConfigError, match=r"regent.yaml:2: 'Nowhere/Atlantis' is not an IANA time zone name"):
        config_from_bytes("regent.yaml", b"fail_on: high\ntimezone: Nowhere/Atlantis\n")
