"""Which files of a revision hold records: YAML and JSON files outside hidden folders, other than
the two configuration files, less what ``exclude`` in ``regent.yaml`` leaves out."""

from __future__ import annotations

import re
from typing import Callable, Iterable

from regent.evidence.config import CONFIG_FILE, PEOPLE_FILE, RECORD_SUFFIXES, RepoConfig
from regent.evidence.gitrepo import Entry


def record_files(files: Iterable[Entry], config: RepoConfig) -> list[Entry]:
    """The files that hold records, by path: YAML and JSON files outside hidden folders, less
    the configuration files and what ``exclude`` leaves out."""
    holds_records = _record_rule(config)
    return sorted((f for f in files if holds_records(f.path)), key=lambda f: f.path)


def record_paths(paths: Iterable[str], config: RepoConfig) -> list[str]:
    """The paths among ``paths`` that hold records, sorted, by the rule of :func:`record_files`."""
    return sorted(filter(_record_rule(config), paths))


def _record_rule(config: RepoConfig) -> Callable[[str], bool]:
    excluded = exclusion(config.exclude)
    return lambda path: is_record_path(path) and not excluded(path)


def is_record_path(path: str) -> bool:
    """A YAML or JSON file outside hidden folders, other than the two configuration files."""
    if not path.endswith(RECORD_SUFFIXES) and not path.lower().endswith(RECORD_SUFFIXES):
        return False
    return path not in (CONFIG_FILE, PEOPLE_FILE) and not path.startswith(".") and "/." not in path


def exclusion(patterns: Iterable[str]) -> Callable[[str], bool]:
    """One regular expression for every exclude pattern: it is matched against each path."""
    combined = re.compile("|".join(f"(?:{glob(p)})" for p in patterns) or r"(?!)")
    return lambda path: combined.match(path) is not None


def glob(pattern: str) -> str:
    """A path glob as a regular expression: ``**`` spans folders, ``*`` and ``?`` stay within one."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out) + r"\Z"
