"""``regent scan --format oscal``: a scan's result as NIST OSCAL assessment-results, valid against NIST's
schema and loadable by a real GRC client (compliance-trestle)."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import Result

from tests.conftest import Repo
from tests.test_report_oscal import problems, props, validator  # noqa: F401  (the schema's validator fixture)

STATE = {"pass": "satisfied", "fail": "not-satisfied", "not_tested": "not-satisfied"}


def scan_both(invoke: Callable[..., Result], repo: Repo, tmp_path: Path) -> tuple[dict[str, Any], str]:
    """The JSON result and the OSCAL document of one as-of scan of October's end."""
    as_json, as_oscal = tmp_path / "scan.json", tmp_path / "scan.oscal.json"
    result = invoke("scan", str(repo.path), "--as-of", "2026-10-31", "--format", f"json={as_json}",
                    "--format", f"oscal={as_oscal}")
    assert result.exit_code == 1, result.output  # the history holds high findings
    return json.loads(as_json.read_text()), as_oscal.read_text()


def test_a_scan_as_oscal_is_valid_and_states_each_control_of_the_scan(
        invoke: Callable[..., Result], history: Repo, validator: Any, tmp_path: Path) -> None:  # noqa: F811
    scanned, text = scan_both(invoke, history, tmp_path)
    doc = json.loads(text)

    errors = problems(validator, doc)
    assert not errors, "the document does not pass the OSCAL 1.2.3 schema:\n" + "\n".join(errors)
    ar = doc["assessment-results"]
    assert ar["metadata"]["title"] == "Regent scan as of 2026-10-31"
    [result] = ar["results"]
    # A scan judges one moment: the end of the as-of day.
    assert (result["start"], result["end"]) == ("2026-10-31T23:59:59Z", "2026-10-31T23:59:59Z")
    assert props(result)["evidence-revision"] == [history.git("rev-parse", "HEAD")]
    assert props(result)["as-of"] == ["2026-10-31"]
    assert props(result)["command"] == ["regent scan --as-of 2026-10-31 --format oscal"]
    assert props(ar["back-matter"]["resources"][0])["policy-digest"] == [scanned["policies"]["digest"]]

    # Every control of the scan is one OSCAL finding, in the state its status means.
    targets = {(props(f["target"])["framework"][0], props(f["target"])["control-id"][0]): f["target"]
               for f in result["findings"]}
    assert set(targets) == {(c["framework"], c["id"]) for c in scanned["controls"]}
    waived = [f for f in scanned["findings"] if f["status"] == "waived"]
    assert {f["check"] for f in waived} == {"REG-CHG-015"}  # WVR-1
    accepted = {(fw, c) for f in waived for fw, ids in f["controls"].items() for c in ids}
    for control in scanned["controls"]:
        target = targets[(control["framework"], control["id"])]
        key = (control["framework"], control["id"])
        if control["status"] == "pass" and key in accepted:
            # Held only because a waiver accepts its finding: an accepted risk is not a control operating.
            assert props(target)["status"] == ["partly waived"]
            assert target["status"] == {"state": "not-satisfied", "reason": "other"}
        else:
            assert target["status"]["state"] == STATE[control["status"]], control
            assert "at the scan's reference time" in target["remarks"]
        assert "month" not in target["remarks"]

    # A check with findings is a tested observation counting them; a scan examines no month's evidence.
    observations = result["observations"]
    assert all(o["methods"] == ["TEST"] for o in observations)
    by_check: dict[str, int] = {}
    for f in scanned["findings"]:
        by_check[f["check"]] = by_check.get(f["check"], 0) + 1
    assert {props(o)["check"][0]: int(props(o)["findings"][0]) for o in observations} == by_check
    assert "local-definitions" not in result


def test_the_same_scan_is_the_same_document(invoke: Callable[..., Result], history: Repo, tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = scan_both(invoke, history, tmp_path / "one")[1]
    assert scan_both(invoke, history, tmp_path / "two")[1] == first


def _trestle() -> str:
    found = shutil.which("trestle", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("compliance-trestle is not installed: install the test extra (pip install -e '.[test]')")
    return found


def test_compliance_trestle_imports_and_validates_the_scan(
        invoke: Callable[..., Result], history: Repo, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    text = scan_both(invoke, history, tmp_path / "out")[1]
    trestle, workspace = _trestle(), tmp_path / "grc"
    workspace.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([trestle, *args], cwd=workspace, capture_output=True, text=True, timeout=300)

    assert run("init").returncode == 0
    good = tmp_path / "scan.json"
    good.write_text(text)
    imported = run("import", "-f", str(good), "-o", "october-scan")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    stored = json.loads((workspace / "assessment-results" / "october-scan" / "assessment-results.json").read_text())
    assert stored["assessment-results"]["uuid"] == json.loads(text)["assessment-results"]["uuid"]
    validated = run("validate", "-a")
    assert validated.returncode == 0 and "VALID" in validated.stdout, validated.stdout + validated.stderr

    # The client is no rubber stamp: a document without its metadata's title is refused.
    broken = copy.deepcopy(json.loads(text))
    del broken["assessment-results"]["metadata"]["title"]
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(broken))
    assert run("import", "-f", str(bad), "-o", "broken").returncode != 0
