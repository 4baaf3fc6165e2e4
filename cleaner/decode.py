"""Bytes to text: BOM, then UTF-8, then a declared or detected charset, then cp1252.

Every way out is recorded (``Decoded.encoding``) so a record can say how its text was read. Input that
is empty or binary raises InputError with a reason a user can act on.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

BINARY_SAMPLE = 4096
BINARY_MAX_CONTROL_SHARE = 0.10
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])  # control characters other than \t \n \v \f \r
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class InputError(ValueError):
    """An input that cannot be cleaned (empty, binary, undecodable); the message says why."""


@dataclass
class Decoded:
    text: str
    encoding: str


def looks_binary(data: bytes) -> bool:
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))  # counted in C
    return controls / max(len(sample), 1) > BINARY_MAX_CONTROL_SHARE


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset named by the source (HTTP header, meta tag)."""
    if not data.strip():
        raise InputError("empty input")
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name)
    if looks_binary(data):
        raise InputError("binary input (not text or HTML)")
    for name in _candidates(declared):
        try:
            return Decoded(data.decode(name), name)
        except (UnicodeDecodeError, LookupError):
            continue
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252+replace")


def _candidates(declared: str | None) -> list[str]:
    names = ["utf-8"]
    if declared:
        names.insert(0, declared.strip().lower())
    return names + ["cp1252"]
