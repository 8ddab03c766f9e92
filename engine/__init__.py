"""Evaluating evidence against the policy set on OPA, and reporting findings.

This package knows OPA and findings and nothing about git: it takes a
:class:`evidence.Snapshot` and returns a :class:`engine.model.ScanResult`.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("regent")
except metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
