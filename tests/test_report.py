"""``regent report``: a month's evidence report from as-of scans of a real history, on the real OPA."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Callable

from click.testing import Result

from regent.engine.report import month_ends
from tests.conftest import Repo

def report(invoke: Callable[..., Result], repo: Repo, *args: str) -> Result:
    result = invoke("report", str(repo.path), "--month", "2026-10", *args)
    assert result.exit_code == 0, result.output
    return result


def test_the_json_report_of_a_month(invoke: Callable[..., Result], history: Repo) -> None:
    before = history.state()
    doc = json.loads(report(invoke, history, "--months", "3", "--format", "json").stdout)

    assert history.state() == before
    assert doc["period"] == {"start": "2026-10-01", "end": "2026-10-31"}
    assert doc["reproduce"]["evidence_revision"] == history.git("rev-parse", "HEAD")
    assert doc["reproduce"]["reference_time"] == "2026-10-31T23:59:59Z"
    assert doc["reproduce"]["command"] == "regent report --month 2026-10 --months 3 --format json"
    assert doc["reproduce"]["opa_version"] and doc["reproduce"]["policy_digest"].startswith("sha256:")

    collected = {e["id"]: e["verified"] for e in doc["evidence"]["collected"]}
    assert collected == {"EV-2": True, "EV-3": False}  # EV-1 was collected in September
    assert doc["evidence"]["by_type"] == {"backup_restore_test": 2}
    # Restore tests are evidence for the controls of the check that judges them (REG-SEC-004), in each
    # framework's order, and only for those.
    restore_check = {c["id"] for fw in doc["frameworks"].values() for c in fw["controls"] if "REG-SEC-004" in c["checks"]}
    restore_controls = {"cobit4": ["DS11.5", "DS4.9"], "cobit2019": ["DSS04.07"], "iso20000": ["8.7.2"],
                        "iso17799": ["10.5.1"], "iso27002": ["8.13"]}
    assert {c for ids in restore_controls.values() for c in ids} == restore_check
    assert [e["controls"] for e in doc["evidence"]["collected"]] == [restore_controls, restore_controls]
    assert doc["evidence"]["by_control"] == {fw: {c: 2 for c in ids} for fw, ids in restore_controls.items()}

    new = {(f["check"], f["record"]["id"]) for f in doc["changes"]["new"]}
    resolved = {(f["check"], f["record"]["id"]) for f in doc["changes"]["resolved"]}
    assert ("REG-CHG-001", "CHG-2") in resolved
    assert ("REG-CHG-001", "CHG-2") not in new
    assert ("REG-SEC-017", "EV-3") in new
    assert doc["waivers"] == [{"id": "WVR-1", "check": "REG-CHG-015", "records": ["CHG-2"], "expires": "2026-11-15",
                               "state": "expiring", "approved_by": "alice", "path": "waivers/WVR-1.yaml"}]
    waived = [f for f in doc["findings"] if f["status"] == "waived"]
    assert [(f["check"], f["record"]["id"]) for f in waived] == [("REG-CHG-015", "CHG-2")]

    trend = doc["trend"]
    assert [p["month"] for p in trend] == ["2026-08", "2026-09", "2026-10"]
    assert [p["scanned"] for p in trend] == [False, True, True]
    assert trend[1]["open_by_severity"]["high"] >= 1  # CHG-2 carried out unapproved

    for framework in ("cobit4", "cobit2019", "iso20000", "iso17799", "iso27002"):
        controls = doc["frameworks"][framework]["controls"]
        assert controls and all(c["status"] in ("held", "failed", "not tested", "partly waived") for c in controls)
    statuses = {c["id"]: c for c in doc["frameworks"]["iso27002"]["controls"]}
    integrity = [c for c in statuses.values() if any(f["check"] == "REG-SEC-017" for f in c["findings"])]
    assert integrity and all(c["status"] == "failed" for c in integrity)
    # Controls that hold only because the waiver covers their finding are told apart.
    covered = [c for fw in doc["frameworks"].values() for c in fw["controls"]
               if any(f["check"] == "REG-CHG-015" for f in c["findings"])]
    assert covered and "partly waived" in {c["status"] for c in covered}


def test_markdown_and_csv(invoke: Callable[..., Result], history: Repo) -> None:
    markdown = report(invoke, history, "--months", "2").stdout
    for heading in ("# Evidence report 2026-10", "## Controls", "## Evidence collected",
                    "## Since the previous month end", "## Waivers expired or expiring within 30 days",
                    "## Trend", "## Reproduce"):
        assert heading in markdown
    assert ("| EV-3 | backup_restore_test | 2026-10-12T10:00:00Z | carol | CI-1 | pass | NO | COBIT 4.1 DS11.5, DS4.9; "
            "COBIT 2019 DSS04.07;") in markdown
    assert "### Evidence per control" in markdown and "| ISO/IEC 27002:2022 | 8.13 Backing up information | 2 |" in markdown
    assert "| WVR-1 | REG-CHG-015 | 2026-11-15 | expiring |" in markdown

    table = report(invoke, history, "--months", "2", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(table)))
    doc = json.loads(report(invoke, history, "--months", "2", "--format", "json").stdout)
    assert len(rows) == len(doc["findings"])
    ev3 = next(row for row in rows if row["record_id"] == "EV-3" and row["check"] == "REG-SEC-017")
    assert ev3["new_this_month"] == "yes" and ev3["iso27002"]


def test_bad_month_and_no_history(invoke: Callable[..., Result], history: Repo, tmp_path: Path) -> None:
    bad = invoke("report", str(history.path), "--month", "2026-13")
    assert bad.exit_code == 2 and "is not a month written YYYY-MM" in bad.stderr
    early = invoke("report", str(history.path), "--month", "2026-08")
    assert early.exit_code == 2 and "no commit on or before 2026-08-31" in early.stderr


def test_month_ends() -> None:
    assert [d.isoformat() for d in month_ends("2026-03", 4)] == ["2025-12-31", "2026-01-31", "2026-02-28",
                                                                "2026-03-31"]


def test_the_trend_of_the_calendars_first_month_is_that_month_alone() -> None:
    assert [d.isoformat() for d in month_ends("0001-02", 4)] == ["0001-01-31", "0001-02-28"]
    assert [d.isoformat() for d in month_ends("0001-01", 2)] == ["0001-01-31"]
