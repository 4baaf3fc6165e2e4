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
    present = {number for line in doc.lines for number in range(line.number, line.number + line.span + 1)}
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


def page_text(tree: object) -> str:
    """An HTML page's own text as the checks below read it: every text node in source order (the
    parser decoded its entities; a literal '&amp;' the page shows stays one), without whitespace (an
    extractor may join or split text at tags) and without the zero-width space, which the body's
    normalising reads as a space or drops (as html/source_order.py's flat text does)."""
    import re

    return re.sub(r"[\s\u200b]+", "", "".join(tree.itertext()))  # type: ignore[attr-defined]


CUT_PIECES = 3  # a body word may be up to this many pieces of the page's text, cuts between them


def body_out_of_order(body: str, page: str) -> str | None:
    """The first word of an HTML record's body that is not the page's own text (``page_text``) in
    source order, else None. Words are looked up one after the other, each after the previous one; a
    word may be made of a few pieces in order with text between them (a cut: 'karena' + 'rencana'
    from 'karena ADVERTISEMENT rencana'). The body is text, not HTML: its words are compared as they are."""
    position = 0
    for word in body.replace("\u200b", " ").split():  # the zero-width space is not in page_text either
        found = _pieces(word, page, position)
        if found is None:
            return word
        position = found
    return None


def _pieces(word: str, page: str, position: int) -> int | None:
    """Where ``word`` ends in ``page`` when read as at most CUT_PIECES pieces from ``position`` on."""
    for _ in range(CUT_PIECES):
        found = page.find(word, position)
        if found >= 0:
            return found + len(word)
        size = _longest_prefix(word, page, position)
        if size == 0:
            return None
        position = page.find(word[:size], position) + size
        word = word[size:]
    return None


def _longest_prefix(word: str, page: str, position: int) -> int:
    """The length of the longest start of ``word`` (at least 2 characters) found in ``page`` after ``position``."""
    low, high = 1, len(word) - 1  # a prefix found implies every shorter one is: binary search
    while low < high:
        middle = (low + high + 1) // 2
        if page.find(word[:middle], position) >= 0:
            low = middle
        else:
            high = middle - 1
    return low if low >= 2 and page.find(word[:low], position) >= 0 else 0
