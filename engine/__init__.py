"""Evaluating evidence against the policy set on OPA, and reporting findings.

This package knows OPA and findings and nothing about git: it takes a
:class:`regent.evidence.Snapshot` and returns a :class:`regent.engine.model.ScanResult`.
"""

from __future__ import annotations

from regent import __version__

__all__ = ["__version__"]
