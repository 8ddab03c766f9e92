"""A cache of OPA's answers, keyed by everything that decides them.

The answer of ``data.regent`` is a function of the input document (records,
people, configuration and the reference time), the policy set and the OPA
release, so it can be kept under a digest of the three. A scan of the same
revision as of the same day, which is what an auditor re-running an audit or
a monthly report does, then skips OPA's evaluation. A scan judged against
"now" has a new reference time each run and is always evaluated.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Mapping

from regent.evidence import cachefile

KEEP = 64
_VERSION = 2


class ResultCache:
    def __init__(self, directory: Path | None) -> None:
        self._directory = directory / "results" if directory else None

    @staticmethod
    def key(input_json: bytes, policy_digest: str, opa_version: str) -> str:
        h = hashlib.sha256()
        h.update(f"{policy_digest}\x00{opa_version}\x00".encode())
        h.update(input_json)
        return h.hexdigest()

    def get(self, key: str) -> Mapping[str, Any] | None:
        if self._directory is None:
            return None
        return cachefile.read(self._directory / f"{key}.json", "answer", _VERSION, _answer)

    def put(self, key: str, document: Mapping[str, Any]) -> None:
        """Keep the answer; keep only the newest answers. A cache that cannot be written is skipped."""
        if self._directory is not None:
            keep_newest(self._directory, f"{key}.json", cachefile.header("answer", _VERSION) + cachefile.frame(document),
                        KEEP)


def _answer(frames: list[object]) -> Mapping[str, Any]:
    """OPA's answer as kept: the checks' metadata and the violations, nothing less."""
    (document,) = frames
    if not (isinstance(document, dict) and isinstance(document.get("checks"), dict)
            and isinstance(document.get("violations", []), list)):
        raise cachefile.Damaged("it is not an answer of the policies")
    return document


def keep_newest(directory: Path, name: str, data: bytes, keep: int) -> None:
    """Write ``data`` to ``directory``/``name`` atomically (0600, in a 0700 folder) and leave only the
    ``keep`` newest files of its suffix there. A folder that cannot be written is noted: a cache is
    never an error."""
    suffix = Path(name).suffix
    if not cachefile.private_folder(directory):
        return
    tmp = directory / f".{name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, directory / name)
        kept = sorted(directory.glob(f"*{suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[keep:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        cachefile.note(f"cache folder {directory} cannot be written ({exc.strerror}): working without keeping it")
