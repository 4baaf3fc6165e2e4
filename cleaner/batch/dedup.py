"""``--dedup``: drop records whose body is an exact duplicate of one already written.

Bodies are compared after normalisation (NFKC, case-folded, whitespace runs collapsed), by a 16-byte
BLAKE2b hash computed in the worker; the main process keeps only the set of hashes (about 70 bytes per
unique body). Empty bodies are never duplicates.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def body_hash(text: str) -> bytes | None:
    """Hash of the normalised body; None for an empty body."""
    norm = normalise(text)
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=16).digest() if norm else None


class Deduper:
    def __init__(self, seen: set[bytes] | None = None):
        self.seen = seen if seen is not None else set()

    def is_duplicate(self, digest: bytes | None) -> bool:
        """True when ``digest`` was seen before; otherwise remembers it."""
        if digest is None:
            return False
        if digest in self.seen:
            return True
        self.seen.add(digest)
        return False
