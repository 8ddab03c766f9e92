"""Reading an evidence repository: records from git objects, parsed and validated.

This package knows git and files and nothing about policies. Its one entry
point is :func:`load_snapshot`, which returns a :class:`Snapshot`.
"""

from __future__ import annotations

from regent.evidence.cache import default_directory as default_cache_directory
from regent.evidence.errors import ConfigError, EvidenceError
from regent.evidence.model import LoadError, Record, Snapshot
from regent.evidence.snapshot import load_snapshot

__all__ = [
    "ConfigError",
    "EvidenceError",
    "default_cache_directory",
    "LoadError",
    "Record",
    "Snapshot",
    "load_snapshot",
]
