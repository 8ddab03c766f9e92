"""Cache files that hold data, never code: JSON frames, each under the digest of its bytes.

A cache file starts with a header line naming what it holds and the format's
version, then one line per frame: the SHA-256 of the frame's JSON, a space,
the JSON. A frame whose bytes do not match their digest, or whose value is not
the shape its reader expects, makes the whole file a miss: it is ignored, the
work is done again and rebuilt, with a one-line note. A file of another version
(or of an older release's format) is a plain miss.

Folders are created 0700 and files 0600: the caches hold parsed evidence. A
folder that cannot be written is noted once, and the work goes on without it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

import orjson

NOTES = logging.getLogger("regent.cache")
T = TypeVar("T")
_NOTED: set[str] = set()
_UNWRITABLE: set[Path] = set()


class Damaged(ValueError):
    """A cache file whose bytes or shape are not what Regent wrote."""


def note(message: str) -> None:
    """Say once per command what happened to a cache (the command line shows it on stderr)."""
    if message not in _NOTED:
        _NOTED.add(message)
        NOTES.warning(message)


def frame(value: Any) -> bytes:
    """One frame line: the digest of the value's JSON, a space, the JSON."""
    data = orjson.dumps(value)
    return hashlib.sha256(data).hexdigest().encode() + b" " + data + b"\n"


def header(kind: str, version: int) -> bytes:
    return orjson.dumps({"cache": kind, "version": version}) + b"\n"


def read(path: Path, kind: str, version: int, decode: Callable[[list[Any]], T]) -> T | None:
    """The value the frames of ``path`` decode to; None when the file is missing, of another version,
    or damaged (noted). ``decode`` raises ValueError, TypeError or KeyError on a shape it does not expect."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        note(f"cache file {path} cannot be read ({exc.strerror}): working without it")
        return None
    head, _, body = data.partition(b"\n")
    try:
        if head != header(kind, version).rstrip(b"\n"):
            if orjson.loads(head).get("cache") == kind:
                return None  # another release's format: a miss
            raise Damaged("it is not a Regent cache file")
        return decode([_frame_value(line) for line in body.splitlines()])
    except (Damaged, ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        note(f"cache file {path} is damaged ({_why(exc)}): ignored and rebuilt")
        return None


def _frame_value(line: bytes) -> Any:
    digest, _, data = line.partition(b" ")
    if hashlib.sha256(data).hexdigest().encode() != digest:
        raise Damaged("a frame does not match its digest")
    return orjson.loads(data)


def _why(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, Damaged) else f"not the shape Regent writes: {type(exc).__name__}"


def private_folder(directory: Path) -> bool:
    """Create ``directory`` (0700) if needed; False, noted once for it and the folders in it, when it
    cannot be written."""
    if any(directory == d or d in directory.parents for d in _UNWRITABLE):
        return False
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if directory.stat().st_uid == os.getuid() and directory.stat().st_mode & 0o077:
            directory.chmod(0o700)  # left readable by an older release
        if os.access(directory, os.W_OK | os.X_OK):
            return True
        reason = "permission denied"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    _UNWRITABLE.add(directory)
    note(f"cache folder {directory} cannot be written ({reason}): working without keeping a cache")
    return False


def write(path: Path, kind: str, version: int, values: Iterable[Any]) -> bool:
    """Replace ``path`` whole with these frames, so a reader never sees half of it; False when it cannot."""
    if not private_folder(path.parent):
        return False
    data = header(kind, version) + b"".join(frame(value) for value in values)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        note(f"cache file {path} cannot be written ({exc.strerror}): working without keeping it")
        return False
    return True


def append(path: Path, kind: str, version: int, value: Any, lock: Callable[[int], None]) -> bool:
    """Add one frame at the end of ``path`` (a header first if the file is new), holding ``lock`` on it."""
    if not private_folder(path.parent):
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "ab") as fh:
            lock(fh.fileno())
            if fh.tell() == 0:
                fh.write(header(kind, version))
            fh.write(frame(value))
    except OSError as exc:
        note(f"cache file {path} cannot be written ({exc.strerror}): working without keeping it")
        return False
    return True
