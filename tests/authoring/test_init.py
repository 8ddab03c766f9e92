"""``regent init``: a new evidence repository that scans clean once committed, and never a file overwritten."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import pytest
import yaml
from click.testing import Result
from jsonschema import Draft202012Validator

from regent.evidence import schemas
from regent.evidence.authoring import layout
from regent.evidence.config import RepoConfig
from tests.conftest import Repo

FOLDERS = ("changes", "releases", "cmdb", "incidents", "problems", "services", "suppliers", "evidence",
           "evidence/artifacts", "waivers")
WORKFLOW = Path(__file__).resolve().parent.parent.parent / "examples" / "ci" / "github" / "regent-gate.yml"


def git(path: Path, *args: str, email: str = "alice@example.com") -> str:
    """Run git in ``path`` as the person owning ``email``, at the present moment, as someone would after init."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    name = email.split("@")[0]
    env = dict(os.environ, GIT_AUTHOR_DATE=now, GIT_COMMITTER_DATE=now, TZ="UTC", GIT_AUTHOR_NAME=name,
               GIT_COMMITTER_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_EMAIL=email)
    out = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=path, env=env, capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def records(root: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(root.rglob("*.yaml")):
        relpath = path.relative_to(root).as_posix()
        if relpath not in ("people.yaml", "regent.yaml") and not relpath.startswith("."):
            yield relpath, yaml.safe_load(path.read_text())


def settings(schema: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every setting the schema describes, nested ones included, by dotted path."""
    for name, spec in (schema.get("properties") or {}).items():
        yield prefix + name, spec
        yield from settings(spec, f"{prefix}{name}.")


@pytest.fixture
def initialised(invoke: Callable[..., Result], tmp_path: Path) -> Path:
    target = tmp_path / "new" / "evidence"
    result = invoke("init", str(target))
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("committer", ["alice@example.com", "bob@example.com", "carol@example.com"])
def test_a_new_repository_committed_by_any_of_its_people_scans_without_findings(
    invoke: Callable[..., Result], tmp_path: Path, committer: str
) -> None:
    target = tmp_path / "new" / "evidence"
    result = invoke("init", str(target))
    assert result.exit_code == 0, result.output
    assert "Initialised a git repository" in result.output
    assert "people.yaml" in result.output and "git add -A && git commit" in result.output
    assert "regent scan" in result.output

    people = yaml.safe_load((target / "people.yaml").read_text())["people"]
    assert committer in [email for person in people for email in person["emails"]]
    git(target, "add", "-A", email=committer)
    git(target, "commit", "-q", "-m", "Start the evidence repository", email=committer)

    scanned = invoke("scan", str(target), "--format", "json")
    report = json.loads(scanned.output)
    assert report["findings"] == [], json.dumps(report["findings"], indent=2)
    assert scanned.exit_code == 0
    assert report["summary"]["records"] == len(schemas.record_kinds())


def test_init_lays_out_the_folders_people_and_an_example_of_every_kind(initialised: Path) -> None:
    for folder in FOLDERS:
        assert (initialised / folder).is_dir(), folder
    assert (initialised / ".git").is_dir()
    assert git(initialised, "symbolic-ref", "--short", "HEAD") == "main"
    assert (initialised / ".github/workflows/regent-gate.yml").read_bytes() == WORKFLOW.read_bytes()

    header = (initialised / "people.yaml").read_text().split("people:")[0]
    assert "git" in header and "email" in header.replace("e-mail", "email")
    assert list(schemas.problems("people", yaml.safe_load((initialised / "people.yaml").read_text()))) == []

    found = dict(records(initialised))
    assert sorted(record["kind"] for record in found.values()) == sorted(schemas.record_kinds())
    for relpath, record in found.items():
        assert list(schemas.problems(record["kind"], record)) == [], relpath
        assert "Example:" in json.dumps(record), f"{relpath} does not say it is an example"
    evidence = next(record for record in found.values() if record["kind"] == "evidence")
    for artifact in evidence["artifacts"]:
        content = (initialised / artifact["path"]).read_bytes()
        assert artifact["path"].startswith("evidence/artifacts/")
        assert hashlib.sha256(content).hexdigest() == artifact["sha256"]


def test_regent_yaml_lists_every_setting_with_its_default(initialised: Path) -> None:
    text = (initialised / "regent.yaml").read_text()
    document = yaml.safe_load(text)
    assert list(schemas.problems(schemas.CONFIG, document)) == []
    assert RepoConfig.from_mapping(document) == RepoConfig()

    lines = text.splitlines()
    for path, spec in settings(schemas.schema(schemas.CONFIG)):
        node: Any = document
        for part in path.split(".")[:-1]:
            node = node[part]
        name = path.split(".")[-1]
        written = [i for i, line in enumerate(lines) if line.strip().lstrip("# ").startswith(f"{name}:")]
        assert written, f"{path} is not in regent.yaml"
        assert lines[written[0] - 1].lstrip().startswith("#"), f"{path} has no comment above it"
        if name in node:
            if "default" in spec and "properties" not in spec:
                assert node[name] == spec["default"], path
        else:
            assert "default" not in spec and lines[written[0]].lstrip().startswith("#"), path


def test_regent_yaml_follows_settings_the_schema_gains(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(json.dumps(schemas.schema(schemas.CONFIG)))
    schema["properties"]["import"] = {
        "type": "object", "additionalProperties": False, "description": "How exports are read. More here.",
        "properties": {
            "timezone": {"type": "string", "default": "UTC", "description": "Zone of times that state none."},
            "tables": {"type": "object", "description": "Code tables.",
                       "default": {"change": {"state": {"-5": "draft", "new": "draft"}, "urgent": {"y": True}}}},
            "date_format": {"type": "string", "description": "strptime format of dates."},
        },
    }
    schema["properties"]["extra_lists"] = {"type": "array", "description": "Lists. Of lists.",
                                           "default": [["a", "b"], []]}
    monkeypatch.setattr(schemas, "schema", lambda name: schema)

    text = layout.config_yaml()
    document = yaml.safe_load(text)
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    assert document["import"] == {"timezone": "UTC", "tables": schema["properties"]["import"]["properties"][
        "tables"]["default"]}
    assert document["extra_lists"] == [["a", "b"], []]
    assert "  # date_format:" in text.splitlines() and "# How exports are read." in text.splitlines()


def test_a_second_init_keeps_what_the_user_edited(invoke: Callable[..., Result], initialised: Path) -> None:
    edited = b"# Our settings\nfail_on: medium\nthresholds:\n  backup_age_days: 1\n"
    (initialised / "regent.yaml").write_bytes(edited)
    change = next(initialised.glob("changes/*.yaml"))
    change.write_bytes(change.read_bytes().replace(b"Example:", b"Ours:"))
    ours = change.read_bytes()
    (initialised / "people.yaml").unlink()
    deleted = next(initialised.glob("incidents/*.yaml"))
    deleted.unlink()

    again = invoke("init", str(initialised))
    assert again.exit_code == 0, again.output
    assert (initialised / "regent.yaml").read_bytes() == edited
    assert change.read_bytes() == ours
    assert "kept     regent.yaml" in again.output
    assert "created  people.yaml" in again.output
    # The repository holds records: no example is written again, not even one the user deleted.
    assert "(no example records: the repository holds records already)" in again.output
    assert not deleted.exists()
    assert "Initialised a git repository" not in again.output


def test_init_inside_an_existing_git_repository_does_not_initialise_another(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    repo = Repo(tmp_path / "work")
    repo.write("README.md", "Our governance records\n")
    head = repo.commit("First")

    result = invoke("init", str(repo.path / "governance"))
    assert result.exit_code == 0, result.output
    assert "Initialised a git repository" not in result.output
    assert not (repo.path / "governance" / ".git").exists()
    assert repo.git("rev-parse", "HEAD") == head
    assert git(repo.path / "governance", "rev-parse", "--show-toplevel") == str(repo.path.resolve())


def test_init_where_a_file_stands_is_a_usage_error(invoke: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder\n")
    result = invoke("init", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2
    assert "notes.txt" in result.output


def test_a_file_where_a_folder_goes_stops_init_before_it_writes(invoke: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "cmdb").write_text("an inventory kept as a text file\n")
    result = invoke("init", str(tmp_path))
    assert result.exit_code == 2
    assert "cmdb" in result.output and "not a folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmdb"]


def test_init_adds_the_person_running_it_so_their_first_commit_scans_clean(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n\tname = Dana Field\n\temail = dana.field@corp.example\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    target = tmp_path / "new" / "evidence"

    assert invoke("init", str(target)).exit_code == 0

    people = yaml.safe_load((target / "people.yaml").read_text())["people"]
    assert people[0] == {"id": "dana-field", "name": "Dana Field", "emails": ["dana.field@corp.example"]}
    assert [p["id"] for p in people[1:]] == ["alice", "bob", "carol"]
    git(target, "add", "-A", email="dana.field@corp.example")
    git(target, "commit", "-q", "-m", "Start the evidence repository", email="dana.field@corp.example")
    scanned = invoke("scan", str(target), "--format", "json")
    assert json.loads(scanned.output)["findings"] == [], scanned.output
    assert scanned.exit_code == 0


def test_init_without_a_git_identity_lists_only_the_example_people(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    target = tmp_path / "new" / "evidence"

    assert invoke("init", str(target)).exit_code == 0

    people = yaml.safe_load((target / "people.yaml").read_text())["people"]
    assert [p["id"] for p in people] == ["alice", "bob", "carol"]
