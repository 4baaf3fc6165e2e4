"""Text repeated inside a dump: keep one copy.

Scrapers that take a parent element's text and then each child's write the article two to five
times: a glued one-line copy of several paragraphs followed by the same paragraphs one per line, a
block of paragraphs repeated further down, the whole article written again. Two passes:

- ``heuristic/repeated-line``: a line equal to the line just before it (a paragraph or caption
  scraped twice); the first copy is kept.
- ``heuristic/repeated-text``: sentences already found in another line of the document. Each line's
  sentences are normalised (lower-cased word tokens), so a glued copy and a split copy match. Of the
  copies the one kept is the better segmented: a line made only of sentences that other lines hold
  (a glued parent of several paragraphs, an exact copy, a standfirst copied from a paragraph) goes
  whole; a line that also holds sentences of its own keeps those and loses the copied ones (a cut).
  Only sentences of ``KEY_MIN_WORDS`` words that end like a sentence count, so short lines that
  legitimately come back (a chorus, two equal prayer times, a value in a table) are never matched;
  such a short line goes only as part of a copied block (its neighbours copied with it, in order),
  and a single paragraph that comes back alone far away stays (an article may repeat itself).

Cheap when nothing repeats: the sentences are split only on a document where two kept lines start
with the same ``PROBE_CHARS`` characters, which every kind of copy above shows.
"""

from __future__ import annotations

from typing import Final

import re

from .. import textshape
from ..model import Document, Line

RULE_ID: Final = "heuristic/repeated-line"
TEXT_RULE_ID = "heuristic/repeated-text"
DESCRIPTIONS = {
    RULE_ID: "the same text as the line just before it (scraped twice); the first copy is kept",
    TEXT_RULE_ID: "text already in another line of the page (a scraper wrote the article or some paragraphs twice); "
    "the best segmented copy is kept",
}
DESCRIPTION = DESCRIPTIONS[RULE_ID]

# HTML page types whose text repeats itself on purpose: documentation shows the same note and nearly
# the same code once per language tab ('Don't include credentials in production apps' over the Node,
# Python and C# samples), and every copy is content. There only a line repeated right after itself goes.
OWN_REPEATS: Final = frozenset(("documentation",))
PROBE_CHARS: Final = 40  # lines that share their first this many characters may be copies
KEY_MIN_WORDS: Final = 6  # a sentence this long that ends with a full stop is matched against the other lines
HEADLINE_MIN_WORDS = 3  # a title-case line of this many words repeated right after itself was scraped twice
UNSTOPPED_MIN_WORDS: Final = 10  # a piece without a full stop this long is matched too, but never dropped as an equal line
SHINGLE: Final = 4  # words in a row compared by _Echo
ECHO_MIN_SHINGLES = 3  # a sentence needs this many shingles before its shingles can say it is a copy
ECHO_MIN_SHARE = 0.8  # ... and this share of them held by another live line
ECHO_MIN_MATCHED = 2  # ... in a line with at least this many sentences matched exactly (a proven copy)
# An equal line of this many matched sentences is a copy wherever it sits: a glued page written
# twice (each copy one line), not a paragraph the article repeats.
WHOLE_COPY_MIN_SENTENCES = 3
BLOCK_MIN_WORDS = 15  # an exact copy of a line goes with its block only when it is prose this long (not a data row)
REST_MAX_SHARE = 0.2  # a line whose unmatched sentences hold at most this share of its words goes whole
# A sentence ends at a full stop (closing quotes after it) followed by a space and no lower-case
# letter, or directly by a capital or an opening quote: a glued copy joins paragraphs without a
# space ('... ucap Eko.Longsor terjadi ...'), while '08.00' and 'Rp 8.819.000' are not split.
SENTENCE_BREAK: Final = re.compile(r"(?<=[.!?…])[\"'”’)\]]*(?:\s+(?=[^\sa-z])|(?=[\"“‘(]?[A-Z]))")
FULL_STOPS: Final = ".!?…"


