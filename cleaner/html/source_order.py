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

Then every block is mapped onto the page's text, by construction (``onto_page``): reading on from
where the block before it ended, a block found there whole (whitespace aside) stays as it is, which
is every block of a well-formed page, one search each. Otherwise (tag soup that trafilatura's
readability or jusText comparison parsed otherwise than our tree: markup read as text, ``/Galaxy``
for ``/>Galaxy``, text from two places joined out of order, characters trafilatura drops) the block
keeps only the parts of its words that the page has from there on, in order, near each other: the
rest was never the page's text. So the body is a sequence of pieces of the page's text in source
order. The one exception: trafilatura gives text in Unicode NFC, so a page written in another form
(NFD) is mapped in NFC, the same text in the canonical form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import Line
from .tree import CONTROL_CHARS

SPACE = re.compile(r"\s+")
PROBE = 40  # characters of a block's start looked up in the page's text
MIN_PIECE = 3  # a part of a word shorter than this is not looked up (it would match anywhere)
NEAR = 200  # a part of a broken block is looked for this many characters (plus twice the block's rest) on


def _without_copies(lines: list[Line], page: str) -> list[Line]:
    """A block given more often than the page has its text loses the extra copies (trafilatura can
    return a paragraph twice when a <p> is left open inside another)."""
    given: dict[str, int] = {}
    kept = []
    for line in lines:
        text = SPACE.sub(" ", line.text).strip()
        given[text] = given.get(text, 0) + 1
        if given[text] == 1 or page.count(text) >= given[text]:
            kept.append(line)
    return kept


def in_source_order(lines: list[Line], tree: Any) -> list[Line]:
    """``lines`` renumbered in the order they start in the page, U+FFFD the page does not have removed."""
    if not lines:
        return lines
    page = " ".join("".join(tree.itertext()).split())  # whitespace collapsed: split/join is 6x faster than SPACE.sub
    foreign = {ord(char): " " if char == "\ufffd" else None for char in (*CONTROL_CHARS, "\ufffd") if char not in page}
    for line in lines:
        cleaned = line.text.translate(foreign)
        if cleaned != line.text:
            line.text = line.content = cleaned
    placed = []
    last = -1
    for index, line in enumerate(lines):
        probe = SPACE.sub(" ", line.text).strip()[:PROBE]
        at = page.find(probe, last + 1) if probe else -1  # after the block before it, where it belongs ...
        if at < 0 and probe:
            at = page.find(probe)  # ... else wherever the page has it
        last = at if at >= 0 else last
        placed.append((last, index, line))
    placed.sort(key=lambda item: (item[0], item[1]))
    ordered = _without_copies([line for _, _, line in placed if line.text.strip()], page)
    ordered = onto_page(ordered, page)
    for number, line in enumerate(ordered, 1):
        line.number = number
    return ordered


def onto_page(lines: list[Line], page: str) -> list[Line]:
    """``lines`` as pieces of ``page`` (the page's text) in order: each block is read on from where the
    one before it ended; what is not the page's text there is dropped; a block left empty goes."""
    text = "".join(page.split())
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    kept = []
    position = 0
    for line in lines:
        whole = "".join(line.text.split())
        found = text.find(whole, position)
        if found >= 0:
            position = found + len(whole)
            kept.append(line)
            continue
        mapped, position = _mapped(line.text, text, position)
        if mapped:
            line.text = line.content = mapped
            kept.append(line)
    return kept


def _mapped(block: str, text: str, position: int) -> tuple[str, int]:
    """The parts of ``block``'s words found in ``text`` in order from ``position`` on, and where the
    last ended. The first part may be anywhere after ``position``; each further one within NEAR
    characters (plus twice what is left of the block) of the one before, so that a stray part found
    far on does not carry the reading past the page's text that follows."""
    out: list[str] = []
    first = True
    remaining = len(block)
    for word in block.split():
        remaining -= len(word) + 1
        pieces, position, first = _word_pieces(word, text, position, first, NEAR + 2 * max(remaining, 0))
        out.extend(pieces)
    return " ".join(out), position


def _word_pieces(word: str, text: str, position: int, first: bool, near: int) -> tuple[list[str], int, bool]:
    """``word`` as parts of ``text`` from ``position`` on: the whole word, else its longest runs
    found in order (at least MIN_PIECE characters), each a word of its own: each is then where a
    reader looking for it from ``position`` on finds it first (accounting.body_out_of_order)."""
    limit = len(text) if first else position + near + len(word)
    found = text.find(word, position, limit)
    if found >= 0:
        return [word], found + len(word), False
    pieces: list[str] = []
    start = 0
    while start + MIN_PIECE <= len(word):
        at = text.find(word[start : start + MIN_PIECE], position, limit)
        if at < 0:
            start += 1
            continue
        end = start + MIN_PIECE
        while end < len(word) and at + end - start < len(text) and text[at + end - start] == word[end]:
            end += 1
        piece = word[start:end]
        pieces.append(piece)
        position = at + len(piece)
        first = False
        limit = position + near + len(word)
        start = end
    return pieces, position, first
