"""Regent's files in the temporary folder: named by the process that made them, so that what a killed
process left (SIGKILL gives it no chance to clean up) is removed by the next one.

The private OPA's folder holds the token of a server that died with its parent;
the capabilities file holds nothing secret. Neither should outlive its process.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

PREFIXES = ("regent-opa-", "regent-capabilities-")
_OWNED = re.compile(r"^regent-(?:opa|capabilities)-(\d+)-")


def prefix(kind: str) -> str:
    """The name prefix of a ``kind`` (``opa`` or ``capabilities``) file made by this process."""
    return f"regent-{kind}-{os.getpid()}-"


def remove_leftovers() -> None:
    """Remove what processes of this user that no longer run left in the temporary folder."""
    folder = Path(tempfile.gettempdir())
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        match = _OWNED.match(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        try:
            if entry.lstat().st_uid != os.getuid():
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
