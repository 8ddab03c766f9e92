"""The evidence layer's answers about revisions that the engine asks for without knowing git."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from regent.evidence.config import RepoConfig
from regent.evidence.paths import record_paths
from regent.evidence.revisions import DayEnds
from tests.conftest import Repo


def test_the_commit_that_ends_a_day_is_the_last_on_or_before_it(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "evidence")
    repo.write("changes/CHG-1.yaml", "kind: change\nid: CHG-1\n")
    first = repo.commit("First", date="2026-09-10T08:00:00Z")
    repo.write("changes/CHG-2.yaml", "kind: change\nid: CHG-2\n")
    second = repo.commit("Second", date="2026-09-30T23:59:59Z")
    ends = DayEnds(repo.path)
    assert ends.commit(date(2026, 9, 9)) is None
    assert ends.commit(date(2026, 9, 29)) == first
    assert ends.commit(date(2026, 9, 30)) == second


def test_trust_settings_change_the_judging_conditions(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "evidence")
    repo.write("changes/CHG-1.yaml", "kind: change\nid: CHG-1\n")
    repo.commit("First")
    before = DayEnds(repo.path).conditions
    assert before.shallow == b""
    signers = tmp_path / "allowed_signers"
    signers.write_text("carol@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDummyKeyForTrustSettingsOnly0000\n")
    repo.git("config", "gpg.ssh.allowedSignersFile", str(signers))
    after = DayEnds(repo.path).conditions
    assert after.trust != before.trust
    assert DayEnds(repo.path).conditions == after


def test_record_paths_follow_the_record_file_rule() -> None:
    config = RepoConfig.from_mapping({"exclude": ["drafts/**"]})
    paths = ["regent.yaml", "people.yaml", "changes/CHG-1.yaml", "changes/CHG-2.JSON", ".github/x.yml",
             "drafts/CHG-3.yaml", "evidence/artifacts/log.json", "README.md", "cmdb/CI-1.yml"]
    assert record_paths(paths, config) == ["changes/CHG-1.yaml", "changes/CHG-2.JSON", "cmdb/CI-1.yml"]
