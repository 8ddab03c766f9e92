"""What goes wrong with an attestation: it cannot be read, or its signature does not hold."""

from __future__ import annotations


class AttestationError(Exception):
    """An attestation that cannot be made or read: not a DSSE envelope, not Regent's statement, a key
    ssh-keygen cannot sign with."""


class UntrustedSignature(AttestationError):
    """A signature that does not verify, or whose key the allowed signers do not list."""
