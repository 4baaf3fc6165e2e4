"""The body of an HTML page is the page's own text in source order, whichever extractor found it.

trafilatura's full cascade compares its result with readability's and jusText's and can hand back
blocks in another order than the page's; jusText parses the page again itself, and libxml2 turns a
character reference to a control character (``&#12;``) into U+FFFD there, a character the page never
had. So every extracted block is looked up in the page's own text (the tree page.parse made, whitespace
collapsed): blocks go back into the order in which they start there (looked for after the block
before them first, so that a start the page repeats keeps the extractor's order), and a U+FFFD that
the page's text does not hold becomes a space, as the control character it stands for (a form feed,
mostly) reads in the page; control characters the page's text does not hold are dropped, as the parse
drops them. A block that is not found in the page (rare: an extractor's own joining of inline text) keeps
its place after the block before it. A block the extractor gives more often than the page has it
keeps only as many copies as the page has.
"""

from __future__ import annotations

from typing import Any

from ..model import Line
from .tree import CONTROL_CHARS

PROBE = 40  # characters of a block's start looked up in the page's text


def _collapsed(text: str) -> str:
    """``text`` with every run of whitespace one space, trimmed (split/join: 6x faster than a regex)."""
    return " ".join(text.split())


def _without_copies(lines: list[Line], page: str) -> list[Line]:
    """A block given more often than the page has its text loses the extra copies (trafilatura can
    return a paragraph twice when a <p> is left open inside another)."""
    given: dict[str, int] = {}
    kept = []
    for line in lines:
        text = _collapsed(line.text)
        given[text] = given.get(text, 0) + 1
        if given[text] == 1 or page.count(text) >= given[text]:
            kept.append(line)
    return kept


def in_source_order(lines: list[Line], tree: Any) -> list[Line]:
    """``lines`` renumbered in the order they start in the page, U+FFFD the page does not have removed."""
    if not lines:
        return lines
    page = _collapsed("".join(tree.itertext()))
    foreign = {ord(char): " " if char == "\ufffd" else None for char in (*CONTROL_CHARS, "\ufffd") if char not in page}
    for line in lines:
        cleaned = line.text.translate(foreign)
        if cleaned != line.text:
            line.text = line.content = cleaned
    placed = []
    last = -1
    for index, line in enumerate(lines):
        probe = _collapsed(line.text)[:PROBE]
        at = page.find(probe, last + 1) if probe else -1  # after the block before it, where it belongs ...
        if at < 0 and probe:
            at = page.find(probe)  # ... else wherever the page has it
        last = at if at >= 0 else last
        placed.append((last, index, line))
    placed.sort(key=lambda item: (item[0], item[1]))
    ordered = _without_copies([line for _, _, line in placed if line.text.strip()], page)
    for number, line in enumerate(ordered, 1):
        line.number = number
    return ordered
