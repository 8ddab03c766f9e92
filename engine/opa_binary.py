"""Finding the OPA binary and using it for what needs no server.

Order: ``--opa-binary``, then ``$REGENT_OPA``, then the project's
``.tools/bin/opa`` (where ``make`` installs the pinned release), then
``opa`` on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Iterable

from regent.engine.capabilities import builtin_policy, capabilities_file, opa_capabilities
from regent.engine.errors import EngineUnavailable, PolicyError

PINNED_VERSION = "1.22.2"
_PROJECT_OPA = Path(__file__).resolve().parent.parent / ".tools" / "bin" / "opa"

_UNDEFINED = re.compile(r"undefined function ([\w.]+)")

HOW_TO_GET = (
    f"install OPA {PINNED_VERSION}: run 'make opa' in Regent's source folder (builds it with Go), "
    "or put an 'opa' binary on PATH, or name one with --opa-binary / $REGENT_OPA"
)


def find_opa(explicit: str | None = None) -> Path:
    named = explicit or os.environ.get("REGENT_OPA")
    if named:
        if Path(named).is_file() and os.access(named, os.X_OK):
            return Path(named)
        raise EngineUnavailable(f"OPA binary {named} does not exist or is not executable; {HOW_TO_GET}")
    for candidate in (str(_PROJECT_OPA), shutil.which("opa")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise EngineUnavailable(f"OPA was not found; {HOW_TO_GET}")


@cache
def opa_version(binary: Path) -> str:
    try:
        out = subprocess.run([str(binary), "version"], capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineUnavailable(f"{binary} does not run: {exc}") from exc
    for line in out.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    raise EngineUnavailable(f"{binary} did not report a version; is it OPA?")


def check_policies(binary: Path, files: Iterable[Path]) -> None:
    """Compile the policies (and test files, when given) strictly with only the allowed built-ins;
    raise PolicyError naming file and line."""
    caps = capabilities_file(binary)
    cmd = [str(binary), "check", "--strict", "--format", "json", "--capabilities", str(caps), *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if proc.returncode == 0:
        return
    raise PolicyError(describe_compile_errors(proc.stdout or proc.stderr, known_builtins(binary)))


@cache
def known_builtins(binary: Path) -> frozenset[str]:
    """The names of every built-in this OPA has, allowed or not."""
    return frozenset(b["name"] for b in opa_capabilities(binary)["builtins"])


def describe_compile_errors(text: str, known: frozenset[str] = frozenset()) -> str:
    try:
        errors = json.loads(text).get("errors", [])
    except (ValueError, AttributeError):
        return f"the policies do not compile: {text.strip()}"
    lines = []
    for error in errors[:10]:
        loc = error.get("location") or {}
        where = f"{loc.get('file', '?')}:{loc.get('row', '?')}: " if loc else ""
        message = error.get("message", "")
        called = _UNDEFINED.search(message)
        if called and (called.group(1) in known or called.group(1) in builtin_policy().refused):
            message += f" ({called.group(1)} is not allowed in policies: {builtin_policy().reason(called.group(1))})"
        lines.append(f"{where}{message}")
    return "the policies do not compile:\n  " + "\n  ".join(lines)

