"""The README's security section names, for each guarantee, the tests that hold it: those tests exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_the_security_section_names_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(tests/[\w/.]+)`", section))
    assert len(named) >= 10
    assert [p for p in sorted(named) if not (ROOT / p).exists()] == []
