"""The monthly report as one self-contained HTML page, for an auditor to open from an e-mail and print.

The page shows what the JSON document of the report holds (report_document), nothing more: the summary,
two trend charts drawn as inline SVG from the month-end figures, a controls table per framework, the
evidence of the month, the changes since the previous month end, the waivers running out and what
reproduces the report. Each manifest of the month names the controls it supports (those of the checks
that judge evidence of its type), and each such control how many manifests it has. Nothing is fetched:
the CSS is inlined and there is no script. Long lists are cut to their first rows and say how many were
left out; a control shows how many findings it has and the first few records of each check behind them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import jinja2

from regent.engine.model import SEVERITIES, ControlState, framework_rank
from regent.engine.render.report import controls_lines, report_document
from regent.engine.report import Report

FIRST_RECORDS = 3  # records shown per check in a control's findings
LIST_ROWS = 100  # rows shown of the evidence gaps, new and resolved findings before "and N more"
EVIDENCE_ROWS = 500  # manifests of the month shown before "and N more"
SEVERITY_ORDER = tuple(reversed(SEVERITIES))  # the worst first
STATUS_ORDER = tuple(state.label for state in ControlState)  # as the report counts them
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 2")

# Chart frame, in SVG user units: the plot on the left, the legend in a column on the right.
WIDTH, HEIGHT = 760, 308
LEFT, RIGHT, TOP, BOTTOM = 56, 556, 20, 256


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("regent.engine.render", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(report: Report) -> str:
    """The report as an HTML5 document."""
    doc = report_document(report)
    by_path: dict[str, list[Mapping[str, Any]]] = {}
    for f in doc["findings"]:
        by_path.setdefault(f["record"]["path"], []).append(f)
    frameworks = sorted(doc["frameworks"].items(), key=lambda item: framework_rank(item[0]))
    names = {key: fw["name"] for key, fw in frameworks}
    changes = doc["changes"]
    return _environment().get_template("report.html.j2").render(
        doc=doc,
        severities=SEVERITY_ORDER,
        first_records=FIRST_RECORDS,
        frame={"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": RIGHT, "top": TOP, "bottom": BOTTOM,
               "middle": (TOP + BOTTOM) / 2, "centre": (LEFT + RIGHT) / 2, "legend": RIGHT + 24},
        statuses=[(s, _slug(s)) for s in STATUS_ORDER],
        frameworks=[_framework(key, fw) for key, fw in frameworks],
        severity_chart=_severity_chart(doc["trend"]),
        controls_chart=_controls_chart(doc["trend"], names),
        evidence=_cut([dict(_evidence(e, by_path.get(e["path"], [])),
                            controls_text=controls_lines(e.get("controls") or {}))
                       for e in doc["evidence"]["collected"]], EVIDENCE_ROWS),
        by_control=_by_control(doc["evidence"]["by_control"], frameworks),
        gaps=_cut([dict(g, controls_text=controls_lines(g["controls"])) for g in doc["evidence"]["gaps"]]),
        new=_cut(changes["new"]),
        resolved=_cut(changes["resolved"]),
    )


def _slug(text: str) -> str:
    return "-".join(str(text).split())


def _cut(rows: Sequence[Any], limit: int = LIST_ROWS) -> dict[str, Any]:
    """The first ``limit`` rows and how many more there are."""
    return {"rows": list(rows[:limit]), "total": len(rows), "more": max(0, len(rows) - limit)}


def _framework(key: str, framework: Mapping[str, Any]) -> dict[str, Any]:
    """A framework's controls, each with its findings grouped by check (waived ones apart)."""
    controls = []
    for c in framework["controls"]:
        groups: dict[tuple[str, bool], dict[str, Any]] = {}
        for f in c["findings"]:
            waived = f["status"] == "waived"
            group = groups.setdefault((f["check"], waived), {"check": f["check"], "waived": waived, "count": 0,
                                                             "records": {}})
            group["count"] += 1
            group["records"].setdefault(str(f["record"] or f["path"]), f["message"])
        shown = []
        for group in groups.values():
            records = list(group["records"].items())
            shown.append({**group, "records": records[:FIRST_RECORDS],
                          "more": max(0, len(records) - FIRST_RECORDS)})
        controls.append({**c, "slug": _slug(c["status"]), "groups": shown, "count": len(c["findings"]),
                         "waived": sum(1 for f in c["findings"] if f["status"] == "waived")})
    return {"key": key, "name": framework["name"], "counts": framework["status_counts"], "controls": controls}


