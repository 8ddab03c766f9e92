"""``regent version``: the versions of Regent and OPA, and the policy digest."""

from __future__ import annotations

from regent.commands.console import out
from regent.commands.errors import EXIT_OK, exits
from regent.engine import __version__
from regent.engine.errors import EngineUnavailable, PolicyError
from regent.engine.opa_binary import find_opa, opa_version
from regent.engine.session import OpaOptions, policy_set


@exits
def run_version(opa: OpaOptions) -> int:
    """Print the versions of Regent and OPA and the policy digest."""
    out(f"regent {__version__}")
    try:
        binary = find_opa(opa.binary)
        out(f"opa {opa_version(binary)} ({binary})")
    except EngineUnavailable as exc:
        out(f"opa: not available: {exc}")
    try:
        out(f"policies {policy_set(None, ()).digest}")
    except PolicyError as exc:
        out(f"policies: {exc}")
    return EXIT_OK
