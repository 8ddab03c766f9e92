"""The in-toto Statement (v1) of a scan: its subject the evidence repository's commit, its predicate
the scan's result, the result's digest and what is needed to run the same scan again.

The digest is of the result's *answer*: every finding, control status and count the scan gave, with
the revision and the moment it judged, and without what only describes the run (where the
repository was checked out, the versions of Regent and OPA, the policy digest): those are in the
predicate beside it, so that a verifier can say what changed when the answer is another.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import PurePath
from typing import Any, Mapping

import orjson

from regent.attestation.errors import AttestationError
from regent.engine.model import ScanResult
from regent.evidence.config import FRAMEWORKS

STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://regent.dev/attestation/scan-result/v1"


@dataclass(frozen=True)
class FindingLine:
    """A finding as an attestation keeps it, enough to say which one was added or is gone."""

    check: str
    severity: str
    status: str
    kind: str
    record: str  # its id, or the file's path when no record could be read from it
    path: str
    line: int
    message: str

    def key(self) -> tuple[str, str, str, str, str]:
        return self.check, self.kind, self.record, self.message, self.status

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        waived = " (waived)" if self.status == "waived" else ""
        return f"{self.check} {self.severity}{waived} {self.kind} {self.record} ({where}): {self.message}"

    @classmethod
    def of(cls, finding: Mapping[str, Any]) -> FindingLine:
        record = finding.get("record") or {}
        return cls(check=str(finding.get("check")), severity=str(finding.get("severity")),
                   status=str(finding.get("status")), kind=str(record.get("kind") or "file"),
                   record=str(record.get("id") or record.get("path")), path=str(record.get("path")),
                   line=int(record.get("line") or 0), message=str(finding.get("message")))


@dataclass(frozen=True)
class Attested:
    """What a statement attests: the scan, how to run it again, and its answer."""

    commit: str
    repository: str  # the subject's name
    as_of: str | None
    reference_time: str
    frameworks: tuple[str, ...]
    policy_digest: str
    opa_version: str
    regent_version: str
    attested_at: str
    digest: str  # sha256:<hex> of the answer
    records: int
    findings: tuple[FindingLine, ...]
    controls: Mapping[tuple[str, str], str]  # (framework, control id) -> status

    def command(self) -> str:
        """The scan it attests, as a command."""
        revision = f"--as-of {self.as_of}" if self.as_of else f"--rev {self.commit}"
        scope = [f"--framework {fw}" for fw in self.frameworks] if set(FRAMEWORKS) - set(self.frameworks) else []
        return " ".join(["regent scan", revision, *scope])


def answer(result: ScanResult) -> dict[str, Any]:
    """The result's document without what only describes the run."""
    doc = result.to_dict()
    for key in ("regent", "policies", "gate", "baseline"):
        doc.pop(key, None)
    doc["repository"] = {k: v for k, v in doc["repository"].items() if k != "path"}
    return doc


def digest(doc: Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of a JSON document, its keys sorted, without spaces."""
    return "sha256:" + hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


def statement(result: ScanResult, attested_at: datetime | None = None) -> bytes:
    """The statement of a scan of a commit (``--as-of`` or ``--rev``), as the bytes to sign."""
    commit = result.repository.get("revision")
    if not commit or result.repository.get("worktree"):
        raise AttestationError("only a scan of a commit can be attested: give --as-of DATE or --rev REV")
    doc = answer(result)
    moment = (attested_at or datetime.now(timezone.utc)).astimezone(timezone.utc)
    predicate = {
        "scan": {"revision": commit, "as_of": result.repository.get("as_of"),
                 "reference_time": result.reference_time, "frameworks": list(result.frameworks)},
        "policies": {"digest": result.policy_digest, "checks": len(result.checks)},
        "opa": {"version": result.opa_version},
        "regent": {"version": result.regent_version},
        "summary": doc["summary"],
        "attested_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "result": {"digest": {"sha256": digest(doc).removeprefix("sha256:")}, "document": doc},
    }
    name = PurePath(str(result.repository.get("path") or "evidence")).name or "evidence"
    body = {"_type": STATEMENT_TYPE, "subject": [{"name": name, "digest": {"gitCommit": commit}}],
            "predicateType": PREDICATE_TYPE, "predicate": predicate}
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def read_statement(payload: bytes) -> Attested:
    """The statement in a verified envelope's payload; :class:`AttestationError` when it is not Regent's."""
    try:
        body = orjson.loads(payload)
        if body.get("_type") != STATEMENT_TYPE:
            raise AttestationError(f"the payload is not an in-toto Statement v1 (_type {body.get('_type')!r})")
        if body.get("predicateType") != PREDICATE_TYPE:
            raise AttestationError(f"the statement's predicate is {body.get('predicateType')!r}, not a Regent "
                                   f"scan result ({PREDICATE_TYPE})")
        return _attested(body)
    except orjson.JSONDecodeError as exc:
        raise AttestationError(f"the payload is not JSON: {exc}") from None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise AttestationError(f"the statement lacks or misstates a field Regent needs: {exc!r}") from None


def _attested(body: Mapping[str, Any]) -> Attested:
    [subject] = body["subject"]
    p = body["predicate"]
    scan, doc = p["scan"], p["result"]["document"]
    stated = "sha256:" + p["result"]["digest"]["sha256"]
    if digest(doc) != stated:
        raise AttestationError(f"the statement's result does not match its digest {stated}")
    commit = subject["digest"]["gitCommit"]
    if commit != scan["revision"] or commit != doc["repository"]["revision"]:
        raise AttestationError("the statement's subject is not the commit its scan read")
    return Attested(
        commit=commit, repository=str(subject.get("name") or ""), as_of=scan.get("as_of"),
        reference_time=scan["reference_time"], frameworks=tuple(scan["frameworks"]),
        policy_digest=p["policies"]["digest"], opa_version=p["opa"]["version"], regent_version=p["regent"]["version"],
        attested_at=p["attested_at"], digest=stated, records=int(doc["summary"]["records"]),
        findings=tuple(FindingLine.of(f) for f in doc["findings"]),
        controls={(c["framework"], c["id"]): c["status"] for c in doc["controls"]})
