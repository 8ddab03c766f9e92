"""The engine's exceptions. ``regent.commands.errors`` maps the first two to exit code 3, the last to 2."""

from __future__ import annotations


class PolicyError(Exception):
    """The policy set cannot be used: a file that does not compile, bad metadata."""


class EvaluationTimeout(PolicyError):
    """The policies' evaluation did not finish within the time limit."""


class EngineUnavailable(Exception):
    """OPA cannot be found, started or reached."""


class InputFileError(Exception):
    """A file the user named (a baseline) cannot be read, is not what it should be, or cannot be written."""
