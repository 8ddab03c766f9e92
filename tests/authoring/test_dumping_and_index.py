"""Writers' YAML is PyYAML's, byte for byte; records are found by kind and id through git and the cache,
and a file changed in the work tree is read as it now is."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from regent.evidence.authoring.dumping import dump, in_schema_order, yaml_dump
from regent.evidence.authoring.index import open_cache, remember
from regent.evidence.authoring.store import WorkTree
from regent.evidence.config import RepoConfig
from regent.evidence.gitrepo import blob_id
from regent.evidence.importers import uci
from regent.evidence.importers.base import Context
from regent.evidence.parsing import read_record
from tests.authoring.test_history_import import LOG
from tests.conftest import Repo, clean_change

needs_the_log = pytest.mark.skipif(not LOG.is_file(), reason=f"the public export is not at {LOG}")


@pytest.fixture(scope="module")
def uci_states() -> list[dict[str, Any]]:
    """Every state of the first 1,500 events of the real log (its records hold text, numbers, booleans,
    timestamps, nested maps)."""
    text = gzip.decompress(LOG.read_bytes()).decode("utf-8").splitlines()[:1501]
    context = Context(settings=RepoConfig().imports, known_person=lambda name: None, history=True)
    return [c.record for c in uci.read("\n".join(text).encode(), context).timeline]


@needs_the_log
def test_records_are_written_as_pyyaml_writes_them(uci_states: list[dict[str, Any]]) -> None:
    unusual = [clean_change(), {**clean_change("CHG-2"), "title": "Ünïcode: a title; with 'quotes' and # marks",
                                "plan": {"implementation": "Step one.\nStep two.", "backout": "", "test": "yes"},
                                "risk": "low", "score": 2.5, "tags": [[1, 2]], "notes": "x " * 60}]
    for record in [*uci_states, *unusual]:
        assert dump(record) == yaml_dump(in_schema_order(record)), record["id"]


@needs_the_log
def test_what_a_writer_keeps_in_the_cache_is_what_parsing_the_file_gives(uci_states: list[dict[str, Any]]) -> None:
    cache = open_cache()
    for record in uci_states[:300]:
        data = dump(record).encode()
        remember(cache, data, record)
        parsed = read_record("incidents/x.yaml", data)
        assert parsed.problems == ()
        assert tuple(parsed) == cache.get(blob_id(data))


def test_a_work_tree_finds_its_records_as_they_stand(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "evidence")
    repo.write("changes/CHG-1.yaml", clean_change())
    repo.write("elsewhere/renamed.yaml", clean_change("CHG-2"))
    repo.commit()
    first = WorkTree.open(repo.path)
    assert {k: s.path for k, s in first.records.items()} == {("change", "CHG-1"): "changes/CHG-1.yaml",
                                                             ("change", "CHG-2"): "elsewhere/renamed.yaml"}
    first.keep()

    repo.write("changes/CHG-1.yaml", clean_change(title="Retitled in the work tree"))
    repo.write("changes/CHG-3.yaml", clean_change("CHG-3"))
    (repo.path / "elsewhere" / "renamed.yaml").unlink()
    again = WorkTree.open(repo.path)

    assert again.records[("change", "CHG-1")].record["title"] == "Retitled in the work tree"
    assert set(again.records) == {("change", "CHG-1"), ("change", "CHG-3")}
