"""The JSON Schemas agree with the record contract: positive and negative examples."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator

from regent.evidence import schemas
from regent.evidence.parse import parse_document

FIXTURES = Path(__file__).parent.parent / "fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
SCHEMA_OF_FILE = {"people": schemas.PEOPLE, "regent": schemas.CONFIG}


def _schema_for(path: Path) -> str:
    stem = path.stem.split("-")[0]
    return SCHEMA_OF_FILE.get(stem, stem)


def test_every_kind_has_a_schema_and_a_valid_example() -> None:
    kinds = set(schemas.record_kinds())
    assert kinds == {"change", "release", "configuration_item", "incident", "problem", "service",
                     "service_report", "supplier", "evidence", "waiver", "objective", "business_process"}
    assert kinds <= {p.stem for p in VALID}


@pytest.mark.parametrize("path", sorted((Path(schemas.SCHEMA_DIR)).glob("*.json")), ids=lambda p: p.name)
def test_schemas_are_valid_draft_2020_12(path: Path) -> None:
    Draft202012Validator.check_schema(orjson.loads(path.read_bytes()))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_examples_pass(path: Path) -> None:
    doc = parse_document(path.name, path.read_bytes())
    assert list(schemas.problems(_schema_for(path), doc.value)) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_examples_fail_at_the_stated_field(path: Path) -> None:
    expect = path.read_text().splitlines()[0]
    assert expect.startswith("# expect: ")
    pointer, keyword = expect.removeprefix("# expect: ").split()
    doc = parse_document(path.name, path.read_bytes())
    validator = Draft202012Validator(orjson.loads((schemas.SCHEMA_DIR / f"{_schema_for(path)}.json").read_bytes()))
    errors = list(validator.iter_errors(doc.value))
    assert len(errors) == 1, [e.message for e in errors]
    error = errors[0]
    where = "/" + "/".join(str(p) for p in error.absolute_path)
    if error.validator in ("required", "additionalProperties"):
        missing = pointer.rsplit("/", 1)[-1]
        pointer = pointer.rsplit("/", 1)[0] or "/"
        assert missing in error.message
    assert (where.rstrip("/") or "/") == (pointer.rstrip("/") or "/")
    assert error.validator == keyword


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_validator_agrees_with_jsonschema(path: Path) -> None:
    schema = _schema_for(path)
    value = parse_document(path.name, path.read_bytes()).value
    authority = Draft202012Validator(orjson.loads((schemas.SCHEMA_DIR / f"{schema}.json").read_bytes()))
    assert schemas.is_valid(schema, value) == authority.is_valid(value)
