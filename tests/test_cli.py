"""The command line, through click's runner and once through the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from regent.cli import main
from tests.conftest import Repo, clean_change


def test_clean_scan_exits_0(invoke, repo: Repo) -> None:  # type: ignore[no-untyped-def]
    result = invoke("scan", str(repo.path))
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.output


def test_findings_at_threshold_exit_1_and_below_it_exit_0(invoke, repo: Repo) -> None:  # type: ignore[no-untyped-def]
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    high = invoke("scan", str(repo.path))
    assert high.exit_code == 1
    assert "REG-CHG-002" in high.output and "changes/CHG-2042.yaml" in high.output
    assert invoke("scan", str(repo.path), "--fail-on", "critical").exit_code == 0
    assert invoke("scan", str(repo.path), "--fail-on", "never").exit_code == 0


def test_fail_on_default_comes_from_regent_yaml(invoke, repo: Repo) -> None:  # type: ignore[no-untyped-def]
    repo.write("changes/CHG-9.yaml", clean_change("CHG-9", configuration_items=["CI-GONE"]))  # medium
    assert invoke("scan", str(repo.path)).exit_code == 0
    repo.write("regent.yaml", "fail_on: medium\n")
    assert invoke("scan", str(repo.path)).exit_code == 1


def test_json_to_a_file(invoke, repo: Repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    out = tmp_path / "scan.json"
    result = invoke("scan", str(repo.path), "--format", "json", "--output", str(out), "--framework", "iso27002")
    assert result.exit_code == 1 and result.output == ""
    document = json.loads(out.read_text())
    assert document["summary"]["by_status"] == {"fail": 1, "waived": 0, "error": 0}
    assert document["findings"][0]["record"]["path"] == "changes/CHG-2042.yaml"
    assert document["findings"][0]["controls"] == {"iso27002": ["5.3", "8.32"]}


def test_as_of_scan_does_not_see_later_records(invoke, repo: Repo) -> None:  # type: ignore[no-untyped-def]
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    repo.commit("Self-approved change", date="2026-03-10T09:00:00Z", email="bob@example.com")
    before = json.loads(invoke("scan", str(repo.path), "--as-of", "2026-03-09", "--format", "json").output)
    after = json.loads(invoke("scan", str(repo.path), "--as-of", "2026-03-10", "--format", "json").output)
    assert before["findings"] == [] and before["repository"]["as_of"] == "2026-03-09"
    assert before["reference_time"] == "2026-03-09T23:59:59Z"
    assert [f["check"] for f in after["findings"] if f["record"]["id"] == "CHG-2042"] == ["REG-CHG-002"]
    # The fixture's later monthly reports were committed today, before this March commit in the
    # history: as of 10 March they are reviews dated after the day, which REG-GOV-005 reports.
    assert {f["check"] for f in after["findings"] if f["record"]["id"] != "CHG-2042"} <= {"REG-GOV-005"}


@pytest.mark.parametrize("args, message", [
    (["--rev", "HEAD", "--as-of", "2026-01-01"], "give one of them"),
    (["--rev", "nope"], "unknown revision 'nope'"),
    (["--as-of", "01/02/2026"], "YYYY-MM-DD"),
    (["--format", "yaml"], "--format 'yaml': no such format"),
])
def test_usage_errors_exit_2(invoke, repo: Repo, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke("scan", str(repo.path), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_unwritable_output_exits_2(invoke, repo: Repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("scan", str(repo.path), "--output", str(tmp_path / "no-such-folder" / "scan.txt"))
    assert result.exit_code == 2 and "cannot write" in result.output and "no-such-folder" in result.output


def test_unreadable_regent_yaml_exits_2(invoke, repo: Repo) -> None:  # type: ignore[no-untyped-def]
    repo.write("regent.yaml", "thresholds: [oops\n")
    result = invoke("scan", str(repo.path))
    assert result.exit_code == 2 and "regent.yaml:" in result.output


def test_unreachable_opa_exits_3(repo: Repo) -> None:
    result = CliRunner().invoke(main, ["scan", str(repo.path), "--opa-url", "http://127.0.0.1:9"],
                                catch_exceptions=False)
    assert result.exit_code == 3 and "not reachable" in result.output


def test_validate_lists_errors_with_file_and_line(invoke, repo: Repo) -> None:  # type: ignore[no-untyped-def]
    assert invoke("validate", str(repo.path)).exit_code == 0
    repo.write("changes/CHG-3.yaml", clean_change("CHG-3", status="finished"))
    result = invoke("validate", str(repo.path))
    assert result.exit_code == 1
    assert "changes/CHG-3.yaml:5: status: 'finished' is not one of" in result.output


def test_policies_list_and_version(invoke) -> None:  # type: ignore[no-untyped-def]
    listing = invoke("policies", "list")
    assert listing.exit_code == 0
    assert "REG-CHG-002" in listing.output and "Change approved by its own requester" in listing.output
    version = invoke("version")
    assert version.exit_code == 0 and "opa 1.22.2" in version.output and "policies sha256:" in version.output


def test_help_describes_exit_codes() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "Exit codes" in result.output
    assert "--as-of" in CliRunner().invoke(main, ["scan", "--help"]).output


def test_organisation_policies_run_beside_the_built_ins(repo: Repo) -> None:
    repo.write("policies-org/acme_titles/acme_titles.rego", """# METADATA
