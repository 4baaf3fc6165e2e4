"""Bytes to text: BOM, then UTF-16/32 told by where its NUL bytes fall, then UTF-8, then a declared or
detected charset, then cp1252.

Every way out is recorded (``Decoded.encoding``) so a record can say how its text was read. Input that
is empty or binary raises InputError with a reason a user can act on. Binary means more than 10%
control bytes in the first 4 KB: a few stray NUL bytes in an article do not make it binary; they are
dropped from the text (they carry nothing, and later stages would treat them as characters).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

BINARY_SAMPLE = 4096
BINARY_MAX_CONTROL_SHARE = 0.10
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])  # control characters other than \t \n \v \f \r
# UTF-32 before UTF-16: the UTF-32-LE BOM (FF FE 00 00) starts with the UTF-16-LE one (FF FE)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
WIDE_NUL_SHARE = 0.4  # UTF-16/32 text of a Latin script: at least this share of the high bytes are NUL ...
WIDE_OTHER_NUL_SHARE = 0.05  # ... and almost none of the low ones


class InputError(ValueError):
    """An input that cannot be cleaned (empty, binary, undecodable); the message says why."""


@dataclass
class Decoded:
    text: str
    encoding: str


def looks_binary(data: bytes) -> bool:
    sample = data[:BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))  # counted in C
    return controls / max(len(sample), 1) > BINARY_MAX_CONTROL_SHARE


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the NUL bytes fall in the first 4 KB: every
    second (UTF-16) or three in four (UTF-32) bytes of Latin-script text are NUL, on one side."""
    sample = data[:BINARY_SAMPLE]
    if b"\x00" not in sample or len(sample) < 8:
        return None
    for width, name, nul_lanes in ((4, "utf-32-le", (1, 2, 3)), (4, "utf-32-be", (0, 1, 2)), (2, "utf-16-le", (1,)), (2, "utf-16-be", (0,))):
        lanes = [sample[lane::width] for lane in range(width)]
        shares = [lane.count(0) / max(len(lane), 1) for lane in lanes]
        if all(shares[k] >= WIDE_NUL_SHARE for k in nul_lanes) and all(shares[k] <= WIDE_OTHER_NUL_SHARE for k in range(width) if k not in nul_lanes):
            return name if _readable(sample[: len(sample) // width * width].decode(name, errors="replace")) else None
    return None


def _readable(text: str) -> bool:
    """Mostly printable characters (the same 10% allowance as for bytes)."""
    unreadable = sum(1 for char in text if not (char.isprintable() or char in "\t\n\r\f\v"))
    return unreadable / max(len(text), 1) <= BINARY_MAX_CONTROL_SHARE


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset named by the source (HTTP header, meta tag)."""
    if not data.strip():
        raise InputError("empty input")
    for bom, name in BOMS:
        if data.startswith(bom):
            return _without_nul(Decoded(data.decode(name, errors="replace"), name))
    wide = wide_encoding(data)
    if wide:
        return _without_nul(Decoded(data.decode(wide, errors="replace"), wide))
    if looks_binary(data):
        raise InputError("binary input (not text or HTML)")
    for name in _candidates(declared):
        try:
            return _without_nul(Decoded(data.decode(name), name))
        except (UnicodeDecodeError, LookupError):
            continue
    return _without_nul(Decoded(data.decode("cp1252", errors="replace"), "cp1252+replace"))


def _without_nul(decoded: Decoded) -> Decoded:
    if "\x00" in decoded.text:
        decoded.text = decoded.text.replace("\x00", "")
        if not decoded.text.strip():
            raise InputError("empty input")
    return decoded


def _candidates(declared: str | None) -> list[str]:
    names = ["utf-8"]
    if declared:
        names.insert(0, declared.strip().lower())
    return names + ["cp1252"]
