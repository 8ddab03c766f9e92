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

import orjson

KEEP = 64


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
        try:
            document: Mapping[str, Any] = orjson.loads((self._directory / f"{key}.json").read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        return document

    def put(self, key: str, document: Mapping[str, Any]) -> None:
        """Keep the answer; keep only the newest answers. A cache that cannot be written is skipped."""
        if self._directory is not None:
            keep_newest(self._directory, f"{key}.json", orjson.dumps(document), KEEP)


def keep_newest(directory: Path, name: str, data: bytes, keep: int) -> None:
    """Write ``data`` to ``directory``/``name`` atomically and leave only the ``keep`` newest files
    of its suffix there. A folder that cannot be written is skipped: a cache is never an error."""
    suffix = Path(name).suffix
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f"{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, directory / name)
        kept = sorted(directory.glob(f"*{suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
