"""``regent verify``: an attestation's signature checked, and its scan run again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from regent.attestation import AttestationError, UntrustedSignature, sshsig
from regent.attestation.compare import Comparison, compare
from regent.attestation.dsse import IN_TOTO_PAYLOAD, Envelope, read_envelope
from regent.attestation.statement import Attested, read_statement
from regent.commands.console import out
from regent.commands.errors import EXIT_FINDINGS, EXIT_OK, UsageError, exits
from regent.commands.options import RunOptions
from regent.commands.scan import scan_repository
from regent.engine.render.base import plural, printable
from regent.engine.session import OpaOptions
from regent.evidence import EvidenceError
from regent.evidence.gitrepo import GitRepository

SHOWN = 20  # findings listed per side of a difference


@dataclass(frozen=True)
class VerifyOptions:
    """What ``regent verify`` was told: whom to trust, and whether to run the scan again."""

    allowed_signers: Path | None = None
    offline: bool = False
    opa: OpaOptions = field(default_factory=OpaOptions)
    use_cache: bool = True
    show_progress: bool = True


@exits
def run_verify(attestation: Path, path: Path, options: VerifyOptions) -> int:
    """Check an attestation's signature, then run its scan again on the repository at PATH.

    \b
    The signature must verify (`ssh-keygen -Y verify`, namespace regent-attestation) with a key
    the allowed signers list: --allowed-signers FILE, else git's gpg.ssh.allowedSignersFile for the
    repository at PATH, as for signed commits. Then the attested scan runs again (the same as-of
    day, or the same commit judged at the same moment, the same frameworks) with the policies and
    OPA of today, and its result's digest is compared with the attested one.

    \b
    Exit codes: 0 "verified: same result" (with --offline: the signature holds), 1 another result
    now (what changed is listed: the commit, policies, OPA, findings added or gone), 2 a bad or
    untrusted signature or an attestation that cannot be read, 3 the policy engine could not run,
    4 Regent itself failed.
    """
    o = options
    envelope = _envelope(attestation)
    signers = o.allowed_signers or _git_allowed_signers(path)
    if not signers.is_file():
        raise UsageError(f"allowed signers {signers}: no such file")
    principals = [sshsig.verify(envelope.signed_bytes(), s.sig, signers) for s in envelope.signatures]
    attested = read_statement(envelope.payload)
    scope = f"as of {attested.as_of}" if attested.as_of else f"at {attested.reference_time}"
    out(f"signature: good, by {', '.join(dict.fromkeys(principals))} (allowed signers {signers})")
    out(f"attests: {attested.command()}: commit {attested.commit}, {plural(len(attested.findings), 'finding')}, "
        f"result {attested.digest}, attested {attested.attested_at}")
    if o.offline:
        out("verified: signature only (--offline); the scan was not run again")
        return EXIT_OK
    missing = _missing_commit(path, attested)
    if missing:
        out(f"differs: {missing}")
        return EXIT_FINDINGS
    run = RunOptions(frameworks=attested.frameworks, opa=o.opa, use_cache=o.use_cache, show_progress=o.show_progress)
    if attested.as_of:
        scanned = scan_repository(path, run, as_of=date.fromisoformat(attested.as_of))
    else:
        moment = datetime.fromisoformat(attested.reference_time.replace("Z", "+00:00"))
        scanned = scan_repository(path, run, rev=attested.commit, now=moment)
    comparison = compare(attested, scanned.result)
    if comparison.same:
        out(f"verified: same result ({scope}, {plural(len(attested.findings), 'finding')})")
        for line in comparison.inputs:
            out(f"  note: {line}; the answer is the same")
        return EXIT_OK
    for line in _differences(comparison):
        out(printable(line))
    return EXIT_FINDINGS


def _envelope(attestation: Path) -> Envelope:
    try:
        data = attestation.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {attestation}: {exc.strerror}") from None
    envelope = read_envelope(data, str(attestation))
    if envelope.payload_type != IN_TOTO_PAYLOAD:
        raise AttestationError(f"{attestation}: its payload is {envelope.payload_type!r}, not an in-toto "
                               f"statement ({IN_TOTO_PAYLOAD})")
    if not envelope.signatures:
        raise UntrustedSignature(f"{attestation}: unsigned: the envelope holds no signature")
    return envelope


def _git_allowed_signers(path: Path) -> Path:
    """git's ``gpg.ssh.allowedSignersFile`` for the repository at ``path``."""
    try:
        found = GitRepository(path).config_path("gpg.ssh.allowedSignersFile")
    except EvidenceError:
        found = None
    if found is None:
        raise UsageError("no allowed signers: give --allowed-signers FILE, or set git's gpg.ssh.allowedSignersFile "
                         "(the list git verifies signed commits with)")
    return found


def _missing_commit(path: Path, attested: Attested) -> str | None:
    """Why the attested commit cannot be scanned again, for an attestation of a named revision."""
    if attested.as_of:
        return None
    try:
        GitRepository(path).resolve(attested.commit)
    except EvidenceError:
        return f"the attested commit {attested.commit} is not in the repository at {path} (history rewritten?)"
    return None


def _differences(c: Comparison) -> list[str]:
    lines = ["differs: the scan run again gives another result"]
    lines += [f"  {line}" for line in c.inputs]
    if c.records[0] != c.records[1]:
        lines.append(f"  records: {c.records[1]} now, {c.records[0]} when attested")
    for label, findings in (("added", c.added), ("gone", c.gone)):
        if findings:
            lines.append(f"  findings {label} ({len(findings)}):")
            lines += [f"    {'+' if label == 'added' else '-'} {f.describe()}" for f in findings[:SHOWN]]
            if len(findings) > SHOWN:
                lines.append(f"    … and {len(findings) - SHOWN} more")
    if c.controls:
        lines.append(f"  controls changed ({len(c.controls)}):")
        lines += [f"    {line}" for line in c.controls[:SHOWN]]
        if len(c.controls) > SHOWN:
            lines.append(f"    … and {len(c.controls) - SHOWN} more")
    if not (c.added or c.gone or c.controls or c.records[0] != c.records[1]):
        lines.append("  the findings and control statuses are the same; the revision or notes are not")
    return lines
