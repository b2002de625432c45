"""Bytes to text: byte-order marks, UTF-8, a detected legacy encoding, or a clear refusal."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from ..model import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


class DecodeError(ValueError):
    """The bytes are not text in any encoding storyline can trust."""


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True when the head of ``data`` holds NUL bytes or many control characters (and no BOM)."""
    head = data[:sample]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise DecodeError for binary or unknown bytes."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {name} byte-order mark but does not decode as {name}"
                    f": {exc.reason} at byte {exc.start}"
                ) from None
    if looks_binary(data):
        raise DecodeError("binary content, not text (NUL or control bytes near the start)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"not UTF-8; detected {encoding} but it does not decode: {exc}") from None
    junk = junk_reason(text)
    if junk:
        raise DecodeError(f"binary content, not text: not UTF-8, and read as {encoding} it {junk}")
    return text, encoding


def decode_document(data: bytes, path: str) -> tuple[str, str] | ReadError:
    """``(text, encoding)`` of a file that is one document (a text file, an HTML page), or the ReadError
    saying why it holds none: bytes that are not text, or nothing but white space."""
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        return ReadError(path, str(exc))
    if not text.strip():
        return ReadError(path, "no text (the file is empty or only whitespace)")
    return text, encoding


MIN_LEGACY_BYTES = 16
"""Shorter non-UTF-8 input is refused: a few high bytes fit some code page by chance, so nothing says it is text."""
MIN_BREAKS = 0.03
"""Share of spaces (ASCII or ideographic) and CJK sentence punctuation below which a decoded text of 8
characters or more is junk: words in alphabetic scripts are some 15% spaces, CJK text has a 、 or 。 every
10-20 characters, random bytes decode to under 1% of them."""
MAX_ODD = 0.05
"""Share of control, unassigned, private-use and replacement characters above which a decoded text is junk."""

_BREAKS = re.compile(r"[ \t\n\r\u3000\u3001\u3002\uff0c\uff0e\uff01\uff1f]")
_ODD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def junk_reason(text: str) -> str | None:
    """Why ``text``, decoded from a guessed legacy code page, reads as binary junk; None when it reads as text.

    Random high bytes (0x80-0xFF, no NUL) fit some code page more often than one would think. Text
    has spaces between its words, or CJK sentence punctuation; junk decoded from high bytes has no
    space (a low byte) and a no-break space or ASCII punctuation does not count.
    """
    if len(text) >= 8 and len(_BREAKS.findall(text)) < MIN_BREAKS * len(text):
        return "has almost no spaces or punctuation"
    odd = len(_ODD.findall(text)) + sum(1 for c in text if unicodedata.category(c) in ("Cn", "Co", "Cs"))
    if odd > MAX_ODD * len(text):
        return f"is {odd / len(text):.0%} control, unassigned or private-use characters"
    return None


def _guess_legacy(data: bytes) -> str:
    """Pick a single-byte encoding, preferring Windows-1252 among equally plausible Latin ones.

    Short Western texts fit every Latin code page equally well; news in such code pages is far
    more often Western European than Central or Baltic, so cp1252 wins ties. Refused (DecodeError):
    input too short to judge, and a UTF-16/32 guess without a byte-order mark (random bytes of even
    length decode as UTF-16; UTF-16 text of Latin script holds NUL bytes and is refused before this).
    """
    if len(data.strip()) < MIN_LEGACY_BYTES:
        raise DecodeError(
            f"not UTF-8, and {len(data.strip())} bytes are too few to tell a text encoding from binary junk"
        )
    matches = from_bytes(data[:1_000_000])
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError("not UTF-8 and no other text encoding fits")
    if best.encoding.startswith(("utf_16", "utf_32")):
        raise DecodeError(
            f"binary content, not text: not UTF-8, and only {best.encoding} without a byte-order mark fits"
        )
    if best.encoding in _LATIN_FAMILY:
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return best.encoding


_LATIN_FAMILY = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "cp1257",
    "cp775",
    "mac_latin2",
    "mac_roman",
    "iso8859_2",
    "iso8859_4",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_16",
}
