"""The public exports in ``../shared/realdata``, imported as they are, read in place.

The expected counts were worked out from the files themselves, not from the importers, with a few lines of
Python's ``csv``/``json`` (or the shell) over each file:

- UCI log (``incident_event_log.csv.gz``): 141,712 event rows; ``sorted(set(row["number"]))`` gives 24,918
  incidents. Taking each incident's event with the highest ``sys_mod_count`` (the later row on a tie): every
  one is ``Closed``; 176 of them carry an ``rfc`` other than ``?`` and 3 a ``caused_by``. ``awk -F, '$2 ==
  "-100"'`` finds 5 events, of INC0028089 and INC0030413, every one ``active`` true and between Active/New and
  Resolved events.
- Its Excel re-save: 5,998 event rows, 890 incidents: the first 5,998 rows of the published log (row 5,999 of
  the published file is INC0001434's last event, as the re-save's last line; INC0001436 starts row 6,000), so
  its 890 incidents are exactly the first 890 of the full log.
- BPIC 2014 head: 51 rows, 51 distinct ``Incident ID``; all ``Closed``; ``CI Name (CBy)`` is ``#N/B`` on 16
  rows; ``Related Change`` is ``C00000056``, ``C00000308`` and once ``#MULTIVALUE``.
- ServiceNow: 67, 67, 100 records in the three Table API files, every ``number`` distinct; in the full
  incident file ``assigned_to`` is a ``{"link", "value"}`` reference on 48 records, ``cmdb_ci`` on 26; the
  incident list has 66 rows, 66 numbers, 9 distinct non-empty ``assigned_to`` names.
- CMDB list: 2,784 rows; 1,794 distinct names; 464 rows have a name that repeats and neither an asset
  ``tag`` nor a ``serial_number``; of those, 6 (three pairs: Java 2 Runtime Environment, SE; Microsoft .NET
  Framework; Windows Installer Clean Up) share their ``sys_created_on`` too; 43 rows have neither
  ``install_status`` nor ``operational_status`` (none of them among the 464): 49 rows cannot become records,
  2,735 can once owner and environment are given.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from click.testing import CliRunner, Result

from regent.cli import main
from regent.evidence.config import import_settings
from regent.evidence.importers import bpic2014, servicenow, uci
from regent.evidence.importers.apply import run_import
from regent.evidence.importers.base import Batch, Context

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason=f"the public exports are not at {REALDATA}")

UCI = REALDATA / "uci-incidents" / "incident_event_log.csv.gz"
RESAVE = REALDATA / "uci-incidents" / "incident_event_log_excel_resave.csv.gz"
BPIC = REALDATA / "bpic2014" / "Detail_Incident_head50.csv"
SN = REALDATA / "servicenow"


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def new_repo(base: Path) -> Path:
    root = base / "evidence"
    assert cli("init", str(root)).exit_code == 0
    return root


def record(root: Path, path: str) -> dict[str, Any]:
    loaded = yaml.safe_load((root / path).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def imported(root: Path, folder: str, prefix: str) -> list[Path]:
    return sorted((root / folder).glob(f"{prefix}*.yaml"))


def counts(result: Result) -> str:
    """The one line of standard output."""
    lines = result.stdout.splitlines()
    assert len(lines) == 1, f"one line of counts on standard output, got {result.stdout!r}"
    return lines[0]


# -- the UCI log, once ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uci_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    root = new_repo(tmp_path_factory.mktemp("uci"))
    # set up before any test's own cache folder: this one keeps its own
    cache = {"REGENT_CACHE_DIR": str(tmp_path_factory.mktemp("uci-cache"))}
    return root, cli("import", "uci-incidents", str(UCI), "--repo", str(root), env=cache)


def test_the_uci_log_imports_each_incident_once_from_the_gzip_file(uci_repo: tuple[Path, Result]) -> None:
    root, result = uci_repo

    assert result.exit_code == 0, result.stderr[:2000]
    assert counts(result) == "incident_event_log.csv.gz: 24918 created, 0 updated, 0 unchanged, 0 rejected"
    assert len(imported(root, "incidents", "INC0")) == 24918
    # the people the log names are counted on standard error, with what to do, not listed one per line
    assert re.search(r"note: \d+ people the records name are not in people.yaml \(.*\): add them", result.stderr)
    assert len(result.stderr.splitlines()) < 5


def test_uci_resolution_and_closure_are_the_incidents_own_and_the_minus_100_state_is_open(
        uci_repo: tuple[Path, Result]) -> None:
    root, _ = uci_repo
    # INC0028089's events (by hand): New, -100, -100, Resolved at 16/6/2016 12:03, Resolved at 13:02, Closed at
    # 21/6/2016 13:07; every row says resolved_at 16/6/2016 13:02 and closed_at 21/6/2016 13:07.
    incident = record(root, "incidents/INC0028089.yaml")
    assert (incident["status"], incident["resolved"], incident["closed"]) == (
        "closed", "2016-06-16T13:02:00Z", "2016-06-21T13:07:00Z")
    assert record(root, "incidents/INC0030413.yaml")["status"] == "closed"


def test_uci_rfc_is_kept_as_the_fixing_change_and_only_caused_by_names_a_cause(uci_repo: tuple[Path, Result]) -> None:
    root, _ = uci_repo
    texts = [p.read_text(encoding="utf-8") for p in imported(root, "incidents", "INC0")]

    assert sum("\n  rfc: " in t for t in texts) == 176
    assert sum("\ncaused_by_change: " in t for t in texts) == 3


def test_the_excel_resave_imports_to_the_same_records_as_the_published_log(
        uci_repo: tuple[Path, Result], tmp_path: Path) -> None:
    full, _ = uci_repo
    root = new_repo(tmp_path)

    result = cli("import", "uci-incidents", str(RESAVE), "--repo", str(root))

    assert result.exit_code == 0, result.stderr[:2000]
    assert counts(result) == "incident_event_log_excel_resave.csv.gz: 890 created, 0 updated, 0 unchanged, 0 rejected"
    files = imported(root, "incidents", "INC0")
    assert len(files) == 890
    # dd-mm-yyyy and TRUE/FALSE read as the published d/m/yyyy and true/false: the same incidents, byte for byte
    assert [p.read_bytes() for p in files] == [(full / "incidents" / p.name).read_bytes() for p in files]

    again = cli("import", "uci-incidents", str(RESAVE), "--repo", str(root))
    assert counts(again) == "incident_event_log_excel_resave.csv.gz: 0 created, 0 updated, 890 unchanged, 0 rejected"


def read_history(path: Path, importer: Callable[[bytes, Context], Batch]) -> Batch:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    ctx = Context(settings=import_settings({}), known_person=lambda name: None, history=True)
    return importer(data, ctx)


def test_the_resave_as_a_timeline_shows_each_event_with_only_what_had_happened() -> None:
    batch = read_history(RESAVE, uci.read)

    assert len(batch.candidates) == 890 and batch.rejections == []
    assert len(batch.timeline) == 5998
    for state in batch.timeline:
        record = state.record
        assert state.at is not None
        if record["status"] == "open":
            assert "resolved" not in record and "closed" not in record, (state.at, record["id"])
        for moment in (record.get("resolved"), record.get("closed")):
            assert moment is None or moment <= state.at, (state.at, record["id"])
    # INC0000045 by hand: New at 29-02-2016 01:23 (Updated by 21), Resolved at 08:53 (by 642), Resolved at
    # 11:29 (by 804), Closed at 05-03-2016 12:00 (by 908); resolved_at 29-02-2016 11:29 on every row.
    first = sorted((s.at, s.record["status"], s.record.get("resolved"), s.record.get("closed"), s.actor)
                   for s in batch.timeline if s.record["id"] == "INC0000045")
    assert first == [
        ("2016-02-29T01:23:00Z", "open", None, None, "updated-by-21"),
        ("2016-02-29T08:53:00Z", "resolved", "2016-02-29T08:53:00Z", None, "updated-by-642"),
        ("2016-02-29T11:29:00Z", "resolved", "2016-02-29T11:29:00Z", None, "updated-by-804"),
        ("2016-03-05T12:00:00Z", "closed", "2016-02-29T11:29:00Z", "2016-03-05T12:00:00Z", "updated-by-908"),
    ]


# -- BPI Challenge 2014 ----------------------------------------------------------------------------


def test_the_bpic_incident_file_imports_every_row(tmp_path: Path) -> None:
    root = new_repo(tmp_path)

    result = cli("import", "bpic2014", str(BPIC), "--repo", str(root))

    assert result.exit_code == 0, result.stderr[:2000]
    assert counts(result) == "Detail_Incident_head50.csv: 51 created, 0 updated, 0 unchanged, 0 rejected"
    texts = [p.read_text(encoding="utf-8") for p in imported(root, "incidents", "IM")]
    assert len(texts) == 51 and not any("#N/B" in t for t in texts)
    assert sum("  caused_by_ci:\n    ci: " in t for t in texts) == 51 - 16
    assert sum("\ncaused_by_change: " in t for t in texts) == 2
    # IM0000005, row 3: 12/03/2012 15:44:24 opened, reopened 02/12/2013 12:31:02, resolved 12:36:21, closed
    # 12:36:25; handle time 4354,786389 hours
    incident = record(root, "incidents/IM0000005.yaml")
    assert (incident["opened"], incident["resolved"], incident["closed"]) == (
        "2012-03-12T15:44:24Z", "2013-12-02T12:36:21Z", "2013-12-02T12:36:25Z")
    assert incident["bpic2014"]["reopened"] == "2013-12-02T12:31:02Z"
    assert incident["bpic2014"]["handle_time_hours"] == 4354.786389
    multi = [record(root, p.relative_to(root).as_posix()) for p in imported(root, "incidents", "IM")]
    assert [r["bpic2014"]["related_change"] for r in multi if "related_change" in r["bpic2014"]] == ["#MULTIVALUE"]

    again = cli("import", "bpic2014", str(BPIC), "--repo", str(root))
    assert counts(again) == "Detail_Incident_head50.csv: 0 created, 0 updated, 51 unchanged, 0 rejected"


def test_a_bpic_incident_as_a_timeline_opens_reopens_resolves_and_closes() -> None:
    batch = read_history(BPIC, bpic2014.read)

    states = sorted((s.at, s.record["status"], s.record.get("resolved"), s.record.get("closed"))
                    for s in batch.timeline if s.record["id"] == "IM0000005")
    assert states == [
        ("2012-03-12T15:44:24Z", "open", None, None),
        ("2013-12-02T12:31:02Z", "open", None, None),
        ("2013-12-02T12:36:21Z", "resolved", "2013-12-02T12:36:21Z", None),
        ("2013-12-02T12:36:25Z", "closed", "2013-12-02T12:36:21Z", "2013-12-02T12:36:25Z"),
    ]


# -- ServiceNow ------------------------------------------------------------------------------------


def test_a_table_api_export_in_its_default_shape_names_no_one_by_sys_id(tmp_path: Path) -> None:
    root = new_repo(tmp_path)

    result = cli("import", "servicenow", str(SN / "pdi_incident_api_full.json"), "--repo", str(root))

    assert result.exit_code == 0, result.stderr[:2000]
    assert counts(result) == "pdi_incident_api_full.json: 67 created, 0 updated, 0 unchanged, 0 rejected"
    sys_id = re.compile(r"^[0-9a-f]{32}$")
    records = [record(root, p.relative_to(root).as_posix()) for p in imported(root, "incidents", "INC0")]
    assert len(records) == 67
    for r in records:
        named = [r.get("assigned_to"), *r.get("configuration_items", []), *r.get("services", [])]
        assert not any(isinstance(v, str) and sys_id.match(v) for v in named), r["id"]
    assert sum("assigned_to" in r["servicenow"] for r in records) == 48
    assert sum("cmdb_ci" in r["servicenow"] for r in records) == 26
    # said once, with what to export instead
    assert result.stderr.count("sysparm_display_value=all") == 1
    assert "assigned_to (48)" in result.stderr and "cmdb_ci (26)" in result.stderr
    kept = next(line for line in result.stderr.splitlines() if "kept under servicenow in the records" in line)
    assert all(column in kept for column in ("close_code", "caller_id", "made_sla", "category"))
    assert records[0]["servicenow"]["close_code"]


@pytest.mark.parametrize(("name", "folder", "created"), [
    ("pdi_incident_api.json", "incidents", 67),
    ("pdi_change_request_api.json", "changes", 100),
    ("pdi_incident_list.csv", "incidents", 66),
])
def test_each_servicenow_export_imports_every_record(tmp_path: Path, name: str, folder: str, created: int) -> None:
    root = new_repo(tmp_path)

    result = cli("import", "servicenow", str(SN / name), "--repo", str(root))

    assert result.exit_code == 0, result.stderr[:2000]
    assert counts(result) == f"{name}: {created} created, 0 updated, 0 unchanged, 0 rejected"
    assert len(imported(root, folder, "CHG0" if folder == "changes" else "INC0")) == created


def test_the_incident_list_export_reads_display_values_and_counts_the_people_to_add(tmp_path: Path) -> None:
    root = new_repo(tmp_path)

    result = cli("import", "servicenow", str(SN / "pdi_incident_list.csv"), "--repo", str(root), "--verbose")

    assert "9 people the records name are not in people.yaml" in result.stderr
    listed = result.stdout.split("not in people.yaml:")[1].strip().splitlines()
    assert len(listed) == 9 and any(line.split()[0] == "luke-wilson" for line in listed)
    first = record(root, "incidents/INC0010112.yaml")  # "5 - Planning", "New"
    assert (first["priority"], first["status"]) == ("P4", "open")


def test_the_cmdb_export_needs_owner_and_environment_and_says_so_once_per_field(tmp_path: Path) -> None:
    root = new_repo(tmp_path)
    export = SN / "pdi_cmdb_ci.csv"

    bare = cli("import", "servicenow", str(export), "--repo", str(root))

    assert bare.exit_code == 1
    assert counts(bare) == "pdi_cmdb_ci.csv: 0 created, 0 updated, 0 unchanged, 2784 rejected"
    rejections = [line for line in bare.stderr.splitlines() if line.startswith(f"{export}:")]
    assert len(rejections) == 2784
    # every reason of a row, the missing owner and environment among them
    assert all("owner: required" in line and "environment: required" in line for line in rejections)
    assert sum("is not unique in this export" in line for line in rejections) == 6

    given = cli("import", "servicenow", str(export), "--repo", str(root), "--set", "owner=it-ops",
                "--set", "environment=production")

    assert counts(given) == "pdi_cmdb_ci.csv: 2735 created, 0 updated, 0 unchanged, 49 rejected"
    assert "owner=it-ops (2784 records), environment=production (2784 records)" in given.stderr
    # names with a line break stay on their line: every line of standard error is a rejection or a note
    assert all(line.startswith((f"{export}:", "pdi_cmdb_ci.csv: note: ")) for line in given.stderr.splitlines())
    macbooks = [r for r in (record(root, p.relative_to(root).as_posix()) for p in (root / "cmdb").glob("*.yaml"))
                if r.get("name") == 'MacBook Pro 17"']
    assert len(macbooks) == 173 and len({r["id"] for r in macbooks}) == 173
    itunes = record(root, "cmdb/iTunes__2006-02-07_14_34_43_.yaml")  # 11 rows, no tag: keyed by creation time
    assert (itunes["id"], itunes["name"]) == ("iTunes (2006-02-07 14:34:43)", "iTunes")


def test_a_latin1_bpic_file_is_read_as_latin1(tmp_path: Path) -> None:
    """The whole published BPIC file is Latin-1; the head holds no byte above 0x7f, so one CI name is changed,
    in memory only, to the Latin-1 spelling of a name with an accent."""
    data = BPIC.read_bytes().decode("ascii").replace("SUB000508", "SUB\u00e9508").encode("latin-1")
    root = new_repo(tmp_path)

    summary = run_import(root, bpic2014.read, data)

    assert (summary.count("created"), len(summary.rejections)) == (51, 0)
    assert any("read as Windows-1252" in note for note in summary.notes)
    assert record(root, "incidents/IM0000004.yaml")["configuration_items"] == ["SUB\u00e9508"]


def test_a_servicenow_incident_as_a_timeline_is_opened_then_as_last_updated() -> None:
    batch = read_history(SN / "pdi_incident_api.json", servicenow.read)

    # INC0000060 by hand: opened_at 2016-12-12 15:19:57, resolved_at 2016-12-13 21:43:14, closed_at and
    # sys_updated_on 2016-12-14 02:46:44, state 7 (closed)
    states = sorted((s.at, s.record["status"], s.record.get("resolved"), s.record.get("closed"))
                    for s in batch.timeline if s.record["id"] == "INC0000060")
    assert states == [
        ("2016-12-12T15:19:57Z", "open", None, None),
        ("2016-12-14T02:46:44Z", "closed", "2016-12-13T21:43:14Z", "2016-12-14T02:46:44Z"),
    ]
    assert all(c.at for c in batch.candidates)
