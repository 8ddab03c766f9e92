"""Which OPA built-ins a policy may call: the allow-list in ``capabilities.yaml``.

Every policy and test file is compiled against a capabilities file made from
that list before it is evaluated anywhere (the private OPA, ``opa test``, an
organisation's OPA service), so a policy cannot reach the network, read the
machine or depend on the clock. A built-in OPA has and the list does not name
is refused: an OPA upgrade adds nothing a policy may call until it is listed.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import yaml

from regent.engine import scratch
from regent.engine.errors import EngineUnavailable


@dataclass(frozen=True)
class BuiltinPolicy:
    """The built-ins a policy may call, and those refused with the reason for each."""

    allowed: frozenset[str]
    refused: Mapping[str, str]

    def reason(self, name: str) -> str:
        """Why a built-in a policy called is not available to it."""
        return self.refused.get(name, "not on Regent's list of built-ins a policy may call")


@cache
def builtin_policy() -> BuiltinPolicy:
    """The allow-list shipped with Regent."""
    text = (resources.files("regent") / "engine" / "capabilities.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    return BuiltinPolicy(frozenset(document["allowed"]), dict(document["refused"]))


def opa_capabilities(binary: Path) -> dict[str, Any]:
    """What ``opa capabilities --current`` says this OPA has."""
    try:
        out = subprocess.run([str(binary), "capabilities", "--current"], capture_output=True, check=True,
                             timeout=30).stdout
        caps: dict[str, Any] = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        raise EngineUnavailable(f"{binary} did not list its capabilities: {exc}") from exc
    return caps


@cache
def capabilities_file(binary: Path) -> Path:
    """A capabilities file for ``binary``: only the allowed built-ins, and no host a built-in may reach."""
    caps = opa_capabilities(binary)
    allowed = builtin_policy().allowed
    caps["builtins"] = [b for b in caps["builtins"] if b["name"] in allowed]
    caps["allow_net"] = []
    handle, name = tempfile.mkstemp(prefix=scratch.prefix("capabilities"), suffix=".json")
    with os.fdopen(handle, "w") as fh:
        json.dump(caps, fh)
    atexit.register(Path(name).unlink, missing_ok=True)
    return Path(name)
