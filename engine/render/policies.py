"""Output of ``regent policies``: the check list, one check in full, and catalog coverage.

Text is plain and aligned, for a terminal or a pipe into grep; JSON carries
the same facts for tools.
"""

from __future__ import annotations

import textwrap
from typing import Any, Iterable, Mapping, Sequence

import orjson
import yaml

from regent.engine.catalog import Catalog, CoverageRow
from regent.engine.model import SEVERITY_RANK, CheckInfo
from regent.frameworks import NAMES

FRAMEWORK_NAMES: Mapping[str, str] = NAMES  # each framework's name, its catalog's title

_STATUS_MARK = {"automated": "●", "partly": "◐", "manual": "○"}


def _json(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n"


def check_dict(info: CheckInfo) -> dict[str, Any]:
    return {
        "id": info.id, "title": info.title, "severity": info.severity, "origin": info.origin,
        "description": info.description, "remediation": info.remediation, "kinds": list(info.kinds),
        "config": list(info.config), "evidence_types": list(info.evidence_types),
        "controls": {fw: list(ids) for fw, ids in info.controls.items()},
    }


def list_text(checks: Sequence[CheckInfo]) -> str:
    lines = []
    for info in checks:
        origin = "" if info.origin == "builtin" else f" [{info.origin}]"
        lines.append(f"{info.id:<14} {info.severity:<8} {info.title}{origin}")
        controls = " · ".join(f"{fw} {' '.join(ids)}" for fw, ids in info.controls.items())
        if controls:
            lines.append(f"{'':<24}{controls}")
    return "\n".join(lines) + "\n"


def list_json(checks: Sequence[CheckInfo]) -> str:
    return _json([check_dict(info) for info in checks])


def sort_checks(checks: Iterable[CheckInfo]) -> list[CheckInfo]:
    """Most severe first, then by id."""
    return sorted(checks, key=lambda c: (-SEVERITY_RANK.get(c.severity, -1), c.id))


def show_text(info: CheckInfo, catalogs: Mapping[str, Catalog], settings: Sequence[Mapping[str, Any]]) -> str:
    """One check in full: what it asks, how to fix it, its controls by name, its settings and an example."""
    wrap = textwrap.TextWrapper(width=100, initial_indent="  ", subsequent_indent="  ")
    reads = ", ".join(info.kinds) or "every kind"
    if info.evidence_types:
        reads += f" (evidence of type {', '.join(info.evidence_types)})"
    out = [f"{info.id}  {info.title}", f"severity {info.severity} · {info.origin} · reads {reads}", ""]
    if info.description:
        out += ["What it checks", wrap.fill(info.description), ""]
    if info.remediation:
        out += ["Remediation", wrap.fill(info.remediation), ""]
    out.append("Controls")
    for framework, ids in info.controls.items():
        catalog = catalogs.get(framework)
        name = FRAMEWORK_NAMES.get(framework, framework)
        for index, control in enumerate(ids):
            label = catalog.label(control) if catalog else control
            out.append(f"  {name if index == 0 else '':<22} {label}")
    out.append("")
    if settings:
        out.append("Settings (regent.yaml)")
        for s in settings:
            default = "" if s["value"] == s["default"] or s["default"] is None else f" (default {_plain(s['default'])})"
            out.append(f"  {s['path']} = {_plain(s['value'])}{default}")
            if s["description"]:
                out.append(textwrap.fill(s["description"], width=100, initial_indent="      ",
                                         subsequent_indent="      "))
        out.append("")
    if info.example:
        out.append("Example: records it flags")
        readable = {kind: [_record_order(r) for r in records] if isinstance(records, list) else records
                    for kind, records in info.example.items()}
        example = yaml.safe_dump(readable, sort_keys=False, allow_unicode=True, width=96)
        out += ["  " + line for line in example.rstrip("\n").splitlines()]
        out.append("")
    return "\n".join(out)


def show_json(info: CheckInfo, catalogs: Mapping[str, Catalog], settings: Sequence[Mapping[str, Any]]) -> str:
    doc = check_dict(info)
    doc["controls"] = {
        fw: [{"id": c, "title": catalogs[fw].controls[c].title if fw in catalogs and c in catalogs[fw].controls
              else None} for c in ids]
        for fw, ids in info.controls.items()
    }
    doc["settings"] = list(settings)
    doc["example"] = info.example
    return _json(doc)


_FIRST = ("kind", "id", "title", "name")


def _record_order(record: Any) -> Any:
    """A record with kind, id and its title or name first, as a person would write it (OPA sorts keys)."""
    if not isinstance(record, dict):
        return record
    return {**{k: record[k] for k in _FIRST if k in record}, **{k: v for k, v in record.items() if k not in _FIRST}}


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    return str(value)


def coverage_summary(framework: str, rows: Sequence[CoverageRow]) -> dict[str, Any]:
    counts = {status: sum(1 for r in rows if r.status == status) for status in _STATUS_MARK}
    return {"framework": framework, "name": FRAMEWORK_NAMES.get(framework, framework), "controls": len(rows),
            **counts}


def coverage_text(report: Mapping[str, Sequence[CoverageRow]], gaps_only: bool = False) -> str:
    out = []
    for framework, rows in report.items():
        s = coverage_summary(framework, rows)
        out.append(f"{s['name']}: {s['automated']} of {s['controls']} catalog entries tested by a check, "
                   f"{s['partly']} partly (through entries below them), {s['manual']} not automated")
        for row in rows:
            if gaps_only and row.status != "manual":
                continue
            indent = "  " * row.depth
            checks = ", ".join(row.checks) if row.checks else (
                f"{len(row.below)} checks below" if row.below else "not automated")
            out.append(f"  {_STATUS_MARK[row.status]} {indent}{row.control.id:<{max(10 - len(indent), 1)}} "
                       f"{row.control.title[:58]:<58}  {checks}")
        out.append("")
    out.append("● tested by a check   ◐ only controls below it are   ○ not automated: test it by hand")
    return "\n".join(out) + "\n"


def coverage_json(report: Mapping[str, Sequence[CoverageRow]]) -> str:
    return _json([
        {**coverage_summary(framework, rows), "rows": [
            {"id": r.control.id, "title": r.control.title, "parent": r.control.parent, "status": r.status,
             "checks": list(r.checks), "checks_below": list(r.below)}
            for r in rows
        ]}
        for framework, rows in report.items()
    ])