def apply(doc: Document) -> None:
    """Both passes in one walk over the lines; the sentence pass runs only when two kept lines start
    alike (``PROBE_CHARS``), as a copy of a paragraph, a glued copy of several (it starts like the
    first) and a copied block all do."""
    previous: str | None = None
    starts: set[str] = set()
    may_repeat = False
    for line in doc.lines:
        if not line.kept:
            continue
        text = line.content
        if previous is not None and _same(text, previous) and _may_be_scraped_twice(previous):
            line.remove(RULE_ID)  # a line repeated right after itself
            continue
        previous = text
        if not may_repeat and len(text) >= PROBE_CHARS:
            start = text[:PROBE_CHARS]
            may_repeat = start in starts
            starts.add(start)
    if may_repeat and doc.meta.get("page_type") not in OWN_REPEATS:
        _drop_repeated_runs(doc.kept())
        _repeated_text(doc.kept())


# --- a line repeated right after itself ------------------------------------------------------------


def _may_be_scraped_twice(text: str) -> bool:
    """A paragraph, or a headline or caption in title case; not a short line in sentence case or a
    value ('Kita tetap bernyanyi' twice in a chorus, '04:41' in two rows of a table)."""
    words = textshape.words(text)
    if len(words) >= KEY_MIN_WORDS:
        return True
    return sum(1 for word in words if word[:1].isalpha()) >= HEADLINE_MIN_WORDS and textshape.is_headline_like(text)


PREFIX_CHARS: Final = 16  # characters casefolded first: most neighbouring lines differ there


def _same(text: str, other: str) -> bool:
    """Equal ignoring case (casefold); for ASCII text, lengths differ unless the texts may be equal."""
    if text.isascii() and other.isascii():
        return len(text) == len(other) and text.lower() == other.lower()
    # casefold works character by character, so the casefold of a text starts with the casefold of
    # its first characters: when those of the two texts disagree within their common length, the
    # whole texts differ too, without casefolding two paragraphs
    head, other_head = text[:PREFIX_CHARS].casefold(), other[:PREFIX_CHARS].casefold()
    common = min(len(head), len(other_head))
    if head[:common] != other_head[:common]:
        return False
    return text.casefold() == other.casefold()


# --- a run of lines written again ------------------------------------------------------------------

RUN_MIN_LINES = 3  # lines in a row equal to an earlier run, in order (and prose, see _proves_a_copy): a copy
RUN_MIN_PROSE_LINES = 2  # ... holding this many lines of prose, or one when the run restarts the dump


def _drop_repeated_runs(kept: list[Line]) -> None:
    """A run of lines equal, in order, to an earlier run (the whole dump written twice, a table or a
    lyric with its introduction copied further down) goes when it holds prose (``_proves_a_copy``):
    a chorus with its label, a table row that comes back, a few short lines, stay (the page's own).
    Segments of glued lines take no part: of a glued copy and a split one, the sentence pass below
    keeps the better segmented, not the first."""
    texts = [None if line.segment else line.content.casefold() for line in kept]
    first: dict[str | None, int] = {}
    i = 0
    while i < len(kept):
        if texts[i] is None:
            i += 1
            continue
        j = first.setdefault(texts[i], i)
        length = 0
        while j < i and i + length < len(kept) and j + length < i and texts[j + length] == texts[i + length]:
            length += 1
        run = kept[i : i + length]
        if length >= RUN_MIN_LINES and _proves_a_copy(run, restarts=j == 0):
            for line in run:
                line.remove(TEXT_RULE_ID)
            i += length
        else:
            i += 1


def _proves_a_copy(run: list[Line], restarts: bool) -> bool:
    """Two lines of prose, or one when the run starts again from the dump's first kept line (the
    whole dump written twice; a chorus never starts where the article does)."""
    prose = sum(1 for line in run if textshape.is_prose(line.content))
    return prose >= (1 if restarts else RUN_MIN_PROSE_LINES)


# --- sentences found in other lines ----------------------------------------------------------------


