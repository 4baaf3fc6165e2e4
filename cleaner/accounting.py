"""The two promises every run keeps, as checks anyone can call (the tests call them on every input):

1. every non-empty input line is kept, consumed as metadata, or removed with the id of a rule;
2. nothing is invented: each kept line's content is its input text with parts cut out, never rewritten.
"""

from __future__ import annotations

from .lines import normalise
from .model import Document, Fate


def unaccounted_lines(text: str, doc: Document) -> list[int]:
    """Numbers of non-empty input lines that no Line stands for, or whose removal names no rule."""
    expected = {n for n, raw in enumerate(text.splitlines(), start=1) if normalise(raw)}
    present = {line.number for line in doc.lines}
    unexplained = {line.number for line in doc.lines if line.fate is not Fate.KEPT and not line.rule}
    return sorted((expected - present) | unexplained)


def invented_lines(doc: Document) -> list[int]:
    """Numbers of kept lines whose content is not their input text minus cut parts (in order)."""
    return [line.number for line in doc.kept() if not _is_subsequence(line.content, normalise(line.text))]


def _is_subsequence(content: str, source: str) -> bool:
    """True when the words of ``content`` appear in ``source`` in the same order (cuts only remove)."""
    position = 0
    for word in content.split():
        found = source.find(word, position)
        if found < 0:
            return False
        position = found + len(word)
    return True
