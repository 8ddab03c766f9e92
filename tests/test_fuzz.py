"""Fuzzing the readers of untrusted bytes: record files (alone, and committed in a real git
repository) and every import format. Whatever the bytes, no exception escapes and every file or
row is either judged or reported with a reason. Bounded: a few hundred examples, well under a minute."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regent.evidence import load_snapshot
from regent.evidence.config import import_settings
from regent.evidence.importers import bpic2014, uci
from regent.evidence.importers.base import Batch, Context, ImportError_
from regent.evidence.importers.formats import FORMATS, importer
from regent.evidence.importers.servicenow import _LABELS
from regent.evidence.parsing import read_record

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])

KINDS = ["change", "incident", "problem", "release", "configuration_item", "service", "evidence", "waiver", "x"]
FIELDS = ["kind", "id", "title", "status", "type", "created", "approvals", "risk", "by", "at", "schedule", "sla"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=30), st.sampled_from(["2026-02-30", "2026-03-01T09:00:00Z", "CHG-1", "CI-1"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8),
                                                                       inner, max_size=5)), max_leaves=25)
documents = st.fixed_dictionaries({"kind": st.sampled_from(KINDS), "id": st.text(max_size=12) | st.integers()},
                                  optional={f: values for f in FIELDS[2:]})


def _judged_or_reported(path: str, data: bytes) -> None:
    kind, rid, raw, problems = read_record(path, data)
    assert (raw is None) == bool(problems), (path, data[:80])
    if raw is None:
        assert all(line >= 1 and reason for line, _, reason in problems)
    else:
        assert kind is not None and json.loads(raw)["kind"] == kind


@FAST
@given(st.binary(max_size=400), st.sampled_from(["changes/x.yaml", "changes/x.yml", "changes/x.json"]))
def test_any_bytes_as_a_record_file(data: bytes, path: str) -> None:
    _judged_or_reported(path, data)


@FAST
@given(documents, st.booleans())
def test_any_structure_as_a_record_file(document: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _judged_or_reported("changes/x.json", json.dumps(document).encode())
    else:
        _judged_or_reported("changes/x.yaml", yaml.safe_dump(document, allow_unicode=True).encode())


@SLOW
@given(st.lists(st.tuples(st.sampled_from(["changes", "incidents", "cmdb", "evidence"]),
                          st.sampled_from([".yaml", ".json"]),
                          st.binary(max_size=200) | documents.map(lambda d: yaml.safe_dump(d).encode())),
                min_size=1, max_size=5))
def test_record_files_in_a_repository_are_each_judged_or_reported(tmp_path_factory: Any, files: list[Any]) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    written = []
    for n, (folder, suffix, data) in enumerate(files):
        path = f"{folder}/R-{n}{suffix}"
        (root / folder).mkdir(exist_ok=True)
        (root / path).write_bytes(data)
        written.append(path)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=a", "-c", "user.email=a@example.com",
                    "-c", "commit.gpgsign=false", "commit", "-q", "-m", "fuzz"], check=True)
    snapshot = load_snapshot(root, rev="HEAD")
    judged = {r.path for by_id in snapshot.records.values() for r in by_id.values()}
    reported = {e.path for e in snapshot.errors}
    assert set(written) <= judged | reported
    assert all(e.line >= 1 and e.reason for e in snapshot.errors)


# -- the importers ------------------------------------------------------------------------------

COLUMNS: dict[str, list[str]] = {
    "servicenow": sorted(_LABELS) + sorted(set(_LABELS.values())),
    "bpic2014": ["Change ID", "Incident ID", "CI Name (aff)", "CI Type (aff)", "CI Subtype (aff)",
                 "Service Component WBS (aff)", "Change Type", "Risk Assessment", "Emergency Change",
                 "Actual Start", "Actual End", "Planned Start", "Planned End", "Change record Open Time",
                 "Change record Close Time", "Open Time", "Close Time", "Priority", "Status"],
    "uci-incidents": ["number", "incident_state", "sys_mod_count", "opened_at", "priority", "resolved_at",
                      "closed_at", "assigned_to", "caller_id", "made_sla", "active", "category"],
    "csv": ["number", "title", "opened", "state", "owner"],
}
cells = st.one_of(st.text(max_size=20), st.sampled_from(["?", "", "CHG0001", "INC0001", "C00000101", "01-03-2026 09:00",
                                                         "2026-03-01 09:00:00", "yes", "1", "Closed", "-1"]))
DELIMITER = {"bpic2014": ";"}


def _context(fmt: str) -> Context:
    options: dict[str, Any] = {"columns": {"id": "number", "title": "title"}} if fmt == "csv" else {}
    return Context(settings=import_settings({}), known_person=lambda name: None,
                   kind="change" if fmt == "csv" else None, options=options)


def _csv(fmt: str, header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER.get(fmt, ","))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _read(fmt: str, data: bytes) -> Batch | None:
    try:
        return importer(fmt)(data, _context(fmt))
    except ImportError_ as refused:  # the export as a whole refused, with the reason
        assert str(refused)
        return None


@FAST
@given(st.sampled_from(sorted(FORMATS)), st.binary(max_size=300))
def test_any_bytes_as_an_export(fmt: str, data: bytes) -> None:
    _read(fmt, data)


@FAST
@given(st.data(), st.sampled_from(sorted(FORMATS)))
def test_any_rows_of_a_known_header_as_an_export(data: st.DataObject, fmt: str) -> None:
    header = data.draw(st.lists(st.sampled_from(COLUMNS[fmt]), min_size=1, max_size=8, unique=True))
    rows = data.draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=6))
    batch = _read(fmt, _csv(fmt, header, rows))
    if batch is not None and any(c.strip() for row in rows for c in row):  # a blank row is no row
        assert batch.candidates or batch.rejections or batch.skipped
        assert all(r.line >= 1 and r.reason for r in batch.rejections)


@FAST
@given(st.lists(st.dictionaries(st.sampled_from(COLUMNS["servicenow"]), cells | scalars | values, max_size=8)
                | st.just([]), max_size=5))
def test_any_servicenow_json_export(records: list[Any]) -> None:
    batch = _read("servicenow", json.dumps({"records": records} if records else records).encode())
    if batch is not None and records:
        assert batch.candidates or batch.rejections or batch.skipped


def test_the_fuzzed_formats_are_every_format() -> None:
    assert set(COLUMNS) == set(FORMATS) and bpic2014.read and uci.read
