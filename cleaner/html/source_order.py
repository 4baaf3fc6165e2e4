"""The body of an HTML page is the page's own text in source order, whichever extractor found it.

trafilatura's full cascade compares its result with readability's and jusText's and can hand back
blocks in another order than the page's; jusText parses the page again itself, and libxml2 turns a
character reference to a control character (``&#12;``) into U+FFFD there, a character the page never
had. So every extracted block is looked up in the page's own text (the tree page.parse made, read
without whitespace, as accounting.page_text reads it):

- a U+FFFD that the page's text does not hold becomes a space, as the control character it stands
  for (a form feed, mostly) reads in the page; control characters the page's text does not hold are
  dropped, as the parse drops them;
- a block found whole in the page stays whole, at the place where the page has it (looked for after
  the block before it first, so that a text the page repeats keeps the extractor's order; else
  anywhere). That is every block of a well-formed page: nothing the page has is ever cut;
- a block found nowhere whole (tag soup that trafilatura's readability or jusText comparison parsed
  otherwise than our tree: markup read as text, ``/Galaxy`` for ``/>Galaxy``, text from two places
  joined out of order) is rebuilt from the page's own words: its longest runs of words that the page
  has whole, each at its place in the page. A word the page does not have goes (a part of it the page
  has, of MIN_PIECE characters or more, stays); a run shorter than MIN_RUN characters, which could be
  found anywhere, is looked for next to the runs around it first (within NEAR characters after the
  one before it, or before the one after it);
- the pieces go in the order in which they start in the page; a piece whose text the body already
  holds (a block given twice, a part of a longer block) goes, and one that starts inside the text
  before it keeps only its text after it (the rest of a word the text before ends in included).

So the body is a sequence of the page's own texts in source order, and every block the page has whole
is in it. The one exception: trafilatura gives text in Unicode NFC, so a page written in another form
(NFD) is read in NFC, the same text in its canonical form.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from lxml import etree

from ..model import Line
from .tree import CONTROL_CHARS

MIN_RUN = 12  # characters (no whitespace): a shorter run of a broken block's words could be found anywhere
MIN_PIECE = 3  # characters: a shorter part of a word the page does not have is not looked up
NEAR = 200  # characters after the text before it where a short run of a broken block is looked for


def _flat(text: str) -> str:
    """``text`` without whitespace, as the checks read it (the zero-width space is a space to normalise)."""
    flat = "".join(text.split())
    return flat.replace("\u200b", "") if "\u200b" in flat else flat


def page_flat(text: str) -> str:
    """A page's text (its text nodes joined) as blocks are looked up in it."""
    flat = _flat(text)
    return flat if unicodedata.is_normalized("NFC", flat) else unicodedata.normalize("NFC", flat)


def in_source_order(lines: list[Line], tree: Any) -> list[Line]:
    """``lines`` as the page's own texts in source order, renumbered (module docstring)."""
    if not lines:
        return lines
    text = etree.tostring(tree, method="text", encoding="unicode", with_tail=False)  # "".join(tree.itertext()), in C
    if _has_foreign_candidates(lines):  # else no line has a character to look up in the page
        foreign = {ord(char): " " if char == "\ufffd" else None for char in FOREIGN_CANDIDATES if char not in text}
        for line in lines:
            cleaned = line.text.translate(foreign)
            if cleaned != line.text:
                line.text = line.content = cleaned
    return onto_page(lines, page_flat(text))


FOREIGN_CANDIDATES = (*CONTROL_CHARS, "\ufffd")


def _has_foreign_candidates(lines: list[Line]) -> bool:
    joined = "\n".join(line.text for line in lines)  # a newline is none of them
    return any(char in joined for char in FOREIGN_CANDIDATES)


class _Piece:
    """A block's text placed at ``start`` in the page. A whole block's words read without whitespace
    (``flats``) are made only when needed (a block starting inside the one before it)."""

    __slots__ = ("start", "index", "words", "_flats", "whole", "length")

    def __init__(self, start: int, index: int, words: list[str], flats: list[str] | None, whole: bool, length: int = -1) -> None:
        self.start = start
        self.index = index
        self.words = words
        self._flats = flats
        self.whole = whole
        self.length = length if length >= 0 else sum(map(len, flats or ()))

    @property
    def flats(self) -> list[str]:
        if self._flats is None:
            self._flats = [_flat(word) for word in self.words]
        return self._flats

    @property
    def end(self) -> int:
        return self.start + self.length


def onto_page(lines: list[Line], page: str) -> list[Line]:
    """``lines`` mapped onto ``page`` (``page_flat``): whole blocks at their place, broken ones rebuilt
    from the page's words, in source order, renumbered."""
    pieces: list[_Piece] = []
    holds = _Holds(page)
    last = -1  # where the block before started: a block is looked for after it first
    cursor = 0  # where the text placed last ended
    for index, line in enumerate(lines):
        words = line.text.split()
        whole = _flat(line.text)  # its words' _flat joined
        flats: list[str] | None = None
        if not unicodedata.is_normalized("NFC", whole):  # as the page is read (page_flat), word by word
            flats = [unicodedata.normalize("NFC", _flat(word)) for word in words]
            whole = "".join(flats)
        if not whole:
            continue
        at = page.find(whole, last + 1)
        if at < 0:
            at = page.find(whole)
        if at >= 0:
            pieces.append(_Piece(at, index, words, flats, True, len(whole)))
            last, cursor = at, at + len(whole)
            continue
        if flats is None:
            flats = [_flat(word) for word in words]
        for piece in _runs(words, flats, page, index, last, cursor, holds):
            pieces.append(piece)
            last, cursor = piece.start, piece.end
    # the longer first where two start together (a block and a start of it: the block stays whole);
    # stable: the extractor's order where they are the same
    pieces.sort(key=lambda piece: (piece.start, -piece.length))
    return _lines(lines, _without_overlaps(pieces))


