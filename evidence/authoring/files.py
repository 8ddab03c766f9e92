"""Every write into an evidence repository, through one door that stays inside it.

A committed symbolic link (``changes -> ../elsewhere``) or one planted where a writer puts its
temporary file must not carry a write outside the repository or over evidence. So a path is
written only when it is relative, has no ``..``, and every folder on the way from the
repository's root is a real folder (created here one level at a time, never through a link);
new files are created exclusively, never following a link; a replaced record goes through a
temporary file created exclusively beside it; evidence is never replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from regent.evidence.errors import EvidenceError

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class UnsafePath(EvidenceError):
    """A write that would leave the repository, pass through a link, or replace evidence."""


def folder_for(root: Path, relpath: str) -> Path:
    """The real folder ``relpath`` goes in under ``root``, made where missing; :class:`UnsafePath`
    when the path is absolute, climbs out with ``..``, or any folder on it is a link or a file."""
    parts = PurePosixPath(relpath).parts
    if not parts or PurePosixPath(relpath).is_absolute() or ".." in parts:
        raise UnsafePath(f"{relpath}: not a path inside the repository")
    return make_folder(root, parts[:-1], relpath)


def make_folder(root: Path, parts: tuple[str, ...], relpath: str) -> Path:
    """``root``/``parts``, each level a real folder (made where missing), never a link."""
    folder = root
    for name in parts:
        folder = folder / name
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            try:
                os.mkdir(folder)
            except FileExistsError:  # made meanwhile: look at it again
                pass
            mode = os.lstat(folder).st_mode
        if stat.S_ISLNK(mode):
            raise UnsafePath(f"{folder}: is a symbolic link; Regent does not write through links "
                             f"(it would write {relpath} outside the repository)")
        if not stat.S_ISDIR(mode):
            raise UnsafePath(f"{folder}: is a file where a folder of {relpath} should be")
    return folder


def open_new(root: Path, relpath: str) -> BinaryIO | None:
    """``relpath`` created for writing, or None, touching nothing, when anything (a link too) is there."""
    target = folder_for(root, relpath) / PurePosixPath(relpath).name
    try:
        return os.fdopen(os.open(target, _NEW_FILE, 0o644), "wb")
    except FileExistsError:
        return None


def write_new(root: Path, relpath: str, data: bytes) -> bool:
    """Create ``relpath`` with ``data``; False, touching nothing, when anything (a link too) is there."""
    out = open_new(root, relpath)
    if out is None:
        return False
    with out:
        out.write(data)
    return True


def replace(root: Path, relpath: str, data: bytes, *, evidence: bool = False) -> None:
    """Write ``relpath`` whole, over the file there if any, through a temporary file made
    exclusively beside it. A link there is refused; so is an existing file when it is ``evidence``."""
    folder = folder_for(root, relpath)
    target = folder / PurePosixPath(relpath).name
    try:
        mode: int | None = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        raise UnsafePath(f"{target}: is a symbolic link; Regent does not write through links")
    if mode is not None and evidence:
        raise UnsafePath(f"{target}: already exists; evidence is never replaced")
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
