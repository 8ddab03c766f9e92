"""The policy set: Regent's built-in checks plus an organisation's own.

Built-in checks live in ``policies/`` beside this package; an organisation's
checks live in folders named by ``policy_paths`` in its ``regent.yaml`` and
sit under the Rego package root ``custom``. The set's digest names exactly
which policies produced a result.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from regent.engine.errors import PolicyError

BUILTIN_DIR = Path(str(resources.files("regent") / "policies")).resolve()
CUSTOM_ROOT = "custom"
_PACKAGE = re.compile(r"^package\s+([A-Za-z_][\w.]*)", re.MULTILINE)


@dataclass(frozen=True)
class PolicyFile:
    """One Rego module: where it is on disk and the id it is loaded into OPA under."""

    path: Path
    module_id: str
    package: str
    text: str
    custom: bool


@dataclass(frozen=True)
class PolicySet:
    files: tuple[PolicyFile, ...]
    digest: str

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> PolicySet:
        """Read the built-in policies and the organisation's folders (test files left out)."""
        files = list(_read_dir(BUILTIN_DIR, "regent/builtin", custom=False))
        for index, directory in enumerate(extra_dirs):
            if not directory.is_dir():
                raise PolicyError(f"policy folder {directory} (policy_paths in regent.yaml) does not exist")
            for f in _read_dir(directory, f"regent/custom{index}", custom=True):
                if not (f.package == CUSTOM_ROOT or f.package.startswith(CUSTOM_ROOT + ".")):
                    raise PolicyError(
                        f"{f.path}: package {f.package} is outside 'custom': an organisation's checks "
                        f"must sit under package {CUSTOM_ROOT}.<name> so that Regent runs them"
                    )
                files.append(f)
        if not files:
            raise PolicyError(f"no policies found in {BUILTIN_DIR}")
        h = hashlib.sha256()
        for f in sorted(files, key=lambda f: f.module_id):
            h.update(f.module_id.encode() + b"\x00" + f.text.encode() + b"\x00")
        return cls(tuple(files), "sha256:" + h.hexdigest())

    def upload_order(self) -> list[PolicyFile]:
        """Helpers first, the aggregating package last, so each upload compiles."""

        def rank(f: PolicyFile) -> tuple[int, str]:
            root = f.package.split(".")[0]
            return ({"lib": 0, "regent": 2}.get(root, 1), f.module_id)

        return sorted(self.files, key=rank)


def _read_dir(directory: Path, prefix: str, custom: bool) -> Iterable[PolicyFile]:
    for path in sorted(directory.rglob("*.rego")):
        if path.name.endswith("_test.rego"):
            continue
        text = path.read_text(encoding="utf-8")
        match = _PACKAGE.search(text)
        if match is None:
            raise PolicyError(f"{path}: no package declaration")
        rel = path.relative_to(directory).as_posix()
        yield PolicyFile(path, f"{prefix}/{rel}", match.group(1), text, custom)
