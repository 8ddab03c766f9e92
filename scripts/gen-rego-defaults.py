#!/usr/bin/env python3
"""Write the Rego tests' default configuration from the regent.yaml schema.

    .venv/bin/python scripts/gen-rego-defaults.py          # write policies/lib/fixtures/defaults_test.rego
    .venv/bin/python scripts/gen-rego-defaults.py --check  # exit 1 when that file is not what it would write

The defaults of every setting live in one place, the schema
(evidence/schemas/regent_config.json). Regent builds its configuration from
them; the Rego tests cannot read the schema, so they get the same
configuration, as Regent passes it to the policies (``input.config``), in a
generated file. A test fails when the file and the schema disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "policies" / "lib" / "fixtures" / "defaults_test.rego"
COMMAND = ".venv/bin/python scripts/gen-rego-defaults.py"

HEADER = f"""\
# Generated from evidence/schemas/regent_config.json by {COMMAND}:
# change the schema's defaults and run it again rather than editing this file.
package lib.fixtures_test

# METADATA
# description: >-
#   A configuration as Regent passes it when regent.yaml sets nothing: the
#   defaults of the regent.yaml schema, with its thresholds, roles and baseline.
"""


def rego(value: Any, depth: int = 0) -> str:
    """``value`` written as opa fmt writes it: an object one key a line, anything else on one line."""
    if isinstance(value, dict) and value:
        indent = "\t" * (depth + 1)
        lines = [f"{indent}{json.dumps(key)}: {rego(item, depth + 1)}," for key, item in value.items()]
        return "{\n" + "\n".join(lines) + "\n" + "\t" * depth + "}"
    return json.dumps(value, ensure_ascii=False)


def render() -> str:
    from regent.evidence.config import RepoConfig

    return HEADER + f"config := {rego(RepoConfig().policy_input())}\n"


def main(argv: list[str]) -> int:
    text = render()
    if argv[1:] == ["--check"]:
        if TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text:
            return 0
        print(f"{TARGET.relative_to(ROOT)} does not hold the schema's defaults: run {COMMAND}", file=sys.stderr)
        return 1
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
