"""What the readers pass over on purpose, counted for the summary: files in a folder that are not inputs
(README.md, LICENSE, images, ...) and WARC records that are not documents (redirects, errors,
revisits, non-HTML responses). None of these is a document, so none is in "docs in"."""

from __future__ import annotations

from collections import Counter

EXAMPLES = 5
FILE = "file"  # a file found in a folder that is not an input; the reason says what it is
WARC = "warc"  # a WARC record that is not a document; the reason is its HTTP status or type


class Skips:
    """Counts by (kind, reason), with the first few names for each kind (the summary shows them)."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.examples: dict[str, list[tuple[str, str]]] = {}  # kind -> [(name, reason)]

    def add(self, kind: str, reason: str, name: str) -> None:
        self.counts[kind, reason] += 1
        names = self.examples.setdefault(kind, [])
        if len(names) < EXAMPLES:
            names.append((name, reason))

    def total(self, kind: str) -> int:
        return sum(n for (k, _), n in self.counts.items() if k == kind)

    def reasons(self, kind: str) -> list[tuple[str, int]]:
        return sorted((reason, n) for (k, reason), n in self.counts.items() if k == kind)
