"""The DSSE envelope: a payload, its type, and signatures over both.

A signature signs the pre-authentication encoding (PAE) of the payload's type and bytes, never the
payload alone, so a signed payload cannot be passed off as one of another type. The envelope is
JSON: ``payload`` (base64), ``payloadType`` and ``signatures``, each a ``sig`` (base64) and an
optional ``keyid`` that only hints at the key and decides nothing.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

import orjson

from regent.attestation.errors import AttestationError

IN_TOTO_PAYLOAD = "application/vnd.in-toto+json"


def pae(payload_type: str, payload: bytes) -> bytes:
    """``DSSEv1 <len(type)> <type> <len(payload)> <payload>``: lengths in bytes, as ASCII decimals."""
    kind = payload_type.encode("utf-8")
    return b" ".join([b"DSSEv1", str(len(kind)).encode(), kind, str(len(payload)).encode(), payload])


@dataclass(frozen=True)
class Signature:
    sig: bytes
    keyid: str = ""


@dataclass(frozen=True)
class Envelope:
    payload: bytes
    payload_type: str
    signatures: tuple[Signature, ...]

    def signed_bytes(self) -> bytes:
        """What each signature signs."""
        return pae(self.payload_type, self.payload)

    def to_json(self) -> bytes:
        doc = {"payload": _b64(self.payload), "payloadType": self.payload_type,
               "signatures": [{"keyid": s.keyid, "sig": _b64(s.sig)} for s in self.signatures]}
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def read_envelope(data: bytes, name: str) -> Envelope:
    """The envelope in ``data`` (the file ``name``); :class:`AttestationError` saying what is wrong."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise AttestationError(f"{name}: not JSON ({exc}); an attestation is a DSSE envelope") from None
    if not isinstance(doc, dict):
        raise AttestationError(f"{name}: not a DSSE envelope (a JSON object with payload, payloadType and "
                               "signatures)")
    missing = [k for k in ("payload", "payloadType", "signatures") if k not in doc]
    if missing:
        raise AttestationError(f"{name}: not a DSSE envelope: no {', '.join(missing)}")
    payload_type, signatures = doc["payloadType"], doc["signatures"]
    if not isinstance(payload_type, str) or not isinstance(signatures, list):
        raise AttestationError(f"{name}: payloadType must be a string and signatures a list")
    sigs = tuple(_signature(s, name, i) for i, s in enumerate(signatures))
    return Envelope(_unb64(doc["payload"], f"{name}: payload"), payload_type, sigs)


def _signature(value: Any, name: str, index: int) -> Signature:
    where = f"{name}: signatures[{index}]"
    if not isinstance(value, dict) or "sig" not in value:
        raise AttestationError(f"{where}: not a signature (an object with sig)")
    keyid = value.get("keyid") or ""
    return Signature(_unb64(value["sig"], f"{where}.sig"), keyid if isinstance(keyid, str) else "")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, where: str) -> bytes:
    """Standard or URL-safe base64, as DSSE allows either."""
    if not isinstance(value, str):
        raise AttestationError(f"{where}: not a base64 string")
    text = value.replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise AttestationError(f"{where}: not valid base64") from None
