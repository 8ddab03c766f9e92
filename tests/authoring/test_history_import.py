"""``regent import --history``: a real event log replayed as dated commits, then audited as of its past.

The log is the Excel re-save of the UCI incident event log (5,998 events of 890 incidents, dates
``dd-mm-yyyy HH:MM``), read where it lies. The figures below were read off the CSV by hand
(``zcat …excel_resave.csv.gz | grep INC0000047``, and the day's rows sorted by ``sys_updated_at``):

- INC0000047 has events on 29-02-2016 (last: Active, 11:32), 01-03-2016 (Resolved, 09:52) and
  06-03-2016 (Closed, 10:00): its file changes on those three days and no other; as of 29 February
  it is open, resolved the next day.
- 02-03-2016 has 1,285 events, the last at 23:36; 15-03-2016 has 75, the last at 23:11.
- The first event is on 29-02-2016, the last on 04-02-2017; 134 days carry events.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

import pytest
import yaml
from click.testing import CliRunner, Result

from tests.conftest import PEOPLE, Repo
from regent.cli import main
from regent.engine.opa import PrivateOpa
from regent.evidence import load_snapshot

# ../shared/realdata beside the project, read in place.
LOG = (Path(__file__).resolve().parents[3] / "shared" / "realdata" / "uci-incidents"
       / "incident_event_log_excel_resave.csv.gz")
pytestmark = pytest.mark.skipif(not LOG.is_file(), reason=f"the public export is not at {LOG}")

RECORDS_OFFICE = {"id": "records-office", "name": "Records Office", "emails": ["records@example.com"],
                  "roles": ["importer"]}
CONFIG = {"roles": {"recorders": ["importer"]},
          "import": {"committer": "Records Office <records@example.com>"}}

Invoke = Callable[..., Result]


@pytest.fixture(scope="module")
def run(opa: PrivateOpa) -> Invoke:
    def call(*args: str) -> Result:
        env = {"REGENT_OPA_URL": opa.url, "REGENT_OPA_TOKEN": opa.token or "", "CI": "true"}
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return call


def start(path: Path, config: dict[str, object] = CONFIG) -> Repo:
    """A repository begun before the log: people.yaml with the records office, regent.yaml naming it."""
    repo = Repo(path)
    repo.write("people.yaml", {"people": [*PEOPLE["people"], RECORDS_OFFICE]})
    repo.write("regent.yaml", config)
    repo.commit("Start the evidence repository", date="2016-01-04T09:00:00Z", email="records@example.com")
    return repo


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


@dataclass(frozen=True)
class Imported:
    repo: Repo
    result: Result
    start: str  # the commit the history was put on


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, run: Invoke) -> Iterator[Imported]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGENT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        repo = start(tmp_path_factory.mktemp("history") / "evidence")
        first = repo.git("rev-parse", "HEAD")
        result = run("import", "uci-incidents", str(LOG), "--history", "--repo", str(repo.path))
        yield Imported(repo, result, first)


def commits(repo: Path, *paths: str) -> list[tuple[str, str, str, str]]:
    """(sha, author e-mail, committer e-mail, committer date) of HEAD's history, oldest first."""
    out = git(repo, "log", "--reverse", "--format=%H|%ae|%ce|%cI", "HEAD", "--", *paths)
    return [tuple(line.split("|")) for line in out.splitlines()]  # type: ignore[misc]


def test_the_log_becomes_one_commit_per_day_dated_by_its_last_event(imported: Imported) -> None:
    assert imported.result.exit_code == 0, imported.result.output
    assert imported.result.stdout.startswith("incident_event_log_excel_resave.csv.gz: 134 commits made, "
                                             "2016-02-29 to 2017-02-04 (one per day and author): 890 records "
                                             "(890 created, 0 updated)")
    history = commits(imported.repo.path)[1:]
    assert len(history) == 134
    assert all(author == committer == "records@example.com" for _, author, committer, _ in history)
    dates = [when for *_, when in history]
    assert dates == sorted(dates)
    assert "2016-03-02T23:36:00Z" in [d.replace("+00:00", "Z") for d in dates]
    assert "2016-03-15T23:11:00Z" in [d.replace("+00:00", "Z") for d in dates]
    assert git(imported.repo.path, "status", "--porcelain") == ""


def test_a_record_changes_on_the_days_of_its_events(imported: Imported) -> None:
    days = [when[:10] for *_, when in commits(imported.repo.path, "incidents/INC0000047.yaml")]
    assert days == ["2016-02-29", "2016-03-01", "2016-03-06"]
    shown = yaml.safe_load(git(imported.repo.path, "show", "HEAD:incidents/INC0000047.yaml"))
    assert shown["status"] == "closed" and shown["resolved"] == "2016-03-01T09:52:00Z"


