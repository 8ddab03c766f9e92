"""Baselines: the findings a team has accepted for now, so that only new ones are reported.

A baseline keys each finding by its check, record kind and record id: not by
file or line, so moving or reformatting a record does not bring its findings
back. A record with several findings of one check keeps them apart by message;
when the messages change (a count in it moved), the baseline still covers as
many findings of that check on that record as it held. A finding that cannot
name a record (a file that does not parse) is keyed by its path instead.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

import orjson

from regent.engine.model import BaselineSummary, Finding, ScanResult, StaleEntry
from regent.engine.errors import InputFileError

FORMAT = "regent-baseline/1"

Key = tuple[str, str | None, str | None]


def key(finding: Finding) -> Key:
    if finding.record.id is None:
        return (finding.check, finding.record.kind, f"path:{finding.record.path}")
    return (finding.check, finding.record.kind, finding.record.id)


def write(result: ScanResult, path: Path) -> int:
    """Store the result's open findings (waived ones are accepted already); returns how many."""
    kept = [f for f in result.findings if f.status != "waived"]
    entries = sorted(
        ({"check": k[0], "kind": k[1], "id": k[2], "severity": f.severity, "message": f.message}
         for f in kept for k in [key(f)]),
        key=lambda e: (e["check"], e["kind"] or "", e["id"] or "", e["message"]),
    )
    document = {"format": FORMAT, "regent": result.regent_version, "revision": result.repository.get("revision"),
                "reference_time": result.reference_time, "findings": entries}
    try:
        path.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    except OSError as exc:
        raise InputFileError(f"cannot write the baseline {path}: {exc.strerror}") from None
    return len(entries)


def read(path: Path) -> list[dict[str, Any]]:
    try:
        document = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise InputFileError(f"cannot read the baseline {path}: {exc.strerror}") from None
    except orjson.JSONDecodeError as exc:
        raise InputFileError(f"{path}:{exc.lineno}: the baseline is not JSON: {exc.msg}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(
            document.get("findings"), list):
        raise InputFileError(f"{path}:1: not a Regent baseline (write one with `regent scan --write-baseline FILE`)")
    for number, entry in enumerate(document["findings"], 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("check"), str):
            raise InputFileError(f"{path}: finding {number} of the baseline has no check id")
    return list(document["findings"])


def apply(result: ScanResult, entries: Iterable[dict[str, Any]], source: Path) -> ScanResult:
    """The result without the findings the baseline holds, and the baseline's stale entries listed.

    Waived findings are reported as before: a waiver, not the baseline, covers them.
    """
    allowance: Counter[Key] = Counter()
    messages: dict[Key, set[str]] = defaultdict(set)
    for entry in entries:
        k = (str(entry["check"]), entry.get("kind"), entry.get("id"))
        allowance[k] += 1
        messages[k].add(str(entry.get("message", "")))
    by_key: dict[Key, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        if finding.status != "waived":
            by_key[key(finding)].append(finding)
    covered: set[int] = set()
    for k, found in by_key.items():
        # Findings whose message the baseline holds are covered first, then any others up to its count.
        ranked = sorted(found, key=lambda f: f.message not in messages.get(k, ()))
        covered.update(id(f) for f in ranked[:allowance.get(k, 0)])
    stale = tuple(StaleEntry(check=k[0], kind=k[1], id=k[2], count=n - len(by_key.get(k, ())))
                  for k, n in sorted(allowance.items(), key=lambda item: tuple(str(v) for v in item[0]))
                  if n > len(by_key.get(k, ())))
    kept = tuple(f for f in result.findings if id(f) not in covered)
    return replace(result, findings=kept, baseline=BaselineSummary(file=str(source), known=len(covered), stale=stale))
