"""The getting-started guide shows what its commands really print: run them all and compare."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_of_the_guide_prints_what_the_guide_shows() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "getting_started.py"), "--check"],
                          capture_output=True, text=True, timeout=900)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 with output other than the guide shows" in done.stdout