# title: Change title too short
# custom:
#   id: ACME-CHG-001
#   severity: low
#   remediation: Write a title that says what changes
#   kinds: [change]
#   controls:
#     cobit4: [AI6.4]
package custom.acme_titles

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
	some change in input.records.change
	count(change.title) < 60
	msg := sprintf("%s has a title of %d characters", [change.id, count(change.title)])
	finding := findings.new(rego.metadata.chain(), "change", change, msg, ["title"])
}
""")
    repo.write("regent.yaml", "policy_paths: [policies-org]\n")
    result = CliRunner().invoke(main, ["scan", str(repo.path), "--format", "json", "--fail-on", "low"],
                                env={"CI": "true"}, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    document = json.loads(result.output)
    finding = next(f for f in document["findings"] if f["check"] == "ACME-CHG-001")
    assert finding["message"] == "CHG-1 has a title of 44 characters"
    assert finding["record"]["path"] == "changes/CHG-1.yaml"

    # Reading by framework: a check mapped only to COBIT 4.1 drops out of an ISO/IEC 27002 view,
    # but one that maps to no framework at all is never hidden.
    repo.write("policies-org/acme_owner/acme_owner.rego", """# METADATA
# title: Change without a named implementer
# custom:
#   id: ACME-CHG-002
#   severity: low
#   remediation: Name who will carry the change out
#   kinds: [change]
package custom.acme_owner

import data.lib.findings

meta := findings.metadata(rego.metadata.chain())

violation contains finding if {
\tsome change in input.records.change
\tchange.implementer == "carol"
\tfinding := findings.new(rego.metadata.chain(), "change", change, "carol again", ["implementer"])
}
""")
    result = CliRunner().invoke(main, ["scan", str(repo.path), "--format", "json", "--framework", "iso27002"],
                                env={"CI": "true"}, catch_exceptions=False)
    checks = {f["check"] for f in json.loads(result.output)["findings"]}
    assert "ACME-CHG-001" not in checks and "ACME-CHG-002" in checks


def test_installed_console_script_scans_with_its_own_opa(repo: Repo, tmp_path: Path) -> None:
    script = shutil.which("regent", path=str(Path(sys.executable).parent))
    assert script is not None, "the regent console script is not installed"
    before = repo.state()
    scratch = tmp_path / "tmp"  # a temporary folder of its own: other processes' files are not its
    scratch.mkdir()
    proc = subprocess.run([script, "scan", str(repo.path), "--format", "json"], capture_output=True, text=True,
                          env={**os.environ, "CI": "true", "TMPDIR": str(scratch)}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["findings"] == 0
    assert repo.state() == before
    assert list(scratch.iterdir()) == [], "the scan left files in the temp folder"
