"""Signed, re-runnable attestations of a scan's result.

An in-toto Statement (v1) names the evidence repository's commit as its subject and carries, as its
predicate, the scan's result, its digest and what is needed to run the same scan again; it travels in
a DSSE envelope signed with an SSH key through ``ssh-keygen -Y sign`` (the keys git signs commits
with). This layer sits above the engine: it reads a :class:`~regent.engine.model.ScanResult` and
knows nothing of the command line.
"""

from __future__ import annotations

from regent.attestation.errors import AttestationError, UntrustedSignature

__all__ = ["AttestationError", "UntrustedSignature"]