class _Holds(dict):
    """Whether the page holds a text, each text looked up once per page: a broken block's words, parts
    and runs are looked up anywhere in the page, and one the page lacks is a search of all of it
    (150,000 characters on the usual WCXB page, scripts included); the alt texts and labels that break
    blocks repeat ('... Profile Image' on every card of a list, 'check mark icon')."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page

    def __missing__(self, text: str) -> bool:
        held = self[text] = self.page.find(text) >= 0
        return held


def _runs(words: list[str], flats: list[str], page: str, index: int, last: int, cursor: int, holds: _Holds | None = None) -> list[_Piece]:
    """A broken block's longest runs of words that the page has whole, each where the page has it: a
    long run after the block before first, else anywhere; a short one next to the runs around it
    first (within NEAR characters after the one before it, or before the one after it)."""
    holds = _Holds(page) if holds is None else holds
    words, flats = _page_words(words, flats, holds)
    runs: list[tuple[int, int]] = []  # (first word, end word) of each run
    i = 0
    while i < len(words):
        low, high = i + 1, len(words)  # a run found implies each shorter one is: the longest by bisection
        while low < high:
            middle = (low + high + 1) // 2
            if holds["".join(flats[i:middle])]:
                low = middle
            else:
                high = middle - 1
        runs.append((i, low))
        i = low
    texts = ["".join(flats[i:j]) for i, j in runs]
    starts: list[int] = [-1] * len(runs)
    for k, run in enumerate(texts):  # long runs first: they anchor the short ones
        if len(run) >= MIN_RUN:
            at = page.find(run, last + 1)
            starts[k] = at if at >= 0 else page.find(run)
            last = starts[k]
    for k, run in enumerate(texts):
        if len(run) >= MIN_RUN:
            continue
        before = next((starts[b] + len(texts[b]) for b in range(k - 1, -1, -1) if starts[b] >= 0), cursor if k == 0 else -1)
        after = next((starts[a] for a in range(k + 1, len(runs)) if starts[a] >= 0), -1)
        at = page.find(run, before, before + NEAR + len(run)) if before >= 0 else -1
        if at < 0 and after >= 0:
            at = page.rfind(run, max(0, after - NEAR - len(run)), after)
        if at < 0:  # not next to them: where the page has it, as a long run
            at = page.find(run, last + 1)
            at = at if at >= 0 else page.find(run)
        starts[k] = at
    return [_Piece(at, index, words[i:j], flats[i:j], False) for (i, j), at in zip(runs, starts) if at >= 0]


def _page_words(words: list[str], flats: list[str], holds: _Holds) -> tuple[list[str], list[str]]:
    """The words of ``words`` that the page has, a word it does not have replaced by its longest
    parts that it has (MIN_PIECE characters or more, each a word of its own), or dropped."""
    kept_words: list[str] = []
    kept_flats: list[str] = []
    for word, flat in zip(words, flats):
        if not flat:
            continue
        if holds[flat]:
            kept_words.append(word)
            kept_flats.append(flat)
            continue
        for part in _parts(flat, holds):
            kept_words.append(part)
            kept_flats.append(part)
    return kept_words, kept_flats


def _parts(word: str, holds: _Holds) -> list[str]:
    parts = []
    start = 0
    while start + MIN_PIECE <= len(word):
        end = start + MIN_PIECE
        if not holds[word[start:end]]:
            start += 1
            continue
        while end < len(word) and holds[word[start : end + 1]]:
            end += 1
        parts.append(word[start:end])
        start = end
    return parts


def _without_overlaps(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces in order of start without text twice: a piece inside the text before it goes (a block
    the extractor gave twice, a part of a longer block); one that starts inside it keeps its text
    after it: its words after it, and the rest of the word the text before ends in ('Pekerjaan di'
    before 'Pekerjaan dimulai bulan ...' leaves 'mulai bulan ...', not 'bulan ...')."""
    kept = []
    end = 0
    for piece in pieces:
        if piece.end <= end:
            continue
        if piece.start < end:
            offset = piece.start
            first = 0
            while offset + len(piece.flats[first]) <= end:
                offset += len(piece.flats[first])
                first += 1
            words, flats = piece.words[first:], piece.flats[first:]
            if offset < end:  # the text before ends inside this word: its rest stays, not lost
                rest = flats[0][end - offset :]
                words, flats, offset = [rest, *words[1:]], [rest, *flats[1:]], end
            piece = _Piece(offset, piece.index, words, flats, False)
        kept.append(piece)
        end = piece.end
    return kept


def _part_of(source: Line, text: str) -> Line:
    """A new line holding ``text``, part of block ``source`` (its kind and flags). Built field by field:
    copy.copy cannot rebuild a Line of the mypyc-compiled model."""
    return Line(source.number, text, kind=source.kind, fate=source.fate, rule=source.rule, field=source.field,
                join=source.join, segment=source.segment, kind_hint=source.kind_hint, header=source.header,
                structured=source.structured)


def _lines(lines: list[Line], pieces: list[_Piece]) -> list[Line]:
    """The lines the pieces make: a whole block is its own line; the pieces of one broken block next
    to each other in the body are one line."""
    out: list[Line] = []
    previous = -1
    for piece in pieces:
        source = lines[piece.index]
        if piece.whole:
            out.append(source)
        elif piece.index == previous and out[-1] is not source:
            out[-1].text = out[-1].content = out[-1].text + " " + " ".join(piece.words)
        else:
            out.append(_part_of(source, " ".join(piece.words)))
        previous = piece.index
    for number, line in enumerate(out, 1):
        line.number = number
    return out
