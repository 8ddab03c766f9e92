"""Importing the public datasets' layouts: the BPI Challenge 2014 detail files and the UCI incident event log.

The exports are small, made up here with the datasets' real column names and invented values, and imported
into a repository laid out by ``regent init``; the records written are committed and scanned with the real OPA.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import pytest
import yaml
from click.testing import Result

from regent.evidence.importers import bpic2014, uci
from regent.evidence.importers.apply import ImportSummary, run_import
from regent.evidence.importers.base import Context, ImportError_
from regent.evidence.config import import_settings

CHANGE_COLUMNS = (
    "CI Name (aff)", "CI Type (aff)", "CI Subtype (aff)", "Service Component WBS (aff)", "Change ID", "Change Type",
    "Risk Assessment", "Emergency Change", "CAB-approval needed", "Planned Start", "Planned End",
    "Scheduled Downtime Start", "Scheduled Downtime End", "Actual Start", "Actual End", "Requested End Date",
    "Change record Open Time", "Change record Close Time", "Originated from", "# Related Interactions",
    "# Related Incidents",
)
INCIDENT_COLUMNS = (
    "CI Name (aff)", "CI Type (aff)", "CI Subtype (aff)", "Service Component WBS (aff)", "Incident ID", "Status",
    "Impact", "Urgency", "Priority", "Category", "KM number", "Alert Status", "# Reassignments", "Open Time",
    "Reopen Time", "Resolved Time", "Close Time", "Handle Time (Hours)", "Closure Code", "# Related Interactions",
    "Related Interaction", "# Related Incidents", "# Related Changes", "Related Change", "CI Name (CBy)",
    "CI Type (CBy)", "CI Subtype (CBy)", "ServiceComp WBS (CBy)",
)
UCI_COLUMNS = (
    "number", "incident_state", "active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla",
    "caller_id", "opened_by", "opened_at", "sys_created_by", "sys_created_at", "sys_updated_by", "sys_updated_at",
    "contact_type", "location", "category", "subcategory", "u_symptom", "cmdb_ci", "impact", "urgency", "priority",
    "assignment_group", "assigned_to", "knowledge", "u_priority_confirmation", "notify", "problem_id", "rfc",
    "vendor", "caused_by", "closed_code", "resolved_by", "resolved_at", "closed_at",
)

# -- the exports --------------------------------------------------------------------------------


def change_row(change_id: str, ci: str = "", ci_type: str = "", subtype: str = "", wbs: str = "",
               values: Mapping[str, str] | None = None) -> dict[str, str]:
    row = {"CI Name (aff)": ci, "CI Type (aff)": ci_type, "CI Subtype (aff)": subtype,
           "Service Component WBS (aff)": wbs, "Change ID": change_id, "Change Type": "Change Component",
           "Risk Assessment": "Minor Change", "Emergency Change": "N", "CAB-approval needed": "N",
           "Change record Open Time": "3-2-2014 09:12", "Originated from": "Interaction"}
    row.update(values or {})
    return row


C101 = {"Planned Start": "10-2-2014 20:00", "Planned End": "10-2-2014 22:00", "Actual Start": "10-2-2014 20:05",
        "Actual End": "10-2-2014 21:15", "Change record Close Time": "12-2-2014 08:30:15",
        "Requested End Date": "14-2-2014", "Scheduled Downtime Start": "10-2-2014 20:00",
        "Scheduled Downtime End": "10-2-2014 20:30", "# Related Interactions": "2"}
C102 = {"Change Type": "Release Type", "Risk Assessment": "Major Business Change", "Emergency Change": "Y",
        "CAB-approval needed": "Y", "Change record Open Time": "14-7-2014 23:40", "Actual Start": "15-7-2014 01:00",
        "Actual End": "15-7-2014 02:30", "Originated from": "Incident", "# Related Incidents": "1"}
C103 = {"Risk Assessment": "Business Change", "Emergency Change": "", "Planned Start": "20-3-2014 06:00",
        "Planned End": "20-3-2014 07:00:00"}
C104 = {"Change Type": "Master Change", "Change record Open Time": "1-4-2014"}


def change_rows() -> list[dict[str, str]]:
    """Four changes over seven rows, one row per affected CI, the rows of a change not all adjacent."""
    return [
        change_row("C00000101", "WBA000124", "application", "Web Based Application", "WBS000073", C101),
        change_row("C00000102", "SBA000263", "application", "Server Based Application", "WBS000072", C102),
        change_row("C00000101", "DTA000589", "computer", "Desktop", "WBS000091", C101),
        change_row("C00000101", "WBA000124", "application", "Web Based Application", "WBS000073", C101),
        change_row("C00000102", "DBC000031", "database", "Oracle DB", "WBS000072", C102),
        change_row("C00000103", "NET000212", "network", "Router", "WBS000187", C103),
        change_row("C00000104", wbs="WBS000016", values=C104),
    ]


def incident_row(incident_id: str, ci: str, ci_type: str, **values: str) -> dict[str, str]:
    row = {"CI Name (aff)": ci, "CI Type (aff)": ci_type, "CI Subtype (aff)": "Web Based Application",
           "Service Component WBS (aff)": "WBS000073", "Incident ID": incident_id, "Status": "Closed",
           "Impact": "4", "Urgency": "4", "Priority": "4", "Category": "incident", "KM number": "KM0000553",
           "Alert Status": "closed", "# Reassignments": "1", "Open Time": "5-2-2014 13:32",
           "Resolved Time": "5-2-2014 15:10:00", "Close Time": "5-2-2014 15:13", "Handle Time (Hours)": "1,6500",
           "Closure Code": "Software", "# Related Interactions": "1", "Related Interaction": "SD0000007",
           "Related Change": "C00000101", "# Related Changes": "1", "CI Name (CBy)": "WBA000124",
           "CI Type (CBy)": "application", "CI Subtype (CBy)": "Web Based Application",
           "ServiceComp WBS (CBy)": "WBS000073"}
    row.update(values)
    return row


def incident_rows() -> list[dict[str, str]]:
    second = {"Status": "Work in progress", "Priority": "2", "Category": "request for information",
              "Open Time": "6-2-2014 08:00", "Resolved Time": "", "Close Time": "", "Closure Code": "",
              "Related Change": "#MULTIVALUE", "# Related Changes": "2", "CI Name (CBy)": "", "CI Type (CBy)": "",
              "CI Subtype (CBy)": "", "ServiceComp WBS (CBy)": ""}
    return [
        incident_row("IM0000004", "SUB000508", "subapplication"),
        incident_row("IM0000004", "WBA000124", "application"),
        incident_row("IM0000005", "DTA000589", "computer", **second),
    ]


def event(number: str, count: int, state: str, **values: str) -> dict[str, str]:
    row = dict.fromkeys(UCI_COLUMNS, "?")
    row.update({"number": number, "incident_state": state, "active": "true", "reassignment_count": "0",
                "reopen_count": "0", "sys_mod_count": str(count), "made_sla": "true", "caller_id": "Caller 2403",
                "opened_by": "Opened by  8", "opened_at": "29/2/2016 01:16", "sys_created_by": "Created by 6",
                "sys_created_at": "29/2/2016 01:23", "sys_updated_by": "Updated by 21",
                "sys_updated_at": "29/2/2016 01:23", "contact_type": "Phone", "location": "Location 143",
                "category": "Category 55", "subcategory": "Subcategory 170", "u_symptom": "Symptom 72",
                "impact": "2 - Medium", "urgency": "2 - Medium", "priority": "3 - Moderate",
                "assignment_group": "Group 56", "knowledge": "true", "u_priority_confirmation": "false",
                "notify": "Do Not Notify"})
    row.update(values)
    return row


def events() -> list[dict[str, str]]:
    """Three incidents, several events each; INC0000045's last event is not its last row."""
    closed = {"active": "false", "assigned_to": "Resolver 143", "closed_code": "code 5",
              "resolved_by": "Resolved by 149", "resolved_at": "29/2/2016 11:29", "closed_at": "5/3/2016 12:00",
              "sys_updated_at": "5/3/2016 12:00:00", "problem_id": "Problem ID 2"}
    return [
        event("INC0000045", 0, "New"),
        event("INC0000045", 4, "Closed", **closed),
        event("INC0000045", 2, "Active", assigned_to="Resolver 143"),
        event("INC0000046", 0, "New", priority="2 - High", opened_at="1/3/2016 09:00"),
        event("INC0000046", 1, "Active", priority="2 - High", opened_at="1/3/2016 09:00", assigned_to="Resolver 7"),
        event("INC0000046", 1, "Awaiting User Info", priority="2 - High", opened_at="1/3/2016 09:00",
              assigned_to="Bob Example", reassignment_count="1"),
        event("INC0000047", 0, "Active", priority="1 - Critical", opened_at="2/3/2016 14:45",
              cmdb_ci="Configuration item 9", rfc="CHG0000123", category="Category 20", subcategory="?",
              u_symptom="?"),
    ]


