"""Running the Rego tests of a policy set with ``opa test``, and reading what it says.

:func:`run_tests` returns each test's outcome; :func:`measure_coverage` the share of policy
lines the tests run, in all and for each file outside the built-in policies. Output OPA did
not write as JSON means the tests did not run: :class:`EngineUnavailable`, with what OPA said.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from regent.engine.capabilities import capabilities_file
from regent.engine.errors import EngineUnavailable
from regent.engine.opa_binary import check_policies
from regent.engine.policyset import BUILTIN_DIR


@dataclass(frozen=True)
class PolicyTest:
    """One Rego test and how it went."""

    package: str
    name: str
    file: str
    row: str
    failed: bool
    error: str | None  # what OPA said when the test could not run

    @property
    def verdict(self) -> str:
        return "FAIL" if self.failed else ("ERROR" if self.error is not None else "PASS")

    @property
    def passed(self) -> bool:
        return not self.failed and self.error is None


@dataclass(frozen=True)
class Coverage:
    """The percentage of policy lines the tests run: in all, and per file outside the built-ins."""

    total: float
    custom_files: Mapping[str, float]


def policy_dirs(repository: Path, policy_paths: Sequence[str]) -> list[Path]:
    """The built-in policies and the repository's own policy folders."""
    return [BUILTIN_DIR, *(repository / p for p in policy_paths)]


def check_test_files(binary: Path, dirs: Sequence[Path]) -> None:
    """Compile every Rego file in ``dirs``, test files included, with only the allowed built-ins:
    a test is evaluated as a policy is, so it is held to the same list (PolicyError naming file and line)."""
    files = sorted(path for d in dirs for path in Path(d).rglob("*.rego"))
    if files:
        check_policies(binary, files)


def run_tests(binary: Path, dirs: Sequence[Path]) -> list[PolicyTest]:
    """Every test in ``dirs``, in OPA's order."""
    results = _opa_json(binary, ["test", "--format", "json"], dirs, "opa test", list)
    return [_test(r) for r in results]


def measure_coverage(binary: Path, dirs: Sequence[Path]) -> Coverage:
    """Coverage of the policies in ``dirs``; OPA writes a report only when every test passes."""
    report = _opa_json(binary, ["test", "--coverage", "--format", "json"], dirs, "opa test --coverage", object)
    files = report.get("files") or {}
    return Coverage(
        total=float(report.get("coverage", 0.0)),
        custom_files={f: v.get("coverage", 0.0) for f, v in files.items()
                      if not Path(f).resolve().is_relative_to(BUILTIN_DIR)},
    )


def _opa_json(binary: Path, args: Sequence[str], dirs: Sequence[Path], what: str, shape: type) -> Any:
    """What ``opa`` printed as JSON, when it is a ``shape``."""
    caps = ["--capabilities", str(capabilities_file(binary))]
    run = subprocess.run([str(binary), *args, *caps, *(str(d) for d in dirs)], capture_output=True, text=True)
    try:
        value = json.loads(run.stdout)
    except ValueError:
        value = None
    if not isinstance(value, shape) or value is None:
        raise EngineUnavailable(f"{what} did not run:\n{run.stderr or run.stdout}")
    return value


def _test(r: Mapping[str, Any]) -> PolicyTest:
    location = r.get("location", {})
    error = r.get("error")
    return PolicyTest(
        package=str(r.get("package", "")),
        name=str(r.get("name", "")),
        file=str(location.get("file", "")),
        row=str(location.get("row", "")),
        failed=bool(r.get("fail")),
        error=str(error.get("message", error) if isinstance(error, dict) else error) if error else None,
    )
