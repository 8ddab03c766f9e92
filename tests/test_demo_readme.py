"""What `make demo` shows is what the README says it shows, whatever the date: the demo is scanned
as at the end of its last day (DEMO_DAY in the Makefile)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

from click.testing import Result

ROOT = Path(__file__).resolve().parent.parent


def _demo_day() -> str:
    match = re.search(r"^DEMO_DAY := (\d{4}-\d{2}-\d{2})$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert match, "the Makefile names no DEMO_DAY"
    return match.group(1)


def _readme_scan() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```\n(Regent \d.*?)```", readme, re.DOTALL)
    assert match, "the README shows no demo scan"
    return match.group(1).splitlines()


def _readme_business_view() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```\n(Fix first: .*?)```", readme, re.DOTALL)
    assert match, "the README shows no business view of the demo"
    return match.group(1).splitlines()


def test_make_demo_scans_as_the_readme_shows(invoke: Callable[..., Result], tmp_path: Path) -> None:
    makefile = (ROOT / "Makefile").read_text()
    day = _demo_day()
    assert "regent scan $(DEMO) --as-of $(DEMO_DAY)" in makefile
    assert "--head request/edi-peak --as-of $(DEMO_DAY)" in makefile
    demo = tmp_path / "demo"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo.py"), str(demo)], check=True,
                   capture_output=True)

    result = invoke("scan", str(demo), "--as-of", day)
    assert result.exit_code == 1, result.output
    shown = [line.rstrip() for line in result.output.replace(str(demo), "/…/build/demo").splitlines()]
    expected = _readme_scan()
    cut = expected.index("...")
    head, tail = expected[:cut], expected[cut + 1:]
    assert shown[:len(head)] == head
    assert [line for line in shown if line][-len(tail):] == tail

    makefile_line = "regent scan $(DEMO) --as-of $(DEMO_DAY) --by process"
    assert makefile_line in makefile
    business = invoke("scan", str(demo), "--as-of", day, "--by", "process")
    assert business.exit_code == 1, business.output
    lines = [line.rstrip() for line in business.output.splitlines()]
    view = _readme_business_view()
    start = lines.index(view[0])
    assert lines[start:start + len(view)] == view
