"""A scan's result, or the monthly report, as a NIST OSCAL 1.2 assessment-results document.

One result for the month (or for a scan's reference time): the controls of the frameworks in the report as
reviewed controls, an observation per evidence manifest collected in the month (examined) and per check with findings at
the month's end (tested), and a finding per control per framework stating whether it was satisfied,
related to the observations of its checks' findings and of the manifests of the types its checks judge.
What OSCAL has no field for (framework, check, severity, Regent's own control status) is in
properties of Regent's namespace. Identifiers are name-based UUIDs of what they identify, and the
document's own is derived from its content, so the same report is the same document, byte for byte.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping, Sequence
from urllib.parse import quote

import orjson

from regent.engine.model import ControlState, Finding
from regent.engine.render.base import plural
from regent.engine.render.policies import FRAMEWORK_NAMES
from regent.engine.catalog import load_catalogs
from regent.engine.model import ScanResult
from regent.engine.report import WAIVER_HORIZON_DAYS, Report, control_rows
from regent.engine.report_sections import ControlRow, EvidenceItem, Reproduction

OSCAL_VERSION = "1.2.3"
NS = "https://regent.dev/ns/oscal"
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)
FIRST_FINDINGS = 10  # findings listed as relevant evidence in a check's observation

# Regent's control status -> the objective's state, the reason, and why the one means the other.
STATES: Mapping[ControlState, tuple[str, str, str]] = {
    ControlState.HELD: ("satisfied", "pass",
             "Held: its checks judged the records they read and found nothing open at {moment}."),
    ControlState.FAILED: ("not-satisfied", "fail",
               "Failed: its checks found open findings at {moment}; the related observations list them."),
    ControlState.PARTLY_WAIVED: ("not-satisfied", "other",
                      "Partly waived: it holds only because waivers accept findings of its checks. An accepted "
                      "risk does not show the control operating, so it is reported not satisfied; the status "
                      "property keeps Regent's own status."),
    ControlState.NOT_TESTED: ("not-satisfied", "other",
                   "Not tested: no record of the kinds its checks read existed at {moment}, so nothing "
                   "showed the control operating. OSCAL has no state for an objective nobody could assess, so "
                   "it is reported not satisfied; the status property keeps Regent's own status."),
}
_NOT_TOKEN = re.compile(r"[^\w.\-]")


@dataclass(frozen=True)
class Assessment:
    """What one assessment-results document states: a scan's result, its controls per framework, the
    evidence examined (the report's month), and the words that place it in time."""

    key: str  # tells this result's identifiers from another's of the same scan: the month, or "scan"
    title: str  # the document's
    result_title: str
    version: str
    start: str  # RFC 3339
    summary: str
    result: ScanResult
    reproduce: Reproduction
    controls: Mapping[str, tuple[ControlRow, ...]]
    moment: str = "the month's end"  # when the controls' status holds, as the descriptions say it
    evidence: tuple[EvidenceItem, ...] = field(default_factory=tuple)
    remarks: str = ""


def render_oscal(report: Report) -> str:
    """The monthly report as an OSCAL assessment-results JSON document."""
    revision = report.reproduce.evidence_revision
    return render_assessment(Assessment(
        key=report.month, title=f"Regent evidence report, {report.month}",
        result_title=f"Regent evidence report {report.month}",
        version=f"{report.month}+{revision}" if revision else report.month,
        start=f"{report.period[0]}T00:00:00Z", summary=_summary(report), result=report.result,
        reproduce=report.reproduce, controls=report.controls, evidence=report.evidence,
        remarks=_waiver_remarks(report)))


def render_scan_oscal(result: ScanResult) -> str:
    """A scan's result as an OSCAL assessment-results JSON document: the report's document for one moment,
    the scan's reference time, without the month's evidence."""
    revision, as_of = result.repository.get("revision"), result.repository.get("as_of")
    when = f"as of {as_of}" if as_of else f"at {str(revision)[:12]}" if revision else "with no commit yet"
    worktree = " (its work tree, which may hold changes not committed)" if result.repository.get("worktree") else ""
    return render_assessment(Assessment(
        key="scan", title=f"Regent scan {when}", result_title=f"Regent scan {when}",
        version=str(revision or "worktree"), start=_timestamp(result.reference_time)[0], result=result,
        reproduce=Reproduction.of_scan(result, "oscal"), controls=control_rows(result, load_catalogs()),
        moment="the scan's reference time",
        summary=f"Regent's scan of the evidence repository {when}{worktree}, judged at "
                f"{result.reference_time}: {_counts(result)}."))


def render_assessment(assessment: Assessment) -> str:
    """The document: its own UUID is derived from everything else in it."""
    body = _compact(_assessment_results(assessment))
    digest = hashlib.sha256(orjson.dumps(body)).hexdigest()
    document = {"assessment-results": {"uuid": _uuid("document", digest), **body}}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


def _assessment_results(a: Assessment) -> dict[str, Any]:
    """Everything of the document but its own UUID."""
    result, reproduce = a.result, a.reproduce
    revision = reproduce.evidence_revision
    policy_set = _uuid("policy-set", result.policy_digest, result.regent_version)
    return {
        "metadata": {
            "title": a.title,
            "last-modified": _timestamp(result.reference_time)[0],
            "version": a.version,
            "oscal-version": OSCAL_VERSION,
            "props": [_prop("evidence-revision", revision), _prop("policy-digest", result.policy_digest)],
            "remarks": f"Produced by `{reproduce.command}` from the evidence repository at the revision "
                       "named by the evidence-revision property.",
        },
        "import-ap": {
            "href": f"#{policy_set}",
            "remarks": "Regent's policies are the assessment plan: the checks of the policy set in the back "
                       "matter, named by its digest. No separate OSCAL assessment plan exists.",
        },
        "results": [_result(a)],
        "back-matter": {"resources": [{
            "uuid": policy_set,
            "title": f"Regent policy set {result.policy_digest}",
            "description": f"The {plural(len(result.checks), 'check')} Regent ran: its built-in policies and "
                           "any the evidence repository adds, evaluated by OPA.",
            "props": [_prop("policy-digest", result.policy_digest), _prop("regent-version", result.regent_version),
                      _prop("opa-version", result.opa_version), _prop("checks", len(result.checks))],
        }]},
    }


def _result(a: Assessment) -> dict[str, Any]:
    result, reproduce = a.result, a.reproduce
    result_id = _uuid("result", a.key, reproduce.evidence_revision, result.policy_digest, result.reference_time)
    evidence = [_evidence_observation(result_id, item) for item in a.evidence]
    checks = _check_observations(result_id, result, a.moment)
    supported: dict[tuple[str, str], list[str]] = {}  # (framework, control id) -> its evidence observations
    for item, observation in zip(a.evidence, evidence, strict=True):
        for framework, ids in item.controls.items():
            for control_id in ids:
                supported.setdefault((framework, control_id), []).append(observation["uuid"])
    subjects = sorted({str(s) for item in a.evidence for s in item.subject})
    return {
        "uuid": result_id,
        "title": a.result_title,
        "description": a.summary,
        "start": a.start,
        "end": _timestamp(result.reference_time)[0],
        "props": [_prop(name.replace("_", "-"), value) for name, value in reproduce.to_dict().items()],
        "local-definitions": {"inventory-items": [{
            "uuid": _uuid("subject", s),
            "description": f"{s}, as the evidence manifests collected in the month name it.",
            "props": [_prop("record-id", s)],
        } for s in subjects]},
        "reviewed-controls": _reviewed_controls(a.controls),
        "observations": evidence + list(checks.values()),
        "findings": [_finding(result_id, framework, control, checks, supported.get((framework, control.id), []),
                              a.moment)
                     for framework, controls in a.controls.items() for control in controls],
        "remarks": a.remarks,
    }


def _counts(result: ScanResult) -> str:
    open_ = result.by_severity()
    return (f"{plural(result.records, 'record')}, {plural(sum(open_.values()), 'open finding')} ("
            + ", ".join(f"{n} {severity}" for severity, n in open_.items())
            + f"), {result.count('waived')} waived, {plural(result.count('error'), 'error')}")


def _summary(report: Report) -> str:
    text = (f"Regent's as-of scan of the evidence repository at the end of {report.month}: "
            f"{_counts(report.result)}; "
            f"{plural(len(report.evidence), 'evidence manifest')} collected in the month; "
            f"{plural(len(report.new_findings), 'new finding')} and {len(report.resolved_findings)} resolved "
            "since the previous month end.")
    if not report.previous_month_scanned:
        text += " The repository has no commit before the previous month end: every finding is new."
    return text


def _reviewed_controls(by_framework: Mapping[str, Sequence[ControlRow]]) -> dict[str, Any]:
    selections = []
    for framework, controls in by_framework.items():
        ids = list(dict.fromkeys(_control_token(framework, c.id) for c in controls))
        selections.append({
            "props": [_prop("framework", framework)],
            "include-controls": [{"control-id": token} for token in ids],
            "remarks": f"The {FRAMEWORK_NAMES.get(framework, framework)} controls Regent's checks map to, each id "
                       f"prefixed with `{framework}-`.",
        })
    if not selections:
        return {"control-selections": [{"include-all": {}, "remarks": "No framework was in scope."}]}
    return {"control-selections": selections}


def _evidence_observation(result_id: str, item: EvidenceItem) -> dict[str, Any]:
    """An evidence manifest collected in the month, its artifacts and whether their bytes match."""
    collected, note = _timestamp(item.collected_at)
    relevant: list[dict[str, Any]] = [{"href": _href(item.path),
                                       "description": f"The evidence manifest {item.id}.",
                                       "props": [_prop("record-id", item.id)]}]
    for artifact in item.artifacts:
        matches = "its bytes match the sha256 the manifest states" if artifact.verified else \
            "missing at the revision scanned, or its bytes do not match the sha256 the manifest states"
        relevant.append({"href": _href(artifact.path) if artifact.path else None,
                         "description": f"An artifact of {item.id}: {matches}.",
                         "props": [_prop("verified", str(artifact.verified).lower()),
                                   _prop("sha256", artifact.sha256)]})
    remarks = []
    if item.artifacts and not item.verified:
        remarks.append("Its artifacts do not all verify: the evidence may have been changed after it was "
                       "collected, or was never committed.")
    if note:
        remarks.append(f"collected_at {note}.")
    return {
        "uuid": _uuid(result_id, "evidence", item.path, item.id),
        "title": _line(f"Evidence {item.id}: {item.type}"),
        "description": f"{item.type} evidence {item.id}, collected by {item.collected_by} at "
                       f"{item.collected_at}" + (f", result {item.result}" if item.result else "") + ".",
        "props": [_prop("record-id", item.id), _prop("evidence-type", item.type),
                  _prop("result", item.result), _prop("period", item.period),
                  _prop("collected-by", item.collected_by),
                  _prop("artifacts-verified", str(item.verified).lower()) if item.artifacts else None],
        "methods": ["EXAMINE"],
        "subjects": [{"subject-uuid": _uuid("subject", s), "type": "inventory-item", "title": _line(s)}
                     for s in item.subject if _line(s)],
        "relevant-evidence": relevant,
        "collected": collected,
        "remarks": " ".join(remarks),
    }


def _check_observations(result_id: str, result: ScanResult, moment: str) -> dict[str, dict[str, Any]]:
    """Per check with findings at ``moment``: how many, on how many records, and the first few."""
    by_check: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_check.setdefault(f.check, []).append(f)
    collected = _timestamp(result.reference_time)[0]
    out = {}
    for check in sorted(by_check):
        findings = by_check[check]
        info = result.checks.get(check)
        title = info.title if info else findings[0].title
        severity = info.severity if info else findings[0].severity
        counts = {s: sum(1 for f in findings if f.status == s) for s in ("fail", "waived", "error")}
        records = len({(f.record.kind, f.record.id or f.record.path) for f in findings})
        shown = findings[:FIRST_FINDINGS]
        out[check] = {
            "uuid": _uuid(result_id, "check", check),
            "title": _line(f"{check} {title}"),
            "description": f"Check {check} ({severity}) found {plural(len(findings), 'finding')} on "
                           f"{plural(records, 'record')} at {moment}: {counts['fail']} open, "
                           f"{counts['waived']} waived, {plural(counts['error'], 'error')}.",
            "props": [_prop("check", check), _prop("severity", severity), _prop("findings", len(findings)),
                      _prop("open", counts["fail"]), _prop("waived", counts["waived"]),
                      _prop("errors", counts["error"]), _prop("records", records)],
            "methods": ["TEST"],
            "relevant-evidence": [_finding_evidence(f) for f in shown],
            "collected": collected,
            "remarks": f"The first {len(shown)} of {len(findings)} findings are listed; the JSON output lists "
                       "every one." if len(findings) > len(shown) else None,
        }
    return out


def _finding_evidence(f: Finding) -> dict[str, Any]:
    return {
        "href": _href(f.record.path, f.record.line) if f.record.path else None,
        "description": f.message or f.title or f.check,
        "props": [_prop("record-kind", f.record.kind), _prop("record-id", f.record.id),
                  _prop("finding-status", f.status), _prop("waiver", f.waiver)],
    }


def _finding(result_id: str, framework: str, control: ControlRow,
             observations: Mapping[str, Mapping[str, Any]], evidence: Sequence[str], moment: str) -> dict[str, Any]:
    """A control's status at ``moment``, as an objective satisfied or not, related to the observations
    of its checks' findings and to ``evidence``: those of the month's manifests that support it."""
    status = control.status.label
    state, reason, why = STATES[control.status]
    name = FRAMEWORK_NAMES.get(framework, framework)
    label = _line(f"{name} {control.id} {control.title}")
    checks = list(dict.fromkeys(f.check for f in control.findings))
    open_ = sum(1 for f in control.findings if f.status != "waived")
    waived = len(control.findings) - open_
    counts = f" {plural(open_, 'open finding')}, {waived} waived." if control.findings else ""
    if evidence:
        counts += (f" {plural(len(evidence), 'evidence manifest')} of the types its checks judge "
                   f"{'was' if len(evidence) == 1 else 'were'} collected in the month.")
    return {
        "uuid": _uuid(result_id, "finding", framework, control.id),
        "title": label,
        "description": f"{name} control {control.id} at {moment}: {status}, as judged by "
                       f"{', '.join(control.checks) or 'no check'}.{counts}",
        "target": {
            "type": "objective-id",
            "target-id": _control_token(framework, control.id),
            "title": label,
            "props": [_prop("framework", framework), _prop("control-id", control.id), _prop("status", status),
                      *(_prop("check", c) for c in control.checks)],
            "status": {"state": state, "reason": reason},
            "remarks": why.format(moment=moment),
        },
        "related-observations": [{"observation-uuid": observations[c]["uuid"]} for c in checks if c in observations]
        + [{"observation-uuid": uuid_} for uuid_ in evidence],
    }


def _waiver_remarks(report: Report) -> str:
    if not report.waivers:
        return ""
    return (f"Waivers expired by the month's end or expiring within {WAIVER_HORIZON_DAYS} days of it: "
            + "; ".join(f"{w.id} (check {w.check}, expires {w.expires}, {w.state})"
                        for w in report.waivers) + ".")


def _control_token(framework: str, control_id: str) -> str:
    """A control id as an OSCAL token, unique across frameworks: ``iso27002-5.1``."""
    token = _NOT_TOKEN.sub("-", f"{framework}-{control_id}")
    return token if token[0].isalpha() or token[0] == "_" else f"_{token}"


def _prop(name: str, value: Any) -> dict[str, str] | None:
    """A property of Regent's namespace; None for a missing value."""
    text = "" if value is None else _line(value)
    return {"name": name, "ns": NS, "value": text} if text else None


def _line(value: Any) -> str:
    return " ".join(str(value).split())


def _href(path: str, line: int = 0) -> str:
    """A path in the evidence repository as a relative URI, with the line as a fragment."""
    return quote(path, safe="/") + (f"#L{line}" if line > 0 else "")


def _timestamp(value: Any) -> tuple[str, str]:
    """An RFC 3339 timestamp in UTC, and a note when the value needed a guess to become one."""
    text = str(value)
    note = ""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        moment = datetime.fromisoformat(text[:10])  # the report took only records whose date parses
        note = f"is {text!r}; its date is used, at midnight UTC"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
        note = note or f"is {text!r}, without a time zone; it is read as UTC"
    moment = moment.astimezone(timezone.utc)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S") + (f".{moment.microsecond:06d}" if moment.microsecond else "")
    return stamp + "Z", note


def _uuid(*parts: Any) -> str:
    """A version 5 UUID of these parts in Regent's namespace."""
    return str(uuid.uuid5(UUID_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def _compact(value: Any) -> Any:
    """``value`` without None, empty strings, empty lists and empty objects (OSCAL allows none of them),
    except the ``include-all`` marker, which is empty by definition."""
    if isinstance(value, dict):
        kept = {k: _compact(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if k == "include-all" or v not in (None, "", [], {})}
    if isinstance(value, list):
        items = [_compact(v) for v in value]
        return [v for v in items if v not in (None, "", [], {})]
    return value