class _Sentence:
    """One sentence of a kept line: where it sits in ``line.content``, its key (None: too short to
    match) and its word shingles (for ``_Echo``)."""

    def __init__(self, line: Line, start: int, end: int, tokens: list[str], stopped: bool) -> None:
        self.line = line
        self.start = start
        self.end = end
        self.words = len(tokens)
        self.stopped = stopped  # ends with a full stop (a sentence, not a lyric line or a heading)
        self.key: str | None = " ".join(tokens) if len(tokens) >= (KEY_MIN_WORDS if stopped else UNSTOPPED_MIN_WORDS) else None
        self.shingles: list[str] = [" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
        self.copied = False  # decided to be a copy of text kept elsewhere


class _Unit:
    """A physical input line: one kept line, or the kept segments of a glued line."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.lines: list[Line] = []
        self.sentences: list[_Sentence] = []
        self.alive = True
        self.in_block = False  # the matched line before or after it also has a copy somewhere

    def keys(self) -> list[str]:
        return [s.key for s in self.sentences if s.key is not None and not s.copied]

    def keyed(self) -> bool:
        return any(s.key is not None for s in self.sentences)

    def words(self) -> int:
        return sum(s.words for s in self.sentences)


def _sentences(line: Line) -> list[_Sentence]:
    text = line.content
    found: list[_Sentence] = []
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        _add_sentence(found, line, start, match.end())
        start = match.end()
    _add_sentence(found, line, start, len(text))
    return found


def _add_sentence(found: list[_Sentence], line: Line, start: int, end: int) -> None:
    piece = line.content[start:end]
    tokens = textshape.tokenise(piece.lower())
    if tokens:
        stop = piece.rstrip().rstrip(textshape.TRAILING_CLOSERS)[-1:]
        found.append(_Sentence(line, start, end, tokens, stop != "" and stop in FULL_STOPS))


def _units(kept: list[Line]) -> list[_Unit]:
    units: list[_Unit] = []
    for line in kept:
        last = units[-1] if units else None
        if last is None or not (line.segment > 1 and last.lines[-1].number == line.number):
            last = _Unit(len(units))
            units.append(last)
        last.lines.append(line)
        last.sentences.extend(_sentences(line))
    return units


class _Echo:
    """Which word shingles (SHINGLE words in a row) the live text holds, and in how many lines: a
    sentence whose key matches nothing (a glued word at its edge, a prompt glued to its end) is still
    a copy when nearly all its shingles are in another live line. Text that goes stops counting, so two
    copies can never both be cut as each other's copy."""

    def __init__(self, units: list[_Unit]) -> None:
        self.lines_holding: dict[str, int] = {}
        for unit in units:
            for shingle in set(sh for s in unit.sentences for sh in s.shingles):
                self.lines_holding[shingle] = self.lines_holding.get(shingle, 0) + 1

    def elsewhere(self, unit: _Unit, sentence: _Sentence) -> bool:
        """Whether another live line holds at least ECHO_MIN_SHARE of the sentence's shingles."""
        if len(sentence.shingles) < ECHO_MIN_SHINGLES:
            return False
        own = set(sh for s in unit.sentences if not s.copied for sh in s.shingles)
        found = sum(1 for sh in sentence.shingles if self.lines_holding.get(sh, 0) > (1 if sh in own else 0))
        return found >= ECHO_MIN_SHARE * len(sentence.shingles)

    def forget(self, unit: _Unit, sentences: list[_Sentence]) -> None:
        """``sentences`` of ``unit`` are no longer live text (the unit dropped, or them cut)."""
        gone = set(sh for s in sentences for sh in s.shingles)
        still = set(sh for s in unit.sentences if not s.copied and s not in sentences for sh in s.shingles) if unit.alive else set()
        for shingle in gone - still:
            self.lines_holding[shingle] -= 1


def _repeated_text(kept: list[Line]) -> None:
    units = _units(kept)
    holders = _holders(units)
    if not any(len(found) > 1 for found in holders.values()) and not any(s.copied for unit in units for s in unit.sentences):
        return  # no sentence in two lines, nor twice in one (a glued page holding the article twice)
    echo = _Echo(units)
    _mark_blocks(units, holders)
    _drop_copied_lines(units, holders, echo)
    _cut_copied_sentences(units, holders, echo)
    for unit in units:
        _apply(unit)
    _drop_copied_short_lines(kept, units)


def _holders(units: list[_Unit]) -> dict[str, list[_Unit]]:
    """Key -> the lines holding it, in order; sentences twice in one line (a glued page written
    twice: at least ECHO_MIN_MATCHED full sentences among them) are copies there already."""
    holders: dict[str, list[_Unit]] = {}
    for unit in units:
        seen_here: set[str] = set()
        again: list[_Sentence] = []
        for sentence in unit.sentences:
            key = sentence.key
            if key is None:
                continue
            if key in seen_here:
                again.append(sentence)
                continue
            seen_here.add(key)
            holders.setdefault(key, []).append(unit)
        # Full sentences said twice prove a copy; then its unfinished pieces ('... pukul 08.00 WIB') go
        # too. One sentence, or only data phrases, said twice are the article's own.
        if sum(1 for sentence in again if sentence.stopped) >= ECHO_MIN_MATCHED:
            for sentence in again:
                sentence.copied = True
            _mark_echoes_within(unit)
    return holders


def _mark_echoes_within(unit: _Unit) -> None:
    """In a line proven to hold the text twice, a later sentence whose shingles the earlier sentences
    of the same line nearly all hold is a copy too, though its key differs: a word glued to its edge
    when the copies were joined ('Republika Dikutip dari ...', 'IranMenurut Elbit ...'), or its first
    words split off into the segment before it."""
    earlier: set[str] = set()
    for sentence in unit.sentences:
        shingles = sentence.shingles
        if (
            not sentence.copied
            and sentence.key is not None
            and len(shingles) >= ECHO_MIN_SHINGLES
            and sum(1 for sh in shingles if sh in earlier) >= ECHO_MIN_SHARE * len(shingles)
        ):
            sentence.copied = True
        earlier.update(shingles)


def _mark_blocks(units: list[_Unit], holders: dict[str, list[_Unit]]) -> None:
    """A line is in a copied block when it is a paragraph of prose whose every sentence another line
    holds, and so is the matched line before or after it, which is not its own copy (a data row or a
    chorus line that comes back is not prose; a paragraph the article repeats once, or right after
    itself, has no other copied neighbour)."""
    keyed = [unit for unit in units if unit.keyed()]
    keys = [tuple(unit.keys()) for unit in keyed]
    copy = [
        unit.words() >= BLOCK_MIN_WORDS
        and any(s.stopped and s.key is not None for s in unit.sentences)
        and all(len(holders[key]) > 1 for key in keys[i])
        for i, unit in enumerate(keyed)
    ]
    for i, unit in enumerate(keyed):
        unit.in_block = copy[i] and any(0 <= j < len(keyed) and copy[j] and keys[j] != keys[i] for j in (i - 1, i + 1))


def _others(unit: _Unit, key: str, holders: dict[str, list[_Unit]]) -> list[_Unit]:
    return [other for other in holders.get(key, []) if other is not unit and other.alive]


def _covered_by(unit: _Unit, holders: dict[str, list[_Unit]], echo: _Echo) -> list[_Unit] | None:
    """The other live lines holding the unit's sentences, when each sentence of it is held by another
    live line (its key, or its shingles) but for short ones holding few of its words; else None."""
    sources: dict[int, _Unit] = {}
    rest = 0
    matched = 0
    echoed: list[_Sentence] = []
    for sentence in unit.sentences:
        if sentence.copied:
            continue
        others = _others(unit, sentence.key, holders) if sentence.key is not None else []
        for other in others:
            sources[other.index] = other
        if others:
            matched += 1
        elif sentence.key is not None and sentence.stopped:
            echoed.append(sentence)  # a sentence of its own, unless its shingles say otherwise
        else:
            rest += sentence.words
    if not sources or rest > REST_MAX_SHARE * unit.words():
        return None
    if echoed and (matched < ECHO_MIN_MATCHED or not all(echo.elsewhere(unit, s) for s in echoed)):
        return None
    return [sources[i] for i in sorted(sources)]


def _drop_copied_lines(units: list[_Unit], holders: dict[str, list[_Unit]], echo: _Echo) -> None:
    """Remove whole lines whose every sentence another line holds, the worst segmented first: a glued
    copy of several lines, then the later of two equal lines, then a line copied inside a longer
    paragraph (a standfirst, a pull quote). A line copied inside a glued copy of several lines stays:
    the glued copy loses it instead (``_cut_copied_sentences``)."""
    while True:
        best: tuple[int, int, int, int] | None = None
        chosen: _Unit | None = None
        for unit in units:
            if not unit.alive:
                continue
            sources = _covered_by(unit, holders, echo)
            rank = None if sources is None else _drop_rank(unit, sources, holders)
            if rank is not None and (best is None or rank > best):
                best, chosen = rank, unit
        if chosen is None:
            return
        echo.forget(chosen, chosen.sentences)
        chosen.alive = False


def _drop_rank(unit: _Unit, sources: list[_Unit], holders: dict[str, list[_Unit]]) -> tuple[int, int, int, int] | None:
    """How sure it is that ``unit`` is the copy to drop (higher first), None when it should stay."""
    keys = unit.keys()
    held = set(k for k in keys if _others(unit, k, holders))
    whole = [source for source in sources if held <= set(source.keys())]
    if not whole:
        return (3, len(keys), unit.words(), unit.index)  # a glued copy of several lines: the largest first
    source = whole[0]
    source_keys = source.keys()
    if source_keys == keys:
        if not unit.in_block and len(keys) < WHOLE_COPY_MIN_SENTENCES:
            return None  # a paragraph that comes back alone, away from its copy, or a data row: the page's own
        return (2, len(keys), unit.words(), unit.index)  # equal lines: the later goes
    if len(_sharing(source, holders)) > 1:
        return None  # inside a glued copy of several lines: that copy is cut instead
    return (1, -len(keys), unit.words(), unit.index)  # inside one longer paragraph: the copy goes


def _sharing(unit: _Unit, holders: dict[str, list[_Unit]]) -> list[_Unit]:
    """The other live lines that hold some sentence of ``unit``, in document order."""
    found: dict[int, _Unit] = {}
    for sentence in unit.sentences:
        if sentence.key is not None and not sentence.copied:
            for other in _others(unit, sentence.key, holders):
                found[other.index] = other
    return [found[i] for i in sorted(found)]


def _cut_copied_sentences(units: list[_Unit], holders: dict[str, list[_Unit]], echo: _Echo) -> None:
    """In the lines that stay, sentences also held by another live line are cut from the worse
    segmented of the two: from a line that holds the other whole (a glued copy of it and more), or,
    when two lines share at least two sentences, from the one with more sentences (of equal ones, the
    later). One sentence shared by two paragraphs that each say more stays in both: an article may
    repeat a sentence. A line that loses sentences this way also loses those whose shingles another
    live line holds (the copy's glued edges)."""
    keys = {unit.index: unit.keys() for unit in units if unit.alive}  # before any cut
    for unit in units:
        if not unit.alive:
            continue
        mine = keys[unit.index]
        cut: list[_Sentence] = []
        for other in _sharing(unit, holders):
            theirs = keys[other.index]
            if theirs == mine:
                continue  # an equal line left by _drop_copied_lines: a paragraph the article repeats
            shared = set(mine) & set(theirs)
            coarser = len(theirs) < len(mine) or (len(theirs) == len(mine) and other.index < unit.index)
            if _inside(other, theirs, unit, set(mine)) or (len(shared) >= 2 and coarser):
                still = set(t.key for t in other.sentences if not t.copied)  # never cut both copies
                cut += [s for s in unit.sentences if s.key in shared and s.key in still and not s.copied]
        if not cut:
            continue
        for sentence in cut:
            sentence.copied = True
        echo.forget(unit, cut)
        if len(cut) < ECHO_MIN_MATCHED:
            continue
        edges = [s for s in unit.sentences if not s.copied and echo.elsewhere(unit, s)]
        for sentence in edges:
            sentence.copied = True
        echo.forget(unit, edges)


def _inside(other: _Unit, theirs: list[str], unit: _Unit, mine: set[str]) -> bool:
    """Whether every sentence of ``other`` (its keys ``theirs`` before any cut) is in ``unit`` (keys
    ``mine``): by its key, or (a glued word at its edge) by nearly all its shingles."""
    missing = set(theirs) - mine
    if not missing:
        return True
    shingles = set(sh for s in unit.sentences for sh in s.shingles)
    for sentence in other.sentences:
        if sentence.key not in missing:
            continue
        if len(sentence.shingles) < ECHO_MIN_SHINGLES:
            return False
        if sum(1 for sh in sentence.shingles if sh in shingles) < ECHO_MIN_SHARE * len(sentence.shingles):
            return False
    return True


def _apply(unit: _Unit) -> None:
    if not unit.alive:
        for line in unit.lines:
            line.remove(TEXT_RULE_ID)
        return
    for line in unit.lines:
        _cut_line(line, [s for s in unit.sentences if s.line is line])


def _cut_line(line: Line, sentences: list[_Sentence]) -> None:
    """Cut the runs of copied sentences out of one line (short sentences between two copied ones go
    with them); the whole line goes when only short sentences, few of its words, would be left."""
    if not any(s.copied for s in sentences):
        return
    left = [s for s in sentences if not s.copied]
    if all(s.key is None for s in left) and sum(s.words for s in left) <= REST_MAX_SHARE * sum(s.words for s in sentences):
        line.remove(TEXT_RULE_ID)
        return
    runs: list[list[int]] = []
    open_run = False  # no sentence of the line's own since the last copied one
    for sentence in sentences:
        if sentence.copied:
            if open_run:
                runs[-1][1] = sentence.end  # the run goes on over the short sentences between
            else:
                runs.append([sentence.start, sentence.end])
            open_run = True
        elif sentence.key is not None:
            open_run = False
    for start, end in reversed(runs):  # from the end: earlier offsets stay valid
        line.cut(start, end, TEXT_RULE_ID)


def _drop_copied_short_lines(kept: list[Line], units: list[_Unit]) -> None:
    """A short line (a heading, a data row) that repeats an earlier line goes when it sits in a copied
    block: the nearest matched line after it (or before it) was dropped as a copy of the line nearest
    the earlier occurrence on the same side."""
    unit_of: dict[int, _Unit] = {}
    for unit in units:
        for line in unit.lines:
            unit_of[id(line)] = unit
    first_at: dict[str, int] = {}
    for i, line in enumerate(kept):
        unit = unit_of[id(line)]
        if unit.keyed() or len(unit.lines) > 1 or not line.kept:
            continue
        text = line.content.casefold()
        earlier = first_at.get(text)
        if earlier is None:
            first_at[text] = i
        elif _aligned(kept, unit_of, earlier, i, 1) or _aligned(kept, unit_of, earlier, i, -1):
            line.remove(TEXT_RULE_ID)


def _aligned(kept: list[Line], unit_of: dict[int, _Unit], earlier: int, here: int, step: int) -> bool:
    """The nearest matched line from ``here`` in direction ``step`` was dropped as a copy, and its first
    sentence is the first sentence of the nearest matched line from ``earlier`` the same way."""
    mine = _nearest_keyed(kept, unit_of, here, step)
    theirs = _nearest_keyed(kept, unit_of, earlier, step)
    if mine is None or theirs is None or mine.alive:
        return False
    return _first_key(mine) == _first_key(theirs)


def _nearest_keyed(kept: list[Line], unit_of: dict[int, _Unit], start: int, step: int) -> _Unit | None:
    i = start + step
    while 0 <= i < len(kept):
        unit = unit_of[id(kept[i])]
        if unit.keyed():
            return unit
        i += step
    return None


def _first_key(unit: _Unit) -> str | None:
    return next((s.key for s in unit.sentences if s.key is not None), None)
