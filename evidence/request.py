"""A change request as git sees it: its base, its head and the files it adds, edits and deletes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from regent.evidence.errors import EvidenceError
from regent.evidence.gitrepo import GitRepository
from regent.evidence.provenance import person_of

_STATUS = {"A": "added", "M": "modified", "T": "modified", "D": "deleted", "R": "renamed", "C": "added"}


@dataclass(frozen=True)
class FileChange:
    path: str  # the path at head (at the merge base for a deleted file)
    status: str  # added | modified | deleted | renamed
    source: str | None = None  # a renamed file's path at the merge base
    edited: bool = True  # False for a file renamed with its bytes unchanged

    def to_input(self) -> dict[str, Any]:
        return {"status": self.status, "from": self.source}


@dataclass(frozen=True)
class Request:
    """What a pull or merge request changes: everything between the merge base of ``base``
    and the head, and the head itself (``head`` None: the work tree, as a pre-commit hook sees it)."""

    repository: str
    base: str
    merge_base: str
    head: str | None
    tip: str  # the commit the head stands on: ``head``, or HEAD under a work tree
    files: Mapping[str, FileChange] = field(default_factory=dict)
    author_email: str | None = None  # who commits work tree edits: git's user.email

    def input_document(self, people: Mapping[str, Mapping[str, Any]], before: Mapping[str, Any]) -> dict[str, Any]:
        """``input.gate``: what the transition checks read."""
        return {
            "base": self.base,
            "merge_base": self.merge_base,
            "head": self.head,
            "author": person_of(people, self.author_email) if self.author_email else None,
            "author_email": self.author_email,
            "files": {path: change.to_input() for path, change in sorted(self.files.items())},
            "before": before,
        }


def read_request(path: Path, base: str, head: str | None) -> Request:
    """The request from ``base`` to ``head`` (a revision, or None for the work tree)."""
    repo = GitRepository(path)
    base_sha = repo.resolve(base)
    head_sha = repo.resolve(head) if head else None
    tip = head_sha or repo.head()
    if tip is None:
        raise EvidenceError("the repository has no commit yet: a gate compares a request with its base")
    merge_base = repo.git("merge-base", base_sha, tip, check=False).decode().strip()
    if not merge_base:
        raise EvidenceError(f"{base} and {head or 'HEAD'} share no history: git finds no merge base "
                            "(in CI, fetch the whole history: a shallow clone hides it)")
    if head_sha is not None:
        raw = repo.git("diff-tree", "-r", "-M", "-z", "--no-commit-id", merge_base, head_sha)
        author = None
    else:
        raw = repo.git("diff-index", "-M", "-z", merge_base)
        author = repo.git("config", "user.email", check=False).decode().strip() or None
    files = _changes(raw)
    if head_sha is None:
        for p in repo.untracked():
            files[p] = FileChange(p, "added")
    return Request(str(repo.root or repo.git_dir), base_sha, merge_base, head_sha, tip, files, author)


def _changes(raw: bytes) -> dict[str, FileChange]:
    """``git diff-tree/diff-index -z`` raw output: ``:mode mode blob blob status NUL path [NUL path]``."""
    tokens = raw.split(b"\x00")
    files: dict[str, FileChange] = {}
    i = 0
    while i < len(tokens):
        meta = tokens[i]
        if not meta.startswith(b":"):
            i += 1
            continue
        parts = meta.split()
        letter = parts[4][:1].decode()
        first = tokens[i + 1].decode("utf-8", "surrogateescape")
        if letter in "RC":
            second = tokens[i + 2].decode("utf-8", "surrogateescape")
            i += 3
            if letter == "R":
                files[second] = FileChange(second, "renamed", first, edited=parts[4] != b"R100")
            else:
                files[second] = FileChange(second, "added")
        else:
            i += 2
            files[first] = FileChange(first, _STATUS.get(letter, "modified"))
    return files
