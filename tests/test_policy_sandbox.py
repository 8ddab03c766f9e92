"""A policy cannot reach the network, read the machine or the clock: wherever it runs, a policy or test
file calling a refused built-in is a located error and exit 3, before anything is evaluated."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import requests
from click.testing import CliRunner

from regent.cli import main
from tests.conftest import Repo
from tests.sandbox import Listener, calls, custom_policy, listener, opa_service

FAMILIES = sorted(calls("http://x"))


@pytest.fixture
def outside() -> Iterator[Listener]:
    with listener() as server:
        yield server


def _with_policy(repo: Repo, family: str, url: str, test_file: bool = False) -> Path:
    repo.write("regent.yaml", "policy_paths: [org]\n")
    if test_file:
        repo.write("org/reach.rego", custom_policy("1"))
        repo.write("org/reach_test.rego", "package custom.reach_test\n\nimport data.custom.reach\n\n"
                   f"test_reach if {{\n\t{calls(url)[family]}\n}}\n")
        return repo.path / "org" / "reach_test.rego"
    repo.write("org/reach.rego", custom_policy(calls(url)[family]))
    return repo.path / "org" / "reach.rego"


def _refused(result_output: str, path: Path, line: int, family: str) -> None:
    assert f"{path}:{line}: " in result_output, result_output
    assert family in result_output and "not allowed in policies" in result_output


@pytest.mark.parametrize("family", FAMILIES)
def test_scan_refuses_a_policy_that_reaches_outside(family: str, repo: Repo, outside: Listener) -> None:
    path = _with_policy(repo, family, outside.url)
    result = CliRunner().invoke(main, ["scan", str(repo.path)], env={"CI": "true"}, catch_exceptions=False)
    assert result.exit_code == 3
    _refused(result.output, path, 10, family)
    assert outside.requests == []


@pytest.mark.parametrize("family", FAMILIES)
def test_policy_tests_refuse_a_test_file_that_reaches_outside(family: str, repo: Repo, outside: Listener) -> None:
    path = _with_policy(repo, family, outside.url, test_file=True)
    result = CliRunner().invoke(main, ["policies", "test", "--repo", str(repo.path)], env={"CI": "true"},
                                catch_exceptions=False)
    assert result.exit_code == 3
    _refused(result.output, path, 6, family)
    assert outside.requests == []


def test_an_organisation_opa_receives_no_policy_that_reaches_outside(repo: Repo, outside: Listener,
                                                                     opa_binary: Path) -> None:
    with opa_service(opa_binary) as url:
        for family in FAMILIES:
            path = _with_policy(repo, family, outside.url)
            result = CliRunner().invoke(main, ["scan", str(repo.path), "--opa-url", url], env={"CI": "true"},
                                        catch_exceptions=False)
            assert result.exit_code == 3, family
            _refused(result.output, path, 10, family)
            # Checked before the upload: the service never held the module.
            held = requests.get(f"{url}/v1/policies", timeout=10).json()["result"]
            assert held == [], family
    assert outside.requests == []
