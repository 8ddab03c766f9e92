"""``regent report --format oscal``: a month's report as a NIST OSCAL 1.2.3 assessment-results document,
validated against NIST's schema."""

from __future__ import annotations

import copy
import json
import os
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import regex
from click.testing import Result
from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators

from tests.conftest import Repo

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMA = ROOT / ".tools" / "oscal" / "oscal-complete-1.2.3.json"
NS = "https://regent.dev/ns/oscal"


@cache
def _compiled(pattern: str) -> Any:
    return regex.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``pattern`` with the ``regex`` module, which knows the ``\\p{L}`` classes OSCAL's patterns use."""
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _pattern})


def _format_checker() -> FormatChecker:
    """jsonschema's format checks; date-time, uri and uri-reference come with its format-nongpl extra."""
    checker = FormatChecker()
    missing = {"date-time", "uri", "uri-reference"} - set(checker.checkers)
    assert not missing, f"jsonschema cannot check {sorted(missing)}: install the test extra (jsonschema[format-nongpl])"
    return checker


@pytest.fixture(scope="module")
def validator() -> Any:
    """A validator of assessment-results documents against NIST's complete OSCAL schema."""
    path = Path(os.environ.get("REGENT_OSCAL_SCHEMA") or DEFAULT_SCHEMA)
    if not path.is_file():
        pytest.fail(f"no OSCAL schema at {path}: run `python scripts/fetch-oscal-schema.py`")
    schema = json.loads(path.read_text(encoding="utf-8"))
    # The schema accepts any OSCAL model at its root; taking the assessment-results branch as the root
    # lets every error show with its own path, instead of one "valid under none of the models".
    [branch] = [b for b in schema.pop("oneOf") if b.get("required") == ["assessment-results"]]
    return OscalValidator({**schema, **branch}, format_checker=_format_checker())


def problems(validator: Any, doc: Any) -> list[str]:
    return sorted(f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc))


def oscal(invoke: Callable[..., Result], repo: Repo) -> str:
    result = invoke("report", str(repo.path), "--month", "2026-10", "--months", "2", "--format", "oscal")
    assert result.exit_code == 0, result.output
    return result.stdout


def props(item: dict[str, Any]) -> dict[str, list[str]]:
    """Regent's properties of an OSCAL object, by name."""
    out: dict[str, list[str]] = {}
    for p in item.get("props", []):
        if p.get("ns") == NS:
            out.setdefault(p["name"], []).append(p["value"])
    return out


