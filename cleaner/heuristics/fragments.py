"""Re-join sentences that the scraper split at inline links or bold words.

    Hal itu disampaikan oleh Menteri Keuangan
    Sri Mulyani
    dalam konferensi pers di Jakarta.

A line continues the previous one when the previous does not end a sentence and the line starts in
lower case or with punctuation, or when the previous ends in a lower-case word and the line is a short
fragment. A chain is joined only when it ends a sentence, so lists of tags stay apart. This runs early, so that
the later heuristics see a split sentence as one unit (``units``) and remove all of it or none of it.
"""

from __future__ import annotations

from typing import Final

from .. import dates, textshape
from ..model import Document, Line

RULE_ID = "heuristic/split-sentence"
DESCRIPTION = "joined to the previous line: a sentence split at an inline link or emphasis"
FRAGMENT_MAX_WORDS: Final = 6
CONTINUATION_PUNCTUATION: Final = ",.;:)!?”’'\"-–"
OPENING_QUOTES: Final = "\"“‘'"


def continues(previous: str, line: str, following: str = "") -> bool:
    """True when ``line`` carries on the sentence that ``previous`` left open. A short capitalised
    fragment (a linked name) continues it when ``previous`` stops on a lower-case word or a comma,
    or when the line after it (``following``) carries on in lower case."""
    if not previous:
        return False
    ends = textshape.last_char(previous)
    if ends and ends in textshape.PERIOD_ENDS:
        return False  # a finished sentence (what follows is not a linked title's rest: see below)
    if dates.is_date_line(previous) or textshape.starts_with_date(previous):
        return False  # a date line ('Kamis, 5 November 2015 - 15:56 wib') ends on a lower-case word
    if ends and ends in textshape.SENTENCE_END:
        return _after_linked_title(previous, line)
    line = line.lstrip()
    first = line[:1]
    if _new_quote(line):
        return False  # a new quotation, not the rest of the sentence
    if textshape.is_numbered(line):
        return False  # the next item of a numbered list ('1. Fotokopi kartu keluarga' / '2. Surat ...')
    if _starts_continuation(line):
        return True
    left_open = _left_open(previous)
    if first == "(":
        return left_open
    if len(textshape.words(line)) > FRAGMENT_MAX_WORDS:
        return False
    if textshape.ends_sentence(line):
        return left_open  # 'kata Menteri Keuangan' + 'Sri Mulyani.'
    return left_open or _starts_continuation(following)


def _starts_continuation(line: str) -> bool:
    first = line.lstrip()[:1]
    return first.islower() or (first != "" and first in CONTINUATION_PUNCTUATION and not _new_quote(line))


def _new_quote(line: str) -> bool:
    line = line.lstrip()
    return line[:1] in OPENING_QUOTES and line[1:2].isupper()


def _after_linked_title(previous: str, line: str) -> bool:
    """A linked title ending in '?' or '!' ('ADA APA DENGAN CINTA?') followed by the rest of the
    sentence in lower case ('ini juga punya bakat akting')."""
    if textshape.last_char(previous) not in "?!" or not line.lstrip()[:1].islower():
        return False
    return len(textshape.words(previous)) <= FRAGMENT_MAX_WORDS


def _left_open(previous: str) -> bool:
    """The line stops mid-sentence: on a lower-case word, a comma, an opening bracket or a word broken
    at a hyphen ('men-' + 'generate'); a dash after a space ('ISTANBUL ... --') is a dateline's."""
    tail = previous.rstrip()
    broken_word = tail[-1:] in "-–" and tail[-2:-1].isalpha()
    return tail[-1:] in ",(" or broken_word or tail.split()[-1][:1].islower()


def apply(doc: Document) -> None:
    kept = [line for line in doc.kept() if line.segment == 0]
    i = 0
    while i < len(kept):
        chain = _chain_from(kept, i)
        if len(chain) > 1 and textshape.ends_sentence(chain[-1].content):
            for line in chain[1:]:
                line.join = True
        i += len(chain)


def _chain_from(kept: list[Line], start: int) -> list[Line]:
    chain = [kept[start]]
    text = kept[start].content
    for j in range(start + 1, len(kept)):
        line = kept[j]
        following = kept[j + 1].content if j + 1 < len(kept) else ""
        if line.kind_hint or not (continues(text, line.content, following) or _still_open(chain, line) or _closes_chain(chain, line, following)):
            break
        if len(chain) == 1 and _heading_then_name(text, line.content):
            break
        chain.append(line)
        text = line.content
    return chain


def _heading_then_name(head: str, line: str) -> bool:
    """A heading ('Behind The Scene') followed by a capitalised name that starts the next paragraph."""
    return textshape.is_headline_like(head) and not _left_open(head) and line.lstrip()[:1].isupper()


def _still_open(chain: list[Line], line: Line) -> bool:
    """Inside a split sentence that stopped on a lower-case word ('berlatih bersama' + 'coach'), the
    next line carries on whatever its length ('Milo (Milomir Seslija). Yang pasti, ...')."""
    last = chain[-1].content
    return len(chain) >= 2 and not textshape.ends_sentence(last) and _left_open(last) and not _new_quote(line.content)


def _closes_chain(chain: list[Line], line: Line, following: str) -> bool:
    """A split sentence that has not ended yet ('..., pada pertandingan terakhir ronde ketiga Grup C')
    takes a short capitalised fragment (a linked name: 'Kualifikasi Piala Dunia 2026') when it or the
    short line after it ends the sentence ('Zona Asia.')."""
    if len(chain) < 2 or textshape.ends_sentence(chain[-1].content) or _new_quote(line.content):
        return False
    if len(textshape.words(line.content)) > FRAGMENT_MAX_WORDS:
        return False
    if textshape.ends_sentence(line.content):
        return True
    return len(textshape.words(following)) <= FRAGMENT_MAX_WORDS and textshape.ends_sentence(following)


def units(lines: list[Line]) -> list[list[Line]]:
    """Group lines into sentences: each line with the joined fragments that follow it."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.join and groups:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def unit_text(unit: list[Line]) -> str:
    if len(unit) == 1:
        return unit[0].content  # the line's own string: its hash and remembered answers are reused
    return " ".join([line.content for line in unit])


def chain_heads(lines: list[Line]) -> set[int]:
    """Ids of the lines that a joined fragment continues (the start of a split sentence)."""
    return {id(prev) for prev, line in zip(lines, lines[1:]) if line.join}
