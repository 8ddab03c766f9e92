"""A number no policy can read (an infinity, not-a-number, a float past double range) is a located
REG-INPUT error for its record, in YAML and in JSON, and every other record is still judged."""

from __future__ import annotations

import json
from typing import Callable

from click.testing import Result

from tests.conftest import SERVICE_RECORD, Repo, clean_change

YAML_VALUES = ["1.0e+400", "-1.0e+400", ".inf", "-.inf", ".nan", "1e400", "-1e400"]
JSON_VALUES = ["1e400", "-1e400"]


def _service_yaml(number: int, value: str) -> str:
    return (f"kind: service\nid: SVC-{number}\nname: Billing {number}\nowner: alice\nstatus: active\n"
            f"criticality: medium\nsla:\n  availability: {value}\n")


def test_out_of_range_numbers_are_located_errors(invoke: Callable[..., Result], repo: Repo) -> None:
    for n, value in enumerate(YAML_VALUES, start=10):
        repo.write(f"services/SVC-{n}.yaml", _service_yaml(n, value))
    for n, value in enumerate(JSON_VALUES, start=30):
        document = json.dumps(dict(SERVICE_RECORD, id=f"SVC-{n}"), indent=2).replace('"availability": 99.5',
                                                                                   f'"availability": {value}')
        assert value in document
        repo.write(f"services/SVC-{n}.json", document)
    repo.write("changes/CHG-8.yaml", clean_change("CHG-8", requested_by="bob"))  # approved by its requester
    repo.commit("Services with numbers out of range")

    result = invoke("scan", str(repo.path), "--format", "json")

    findings = json.loads(result.stdout)["findings"]
    errors = {f["record"]["path"]: f for f in findings if f["status"] == "error"}
    for n, value in enumerate(YAML_VALUES, start=10):
        error = errors[f"services/SVC-{n}.yaml"]
        assert error["check"].startswith("REG-INPUT") and error["record"]["line"] == 8, (value, error)
    for n, _ in enumerate(JSON_VALUES, start=30):
        error = errors[f"services/SVC-{n}.json"]
        assert error["check"].startswith("REG-INPUT") and error["record"]["line"] > 1, error
    assert "not a finite number" in errors["services/SVC-12.yaml"]["message"]
    assert any(f["check"] == "REG-CHG-002" and f["record"]["id"] == "CHG-8" for f in findings)