def _evidence(item: Mapping[str, Any], findings: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A manifest of the month with why its artifacts do not verify: the findings on the manifest that
    name an artifact that does not, else the artifacts themselves."""
    if item["verified"] is None:
        return {**item, "verifies": "no artifacts", "reasons": ["the manifest lists no artifact"]}
    if item["verified"]:
        return {**item, "verifies": "yes", "reasons": []}
    bad = [a["path"] for a in item["artifacts"] if not a["verified"]]
    reasons = [f["message"] for f in findings if f["status"] != "waived" and any(p in f["message"] for p in bad)]
    return {**item, "verifies": "no",
            "reasons": reasons or [f"{p} is missing or does not match its recorded SHA-256" for p in bad]}


def _by_control(counts: Mapping[str, Mapping[str, int]],
                frameworks: Sequence[tuple[str, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """A row per control that manifests of the month support: its framework, id, title and how many."""
    rows = []
    for key, framework in frameworks:
        titles = {c["id"]: c["title"] for c in framework["controls"]}
        rows += [{"key": key, "framework": framework["name"], "id": control_id, "title": titles.get(control_id, ""),
                  "count": n} for control_id, n in (counts.get(key) or {}).items()]
    return rows


def _axis(top: int, steps: int = 4) -> list[int]:
    """Round tick values from 0 to at or above ``top``, ``steps`` intervals."""
    top = max(top, 1)
    magnitude = 1
    while True:
        for m in (1, 2, 5, 10, 25):
            step = m * magnitude
            if step * steps >= top:
                return [step * i for i in range(steps + 1)]
        magnitude *= 10


def _slots(trend: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each month end's place on the x axis, its label and, for an unscanned one, its gap band."""
    slot = (RIGHT - LEFT) / max(len(trend), 1)
    every = max(1, -(-len(trend) // 12))  # at most twelve month labels
    out = []
    for i, point in enumerate(trend):
        x = LEFT + slot * i
        year, number = point["month"].split("-")
        shown = i % every == 0 or i == len(trend) - 1
        out.append({"month": point["month"], "x": round(x, 1), "width": round(slot, 1),
                    "centre": round(x + slot / 2, 1), "scanned": point["scanned"],
                    "label": MONTH_NAMES[int(number) - 1] if shown else "",
                    "year": year if shown and (i == 0 or number == "01" or every > 1) else ""})
    return out


def _y(value: float, top: float) -> float:
    return round(BOTTOM - (BOTTOM - TOP) * value / top, 1) if top else BOTTOM


def _severity_chart(trend: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Stacked bars of the open findings by severity at each month end."""
    totals = [sum(p["open_by_severity"].values()) for p in trend if p["scanned"]]
    ticks = _axis(max(totals, default=0))
    top = ticks[-1]
    slots = _slots(trend)
    bar = min(44.0, slots[0]["width"] * 0.62) if slots else 0
    bars = []
    for slot, point in zip(slots, trend, strict=True):
        if not point["scanned"]:
            continue
        base, segments = 0, []
        for severity in reversed(SEVERITY_ORDER):
            n = int(point["open_by_severity"].get(severity, 0))
            if n:
                y0, y1 = _y(base, top), _y(base + n, top)
                segments.append({"severity": severity, "count": n, "y": y1, "height": round(y0 - y1, 1),
                                 "text_y": round((y0 + y1) / 2 + 4, 1), "labelled": y0 - y1 >= 14})
            base += n
        bars.append({"month": point["month"], "x": round(slot["centre"] - bar / 2, 1), "width": round(bar, 1),
                     "centre": slot["centre"], "total": base, "total_y": _y(base, top) - 5, "segments": segments})
    legend = [{"severity": s, "y": TOP + 8 + 22 * i} for i, s in enumerate(SEVERITY_ORDER)]
    return {"ticks": [{"value": t, "y": _y(t, top)} for t in ticks], "slots": slots, "bars": bars,
            "legend": legend, "scanned": bool(totals)}


def _controls_chart(trend: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> dict[str, Any]:
    """Lines of the share of controls held per framework at each month end, broken where a month end
    was not scanned; each point says held of total."""
    slots = _slots(trend)
    keys = sorted({fw for p in trend for fw in p["controls"]}, key=framework_rank)
    series = []
    for i, key in enumerate(keys):
        runs: list[list[dict[str, Any]]] = [[]]
        latest = None
        for slot, point in zip(slots, trend, strict=True):
            total = int(point["controls"].get(key, 0))
            if not point["scanned"] or not total:
                if runs[-1]:
                    runs.append([])
                continue
            held = int(point["controls_held"].get(key, 0))
            latest = {"month": point["month"], "held": held, "total": total}
            runs[-1].append({"x": slot["centre"], "y": _y(100 * held / total, 100), "month": point["month"],
                             "held": held, "total": total})
        points = [p for run in runs for p in run]
        series.append({
            "key": key, "name": names.get(key, key), "index": i, "dash": DASHES[i % len(DASHES)],
            "marker": MARKERS[i % len(MARKERS)], "latest": latest,
            "lines": [" ".join(f"{p['x']},{p['y']}" for p in run) for run in runs if len(run) > 1],
            "points": [{**p, "shape": _marker(MARKERS[i % len(MARKERS)], p["x"], p["y"])} for p in points],
            "legend_y": TOP + 8 + 40 * i,
            "legend_shape": _marker(MARKERS[i % len(MARKERS)], RIGHT + 32, TOP + 8 + 40 * i),
        })
    ticks = [{"value": t, "y": _y(t, 100)} for t in (0, 25, 50, 75, 100)]
    return {"ticks": ticks, "slots": slots, "series": series, "gap_y": TOP + 8 + 40 * len(series)}


def _marker(shape: str, x: float, y: float, r: float = 4.5) -> str:
    """An SVG path of a point marker: shapes tell the lines apart in grey print."""
    x, y = round(x, 1), round(y, 1)
    if shape == "circle":
        return f"M{x - r},{y} a{r},{r} 0 1,0 {2 * r},0 a{r},{r} 0 1,0 {-2 * r},0 Z"
    if shape == "square":
        return f"M{x - r},{y - r} h{2 * r} v{2 * r} h{-2 * r} Z"
    if shape == "triangle":
        return f"M{x},{y - r - 1} L{x + r + 1},{y + r} L{x - r - 1},{y + r} Z"
    if shape == "diamond":
        return f"M{x},{y - r - 1} L{x + r + 1},{y} L{x},{y + r + 1} L{x - r - 1},{y} Z"
    return f"M{x - r},{y - r} L{x + r},{y + r} M{x + r},{y - r} L{x - r},{y + r}"
