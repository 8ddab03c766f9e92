"""An organisation's OPA service shared by many repositories' scans: each scan's own policies are
removed after it, even when it fails, and what a killed scan left is removed by the next, so no
repository runs another's checks. And an evaluation that does not end is stopped by --timeout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Iterator

import pytest
import requests
from click.testing import CliRunner, Result

from regent.cli import main
from tests.conftest import Repo
from tests.sandbox import opa_service

SHORT_TITLES = """# METADATA
# title: Change title too short
# custom:
#   id: ACME-CHG-001
#   severity: low
#   remediation: Write a title that says what changes
#   kinds: [change]
package custom.acme_titles

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some change in input.records.change
	count(change.title) < 60
	finding := findings.new(rego.metadata.chain(), "change", change, "title too short", ["title"])
}
"""

# Ten billion pairs of numbers: runs for hours, in constant memory.
EVERY_PAIR = """# METADATA
# title: Every pair of numbers
# custom:
#   id: ACME-SLOW-001
#   severity: low
#   remediation: Compare fewer things
#   kinds: [change]
package custom.every_pair

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some change in input.records.change
	span := numbers.range(1, 100000)
	pairs := {1 | some a in span; some b in span; a != b}
	count(pairs) > 5
	finding := findings.new(rego.metadata.chain(), "change", change, "never", ["title"])
}
"""


@pytest.fixture(scope="module")
def service(opa_binary: Path) -> Iterator[str]:
    with opa_service(opa_binary) as url:
        yield url


def _held(url: str) -> list[str]:
    return sorted(p["id"] for p in requests.get(f"{url}/v1/policies", timeout=30).json()["result"])


def _scan(path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["scan", str(path), "--format", "json", "--fail-on", "never", *args],
                              env={"CI": "true"}, catch_exceptions=False)


def _checks(result: Result) -> set[str]:
    return {f["check"] for f in json.loads(result.stdout)["findings"]}


def _other_repository(repo: Repo, tmp_path: Path) -> Repo:
    """A second repository: the same records, no policies of its own."""
    shutil.copytree(repo.path, tmp_path / "other")
    other = Repo.__new__(Repo)
    other.path = tmp_path / "other"
    other.write("regent.yaml", "policy_paths: []\n")
    other.commit("No policies of our own")
    return other


def test_a_later_scan_of_another_repository_does_not_run_the_first_ones_check(
        service: str, repo: Repo, tmp_path: Path) -> None:
    repo.write("regent.yaml", "policy_paths: [org]\n")
    repo.write("org/acme_titles.rego", SHORT_TITLES)
    first = _scan(repo.path, "--opa-url", service)
    assert first.exit_code == 0, first.output
    assert "ACME-CHG-001" in _checks(first)
    assert not any("custom" in module or module.endswith("loaded.rego") for module in _held(service))

    other = _other_repository(repo, tmp_path)
    second = _scan(other.path, "--opa-url", service)
    assert second.exit_code == 0, second.output
    assert "ACME-CHG-001" not in _checks(second) and "REG-CHG-002" not in _checks(second)
    # Only the set's own modules go: Regent's built-in checks stay for the next scan.
    assert any("/builtin/lib/" in module for module in _held(service))


def test_what_a_killed_scan_left_on_the_service_is_removed_by_the_next(
        service: str, repo: Repo, tmp_path: Path) -> None:
    # As a scan killed by SIGKILL leaves them: its custom check and its marker, under its set's id.
    left = "regent/set-0123456789abcdef0123456789abcdef/"
    for name, text in ((f"{left}custom0/acme_titles.rego", SHORT_TITLES),
                       (f"{left}loaded.rego", 'package regent_loaded\n\ndigest := "sha256:0123"\n')):
        planted = requests.put(f"{service}/v1/policies/{name}", data=text.encode(), timeout=120)
        assert planted.status_code == 200, planted.text
    other = _other_repository(repo, tmp_path)
    result = _scan(other.path, "--opa-url", service)
    assert result.exit_code == 0, result.output
    assert "ACME-CHG-001" not in _checks(result)
    assert not any(module.startswith(left) for module in _held(service))


def test_a_failed_scan_removes_its_policies_too(service: str, repo: Repo) -> None:
    repo.write("regent.yaml", "policy_paths: [org]\n")
    repo.write("org/every_pair.rego", EVERY_PAIR)
    result = _scan(repo.path, "--opa-url", service, "--timeout", "2")
    assert result.exit_code == 3
    assert "ACME-SLOW-001" in result.output and "--timeout 2" in result.output
    assert not any("custom" in module or module.endswith("loaded.rego") for module in _held(service))


def test_the_private_opa_stops_a_check_that_runs_too_long(repo: Repo) -> None:
    repo.write("regent.yaml", "policy_paths: [org]\n")
    repo.write("org/every_pair.rego", EVERY_PAIR)
    result = _scan(repo.path, "--timeout", "2")
    assert result.exit_code == 3
    assert "ACME-SLOW-001" in result.output and "every_pair.rego" in result.output


@pytest.mark.parametrize("command", ["scan", "gate", "report"])
def test_every_evaluating_command_takes_a_time_limit(command: str) -> None:
    text = CliRunner().invoke(main, [command, "--help"]).output
    assert "--timeout SECONDS" in text and "300" in text
