"""``regent attest``: a scan of a commit, signed, for anyone to verify and run again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Sequence

from regent.attestation import sshsig
from regent.attestation.dsse import IN_TOTO_PAYLOAD, Envelope, Signature, pae
from regent.attestation.statement import answer, digest, statement
from regent.commands.console import err, fail
from regent.commands.errors import EXIT_OK, EXIT_USAGE, exits
from regent.commands.options import RunOptions
from regent.commands.outputs import emit
from regent.commands.scan import scan_repository
from regent.engine.render.base import plural
from regent.engine.session import OpaOptions


@dataclass(frozen=True)
class AttestOptions:
    """What ``regent attest`` was told: the key to sign with, where the attestation goes, the scan's scope."""

    key: Path
    output: Path | None = None
    frameworks: Sequence[str] = ()
    opa: OpaOptions = field(default_factory=OpaOptions)
    use_cache: bool = True
    show_progress: bool = True


@exits
def run_attest(path: Path, options: AttestOptions, *, rev: str | None = None, as_of: date | None = None) -> int:
    """Scan a commit of the evidence repository at PATH and write a signed attestation of the result.

    \b
    The attestation is an in-toto Statement (v1) in a DSSE envelope: its subject the commit scanned
    (--as-of DATE: the last one by the end of that day; --rev REV: that one), its predicate the scan's
    result, the result's digest, and what it takes to run the same scan again (as-of day, reference
    time, revision, frameworks, policy digest, OPA and Regent versions). It is signed with --key
    through `ssh-keygen -Y sign` (namespace regent-attestation): the SSH keys git signs commits
    with. `regent verify` checks the signature and runs the scan again.

    \b
    Exit codes: 0 written (whatever the scan found: the findings are in it), 2 no --as-of or --rev,
    or a key ssh-keygen cannot sign with, 3 the policy engine could not run, 4 Regent itself failed.
    """
    o = options
    if rev is None and as_of is None:
        return fail("name the commit to attest: --as-of DATE (the last commit by the end of that day) or "
                    "--rev REV; the work tree is not attested", EXIT_USAGE)
    scanned = scan_repository(path, RunOptions(frameworks=o.frameworks, opa=o.opa, use_cache=o.use_cache,
                                               show_progress=o.show_progress), rev=rev, as_of=as_of)
    result = scanned.result
    payload = statement(result)
    blob = sshsig.sign(pae(IN_TOTO_PAYLOAD, payload), o.key)
    envelope = Envelope(payload, IN_TOTO_PAYLOAD, (Signature(blob, sshsig.facts(blob).fingerprint),))
    emit(envelope.to_json().decode("ascii"), o.output)
    scope = f"as of {result.repository.get('as_of')}, " if result.repository.get("as_of") else ""
    err(f"attested: commit {result.repository.get('revision')} {scope}{plural(len(result.findings), 'finding')}, result "
        f"{digest(answer(result))}; signed with {sshsig.facts(blob).fingerprint}"
        + (f"; written to {o.output}" if o.output else ""))
    return EXIT_OK
