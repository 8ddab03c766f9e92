"""Read-only access to the evidence repository through git.

Records are read straight from git objects: a tree for a revision, the index
for the work tree, with one ``git cat-file --batch`` process streaming every
blob. Nothing is checked out and nothing is written: every git call runs with
``GIT_OPTIONAL_LOCKS=0`` so that not even the index is refreshed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import threading
from pathlib import Path
from typing import IO, Iterable, Iterator, NamedTuple

import git

from regent.evidence.errors import EvidenceError

SYMLINK_MODE = "120000"
_TREE_ROW = re.compile(r"(\d+) blob ([0-9a-f]+)\t([^\x00]*)\x00")
_INDEX_ROW = re.compile(r"(\d+) ([0-9a-f]+) ([0-3])\t([^\x00]*)\x00")
GITLINK_MODE = "160000"
# The last trees listed, by (git dir, commit): a commit's tree never changes, and a gate lists
# the head's twice (its references, its records) on a repository where a listing takes a second.
_TREES: dict[tuple[str, str], list["Entry"]] = {}


class Entry(NamedTuple):
    """A file of the tree being scanned. ``blob`` is None for a file to be read
    from the work tree. Sizes are not listed: the blob reader enforces the limit."""

    path: str
    mode: str
    blob: str | None


def blob_id(data: bytes) -> str:
    """The id git gives a blob with these bytes."""
    header = b"blob %d\x00" % len(data)
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest()


class GitRepository:
    """One evidence repository, opened for reading."""

    def __init__(self, path: Path) -> None:
        try:
            self._repo = git.Repo(path, search_parent_directories=True)
        except git.NoSuchPathError as exc:
            raise EvidenceError(f"{path}: no such directory") from exc
        except git.InvalidGitRepositoryError as exc:
            raise EvidenceError(
                f"{path} is not inside a git repository: Regent reads evidence from git "
                "(run 'git init' there and commit the records)"
            ) from exc
        self._repo.git.update_environment(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
        self.root = Path(self._repo.working_tree_dir) if self._repo.working_tree_dir else None
        self.git_dir = Path(self._repo.git_dir)

    # -- revisions -------------------------------------------------------------

    def head(self) -> str | None:
        """The commit HEAD points at, or None in a repository with no commits yet."""
        try:
            return self._repo.head.commit.hexsha
        except ValueError:
            return None

    def resolve(self, rev: str) -> str:
        try:
            return str(self._repo.git.rev_parse("--verify", "--end-of-options", f"{rev}^{{commit}}"))
        except git.GitCommandError as exc:
            raise EvidenceError(f"unknown revision {rev!r}: git cannot find a commit by that name") from exc

    def last_commit_before(self, moment: str, start: str = "HEAD") -> str | None:
        """The newest commit on the first-parent history of ``start`` committed at or before ``moment``."""
        try:
            out = self._repo.git.rev_list("-1", "--first-parent", f"--before={moment}", start)
        except git.GitCommandError as exc:
            raise EvidenceError(f"cannot read the history of {start}: {exc.stderr.strip()}") from exc
        return out.strip() or None

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        """True when ``ancestor`` is in the history of ``descendant`` (an unknown commit is not)."""
        proc = subprocess.run(["git", "merge-base", "--is-ancestor", ancestor, descendant],
                              cwd=self.root or self.git_dir, env=self._env(), capture_output=True)
        return proc.returncode == 0

    def commit_date(self, sha: str) -> str:
        return str(self._repo.git.show("-s", "--format=%cI", sha)).strip()

    # -- listings --------------------------------------------------------------

    def tree(self, commit: str) -> list[Entry]:
        """Every file of a commit's tree; submodules, being commits, are left out.

        Sizes are left unknown: asking git for them triples the listing's time,
        and the blob reader enforces the size limit anyway."""
        key = (str(self.git_dir), commit)
        listed = _TREES.get(key)
        if listed is None:
            out = self.git("ls-tree", "-r", "-z", "--full-tree", commit).decode("utf-8", "surrogateescape")
            listed = _TREES[key] = [Entry(path, mode, blob) for mode, blob, path in _TREE_ROW.findall(out)]
            while len(_TREES) > 4:
                del _TREES[next(iter(_TREES))]
        return list(listed)

    def index(self) -> list[Entry]:
        """Every file the index tracks, with the blob it holds. A path a merge left unmerged is
        listed once with no blob: its work tree copy, conflict markers and all, is what counts."""
        out = self.git("ls-files", "-s", "-z").decode("utf-8", "surrogateescape")
        entries: dict[str, Entry] = {}
        for mode, blob, stage, path in _INDEX_ROW.findall(out):
            entries.setdefault(path, Entry(path, mode, blob if stage == "0" else None))
        return list(entries.values())

    def worktree_differences(self) -> tuple[set[str], set[str]]:
        """Tracked paths whose work tree copy differs from the index: (modified, deleted)."""
        out = self.git("diff-files", "--name-status", "-z", "--no-renames")
        fields = [f.decode("utf-8", "surrogateescape") for f in out.split(b"\x00") if f]
        modified: set[str] = set()
        deleted: set[str] = set()
        for status, path in zip(fields[0::2], fields[1::2], strict=True):
            (deleted if status == "D" else modified).add(path)
        return modified, deleted

    def untracked(self) -> list[str]:
        out = self.git("ls-files", "-o", "--exclude-standard", "-z")
        return [f.decode("utf-8", "surrogateescape") for f in out.split(b"\x00") if f]

    # -- blobs -----------------------------------------------------------------

    def read_blobs(self, blobs: Iterable[str], limit: int) -> Iterator[tuple[str, bytes | None, int]]:
        """Stream ``(blob, bytes, size)`` for each blob; bytes are None past ``limit``.

        One ``git cat-file --batch`` serves every blob; a writer thread feeds it
        ids while this generator reads, so the pipe never waits on a round trip.
        """
        wanted = list(blobs)
        if not wanted:
            return
        proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=self.git_dir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self._env(),
        )
        assert proc.stdin is not None and proc.stdout is not None
        stdin, stdout = proc.stdin, proc.stdout

        def feed() -> None:
            try:
                for blob in wanted:
                    stdin.write(blob.encode() + b"\n")
                stdin.close()
            except BrokenPipeError:
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            for blob in wanted:
                header = stdout.readline().split()
                if len(header) != 3:
                    raise EvidenceError(f"git cannot read object {blob}: {b' '.join(header).decode()}")
                size = int(header[2])
                if size > limit:
                    _skip(stdout, size + 1)
                    yield blob, None, size
                else:
                    data = stdout.read(size)
                    stdout.read(1)
                    yield blob, data, size
        finally:
            writer.join()
            stdout.close()
            proc.wait()

    # -- plumbing --------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
        return env

    def git(self, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
        """A git command's whole output (plain subprocess: listings and logs run to megabytes).
        With ``check``, a failure raises; without, it gives what git wrote."""
        proc = subprocess.run(["git", *args], cwd=self.root or self.git_dir, env=self._env(), capture_output=True,
                              input=input)
        if check and proc.returncode != 0:
            raise EvidenceError(f"git {args[0]} failed: {proc.stderr.decode(errors='replace').strip()}")
        return proc.stdout

    def config_path(self, key: str) -> Path | None:
        """The file a git setting names (``gpg.ssh.allowedSignersFile``), as git reads it for this
        repository (its own, the user's and the system's configuration); None when it is not set."""
        value = self.git("config", "--get", key, check=False).decode("utf-8", "replace").strip()
        return self.resolve_path(value) if value else None

    def resolve_path(self, value: str) -> Path:
        """A path from git's configuration: ``~`` expanded, relative ones from where git runs."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else (self.root or self.git_dir) / path


def _skip(stream: IO[bytes], count: int) -> None:
    """Read past ``count`` bytes of a blob too large to keep."""
    while count > 0:
        chunk = stream.read(min(count, 1 << 20))
        if not chunk:
            break
        count -= len(chunk)
