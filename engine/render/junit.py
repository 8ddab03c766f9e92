"""``--format junit``: a JUnit XML report for CI dashboards, one test case per check and record.

The report keeps to the strict Ant JUnit schema that most dashboards read:
each ``<testsuite>`` (one per check) carries ``id``, ``package``, ``hostname``,
``timestamp`` and ``time``, then ``<properties>``, its test cases,
``<system-out>`` and ``<system-err>``. That schema has no ``<skipped>``, so a
waived finding is a passing case and the suite's ``<system-out>`` says which
waiver covers it. Times are zero and the timestamp is the scan's reference
time, so that the same scan gives the same report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable

from regent.engine.model import ChangedFile, CheckInfo, Finding, GateSummary, ScanResult
from regent.engine.render.base import Renderer
from regent.engine.render.policies import FRAMEWORK_NAMES

# The host is not part of a scan's result; a fixed name keeps the report reproducible.
HOSTNAME = "localhost"
PACKAGE = "regent"
ALL_RECORDS = "all records"

# Characters XML 1.0 cannot hold at all (a record's bytes may contain them).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JUnitRenderer(Renderer):
    def render(self, result: ScanResult) -> str:
        root = junit_tree(result)
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def case_name(kind: str | None, record_id: str | None, path: str, line: int) -> str:
    """``change CHG-1 (changes/CHG-1.yaml:14)``; a file no record could be read from is named by its path."""
    where = f"{path}:{line}" if path and line >= 1 else path
    if kind is None or record_id is None:
        return where or "unknown record"
    return f"{kind} {record_id} ({where})" if where else f"{kind} {record_id}"


def junit_tree(result: ScanResult) -> ET.Element:
    checks = dict(result.checks)
    for f in result.findings:
        checks.setdefault(f.check, CheckInfo(id=f.check, title=f.title, severity=f.severity,
                                             remediation=f.remediation, controls=f.controls))
    by_check: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_check.setdefault(f.check, []).append(f)
    changed = _changed_records(result.gate) if result.gate is not None else []

    root = ET.Element("testsuites")
    timestamp = _timestamp(result.reference_time)
    for check_id in sorted(checks):
        info = checks[check_id]
        findings = by_check.get(check_id, [])
        read = [r for r in changed if not info.kinds or r.kind in info.kinds]
        if result.gate is not None and not findings and not read:
            continue
        suite = ET.SubElement(root, "testsuite", {
            "name": check_id, "package": PACKAGE, "id": str(len(root)), "hostname": HOSTNAME,
            "timestamp": timestamp, "time": "0"})
        properties = ET.SubElement(suite, "properties")
        for name, value in _properties(info, result):
            ET.SubElement(properties, "property", {"name": name, "value": _xml_text(value)})
        waived = []
        for f in findings:
            _finding_case(suite, f)
            if f.status == "waived":
                waived.append(f)
        if result.gate is not None:
            flagged = {(f.record.kind, f.record.id) for f in findings}
            for record in read:
                if (record.kind, record.id) not in flagged:
                    _case(suite, check_id, case_name(record.kind, record.id, record.path, 0))
        elif not findings:
            _case(suite, check_id, ALL_RECORDS)
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
        suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
        out = ET.SubElement(suite, "system-out")
        out.text = _xml_text("".join(
            f"waived by {f.waiver or 'a waiver'}: {_name(f)}: {f.message}\n" for f in waived))
        ET.SubElement(suite, "system-err").text = ""
    return root


def _case(suite: ET.Element, check_id: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": check_id, "name": _xml_text(name), "time": "0"})


def _name(f: Finding) -> str:
    return case_name(f.record.kind, f.record.id, f.record.path, f.record.line)


def _finding_case(suite: ET.Element, f: Finding) -> None:
    case = _case(suite, f.check, _name(f))
    if f.status == "waived":
        return
    outcome = ET.SubElement(case, "error" if f.status == "error" else "failure",
                            {"message": _xml_text(f.message), "type": f.severity})
    body = [f.message, ""]
    if f.remediation:
        body += [f"Remediation: {f.remediation}", ""]
    body += [f"{FRAMEWORK_NAMES.get(fw, fw)}: {', '.join(ids)}" for fw, ids in f.controls.items()]
    outcome.text = _xml_text("\n".join(body).rstrip("\n") + "\n")


def _properties(info: CheckInfo, result: ScanResult) -> Iterable[tuple[str, str]]:
    yield "title", info.title
    yield "severity", info.severity
    if info.remediation:
        yield "remediation", info.remediation
    for fw, ids in info.controls.items():
        if not result.frameworks or fw in result.frameworks:
            yield f"controls.{fw}", ", ".join(ids)
    yield "reference_time", result.reference_time
    if result.repository.get("revision"):
        yield "revision", str(result.repository["revision"])
    yield "policy_digest", result.policy_digest


def _changed_records(gate: GateSummary) -> list[ChangedFile]:
    """The records the request added or changed and that exist at its head (a deleted one has nothing to pass)."""
    out = [c for c in gate.changed if c.kind is not None and c.id is not None and c.status != "deleted"]
    return sorted(out, key=lambda c: (str(c.kind), str(c.id), c.path))


def _timestamp(reference_time: str) -> str:
    """The schema's timestamp has no zone; the reference time is UTC, so its ``Z`` goes."""
    return reference_time[:19]


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)
