"""The caches outside the repository hold data, not code, and only ever save time: a file that was
tampered with, damaged or replaced is ignored and rebuilt with a note, and the findings are those of
a scan without any cache."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from tests.conftest import Repo

AS_OF = "2026-03-31"


def _cache() -> Path:
    return Path(os.environ["REGENT_CACHE_DIR"])


def _files() -> list[Path]:
    return sorted(p for p in _cache().rglob("*") if p.is_file())


def _findings(result: Result) -> list[tuple[str, str, str]]:
    return sorted((f["check"], f["record"]["path"], f["status"]) for f in json.loads(result.stdout)["findings"])


def _scan(invoke: Callable[..., Result], repo: Repo, *args: str) -> Result:
    result = invoke("scan", str(repo.path), "--format", "json", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.output
    return result


class _Planted:
    """A pickle that creates a file when it is loaded: what an attacker would put in a cache folder."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.target}",))


def test_a_planted_pickle_is_never_run(invoke: Callable[..., Result], repo: Repo, tmp_path: Path) -> None:
    clean = _scan(invoke, repo, "--as-of", AS_OF)
    ran = tmp_path / "code-ran"
    for path in _files():
        path.write_bytes(pickle.dumps(_Planted(ran)))
    again = _scan(invoke, repo, "--as-of", AS_OF)
    assert not ran.exists()
    assert _findings(again) == _findings(clean)
    assert "is damaged" in again.stderr and "ignored and rebuilt" in again.stderr


def test_caches_are_private(invoke: Callable[..., Result], repo: Repo) -> None:
    _scan(invoke, repo, "--as-of", AS_OF)
    invoke("gate", str(repo.path), "--base", "HEAD~1", "--format", "json")
    folders = [_cache(), *(p for p in _cache().rglob("*") if p.is_dir())]
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in folders} == {"0o700"}
    assert _files() and {oct(stat.S_IMODE(p.stat().st_mode)) for p in _files()} == {"0o600"}


@pytest.mark.parametrize("content", [b"{}", b"[]", b"\x00garbage\xff", b""])
def test_a_replaced_answer_cache_does_not_change_the_findings(
        content: bytes, invoke: Callable[..., Result], repo: Repo) -> None:
    repo.write("changes/CHG-2.yaml", {"kind": "change", "id": "CHG-2", "title": "Unapproved", "type": "normal",
                                      "status": "closed", "requested_by": "carol", "created": "2026-03-01T09:00:00Z"})
    repo.commit("An unapproved change")
    first = _scan(invoke, repo, "--as-of", AS_OF)
    assert len(_findings(first)) > 2
    answers = list((_cache() / "results").glob("*.json"))
    assert answers
    for path in answers:
        path.write_bytes(content)
    again = _scan(invoke, repo, "--as-of", AS_OF)
    assert _findings(again) == _findings(first)
    assert again.stderr.count("regent: note: cache file") == len(answers)


def test_a_frame_that_fails_its_digest_is_rebuilt(invoke: Callable[..., Result], repo: Repo) -> None:
    first = _scan(invoke, repo, "--as-of", AS_OF)
    records = next(_cache().glob("records-*.json"))
    data = bytearray(records.read_bytes())
    at = data.index(b'"CHG-1"') + 1
    data[at:at + 5] = b"CHG-9"  # the record's id changed, its digest left as it was
    records.write_bytes(bytes(data))
    again = _scan(invoke, repo, "--as-of", AS_OF)
    assert _findings(again) == _findings(first)
    assert f"cache file {records} is damaged (a frame does not match its digest)" in again.stderr
    assert b"CHG-9" not in records.read_bytes()  # rebuilt


def test_yaml_bytes_named_json_are_judged_as_json(invoke: Callable[..., Result], repo: Repo) -> None:
    _scan(invoke, repo)  # the YAML bytes parsed and kept
    repo.git("mv", "changes/CHG-1.yaml", "changes/CHG-1.json")
    repo.commit("Rename to .json")
    scanned = json.loads(invoke("scan", str(repo.path), "--format", "json", "--fail-on", "never").stdout)
    errors = [f for f in scanned["findings"] if f["record"]["path"] == "changes/CHG-1.json"]
    assert [f["status"] for f in errors] == ["error"], errors
    validated = invoke("validate", str(repo.path))
    assert validated.exit_code == 1 and "changes/CHG-1.json" in validated.output


def test_a_full_clone_after_a_shallow_one_of_the_same_commit_gets_its_own_history(
        invoke: Callable[..., Result], repo: Repo, tmp_path: Path) -> None:
    shallow, full = tmp_path / "shallow", tmp_path / "full"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(shallow)], check=True)
    subprocess.run(["git", "clone", "-q", f"file://{repo.path}", str(full)], check=True)
    first = invoke("scan", str(shallow), "--format", "json", "--fail-on", "never")
    assert "shallow clone" in first.stdout
    after_shallow = invoke("scan", str(full), "--format", "json", "--fail-on", "never")
    shutil.rmtree(_cache())
    fresh = invoke("scan", str(full), "--format", "json", "--fail-on", "never")
    assert "shallow clone" not in after_shallow.stdout
    assert _findings(after_shallow) == _findings(fresh)


@pytest.mark.parametrize("how", ["read-only folder", "a file where the folder should be"])
def test_an_unwritable_cache_folder_is_a_note_and_the_scan_goes_on(
        how: str, invoke: Callable[..., Result], repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = _scan(invoke, repo, "--as-of", AS_OF)
    if how == "read-only folder":
        folder = tmp_path / "read-only"
        folder.mkdir(mode=0o500)
        if os.access(folder, os.W_OK):
            pytest.skip("this user writes through permissions (root)")
        where = folder
    else:
        (tmp_path / "plain-file").write_text("")
        where = tmp_path / "plain-file" / "cache"
    monkeypatch.setenv("REGENT_CACHE_DIR", str(where))
    result = invoke("scan", str(repo.path), "--format", "json", "--fail-on", "never", "--as-of", AS_OF)
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert _findings(result) == _findings(clean)
    notes = [line for line in result.stderr.splitlines() if line.startswith("regent: note:")]
    assert notes == [notes[0]] and "cannot be written" in notes[0] and str(where) in notes[0]