def test_the_oscal_report_is_valid_and_says_what_the_month_showed(
        invoke: Callable[..., Result], history: Repo, validator: Any) -> None:
    doc = json.loads(oscal(invoke, history))

    errors = problems(validator, doc)
    assert not errors, "the document does not pass the OSCAL 1.2.3 schema:\n" + "\n".join(errors)
    ar = doc["assessment-results"]
    assert ar["metadata"]["oscal-version"] == "1.2.3"
    assert ar["metadata"]["last-modified"] == "2026-10-31T23:59:59Z"
    [result] = ar["results"]
    assert (result["start"], result["end"]) == ("2026-10-01T00:00:00Z", "2026-10-31T23:59:59Z")
    assert props(result)["evidence-revision"] == [history.git("rev-parse", "HEAD")]
    assert ar["import-ap"]["href"] == f"#{ar['back-matter']['resources'][0]['uuid']}"

    observations = {o["uuid"]: o for o in result["observations"]}
    evidence = {props(o)["record-id"][0]: o for o in observations.values() if o["methods"] == ["EXAMINE"]}
    assert set(evidence) == {"EV-2", "EV-3"}  # EV-1 was collected in September
    ev2 = evidence["EV-2"]
    assert ev2["collected"] == "2026-10-11T10:00:00Z"
    artifact = next(e for e in ev2["relevant-evidence"] if e["href"] == "evidence/artifacts/EV-2.txt")
    assert props(artifact)["verified"] == ["true"] and props(ev2)["artifacts-verified"] == ["true"]
    ev3 = evidence["EV-3"]
    artifact = next(e for e in ev3["relevant-evidence"] if e["href"] == "evidence/artifacts/EV-3.txt")
    assert props(artifact)["verified"] == ["false"] and props(ev3)["artifacts-verified"] == ["false"]
    assert "do not all verify" in ev3["remarks"]

    tested = {props(o)["check"][0]: o for o in observations.values() if o["methods"] == ["TEST"]}
    assert "REG-SEC-017" in tested
    assert any(e["href"].startswith("evidence/EV-3.yaml") for e in tested["REG-SEC-017"]["relevant-evidence"])

    # A control a REG-CHG check found open findings for is not satisfied, and points at that check's observation.
    findings = result["findings"]
    failing = [o["uuid"] for check, o in tested.items() if check.startswith("REG-CHG-") and props(o)["open"] != ["0"]]
    assert failing
    linked = [f for f in findings if {r["observation-uuid"] for r in f.get("related-observations", [])} & set(failing)]
    assert linked and all(f["target"]["status"]["state"] == "not-satisfied" for f in linked)
    # A control held only because WVR-1 covers its finding is not claimed satisfied, and says why.
    waived = [f for f in findings if props(f["target"])["status"] == ["partly waived"]]
    assert waived and all(f["target"]["status"] == {"state": "not-satisfied", "reason": "other"} for f in waived)
    assert all("waivers accept findings" in f["target"]["remarks"] for f in waived)
    # The restore-test control's finding points at the month's two restore tests.
    [backups] = [f for f in findings if f["target"]["target-id"] == "iso27002-8.13"]
    related = {r["observation-uuid"] for r in backups["related-observations"]}
    assert related >= {evidence["EV-2"]["uuid"], evidence["EV-3"]["uuid"]}
    assert "2 evidence manifests" in backups["description"]
    held = [f for f in findings if props(f["target"])["status"] == ["held"]]
    assert held and all(f["target"]["status"] == {"state": "satisfied", "reason": "pass"} for f in held)
    # Every control reviewed has its finding, and each target is a reviewed control.
    reviewed = {c["control-id"] for s in result["reviewed-controls"]["control-selections"]
                for c in s["include-controls"]}
    assert {f["target"]["target-id"] for f in findings} == reviewed
    assert {"iso27002", "cobit2019"} <= {props(f["target"])["framework"][0] for f in findings}


def test_no_empty_array_or_object_and_the_same_report_twice(
        invoke: Callable[..., Result], history: Repo) -> None:
    text = oscal(invoke, history)
    assert text.endswith("}\n")

    def walk(value: Any, path: str) -> Iterator[str]:
        if value in ([], {}, ""):
            yield path
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{path}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, f"{path}/{index}")

    assert list(walk(json.loads(text), "")) == []
    assert oscal(invoke, history) == text


def test_the_validator_rejects_what_the_schema_forbids(
        invoke: Callable[..., Result], history: Repo, validator: Any) -> None:
    doc = json.loads(oscal(invoke, history))
    assert problems(validator, doc) == []

    untitled = copy.deepcopy(doc)
    del untitled["assessment-results"]["metadata"]["title"]
    assert problems(validator, untitled) == ["/assessment-results/metadata: 'title' is a required property"]

    spaced = copy.deepcopy(doc)
    spaced["assessment-results"]["results"][0]["props"][0]["name"] = "evidence revision"
    [error] = problems(validator, spaced)
    assert error.startswith("/assessment-results/results/0/props/0/name: 'evidence revision' does not match")

    # Formats are checked too: a reference with a space in it is no URI reference.
    unquoted = copy.deepcopy(doc)
    unquoted["assessment-results"]["import-ap"]["href"] = "policies/regent policy set"
    assert problems(validator, unquoted) == [
        "/assessment-results/import-ap/href: 'policies/regent policy set' is not a 'uri-reference'"]
