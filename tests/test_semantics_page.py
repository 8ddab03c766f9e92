"""docs/what-the-checks-mean.md has one entry for every check `regent policies list` knows, and no other."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from click.testing import Result

PAGE = Path(__file__).resolve().parent.parent / "docs" / "what-the-checks-mean.md"
ENTRY = re.compile(r"^\*\*(REG-[A-Z]+-\d{3})\*\*", re.MULTILINE)
MENTION = re.compile(r"\bREG-[A-Z]+-\d{3}\b")


def known_ids(invoke: Callable[..., Result]) -> set[str]:
    """Regent's own checks (built-in and the engine's input checks), not an organisation's."""
    listing = json.loads(invoke("policies", "list", "--format", "json").stdout)
    return {str(check["id"]) for check in listing if check["origin"] in ("builtin", "engine")}


def test_every_check_has_one_entry_on_the_page(invoke: Callable[..., Result]) -> None:
    entries = ENTRY.findall(PAGE.read_text(encoding="utf-8"))
    missing = known_ids(invoke) - set(entries)
    twice = sorted({i for i in entries if entries.count(i) > 1})
    assert not missing, f"checks without an entry in {PAGE.name}: {sorted(missing)}"
    assert not twice, f"checks with more than one entry in {PAGE.name}: {twice}"


def test_the_page_names_no_check_that_does_not_exist(invoke: Callable[..., Result]) -> None:
    unknown = set(MENTION.findall(PAGE.read_text(encoding="utf-8"))) - known_ids(invoke)
    assert not unknown, f"{PAGE.name} names checks that do not exist: {sorted(unknown)}"