def csv_bytes(columns: Sequence[str], rows: Sequence[Mapping[str, str] | str], sep: str) -> bytes:
    """An export: the header, then each row (a mapping of column values, or a line as it stands)."""
    lines = [sep.join(columns)]
    lines += [row if isinstance(row, str) else sep.join(row.get(c, "") for c in columns) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def changes_export(rows: Sequence[Mapping[str, str] | str]) -> bytes:
    return csv_bytes(CHANGE_COLUMNS, rows, ";")


def incidents_export(rows: Sequence[Mapping[str, str] | str]) -> bytes:
    return csv_bytes(INCIDENT_COLUMNS, rows, ";")


def events_export(rows: Sequence[Mapping[str, str] | str]) -> bytes:
    return csv_bytes(UCI_COLUMNS, rows, ",")


# -- the repository -----------------------------------------------------------------------------


@pytest.fixture
def root(invoke: Callable[..., Result], tmp_path: Path) -> Path:
    """A repository laid out by regent init, reading export times as Amsterdam time."""
    root = tmp_path / "evidence"
    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    config = root / "regent.yaml"
    config.write_text(config.read_text().replace("timezone: UTC", "timezone: Europe/Amsterdam"))
    return root


def record(root: Path, path: str) -> dict[str, Any]:
    loaded = yaml.safe_load((root / path).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def files(root: Path) -> dict[str, str]:
    """Every file of the work tree and the digest of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts}


def actions(summary: ImportSummary) -> dict[str, str]:
    return {o.id: o.action for o in summary.outcomes}


def reasons(summary: ImportSummary) -> dict[int, str]:
    return {r.line: r.reason for r in summary.rejections}


def git(root: Path, *args: str) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    env = dict(os.environ, GIT_AUTHOR_DATE=now, GIT_COMMITTER_DATE=now, TZ="UTC", GIT_AUTHOR_NAME="alice",
               GIT_COMMITTER_NAME="alice", GIT_AUTHOR_EMAIL="alice@example.com",
               GIT_COMMITTER_EMAIL="alice@example.com")
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env, capture_output=True,
                          text=True, check=True).stdout


def scan_errors(invoke: Callable[..., Result], root: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Commit the work tree, scan it, and return the error findings and all findings."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Import the export")
    result = invoke("scan", str(root), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)["findings"]
    return [f for f in findings if f["status"] == "error"], findings


# -- BPI Challenge 2014: changes ------------------------------------------------------------------


def test_bpic_change_rows_merge_into_one_record_per_change(root: Path) -> None:
    summary = run_import(root, bpic2014.read, changes_export(change_rows()))

    assert actions(summary) == dict.fromkeys(["C00000101", "C00000102", "C00000103", "C00000104"], "created")
    assert summary.rejections == ()
    closed = record(root, "changes/C00000101.yaml")
    assert closed == {
        "kind": "change", "id": "C00000101", "title": "Change Component on application WBA000124 and 1 other CI",
        "type": "normal", "status": "closed", "requested_by": "unrecorded",
        "created": "2014-02-03T08:12:00Z",  # Amsterdam winter time is UTC+1
        "risk": "low", "configuration_items": ["WBA000124", "DTA000589"], "services": ["WBS000073", "WBS000091"],
        "schedule": {"start": "2014-02-10T19:00:00Z", "end": "2014-02-10T21:00:00Z"},
        "implementation": {"started": "2014-02-10T19:05:00Z", "completed": "2014-02-10T20:15:00Z"},
        "closure": {"at": "2014-02-12T07:30:15Z"},
        "bpic2014": {
            "change_type": "Change Component", "cab_approval_needed": False,
            "scheduled_downtime_start": "2014-02-10T19:00:00Z", "scheduled_downtime_end": "2014-02-10T19:30:00Z",
            "requested_end": "2014-02-13T23:00:00Z", "originated_from": "Interaction", "related_interactions": 2,
            "affected": [
                {"ci": "WBA000124", "type": "application", "subtype": "Web Based Application",
                 "service_component": "WBS000073"},
                {"ci": "DTA000589", "type": "computer", "subtype": "Desktop", "service_component": "WBS000091"},
            ],
        },
    }
    emergency = record(root, "changes/C00000102.yaml")
    assert (emergency["type"], emergency["status"], emergency["risk"]) == ("emergency", "implemented", "high")
    assert emergency["created"] == "2014-07-14T21:40:00Z"  # summer time: UTC+2
    assert emergency["implementation"] == {"started": "2014-07-14T23:00:00Z", "completed": "2014-07-15T00:30:00Z"}
    assert emergency["configuration_items"] == ["SBA000263", "DBC000031"]
    assert emergency["bpic2014"]["cab_approval_needed"] is True
    assert "approvals" not in emergency and "closure" not in emergency and "review" not in emergency
    scheduled = record(root, "changes/C00000103.yaml")
    assert (scheduled["type"], scheduled["status"], scheduled["risk"]) == ("normal", "scheduled", "medium")
    assert scheduled["schedule"] == {"start": "2014-03-20T05:00:00Z", "end": "2014-03-20T06:00:00Z"}
    submitted = record(root, "changes/C00000104.yaml")
    assert submitted["status"] == "submitted"
    assert submitted["title"] == "Master Change on service component WBS000016"
    assert submitted["created"] == "2014-03-31T22:00:00Z"
    assert "configuration_items" not in submitted and submitted["services"] == ["WBS000016"]
    assert [(n.id, n.records) for n in summary.newcomers] == [
        ("unrecorded", ("C00000101", "C00000102", "C00000103", "C00000104"))]


def test_bpic_changes_imported_again_change_nothing_and_an_update_touches_only_its_record(root: Path) -> None:
    export = changes_export(change_rows())
    run_import(root, bpic2014.read, export)
    before = files(root)

    again = run_import(root, bpic2014.read, export)

    assert set(actions(again).values()) == {"unchanged"} and len(again.outcomes) == 4
    assert files(root) == before

    rows = change_rows()
    for row in rows:
        if row["Change ID"] == "C00000103":
            row.update({"Actual Start": "20-3-2014 06:02", "Actual End": "20-3-2014 06:40",
                        "Change record Close Time": "21-3-2014 10:00"})
    same_change = {column: value for column, value in rows[5].items() if "(aff)" not in column}
    rows.append(change_row("C00000103", "NET000213", "network", "Router", "WBS000187", same_change))
    updated = run_import(root, bpic2014.read, changes_export(rows))

    assert actions(updated) == {"C00000101": "unchanged", "C00000102": "unchanged", "C00000103": "updated",
                                "C00000104": "unchanged"}
    changed = {path for path, digest in files(root).items() if before.get(path) != digest}
    assert changed == {"changes/C00000103.yaml"}
    done = record(root, "changes/C00000103.yaml")
    assert done["status"] == "closed" and done["closure"] == {"at": "2014-03-21T09:00:00Z"}
    assert done["configuration_items"] == ["NET000212", "NET000213"]
    assert done["title"] == "Change Component on network NET000212 and 1 other CI"


def test_bpic_bad_change_rows_are_rejected_one_by_one_while_the_rest_imports(root: Path) -> None:
    rows: list[Mapping[str, str] | str] = list(change_rows())
    rows += [
        ";".join(["WBA000777", "application", "C00000105", "Change Component"]),  # line 9: too few columns
        change_row("C00000106", "WBA000778", values={"Risk Assessment": "Catastrophic Change"}),  # line 10
        change_row("C00000107", "WBA000779", values={"Planned Start": "31-2-2014 10:00"}),  # line 11
        change_row("C00000101", "WBA000780", values={**C101, "Change Type": "Release Type"}),  # line 12
        change_row("C00000108", "Café01", "application"),  # line 13: written in cp1252 below
        change_row("C00000109", "Zürich01", values={"Risk Assessment": "Huge", "Actual End": "2014-13-01",
                                                    "# Related Incidents": "two"}),  # line 14: three problems
    ]
    # A UTF-8 file (line 14 holds UTF-8) with one row in another encoding: that row alone is rejected.
    export = changes_export(rows).replace("Café01".encode(), "Café01".encode("cp1252"))

    summary = run_import(root, bpic2014.read, export)

    assert set(actions(summary)) == {"C00000101", "C00000102", "C00000103", "C00000104"}
    got = reasons(summary)
    assert sorted(got) == [9, 10, 11, 12, 13, 14]
    assert got[9] == "4 columns where the header has 21"
    assert "Risk Assessment: unknown code 'Catastrophic Change'" in got[10]
    assert "import.bpic2014.change.Risk Assessment in regent.yaml" in got[10]
    assert got[11].startswith("Planned Start: '31-2-2014 10:00' is not a date and time written day/month/year")
    assert "Change Type is 'Release Type' here but 'Change Component' on line 2" in got[12]
    assert "first row's values are kept" in got[12]
    assert "'CI Name (aff)' is not UTF-8 (byte 0xe9" in got[13] and "--encoding" in got[13]
    # every reason of a row, not only the first
    assert "Risk Assessment: unknown code 'Huge'" in got[14] and "Actual End: '2014-13-01' is not a date" in got[14]
    assert "# Related Incidents: 'two' is not a whole number" in got[14]
    assert [(r.line, r.row, r.number) for r in summary.rejections][1:] == [
        (10, 9, "C00000106"), (11, 10, "C00000107"), (12, 11, "C00000101"), (13, 12, "C00000108"),
        (14, 13, "C00000109")]
    assert record(root, "changes/C00000101.yaml")["configuration_items"] == ["WBA000124", "DTA000589"]
    assert not (root / "changes" / "C00000106.yaml").exists()

    recoded = run_import(root, bpic2014.read, export, encoding="cp1252")

    assert actions(recoded)["C00000108"] == "created"
    assert record(root, "changes/C00000108.yaml")["configuration_items"] == ["Café01"]


def test_a_bpic_export_is_read_as_the_file_its_header_names() -> None:
    ctx = Context(settings=import_settings({}), known_person=lambda name: None)
    header_only = csv_bytes(("CI Name (aff)", "Interaction ID", "Status"), [], ";")

    with pytest.raises(ImportError_, match="neither of the columns 'Change ID'.*'Incident ID'"):
        bpic2014.read(header_only, ctx)
    with pytest.raises(ImportError_, match="has no 'Change ID', 'Change record Open Time'"):
        bpic2014.read(header_only, Context(settings=ctx.settings, known_person=ctx.known_person, kind="change"))
    with pytest.raises(ImportError_, match="one column only"):
        bpic2014.read(changes_export(change_rows()).replace(b";", b","), ctx)


# -- BPI Challenge 2014: incidents ----------------------------------------------------------------


def test_bpic_incident_rows_merge_and_map_their_codes(root: Path) -> None:
    summary = run_import(root, bpic2014.read, incidents_export(incident_rows()))

    assert actions(summary) == {"IM0000004": "created", "IM0000005": "created"}
    assert summary.rejections == ()
    closed = record(root, "incidents/IM0000004.yaml")
    assert closed == {
        "kind": "incident", "id": "IM0000004", "title": "Incident on subapplication SUB000508 and 1 other CI",
        "priority": "P4", "status": "closed", "opened": "2014-02-05T12:32:00Z",
        "services": ["WBS000073"], "configuration_items": ["SUB000508", "WBA000124"],
        "resolved": "2014-02-05T14:10:00Z", "closed": "2014-02-05T14:13:00Z", "caused_by_change": "C00000101",
        "bpic2014": {
            "category": "incident", "impact": "4", "urgency": "4", "km_number": "KM0000553",
            "alert_status": "closed", "reassignments": 1, "handle_time_hours": 1.65, "closure_code": "Software",
            "related_interactions": 1, "related_interaction": "SD0000007", "related_changes": 1,
            "caused_by_ci": {"ci": "WBA000124", "type": "application", "subtype": "Web Based Application",
                             "service_component": "WBS000073"},
            "affected": [
                {"ci": "SUB000508", "type": "subapplication", "subtype": "Web Based Application",
                 "service_component": "WBS000073"},
                {"ci": "WBA000124", "type": "application", "subtype": "Web Based Application",
                 "service_component": "WBS000073"},
            ],
        },
    }
    open_one = record(root, "incidents/IM0000005.yaml")
    assert (open_one["priority"], open_one["status"]) == ("P2", "open")
    assert open_one["title"] == "Request for information on computer DTA000589"
    assert "caused_by_change" not in open_one and "resolved" not in open_one
    assert open_one["bpic2014"]["related_change"] == "#MULTIVALUE"

    again = run_import(root, bpic2014.read, incidents_export(incident_rows()))
    assert set(actions(again).values()) == {"unchanged"}


def test_an_unknown_bpic_incident_code_rejects_its_row_only(root: Path) -> None:
    rows = incident_rows()
    rows.append(incident_row("IM0000006", "WBA000124", "application", Priority="9"))
    rows.append(incident_row("IM0000007", "WBA000124", "application", Status="Parked"))

    summary = run_import(root, bpic2014.read, incidents_export(rows))

    assert set(actions(summary)) == {"IM0000004", "IM0000005"}
    got = reasons(summary)
    assert "Priority: unknown code '9'" in got[5] and "import.bpic2014.incident.Priority" in got[5]
    assert "Status: unknown code 'Parked'" in got[6] and "import.bpic2014.incident.Status" in got[6]


# -- UCI incident event log -----------------------------------------------------------------------


def test_uci_the_last_event_of_each_incident_makes_its_record(root: Path) -> None:
    summary = run_import(root, uci.read, events_export(events()))

    assert actions(summary) == dict.fromkeys(["INC0000045", "INC0000046", "INC0000047"], "created")
    assert summary.rejections == ()
    closed = record(root, "incidents/INC0000045.yaml")
    assert closed == {
        "kind": "incident", "id": "INC0000045", "title": "Category 55 / Subcategory 170 / Symptom 72",
        "priority": "P3", "status": "closed", "opened": "2016-02-29T00:16:00Z",
        "resolved": "2016-02-29T10:29:00Z", "closed": "2016-03-05T11:00:00Z", "assigned_to": "resolver-143",
        "problem": "Problem ID 2",
        "uci": {
            "active": False, "reassignment_count": 0, "reopen_count": 0, "sys_mod_count": 4, "made_sla": True,
            "caller_id": "Caller 2403", "opened_by": "Opened by  8", "sys_created_by": "Created by 6",
            "sys_created_at": "2016-02-29T00:23:00Z", "sys_updated_by": "Updated by 21",
            "sys_updated_at": "2016-03-05T11:00:00Z", "contact_type": "Phone", "location": "Location 143",
            "category": "Category 55", "subcategory": "Subcategory 170", "u_symptom": "Symptom 72",
            "impact": "2 - Medium", "urgency": "2 - Medium", "assignment_group": "Group 56", "knowledge": True,
            "u_priority_confirmation": False, "notify": "Do Not Notify", "closed_code": "code 5",
            "resolved_by": "Resolved by 149",
        },
    }
    tie = record(root, "incidents/INC0000046.yaml")  # two events at sys_mod_count 1: the later row wins
    assert (tie["status"], tie["priority"], tie["assigned_to"]) == ("open", "P2", "bob")
    assert tie["uci"]["reassignment_count"] == 1
    critical = record(root, "incidents/INC0000047.yaml")
    assert (critical["priority"], critical["title"]) == ("P1", "Category 20")
    assert critical["configuration_items"] == ["Configuration item 9"]
    # rfc is the change raised to fix the incident, not its cause: kept with the log's other columns
    assert "caused_by_change" not in critical and critical["uci"]["rfc"] == "CHG0000123"
    assert [(n.id, n.name) for n in summary.newcomers] == [("resolver-143", "Resolver 143")]


def test_uci_import_again_changes_nothing_and_a_new_event_updates_its_incident(root: Path) -> None:
    rows = events()
    run_import(root, uci.read, events_export(rows))
    before = files(root)

    again = run_import(root, uci.read, events_export(rows))

    assert set(actions(again).values()) == {"unchanged"}
    assert files(root) == before

    rows.append(event("INC0000046", 2, "Resolved", priority="2 - High", opened_at="1/3/2016 09:00",
                      assigned_to="Bob Example", resolved_at="1/3/2016 17:30", sys_updated_at="1/3/2016 17:30"))
    updated = run_import(root, uci.read, events_export(rows))

    assert actions(updated) == {"INC0000045": "unchanged", "INC0000046": "updated", "INC0000047": "unchanged"}
    assert {p for p, d in files(root).items() if before.get(p) != d} == {"incidents/INC0000046.yaml"}
    resolved = record(root, "incidents/INC0000046.yaml")
    assert (resolved["status"], resolved["resolved"]) == ("resolved", "2016-03-01T16:30:00Z")


def test_uci_a_rejected_last_event_leaves_its_incident_out(root: Path) -> None:
    rows: list[Mapping[str, str] | str] = list(events())
    rows += [
        event("INC0000048", 0, "New"),  # line 9
        event("INC0000048", 1, "Active", opened_at="31/2/2016 10:00"),  # line 10: its last event, a bad date
        event("INC0000049", 0, "Withdrawn"),  # line 11: an unknown state, but not the last event
        event("INC0000049", 1, "Active", location="Zürich"),  # line 12 (UTF-8, as the rest of the file)
        event("INC0000050", 0, "New"),  # line 13
        event("INC0000050", 1, "Active", location="Løcation 9"),  # line 14: its last event, written in cp1252
        "INC0000051,New,true",  # line 15: too few columns
    ]
    export = events_export(rows).replace("Løcation".encode(), "Løcation".encode("cp1252"))

    summary = run_import(root, uci.read, export)

    assert set(actions(summary)) == {"INC0000045", "INC0000046", "INC0000047", "INC0000049"}
    got = reasons(summary)
    assert sorted(got) == [10, 11, 14, 15]
    assert got[10].startswith("opened_at: '31/2/2016 10:00' is not a date and time written day/month/year")
    assert got[10].endswith("; this is the last event of INC0000048, so INC0000048 is not imported (its older "
                            "events would show a state it has since left)")
    assert "incident_state: unknown code 'Withdrawn'" in got[11]
    assert "import.servicenow.incident.state in regent.yaml" in got[11] and "last event" not in got[11]
    assert "'location' is not UTF-8 (byte 0xf8" in got[14] and "INC0000050 is not imported" in got[14]
    assert got[15] == "3 columns where the header has 36"
    assert not (root / "incidents" / "INC0000048.yaml").exists()
    assert record(root, "incidents/INC0000049.yaml")["status"] == "open"


def test_uci_reads_incidents_only() -> None:
    ctx = Context(settings=import_settings({}), known_person=lambda name: None, kind="change")
    with pytest.raises(ImportError_, match="holds incidents, not change records"):
        uci.read(events_export(events()), ctx)
    ctx = Context(settings=import_settings({}), known_person=lambda name: None)
    with pytest.raises(ImportError_, match="has no sys_mod_count"):
        uci.read(csv_bytes([c for c in UCI_COLUMNS if c != "sys_mod_count"], [], ","), ctx)


# -- the records scan -----------------------------------------------------------------------------


def test_imported_records_are_valid_when_scanned(invoke: Callable[..., Result], root: Path) -> None:
    run_import(root, bpic2014.read, changes_export(change_rows()))
    run_import(root, bpic2014.read, incidents_export(incident_rows()))
    run_import(root, uci.read, events_export(events()))

    errors, findings = scan_errors(invoke, root)

    assert errors == []
    judged = {f["record"]["id"] for f in findings}
    assert {"C00000101", "IM0000004", "INC0000045"} & judged, "the imported records reach the checks"


# -- through the command line ---------------------------------------------------------------------


def test_regent_import_bpic2014_reports_its_rejections(invoke: Callable[..., Result], root: Path,
                                                       tmp_path: Path) -> None:
    export = tmp_path / "detail_change.csv"
    unknown = change_row("C00000109", "X1", values={"Risk Assessment": "Huge"})
    export.write_bytes(changes_export([*change_rows(), unknown]))

    result = invoke("import", "bpic2014", str(export), "--repo", str(root), "--kind", "change")

    assert result.exit_code == 1, result.output
    assert "4 created" in result.output and "1 rejected" in result.output
    assert f"{export}:9: row 8 C00000109: Risk Assessment: unknown code 'Huge'" in result.output
    assert record(root, "changes/C00000102.yaml")["type"] == "emergency"

    before = files(root)
    rows = change_rows()
    rows[-1]["Change record Close Time"] = "2-4-2014 10:00"
    export.write_bytes(changes_export(rows))
    dry = invoke("import", "bpic2014", str(export), "--repo", str(root), "--dry-run", "--verbose")
    assert dry.exit_code == 0, dry.output
    assert "changes/C00000104.yaml" in dry.output and "dry run" in dry.output
    assert files(root) == before


def test_regent_import_uci_incidents_exits_0_when_every_event_imports(invoke: Callable[..., Result],
                                                                      root: Path, tmp_path: Path) -> None:
    export = tmp_path / "incident_event_log.csv"
    export.write_bytes(events_export(events()))

    result = invoke("import", "uci-incidents", str(export), "--repo", str(root))

    assert result.exit_code == 0, result.output
    assert "3 created" in result.output and "0 rejected" in result.output
    assert "resolver-143" in result.output
    assert record(root, "incidents/INC0000045.yaml")["status"] == "closed"

    garbled = tmp_path / "not_the_log.csv"
    garbled.write_bytes(b"id;name\n1;x\n")
    unreadable = invoke("import", "uci-incidents", str(garbled), "--repo", str(root))
    assert unreadable.exit_code == 2 and "one column only" in unreadable.output
