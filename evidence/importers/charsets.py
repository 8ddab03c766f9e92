"""How an export's bytes become text when the user names no encoding.

UTF-8 is read as UTF-8 (a byte order mark is dropped). An export that is not
UTF-8 and holds no UTF-8 sequence at all is Windows-1252 (Latin-1 with
typographic quotes in 0x80-0x9f), the usual encoding of a Western European
Excel or Windows export, e.g. the whole BPI Challenge 2014 file; the five
bytes Windows-1252 leaves undefined are read as Latin-1. An export that is
mostly UTF-8 with a few bad bytes stays UTF-8: those bytes are kept as
surrogates so that each row holding one is rejected on its own.
"""

from __future__ import annotations

import codecs
import re

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_FALLBACK = "regent-latin1-fallback"


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(chr(b) for b in error.object[error.start:error.end]), error.end


codecs.register_error(_FALLBACK, _as_latin1)


def guess(data: bytes) -> str:
    """``utf-8`` or ``cp1252``: how an export without a stated encoding is read."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return "utf-8" if _UTF8_SEQUENCE.search(data) else "cp1252"


def text(data: bytes) -> tuple[str, str]:
    """The export's text and the encoding it was read in (see the module's docstring)."""
    encoding = guess(data)
    if encoding == "cp1252":
        return data.decode("cp1252", errors=_FALLBACK), encoding
    return data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff"), encoding
