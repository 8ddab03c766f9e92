"""``regent policies``: list the checks, show one, their coverage of each catalog, and the Rego tests."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from regent.commands.console import err, fail, out, status
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, exits
from regent.engine.catalog import coverage, load_catalogs
from regent.engine.model import CheckInfo
from regent.engine.opa_binary import find_opa
from regent.engine.policytest import PolicyTest, check_test_files, measure_coverage, policy_dirs, run_tests
from regent.engine.policyset import PolicySet
from regent.engine.render import policies as render_policies
from regent.engine.scan import list_checks
from regent.engine.session import OpaOptions, open_evaluator, policy_set
from regent.evidence import schemas
from regent.evidence.config import FRAMEWORKS, RepoConfig, setting_value
from regent.evidence.settings import read_worktree_config


def _checks_of(path: Path, config: RepoConfig, opa: OpaOptions) -> tuple[PolicySet, dict[str, CheckInfo]]:
    """The policy set for the repository at ``path`` (built-ins plus its ``policy_paths``) and its checks."""
    policies = policy_set(path, config.policy_paths)
    with open_evaluator(policies, opa) as evaluator:
        return policies, list_checks(evaluator)


@exits
def run_policies_list(path: Path, opa: OpaOptions, *, frameworks: Sequence[str] = (),
                      severities: Sequence[str] = (), fmt: str = "text") -> int:
    """List the checks, most severe first, with the controls each one tests."""
    policies, checks = _checks_of(path, read_worktree_config(path), opa)
    chosen = [
        info for info in render_policies.sort_checks(checks.values())
        if (not severities or info.severity in severities)
        and (not frameworks or any(info.controls.get(fw) for fw in frameworks))
    ]
    if frameworks:
        chosen = [replace(info, controls={fw: ids for fw, ids in info.controls.items() if fw in frameworks})
                  for info in chosen]
    render = render_policies.list_json if fmt == "json" else render_policies.list_text
    out(render(chosen), end="")
    err(f"{len(chosen)} of {len(checks)} checks · policy digest {policies.digest}")
    return EXIT_OK


@exits
def run_policies_show(path: Path, check_id: str, opa: OpaOptions, *, fmt: str = "text") -> int:
    """Show one check: what it tests, its controls in every framework, its settings and a record it flags."""
    config = read_worktree_config(path)
    _, checks = _checks_of(path, config, opa)
    info = checks.get(check_id) or checks.get(check_id.upper())
    if info is None:
        near = difflib.get_close_matches(check_id.upper(), list(checks), n=3)
        hint = f"; did you mean {' or '.join(near)}?" if near else "; `regent policies list` shows them all"
        return fail(f"no check has the id {check_id!r}{hint}", EXIT_USAGE)
    settings: list[dict[str, Any]] = []
    for setting_path in info.config:
        described = schemas.setting(setting_path)
        settings.append({
            "path": setting_path,
            "value": setting_value(config, setting_path),
            "default": described[1] if described else None,
            "description": described[0] if described else "",
        })
    render = render_policies.show_json if fmt == "json" else render_policies.show_text
    out(render(info, load_catalogs(), settings), end="")
    return EXIT_OK


@exits
def run_policies_coverage(path: Path, opa: OpaOptions, *, frameworks: Sequence[str] = (), fmt: str = "text",
                          gaps_only: bool = False) -> int:
    """Show, for each control of each framework's catalog, which checks test it or that none does."""
    _, checks = _checks_of(path, read_worktree_config(path), opa)
    catalogs = load_catalogs()
    report = {fw: coverage(catalogs[fw], checks.values()) for fw in (frameworks or FRAMEWORKS)}
    if fmt == "json":
        out(render_policies.coverage_json(report), end="")
    else:
        out(render_policies.coverage_text(report, gaps_only), end="")
    return EXIT_OK


@exits
def run_policies_test(path: Path, opa: OpaOptions, *, min_coverage: float = 90.0, verbose: bool = False) -> int:
    """Run the Rego tests of the built-in checks and of the repository's own policy folders, with coverage."""
    # Exit 1 when a test fails or the tests cover less than min_coverage percent of the policy lines.
    config = read_worktree_config(path)
    policy_set(path, config.policy_paths)  # refuses a custom package outside "custom"
    binary = find_opa(opa.binary)
    # Every Rego file, tests included, compiled strictly with only the allowed built-ins before any runs.
    dirs = policy_dirs(path, config.policy_paths)
    check_test_files(binary, dirs)
    with status("running the policy tests", True):
        tests = run_tests(binary, dirs)
    failed = [t for t in tests if not t.passed]
    for test in tests:
        if verbose or not test.passed:
            _show(test)
    out(f"{len(tests) - len(failed)} of {len(tests)} tests pass")
    if failed:
        return fail(f"{len(failed)} policy tests fail", EXIT_FINDINGS)
    with status("measuring coverage", True):
        measured = measure_coverage(binary, dirs)
    for file, percent in sorted(measured.custom_files.items()):
        out(f"  {percent:6.1f} %  {file}")
    out(f"coverage {measured.total:.1f} % of policy lines (minimum {min_coverage:g} %)")
    if measured.total < min_coverage:
        return fail(f"coverage {measured.total:.1f} % is below the minimum {min_coverage:g} %", EXIT_FINDINGS)
    return EXIT_OK


def _show(test: PolicyTest) -> None:
    out(f"{test.verdict:<5} {test.package}.{test.name}  ({test.file}:{test.row})")
    if test.error is not None:
        out(f"      {test.error}")
