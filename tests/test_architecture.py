"""The layers import downwards only: evidence, then engine, then commands, then the command line.

Read from the source itself (every import statement, at module level or inside a
function), so a shortcut from a lower layer to a higher one fails here before it
becomes a tangle. docs/architecture.md draws the same map.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

import regent

PACKAGE = Path(regent.__file__).parent

# Lowest first. A module may import its own layer and the layers before it.
LAYERS = ("regent", "regent.evidence", "regent.engine", "regent.attestation", "regent.commands", "regent.cli")
# `python -m regent` is the command line too.
ENTRY_POINTS = {"regent.__main__": "regent.cli"}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    # The design's folders are linked into the package: follow the links.
    for folder, _, files in os.walk(PACKAGE, followlinks=True):
        for file in files:
            path = Path(folder) / file
            parts = path.relative_to(PACKAGE).with_suffix("").parts
            if path.suffix != ".py" or parts[0] in ("policies", "examples"):
                continue
            found[".".join(("regent", *parts)).removesuffix(".__init__")] = path
    return dict(sorted(found.items()))


def _layer(module: str) -> int:
    """The index of the deepest layer that ``module`` belongs to; modules at the package's top are layer 0."""
    module = ENTRY_POINTS.get(module, module)
    best = 0
    for index, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            best = index
    return best


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
    return found


MODULES = _modules()


def test_the_package_is_read_whole() -> None:
    # The walk must see each layer, or the tests below would pass on nothing.
    for layer in ("regent.evidence.snapshot", "regent.engine.scan", "regent.cli"):
        assert layer in MODULES
    assert len(MODULES) > 40


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_higher_layer(module: str) -> None:
    own = _layer(module)
    upward = [f"line {line}: {target}" for line, target in _imports(MODULES[module], module)
              if target.startswith("regent") and _layer(target) > own]
    assert not upward, f"{module} ({LAYERS[own]}) imports a higher layer: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_click_only_in_the_command_line_module(module: str) -> None:
    if module == "regent.cli":
        return
    clicks = [line for line, target in _imports(MODULES[module], module) if target.split(".")[0] == "click"]
    assert not clicks, f"{module} imports click at lines {clicks}: only regent.cli knows the command line"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) == LAYERS.index("regent.engine")))
def test_the_engine_does_not_know_git(module: str) -> None:
    gits = [f"line {line}: {target}" for line, target in _imports(MODULES[module], module)
            if target.split(".")[0] == "git" or target.startswith("regent.evidence.gitrepo")]
    assert not gits, f"{module} reads git itself; ask the evidence layer instead: {gits}"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    # A lower-layer file that reaches up is caught, relative imports included.
    source = tmp_path / "leaky.py"
    source.write_text("from ...engine.scan import scan\nimport regent.cli\n", encoding="utf-8")
    targets = [target for _, target in _imports(source, "regent.evidence.sub.leaky")]
    assert targets == ["regent.engine.scan", "regent.cli"]
    assert all(_layer(t) > _layer("regent.evidence.sub.leaky") for t in targets)
