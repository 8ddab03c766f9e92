"""An attested scan run again: the same answer, or what is different now."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from regent.attestation.statement import Attested, FindingLine, answer, digest
from regent.engine.model import ScanResult


@dataclass(frozen=True)
class Comparison:
    """The scan run again against the attested one: whether its answer is the same, what differs in what
    produced it (commit, policies, OPA, Regent) and in what it found."""

    same: bool
    inputs: tuple[str, ...]  # what produced the answer and is not what it was, one line each
    added: tuple[FindingLine, ...]  # found now, not attested
    gone: tuple[FindingLine, ...]  # attested, not found now
    controls: tuple[str, ...]  # controls whose status changed, one line each
    records: tuple[int, int]  # attested, now


def compare(attested: Attested, result: ScanResult) -> Comparison:
    now = answer(result)
    inputs = []
    revision = result.repository.get("revision")
    if revision != attested.commit:
        when = f"the last commit by the end of {attested.as_of}" if attested.as_of else "the revision"
        inputs.append(f"commit: {when} is now {revision}, the attestation's is {attested.commit} (history "
                      "rewritten, or commits dated on or before that day added since)")
    for what, then, current in (("policies", attested.policy_digest, result.policy_digest),
                                ("OPA", attested.opa_version, result.opa_version),
                                ("Regent", attested.regent_version, result.regent_version)):
        if then != current:
            inputs.append(f"{what}: {current} now, {then} when attested")
    findings = [FindingLine.of(f) for f in now["findings"]]
    added, gone = _multiset_difference(findings, attested.findings), \
        _multiset_difference(attested.findings, findings)
    statuses = {(c["framework"], c["id"]): c["status"] for c in now["controls"]}
    controls = tuple(f"{fw} {cid}: {attested.controls.get((fw, cid), 'absent')} when attested, "
                     f"{statuses.get((fw, cid), 'absent')} now"
                     for fw, cid in sorted(set(statuses) | set(attested.controls))
                     if statuses.get((fw, cid)) != attested.controls.get((fw, cid)))
    return Comparison(same=digest(now) == attested.digest, inputs=tuple(inputs), added=added, gone=gone,
                      controls=controls, records=(attested.records, result.records))


def _multiset_difference(these: list[FindingLine] | tuple[FindingLine, ...],
                         those: list[FindingLine] | tuple[FindingLine, ...]) -> tuple[FindingLine, ...]:
    """The findings of ``these`` that ``those`` does not hold (as many times as it holds them fewer)."""
    left = Counter(f.key() for f in those)
    out = []
    for f in these:
        if left[f.key()]:
            left[f.key()] -= 1
        else:
            out.append(f)
    return tuple(out)
