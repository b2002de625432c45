"""Bytes to text: byte-order marks, UTF-8, a detected legacy encoding, or a clear refusal."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

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
                raise DecodeError(f"starts with a {name} byte-order mark but does not decode as {name}: {exc.reason} at byte {exc.start}") from None
    if looks_binary(data):
        raise DecodeError("binary content, not text (NUL or control bytes near the start)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy(data)
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"not UTF-8; detected {encoding} but it does not decode: {exc}") from None


def _guess_legacy(data: bytes) -> str:
    """Pick a single-byte encoding, preferring Windows-1252 among equally plausible Latin ones.

    Short Western texts fit every Latin code page equally well; news in such code pages is far
    more often Western European than Central or Baltic, so cp1252 wins ties.
    """
    matches = from_bytes(data[:1_000_000])
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError("not UTF-8 and no other text encoding fits")
    if best.encoding in _LATIN_FAMILY:
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return best.encoding


_LATIN_FAMILY = {
    "cp1252", "latin_1", "iso8859_15", "cp1250", "cp1257", "cp775", "mac_latin2", "mac_roman",
    "iso8859_2", "iso8859_4", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16",
}
