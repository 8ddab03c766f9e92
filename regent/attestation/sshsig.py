"""Signing and verifying bytes with SSH keys, through ``ssh-keygen -Y`` (what git does for commits).

A signature is OpenSSH's SSHSIG blob: the signer's public key, the namespace it was made for and
the signature itself. The namespace binds a signature to its use: one made for Regent's
attestations does not verify as a git commit's, nor the other way round.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from regent.attestation.errors import AttestationError, UntrustedSignature

NAMESPACE = "regent-attestation"
_ARMOR = ("-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----")
_TIMEOUT = 60


@dataclass(frozen=True)
class SignatureFacts:
    """What an SSHSIG blob says of itself (unverified): its key's fingerprint and type, its namespace."""

    fingerprint: str  # SHA256:<base64>, as ssh-keygen -l shows it
    key_type: str
    namespace: str


def sign(data: bytes, key: Path, namespace: str = NAMESPACE) -> bytes:
    """The SSHSIG blob of ``data`` signed with ``key`` (a private key, or a public one whose private
    half an ssh-agent holds). :class:`AttestationError` when ssh-keygen cannot sign."""
    if not key.is_file():
        raise AttestationError(f"--key {key}: no such file")
    proc = _ssh_keygen("-Y", "sign", "-f", str(key), "-n", namespace, stdin=data)
    if proc.returncode != 0:
        raise AttestationError(f"ssh-keygen cannot sign with {key}: {_last_line(proc.stderr)}")
    return dearmor(proc.stdout.decode("ascii", "replace"))


def facts(blob: bytes) -> SignatureFacts:
    """The key and namespace an SSHSIG blob names; :class:`UntrustedSignature` when it is not one."""
    if not blob.startswith(b"SSHSIG"):
        raise UntrustedSignature("the signature is not an SSH signature (no SSHSIG header)")
    try:
        at = 6 + 4  # magic, version
        key, at = _string(blob, at)
        namespace, at = _string(blob, at)
        key_type, _ = _string(key, 0)
    except (struct.error, IndexError):
        raise UntrustedSignature("the SSH signature is truncated") from None
    digest = base64.b64encode(hashlib.sha256(key).digest()).decode().rstrip("=")
    return SignatureFacts(f"SHA256:{digest}", key_type.decode("ascii", "replace"),
                          namespace.decode("utf-8", "replace"))


def verify(data: bytes, blob: bytes, allowed_signers: Path, namespace: str = NAMESPACE) -> str:
    """The principal of ``allowed_signers`` whose key made ``blob`` over ``data`` for ``namespace``.
    :class:`UntrustedSignature` when no principal lists the key, or the signature does not verify."""
    signed_by = facts(blob)
    if signed_by.namespace != namespace:
        raise UntrustedSignature(f"the signature was made for {signed_by.namespace!r}, not {namespace!r}: "
                                 "it is not an attestation's")
    with tempfile.TemporaryDirectory(prefix="regent-verify-") as tmp:
        sig = Path(tmp) / "attestation.sig"
        sig.write_text(armor(blob), encoding="ascii")
        found = _ssh_keygen("-Y", "find-principals", "-s", str(sig), "-f", str(allowed_signers))
        principals = found.stdout.decode("utf-8", "replace").split() if found.returncode == 0 else []
        if not principals:
            raise UntrustedSignature(f"untrusted signature: the {signed_by.key_type} key {signed_by.fingerprint} "
                                     f"is not in the allowed signers {allowed_signers}")
        reasons = []
        for principal in principals:
            checked = _ssh_keygen("-Y", "verify", "-f", str(allowed_signers), "-I", principal, "-n", namespace,
                                  "-s", str(sig), stdin=data)
            if checked.returncode == 0:
                return principal
            reasons.append(_last_line(checked.stderr))
    if any("incorrect signature" in reason for reason in reasons):
        raise UntrustedSignature(f"bad signature: the signature of {', '.join(principals)} ({signed_by.fingerprint}) "
                                 "does not match the attestation's content: it was changed after it was signed")
    raise UntrustedSignature(f"untrusted signature: {', '.join(principals)} ({signed_by.fingerprint}) may not sign "
                             f"attestations: {reasons[0]}")


def armor(blob: bytes) -> str:
    text = base64.b64encode(blob).decode("ascii")
    return "\n".join([_ARMOR[0], *(text[i:i + 70] for i in range(0, len(text), 70)), _ARMOR[1]]) + "\n"


def dearmor(text: str) -> bytes:
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _ARMOR[0] or lines[-1] != _ARMOR[1]:
        raise AttestationError("ssh-keygen wrote no SSH signature")
    return base64.b64decode("".join(lines[1:-1]))


def _string(data: bytes, at: int) -> tuple[bytes, int]:
    """An SSH wire-format string (a 32-bit length, then the bytes) at ``at``, and where the next begins."""
    (length,) = struct.unpack(">I", data[at:at + 4])
    end = at + 4 + length
    if end > len(data):
        raise IndexError(end)
    return data[at + 4:end], end


def _ssh_keygen(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    program = shutil.which("ssh-keygen")
    if program is None:
        raise AttestationError("ssh-keygen is not installed: attestations are signed and verified with OpenSSH's "
                               "ssh-keygen (8.2 or later)")
    try:
        return subprocess.run([program, *args], input=stdin, capture_output=True, timeout=_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise AttestationError(f"ssh-keygen {args[1]} took longer than {_TIMEOUT}s (is it asking for a "
                               "passphrase? use ssh-agent for a protected key)") from None


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no reason given"
