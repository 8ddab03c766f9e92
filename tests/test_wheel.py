"""The installed wheel works outside the source tree.

The wheel is built from a copy of the project (with build isolation, as pip
builds it for anyone), installed with its dependencies into a fresh virtual
environment, and its ``regent`` command lays out, scans and reports on a new
evidence repository in a folder that has nothing to do with the project. It
must bring one import package, ``regent``, into site-packages and nothing
generic beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "examples" / "ci" / "github" / "regent-gate.yml"
# What the project's folders would be called had they leaked into site-packages as top-level names.
GENERIC = {"engine", "evidence", "policies", "examples", "cli", "cli.py", "commands", "scripts", "tests", "bench"}
# Reports the installed distribution from inside the new environment.
PROBE = """
import json, sysconfig
from importlib import metadata
import regent
files = metadata.distribution("regent").files or []
print(json.dumps({
    "site": sysconfig.get_paths()["purelib"],
    "module": regent.__file__,
    "version": regent.__version__,
    "top": sorted({f.parts[0] for f in files if f.parts[0] != ".."}),
    "outside": sorted(str(f) for f in files if f.parts[0] == ".."),
}))
"""


def _run(*args: str | Path, cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode in ok, f"{' '.join(map(str, args))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _environment(opa_binary: Path, tmp_path: Path) -> dict[str, str]:
    """This process's environment without anything that points Python at the source tree."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "REGENT_OPA_URL", "REGENT_OPA_TOKEN")
           and not k.startswith("GIT_")}
    env.update(REGENT_OPA=str(opa_binary), REGENT_CACHE_DIR=str(tmp_path / "cache"), CI="true",
               PIP_DISABLE_PIP_VERSION_CHECK="1", TZ="UTC")
    return env


def _build_wheel(tmp_path: Path, env: dict[str, str]) -> Path:
    # A copy, so that the build's own folders (build/, *.egg-info) stay out of the source tree.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".tools", "build", "*.egg-info", "__pycache__", ".*_cache"))
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-q", "-w", dist, cwd=tmp_path, env=env)
    (wheel,) = dist.glob("regent-*.whl")
    return wheel


def _commit(repo: Path, email: str, env: dict[str, str]) -> None:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    name = email.split("@")[0]
    as_person = dict(env, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_AUTHOR_DATE=now,
                     GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email, GIT_COMMITTER_DATE=now)
    _run("git", "add", "-A", cwd=repo, env=as_person)
    _run("git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Start the evidence repository",
         cwd=repo, env=as_person)


def test_the_installed_wheel_inits_scans_and_reports_outside_the_source_tree(
    tmp_path: Path, opa_binary: Path
) -> None:
    env = _environment(opa_binary, tmp_path)
    wheel = _build_wheel(tmp_path, env)

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path, env=env)
    python, regent = venv / "bin" / "python", venv / "bin" / "regent"
    _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path, env=env)

    work = tmp_path / "work"
    work.mkdir()
    installed: dict[str, Any] = json.loads(_run(python, "-c", PROBE, cwd=work, env=env))
    site = Path(installed["site"])
    assert Path(installed["module"]).is_relative_to(site), installed["module"]
    assert installed["top"] == ["regent", f"regent-{installed['version']}.dist-info"]
    assert [Path(p).name for p in installed["outside"]] == ["regent"]  # the console script
    assert not GENERIC & {p.name for p in site.iterdir()}

    repo = work / "evidence"
    _run(regent, "init", repo, cwd=work, env=env)
    assert (repo / ".github" / "workflows" / "regent-gate.yml").read_bytes() == WORKFLOW.read_bytes()
    people = yaml.safe_load((repo / "people.yaml").read_text(encoding="utf-8"))["people"]
    _commit(repo, people[0]["emails"][0], env)

    scanned = json.loads(_run(regent, "scan", repo, "--format", "json", cwd=work, env=env))
    assert scanned["findings"] == [], json.dumps(scanned["findings"], indent=2)
    assert scanned["summary"]["records"] > 0

    month = datetime.now(timezone.utc).strftime("%Y-%m")
    report = work / "report.html"
    _run(regent, "report", repo, "--month", month, "--format", "html", "--output", report, cwd=work, env=env)
    assert month in report.read_text(encoding="utf-8")
