"""Regent: policy-as-code compliance checks on evidence kept in git.

The one import package. Its parts are the project's top-level folders, linked
in here so that the source tree and the installed wheel import the same names:
``regent.evidence`` reads the repository, ``regent.engine`` evaluates it on OPA
and renders findings, ``regent.commands`` holds one function per command, and
``regent.cli`` wires them to the command line. ``regent.policies`` and
``regent.examples`` are data, read through :mod:`importlib.resources`.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("regent")
except metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
