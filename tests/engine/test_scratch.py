"""What a Regent killed by SIGKILL leaves in the temporary folder (its OPA's folder, which holds the
server's token, and its capabilities file) is removed by the next Regent that starts an OPA."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from regent.engine.opa import PrivateOpa


def test_what_a_killed_regent_left_is_removed_by_the_next(opa_binary: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    script = (
        "import time\n"
        "from pathlib import Path\n"
        "from regent.engine.opa import PrivateOpa\n"
        "from regent.engine.policyset import PolicySet\n"
        f"server = PrivateOpa(Path({str(opa_binary)!r}), preload=PolicySet.load())\n"
        "print('up', flush=True)\n"
        "time.sleep(60)\n"
    )
    killed = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, TMPDIR=str(scratch)))
    assert killed.stdout is not None and killed.stdout.readline().strip() == "up"
    killed.kill()
    killed.wait()
    left = sorted(p.name for p in scratch.iterdir())
    assert any(n.startswith("regent-opa-") for n in left) and any(n.startswith("regent-capabilities-") for n in left)
    (scratch / "someone-elses-file").write_text("kept")

    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    server = PrivateOpa(opa_binary)
    try:
        mine = {p.name for p in scratch.iterdir()}
    finally:
        server.close()
    assert not any(n in mine for n in left)
    assert "someone-elses-file" in mine
