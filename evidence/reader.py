"""Reading the files of one revision: from git objects, or from the work tree for a scan of it.

Links are never followed: a record must be a regular file, and a link is
reported as one. A file over the size limit (``max_record_bytes``) is not read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from regent.evidence.config import DEFAULT_MAX_RECORD_BYTES
from regent.evidence.gitrepo import SYMLINK_MODE, Entry, GitRepository, blob_id
from regent.evidence.parse import ParseFailure


class FileReader:
    """Reads files of the repository from git objects or its work tree, never following links;
    files larger than ``limit`` bytes are not read."""

    def __init__(self, repo: GitRepository, worktree: bool, limit: int = DEFAULT_MAX_RECORD_BYTES) -> None:
        self.repo = repo
        self.worktree = worktree
        self.limit = limit

    def read_one(self, f: Entry) -> bytes:
        """The bytes of a single small file (configuration); problems raise ParseFailure."""
        problem = self.link_problem(f)
        if problem:
            raise ParseFailure(1, problem)
        if f.blob is None:
            return self.read_disk(f.path)[0]
        for _, data, size in self.read_blobs([f.blob]):
            if data is None:
                raise ParseFailure(1, too_big(size, self.limit))
            return data
        raise ParseFailure(1, "git could not read the file")

    def read_blobs(self, blobs: Iterable[str]) -> Iterator[tuple[str, bytes | None, int]]:
        """``(blob, bytes, size)`` for each blob, in one git pass; bytes None past the limit."""
        return self.repo.read_blobs(blobs, self.limit)

    def read_disk(self, path: str) -> tuple[bytes, str]:
        """A work tree file's bytes and the blob id git would give them; problems raise ParseFailure."""
        assert self.repo.root is not None
        full = self.repo.root / path
        try:
            size = full.lstat().st_size
            if size > self.limit:
                raise ParseFailure(1, too_big(size, self.limit))
            data = full.read_bytes()
        except FileNotFoundError:
            raise ParseFailure(1, "the file disappeared while the scan was reading the work tree") from None
        except IsADirectoryError:
            raise ParseFailure(1, "is a directory, not a file") from None
        except OSError as exc:
            raise ParseFailure(1, f"cannot be read: {exc.strerror}") from None
        return data, blob_id(data)

    def link_problem(self, f: Entry) -> str | None:
        """Why the file is not read when it is a symbolic link (in git's tree or in the work tree)."""
        root = self.repo.root
        if f.mode == SYMLINK_MODE or (f.blob is None and root is not None and is_link(root / f.path)):
            target = ""
            if root is not None and self.worktree:
                try:
                    target = os.readlink(root / f.path)
                except OSError:
                    target = ""
            where = ""
            if target and root is not None:
                resolved = (root / f.path).parent.joinpath(target).resolve()
                inside = resolved.is_relative_to(root.resolve())
                where = f" to {target}" + ("" if inside else ", outside the repository")
            return f"is a symbolic link{where}: records must be regular files, so it was not read"
        return None


def too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1048576:.1f} MiB, over the {limit / 1048576:.0f} MiB limit for a record "
        "(max_record_bytes in regent.yaml); not read"
    )


def hash_file(full: Path, limit: int) -> str | None:
    """The sha256 of a work tree file, read in chunks; None for a link or one over ``limit`` bytes.
    A file that cannot be read raises OSError."""
    if is_link(full) or full.stat().st_size > limit:
        return None
    h = hashlib.sha256()
    with full.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False