def test_as_of_a_day_the_record_stands_as_it_did_then(imported: Imported) -> None:
    then = load_snapshot(imported.repo.path, as_of=date(2016, 2, 29), history=False)
    incident = json.loads(then.records["incident"]["INC0000047"].raw)
    assert incident["status"] == "open" and "resolved" not in incident
    later = load_snapshot(imported.repo.path, as_of=date(2016, 3, 1), history=False)
    assert json.loads(later.records["incident"]["INC0000047"].raw)["status"] == "resolved"


def test_scan_as_of_a_day_in_the_log_judges_the_records_of_that_day(imported: Imported, run: Invoke) -> None:
    opened_by_then = {row["number"] for row in _events() if _day(row["sys_updated_at"]) <= "2016-02-29"}
    result = run("scan", str(imported.repo.path), "--as-of", "2016-02-29", "--format", "json", "--fail-on", "never")
    document = json.loads(result.stdout)
    assert document["repository"]["as_of"] == "2016-02-29"
    assert document["summary"]["records"] == len(opened_by_then)


def test_the_history_checks_accept_what_a_recorder_imported(imported: Imported, run: Invoke) -> None:
    result = run("scan", str(imported.repo.path), "--format", "json", "--fail-on", "never")
    checks = {f["check"] for f in json.loads(result.stdout)["findings"]}
    assert not checks & {"REG-SEC-016", "REG-SEC-020", "REG-SEC-021"}, checks


def test_a_report_of_a_month_inside_the_log(imported: Imported, run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run("report", str(imported.repo.path), "--month", "2016-04", "--months", "2", "--format", "json",
                 "-o", str(target))
    assert result.exit_code in (0, 1), result.output
    text = target.read_text()
    assert "2016-04" in text
    in_april = {row["number"] for row in _events() if _day(row["sys_updated_at"]) <= "2016-04-30"}
    assert str(len(in_april)) in text


def test_importing_the_same_log_again_adds_nothing(imported: Imported, run: Invoke) -> None:
    head = imported.repo.git("rev-parse", "HEAD")
    again = run("import", "uci-incidents", str(LOG), "--history", "--repo", str(imported.repo.path))
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("incident_event_log_excel_resave.csv.gz: nothing new to commit: the "
                                   "repository holds this export's history already (replayed by commit ")
    assert imported.repo.git("rev-parse", "HEAD") == head


def test_a_longer_log_adds_only_the_days_after_what_is_held(tmp_path: Path, run: Invoke) -> None:
    rows = _events()
    header = list(rows[0])
    early = tmp_path / "until-14-march.csv"
    with early.open("w", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        writer.writerows(r for r in rows if _day(r["sys_updated_at"]) < "2016-03-15")
    repo = start(tmp_path / "evidence")
    assert run("import", "uci-incidents", str(early), "--history", "--repo", str(repo.path)).exit_code == 0
    before = commits(repo.path)
    assert before[-1][3].startswith("2016-03-14")

    longer = run("import", "uci-incidents", str(LOG), "--history", "--repo", str(repo.path))

    assert longer.exit_code == 0, longer.output
    after = commits(repo.path)
    assert after[:len(before)] == before
    added_days = [when[:10] for *_, when in after[len(before):]]
    assert added_days[0] == "2016-03-15"
    assert sorted(set(added_days)) == sorted({_day(r["sys_updated_at"]) for r in rows
                                              if _day(r["sys_updated_at"]) >= "2016-03-15"})


def test_uncommitted_record_files_are_refused(tmp_path: Path, run: Invoke) -> None:
    repo = start(tmp_path / "evidence")
    repo.write("incidents/INC-HAND-1.yaml", {"kind": "incident", "id": "INC-HAND-1", "title": "Typed in",
                                              "priority": "P3", "status": "open", "opened": "2016-01-05T10:00:00Z"})
    head = repo.git("rev-parse", "HEAD")

    result = run("import", "uci-incidents", str(LOG), "--history", "--repo", str(repo.path))

    assert result.exit_code == 2
    assert "record files differ from the last commit (incidents/INC-HAND-1.yaml)" in result.stderr
    assert repo.git("rev-parse", "HEAD") == head


def test_a_committer_who_is_no_recorder_is_told_what_to_add(tmp_path: Path, run: Invoke) -> None:
    repo = start(tmp_path / "evidence", {"import": {"committer": "Ops Bot <ops-bot@example.com>"}})
    rows = _events()
    few = tmp_path / "february.csv"
    with few.open("w", newline="") as out:
        writer = csv.DictWriter(out, list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["number"] == "INC0000047")

    result = run("import", "uci-incidents", str(few), "--history", "--repo", str(repo.path))

    assert result.exit_code == 0, result.output
    assert "the history is committed by Ops Bot <ops-bot@example.com>, and people.yaml does not list" in result.stderr
    assert "emails: [ops-bot@example.com]" in result.stderr and "recorders: [importer]" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def _events() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(LOG.read_bytes()).decode("utf-8"))))


def _day(moment: str) -> str:
    """``dd-mm-yyyy HH:MM`` as ``yyyy-mm-dd``."""
    day, month, year = moment.split()[0].split("-")
    return f"{year}-{month}-{day}"
