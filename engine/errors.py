"""The engine's exceptions. ``cli.py`` maps both to exit code 3."""

from __future__ import annotations


class PolicyError(Exception):
    """The policy set cannot be used: a file that does not compile, bad metadata."""


class EngineUnavailable(Exception):
    """OPA cannot be found, started or reached."""
