"""Re-join sentences that the scraper split at inline links or bold words.

    Hal itu disampaikan oleh Menteri Keuangan
    Sri Mulyani
    dalam konferensi pers di Jakarta.

A line continues the previous one when the previous does not end a sentence and the line starts in
lower case or with punctuation, or when the previous ends in a lower-case word and the line is a short
fragment. A chain is joined only when it ends a sentence, so lists of tags stay apart.
"""

from __future__ import annotations

from .. import textshape
from ..model import Document, Line

RULE_ID = "heuristic/split-sentence"
DESCRIPTION = "joined to the previous line: a sentence split at an inline link or emphasis"
FRAGMENT_MAX_WORDS = 6
CONTINUATION_PUNCTUATION = ",.;:)!?”’'\"-–"
OPENING_QUOTES = "\"“‘'"


def continues(previous: str, line: str) -> bool:
    if not previous or textshape.ends_sentence(previous):
        return False
    first = line.lstrip()[:1]
    if first in OPENING_QUOTES and line.lstrip()[1:2].isupper():
        return False  # a new quotation, not the rest of the sentence
    if first.islower() or (first and first in CONTINUATION_PUNCTUATION):
        return True
    is_fragment = len(textshape.words(line)) <= FRAGMENT_MAX_WORDS and not textshape.ends_sentence(line)
    previous_is_fragment = len(textshape.words(previous)) <= 2
    return is_fragment and (previous.split()[-1][:1].islower() or previous_is_fragment)


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
    for line in kept[start + 1 :]:
        if line.kind_hint or not continues(text, line.content):
            break
        chain.append(line)
        text = line.content
    return chain
