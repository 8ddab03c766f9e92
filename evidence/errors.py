"""The evidence layer's exceptions: what stops a scan before it starts.

A problem with one record never raises: it becomes a :class:`LoadError` in the
snapshot. These exceptions are for problems with the repository as a whole.
"""

from __future__ import annotations


class EvidenceError(Exception):
    """The repository cannot be read at all (not a git repository, bad revision)."""


class ConfigError(EvidenceError):
    """``regent.yaml`` cannot be read or holds a setting Regent does not accept."""
