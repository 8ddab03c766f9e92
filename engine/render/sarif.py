"""``--format sarif``: SARIF 2.1.0 for code-scanning views (GitHub, GitLab, IDE viewers).

One run. Every check of the scan is a rule, every finding a result that points
at the record's file and line. Waived findings stay in the log with an
external suppression naming the waiver, so a viewer can show them as dismissed
rather than lose them. Nothing here depends on the clock: the same scan gives
the same log.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote

import orjson

from regent.engine.model import CheckInfo, Finding, ScanResult
from regent.engine.render.base import Renderer
from regent.engine.render.policies import FRAMEWORK_NAMES

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "regentFinding/v1"

LEVELS: Mapping[str, str] = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
# GitHub ranks security alerts by this number (a string): 9.0+ critical, 7.0+ high, 4.0+ medium, below low.
SECURITY_SEVERITY: Mapping[str, str] = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}


class SarifRenderer(Renderer):
    def render(self, result: ScanResult) -> str:
        return orjson.dumps(sarif_log(result), option=orjson.OPT_INDENT_2).decode() + "\n"


def sarif_log(result: ScanResult) -> dict[str, Any]:
    """The SARIF log of a scan, as plain data."""
    checks = _checks(result)
    index = {check_id: i for i, check_id in enumerate(checks)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "Regent",
            "version": result.regent_version,
            "semanticVersion": result.regent_version,
            "rules": [_rule(info, result.frameworks) for info in checks.values()],
        }},
        "invocations": [_invocation(result)],
    }
    root = _root_uri(result.repository)
    if root:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": root, "description": {
            "text": "The evidence repository that was scanned"}}}
    revision = result.repository.get("revision")
    if revision:
        run["versionControlProvenance"] = [{
            "repositoryUri": str(result.repository.get("remote") or root or "file:///"),
            "revisionId": str(revision),
        }]
    run["results"] = _results(result.findings, index, declared_root=bool(root))
    run["columnKind"] = "unicodeCodePoints"
    run["properties"] = {
        "referenceTime": result.reference_time,
        "policyDigest": result.policy_digest,
        "opaVersion": result.opa_version,
        "records": result.records,
        "frameworks": list(result.frameworks),
        **({"asOf": result.repository["as_of"]} if result.repository.get("as_of") else {}),
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _checks(result: ScanResult) -> dict[str, CheckInfo]:
    """Every check of the scan by id, plus any check a finding names that the scan did not list."""
    checks = dict(result.checks)
    for f in result.findings:
        if f.check not in checks:
            checks[f.check] = CheckInfo(id=f.check, title=f.title, severity=f.severity,
                                        remediation=f.remediation, controls=f.controls)
    return dict(sorted(checks.items()))


def pascal_case(title: str) -> str:
    """``Change approved by its own requester`` -> ``ChangeApprovedByItsOwnRequester``."""
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Check"


def _rule(info: CheckInfo, frameworks: tuple[str, ...]) -> dict[str, Any]:
    controls = _controls(info.controls, frameworks)
    tags = ["compliance", "security", f"severity/{info.severity}"]
    tags += [f"{fw}/{control}" for fw, ids in controls.items() for control in ids]
    markdown = info.remediation or info.title
    if controls:
        markdown += "\n\n**Controls this check evidences**\n\n" + "\n".join(
            f"- {FRAMEWORK_NAMES.get(fw, fw)}: {', '.join(ids)}" for fw, ids in controls.items())
    return {
        "id": info.id,
        "name": pascal_case(info.title),
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.description or info.title},
        "help": {"text": info.remediation or info.title, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "warning")},
        "properties": {
            "tags": list(dict.fromkeys(tags)),
            "precision": "very-high",
            "problem.severity": {"critical": "error", "high": "error", "medium": "warning"}.get(
                info.severity, "recommendation"),
            "security-severity": SECURITY_SEVERITY.get(info.severity, "5.5"),
            "severity": info.severity,
            "origin": info.origin,
            "controls": {fw: list(ids) for fw, ids in controls.items()},
        },
    }


def _controls(controls: Mapping[str, tuple[str, ...]], frameworks: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The controls of the frameworks the scan reports on (all of them if the scan names none)."""
    return {fw: ids for fw, ids in controls.items() if not frameworks or fw in frameworks}


def _results(findings: tuple[Finding, ...], index: Mapping[str, int], declared_root: bool) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        key = fingerprint_key(f)
        seen[key] += 1
        # Two findings of one check on one record (two settings drifted, say) keep apart by their order.
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        out.append(_result(f, index[f.check], key, declared_root))
    return out


def fingerprint_key(f: Finding) -> str:
    """What identifies a finding from one scan to the next: the check and the record, not the line."""
    if f.record.kind is not None and f.record.id is not None:
        return f"{f.check}/{f.record.kind}/{f.record.id}"
    return f"{f.check}/file/{f.record.path}"


def _result(f: Finding, rule_index: int, key: str, declared_root: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": f.check,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message or f.title},
    }
    if f.record.path:
        artifact: dict[str, Any] = {"uri": _uri_path(f.record.path)}
        if declared_root:
            artifact["uriBaseId"] = SRCROOT
        physical: dict[str, Any] = {"artifactLocation": artifact}
        if f.record.line >= 1:
            physical["region"] = {"startLine": f.record.line}
        location: dict[str, Any] = {"physicalLocation": physical}
        if f.record.kind is not None and f.record.id is not None:
            location["logicalLocations"] = [{"name": str(f.record.id), "kind": "object",
                                             "fullyQualifiedName": f"{f.record.kind}/{f.record.id}"}]
        item["locations"] = [location]
    item["partialFingerprints"] = {FINGERPRINT: key}
    if f.status == "waived":
        item["suppressions"] = [{"kind": "external", "status": "accepted",
                                 "justification": f"Waived by {f.waiver or 'a waiver'} in the evidence repository"}]
    item["properties"] = {
        "severity": f.severity,
        "status": f.status,
        "record": {"kind": f.record.kind, "id": f.record.id},
        "controls": {fw: list(ids) for fw, ids in f.controls.items()},
        "remediation": f.remediation,
        **({"waiver": f.waiver} if f.waiver else {}),
        **({"evidence": dict(f.evidence)} if f.evidence else {}),
    }
    return item


def _uri_path(path: str) -> str:
    """A relative path as a URI reference: every byte but letters, digits, ``-._~`` and ``/`` percent-encoded
    (a colon left in the first segment would read as a URI scheme)."""
    return quote(path.replace("\\", "/"), safe="/")


def _root_uri(repository: Mapping[str, Any]) -> str | None:
    path = repository.get("path")
    if not path or not Path(str(path)).is_absolute():
        return None
    uri = Path(str(path)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _invocation(result: ScanResult) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if result.notes:
        invocation["toolExecutionNotifications"] = [
            {"level": "note", "message": {"text": note}} for note in result.notes]
    return invocation
