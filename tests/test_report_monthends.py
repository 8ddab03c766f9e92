"""``regent report`` keeps the scans of past month ends for the next report, and only while they still hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from click.testing import Result

from tests.conftest import Repo


def report(invoke: Callable[..., Result], repo: Repo) -> Result:
    result = invoke("report", str(repo.path), "--month", "2026-10", "--months", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    return result


def test_a_second_report_reads_past_month_ends_back(invoke: Callable[..., Result], history: Repo,
                                                    tmp_path: Path) -> None:
    first = report(invoke, history)
    assert "read from earlier reports" not in first.stderr
    assert "2026-08: no commit yet at the month's end; left out of the trend" in first.stderr

    # September's month end is read back; October, the report month, is loaded again for its evidence;
    # August has no commit to keep. The report is the same.
    second = report(invoke, history)
    assert "1 of 3 month ends read from earlier reports' scans" in second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)

    # New trust settings can change what a signature check finds: September is scanned again.
    signers = tmp_path / "allowed_signers"
    signers.write_text("carol@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDummyKeyForTrustSettingsOnly0000\n")
    history.git("config", "gpg.ssh.allowedSignersFile", str(signers))
    third = report(invoke, history)
    assert "read from earlier reports" not in third.stderr


def test_a_new_commit_in_a_past_month_is_judged(invoke: Callable[..., Result], history: Repo) -> None:
    report(invoke, history)
    # Month ends are read from HEAD's history: on a branch where a commit dated in September now ends
    # September, the old result of September's month end must not be served.
    history.git("checkout", "-q", "-b", "rewritten", "HEAD~1")
    history.write("changes/CHG-9.yaml", {"kind": "change", "id": "CHG-9"})  # not a valid change record
    history.commit("A late September record", date="2026-09-20T12:00:00Z")
    again = report(invoke, history)
    assert "read from earlier reports" not in again.stderr
    september = next(p for p in json.loads(again.stdout)["trend"] if p["month"] == "2026-09")
    assert september["scanned"]
