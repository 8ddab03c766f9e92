"""The demo evidence repository: reproducible, and it shows every built-in check firing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from regent.engine.opa import PrivateOpa
from regent.engine.policyset import PolicySet
from regent.engine.gate import gate
from regent.engine.scan import list_checks, scan
from regent.evidence import load_snapshot
from regent.evidence.request import read_request

SCRIPT = Path(__file__).parent.parent / "scripts" / "make_demo.py"


def build(dest: Path) -> str:
    subprocess.run([sys.executable, str(SCRIPT), str(dest)], check=True, capture_output=True)
    return subprocess.run(["git", "-C", str(dest), "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_demo_is_reproducible_and_breaches_each_check(tmp_path: Path, opa: PrivateOpa, policies: PolicySet) -> None:
    first = build(tmp_path / "one")
    assert build(tmp_path / "two") == first

    result = scan(load_snapshot(tmp_path / "one"), policies, opa)
    failing = {f.check for f in result.findings if f.status == "fail"}
    assert {f"REG-CHG-{n:03d}" for n in range(1, 11)} | {"REG-GOV-001"} <= failing
    # The checks of a request's transitions judge only a gate: the demo's unmerged request fails them.
    request = gate(read_request(tmp_path / "one", "main", "request/edi-peak"), policies, opa)
    transitions = {"REG-CHG-020", "REG-CHG-021", "REG-CHG-022", "REG-SEC-022"}
    assert transitions <= {f.check for f in request.findings} and not transitions & failing
    builtin = {c.id for c in list_checks(opa).values() if c.origin == "builtin"}
    assert len(builtin) >= 64
    # REG-SEC-023 judges approvals typed into the work tree, not yet committed: tests/test_gate.py.
    assert sorted(builtin - failing - transitions) == ["REG-SEC-023"]
    assert {f.check for f in result.findings if f.status == "error"} == {"REG-INPUT-001", "REG-INPUT-002"}
    # The demo's two waivers in force are ones an auditor rejects (too long; no authority): they waive nothing.
    assert not any(f.status == "waived" for f in result.findings)
    assert any(f.check == "REG-CHG-007" and f.record.id == "CHG-2026-0115" and f.status == "fail"
               for f in result.findings)
    assert result.records >= 50
    assert any(c.framework == "cobit4" and c.id == "AI6.2" and c.status == "fail" for c in result.controls)
