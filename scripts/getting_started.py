"""Run the commands of docs/getting-started.md and check (or rewrite) the outputs it shows.

Every ```console block of the guide holds commands (lines starting with ``$ ``, a heredoc
running on to its ``EOF``) each followed by its output. The commands run in order, in one
bash session, in an empty folder, with the installed ``regent`` and ``EXAMPLES`` pointing at
docs/examples.

    python scripts/getting_started.py --write   # run the guide, write the real outputs into it
    python scripts/getting_started.py --check   # run it; exit 1 and show a diff when one changed

Times, dates, commit ids and the year in record ids change from run to run; the check
compares outputs with those masked.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "getting-started.md"
EXAMPLES = ROOT / "docs" / "examples"
REALDATA = ROOT.parent / "shared" / "realdata"  # public exports real tools produced, read in place
HOME = "/home/you"
MARK = "@@regent-guide-step@@"

_VOLATILE = [
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"), "<time>"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "<date>"),
    (re.compile(r"\b\d{4}-\d{2}\b"), "<month>"),
    (re.compile(r"\b[0-9a-f]{12,40}\b"), "<sha>"),
    (re.compile(r"\b20\d\d\b"), "<year>"),
    (re.compile(r"\b\d+(\.\d+)? s\b"), "<seconds>"),
]


@dataclass
class Step:
    command: str
    output: list[str]


@dataclass
class Block:
    start: int  # index of the opening fence
    end: int  # index of the closing fence
    steps: list[Step]


def parse(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```console":
            i += 1
            continue
        start, i, steps = i, i + 1, []
        while lines[i].strip() != "```":
            line = lines[i]
            if line.startswith("$ "):
                command = [line[2:]]
                if re.search(r"<<'?EOF'?$", line):
                    while lines[i] != "EOF":
                        i += 1
                        command.append(lines[i])
                steps.append(Step("\n".join(command), []))
            elif steps:
                steps[-1].output.append(line)
            i += 1
        blocks.append(Block(start, i, steps))
        i += 1
    return blocks


def run(blocks: list[Block], work: Path) -> list[list[str]]:
    """Each step's output (stdout and stderr as a terminal would interleave them, near enough)."""
    steps = [step for block in blocks for step in block.steps]
    script = ["set +e", f"cd {work}"]
    for step in steps:
        script.append(f"echo {MARK}")
        script.append(f"{{\n{step.command}\n}} 2>&1")
    env = dict(os.environ, HOME=str(work), EXAMPLES=str(EXAMPLES), REALDATA=str(REALDATA), COLUMNS="100", CI="true", TZ="UTC",
               GIT_CONFIG_NOSYSTEM="1", REGENT_CACHE_DIR=str(work / ".cache"), LC_ALL="C.UTF-8")
    env.pop("REGENT_OPA_URL", None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), str(ROOT / ".tools" / "bin"), env["PATH"]])
    (work / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
    done = subprocess.run(["bash", "-c", "\n".join(script)], env=env, capture_output=True, text=True, timeout=900)
    outputs = done.stdout.split(MARK + "\n")[1:]
    if len(outputs) != len(steps):
        raise SystemExit(f"the guide's session stopped early:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    paths = [(str(work), HOME), (str(EXAMPLES), "$EXAMPLES"), (str(REALDATA), "$REALDATA")]
    result = []
    for text in outputs:
        for real, shown in paths:
            text = text.replace(real, shown)
        result.append([line.rstrip() for line in text.rstrip("\n").split("\n")] if text.strip() else [])
    return result


def masked(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for pattern, mask in _VOLATILE:
            line = pattern.sub(mask, line)
        out.append(line.rstrip())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="write the real outputs into the guide")
    mode.add_argument("--check", action="store_true", help="exit 1 when an output differs from the guide's")
    args = parser.parse_args()
    if shutil.which("regent", path=str(Path(sys.executable).parent)) is None:
        raise SystemExit("regent is not installed beside this python: run make setup")

    lines = GUIDE.read_text().split("\n")
    blocks = parse(lines)
    with tempfile.TemporaryDirectory(prefix="regent-guide-") as folder:
        outputs = run(blocks, Path(folder).resolve())
    steps = [step for block in blocks for step in block.steps]

    if args.check:
        failed = 0
        for step, actual in zip(steps, outputs, strict=True):
            if masked(step.output) != masked(actual):
                failed += 1
                diff = difflib.unified_diff(masked(step.output), masked(actual), "guide", "now", lineterm="")
                print(f"$ {step.command}\n" + "\n".join(diff) + "\n")
        print(f"{len(steps)} commands, {failed} with output other than the guide shows")
        return 1 if failed else 0

    rewritten: list[str] = []
    position = 0
    it = iter(outputs)
    for block in blocks:
        rewritten += lines[position:block.start + 1]
        for step in block.steps:
            rewritten += [f"$ {line}" if n == 0 else line for n, line in enumerate(step.command.split("\n"))]
            rewritten += next(it)
        position = block.end
    rewritten += lines[position:]
    GUIDE.write_text("\n".join(rewritten))
    print(f"{GUIDE.relative_to(ROOT)}: {len(steps)} commands run, outputs written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
