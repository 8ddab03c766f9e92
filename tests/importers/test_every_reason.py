"""A bad row is rejected with every reason it has, in each layout, so one round of fixes is enough.

The rows are invented, in each export's own layout; the BPI Challenge layout's case is in test_datasets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from click.testing import Result

from regent.evidence.config import import_settings
from regent.evidence.importers import generic, servicenow, uci
from regent.evidence.importers.base import Batch, Context, Importer
from tests.conftest import load_record as load
from tests.importers.test_datasets import event, events_export


def read(importer: Importer, data: bytes, **options: object) -> Batch:
    ctx = Context(settings=import_settings({}), known_person=lambda name: None, options=options)
    return importer(data, ctx)


def test_a_uci_event_is_rejected_with_every_reason() -> None:
    bad = event("INC0000050", 0, "Withdrawn", priority="9 - Unheard of", opened_at="31/2/2016 10:00",
                reassignment_count="many", made_sla="perhaps")

    batch = read(uci.read, events_export([bad]))

    [rejection] = batch.rejections
    for reason in ("incident_state: unknown code 'Withdrawn'", "priority: unknown code '9 - Unheard of'",
                   "opened_at: '31/2/2016 10:00' is not a date", "reassignment_count: 'many' is not a whole number",
                   "made_sla: 'perhaps' is neither true nor false"):
        assert reason in rejection.reason


def test_a_servicenow_record_is_rejected_with_every_reason() -> None:
    export = {"result": [{"number": "INC0020001", "sys_class_name": "incident", "short_description": "Printer",
                          "state": "42", "priority": "zero", "opened_at": "yesterday",
                          "resolved_at": "2026-02-30 10:00:00"}]}

    batch = read(servicenow.read, json.dumps(export).encode())

    [rejection] = batch.rejections
    for reason in ("state: unknown code '42'", "priority: unknown code 'zero'", "opened_at: 'yesterday'",
                   "resolved_at: '2026-02-30 10:00:00'"):
        assert reason in rejection.reason


def test_a_csv_row_is_rejected_with_every_reason() -> None:
    data = b"Ref,Opened,Major\nP-1,someday,perhaps\n"

    ctx = Context(settings=import_settings({}), known_person=lambda name: None, kind="incident",
                  options={"columns": {"id": "Ref", "opened": "Opened", "major": "Major"}})
    batch = generic.read(data, ctx)

    [rejection] = batch.rejections
    assert "Opened (opened): 'someday' is not a date and time" in rejection.reason
    assert "Major (major): major: 'perhaps' is neither true nor false" in rejection.reason


def test_a_change_stage_in_a_custom_field_is_read_where_the_instance_keeps_it(
        invoke: Callable[..., Result], fresh: Path, tmp_path: Path) -> None:
    export = tmp_path / "change_request.json"
    export.write_text(json.dumps({"result": [
        {"number": "CHG0050001", "sys_class_name": "change_request", "short_description": "Rotate certificates",
         "type": "normal", "u_stage": "-1", "u_cab_board": "Infra CAB", "requested_by": "Alice Example",
         "opened_at": "2026-03-02 11:00:00", "sys_updated_on": "2026-03-03 08:00:00"}]}))

    without = invoke("import", "servicenow", str(export), "--repo", str(fresh), "--dry-run")
    assert "status: required, and the row gives none" in without.stderr

    result = invoke("import", "servicenow", str(export), "--repo", str(fresh), "--map", "state=u_stage")

    assert result.exit_code == 0, result.output
    change = load(fresh / "changes" / "CHG0050001.yaml")
    assert change["status"] == "scheduled"
    # the instance's own field no Regent field is made from is kept, and named
    assert change["servicenow"]["u_cab_board"] == "Infra CAB"
    assert "u_cab_board" in result.stderr and "u_stage" not in change["servicenow"]
