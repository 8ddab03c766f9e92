from __future__ import annotations

import pytest

from regent.evidence.parse import MAX_NODES, ParseFailure, parse_document
from tests.conftest import alias_bomb


def test_yaml_keeps_timestamps_and_dates_as_written() -> None:
    doc = parse_document("c.yaml", b"kind: change\ncreated: 2026-10-05T22:05:00Z\nexpires: 2027-01-31\n")
    assert doc.value["created"] == "2026-10-05T22:05:00Z"
    assert doc.value["expires"] == "2027-01-31"


def test_yaml_line_map_names_nested_fields() -> None:
    text = b"kind: change\nid: CHG-1\napprovals:\n  - by: bob\n    decision: approved\n  - by: carol\n"
    assert parse_document("c.yaml", text).lines == {}
    doc = parse_document("c.yaml", text, lines=True)
    assert doc.lines["approvals"] == 3
    assert doc.lines["approvals/0"] == 4
    assert doc.lines["approvals/1/by"] == 6


def test_yaml_syntax_error_names_its_line() -> None:
    with pytest.raises(ParseFailure) as failure:
        parse_document("c.yaml", b"kind: change\nid: CHG-1\ntitle: [unclosed\nstatus: draft\n")
    assert failure.value.line >= 3
    assert "YAML syntax" in failure.value.reason


def test_duplicate_key_is_refused_with_its_line() -> None:
    with pytest.raises(ParseFailure) as failure:
        parse_document("c.yaml", b"kind: change\nstatus: draft\nid: X\nstatus: closed\n")
    assert failure.value.line == 4
    assert "'status' appears twice" in failure.value.reason


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    with pytest.raises(ParseFailure) as failure:
        parse_document("bomb.yaml", alias_bomb())
    assert f"more than {MAX_NODES:,} values" in failure.value.reason


def test_invalid_utf8_names_line_and_byte() -> None:
    with pytest.raises(ParseFailure) as failure:
        parse_document("c.yaml", b"kind: change\nid: CHG-1\ntitle: caf\xe9 menu\n")
    assert failure.value.line == 3
    assert "0xe9" in failure.value.reason


def test_more_than_one_document_is_refused() -> None:
    with pytest.raises(ParseFailure, match="YAML syntax"):
        parse_document("c.yaml", b"kind: change\n---\nkind: change\n")


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(ParseFailure):
        parse_document("c.yaml", b"kind: !!python/object/apply:os.system ['true']\n")


def test_json_records_have_top_level_lines() -> None:
    doc = parse_document("c.json", b'{\n  "kind": "change",\n  "id": "CHG-1",\n  "plan": {}\n}\n', lines=True)
    assert doc.value["id"] == "CHG-1"
    assert doc.lines == {"kind": 2, "id": 3, "plan": 4}


def test_json_syntax_error_names_its_line() -> None:
    with pytest.raises(ParseFailure) as failure:
        parse_document("c.json", b'{\n  "kind": "change",\n  "id": \n}\n')
    assert failure.value.line == 4
