"""Embedded social posts: the rule file drops their frame lines ("View this post on Instagram",
"A post shared by ...", "— Name (@handle) January 30, 2023"); this removes the post's own text that
the scraper left between or before them."""

from __future__ import annotations

from typing import Final

import re
from functools import lru_cache

from .. import textshape
from ..model import Document, Fate, Line

RULE_ID = "heuristic/social-embed"
DESCRIPTION = "the text of an embedded Instagram or Twitter/X post (between or before its frame lines; above them when in another language than the article)"
OPENER: Final = re.compile(r"^(?:view this post on instagram|lihat postingan ini di instagram)$", re.I)
CLOSER = re.compile(r"^(?:a post shared by|sebuah kiriman dibagikan oleh)\b", re.I)
TWEET_SIGNATURE: Final = re.compile(r"^[—-]\s*.{1,60}\(@\w+\)\s.*\d{4}$")
MAX_POST_LINES: Final = 8


OPENER_LENGTHS: Final = {len("view this post on instagram"), len("lihat postingan ini di instagram")}  # OPENER is a whole line


EMBED_RULES: Final = frozenset({"generic/social-embed", "generic/social-embed-glued"})
FOREIGN_MIN_WORDS = 3
FOREIGN_MAX_STOPWORDS = 0.05  # Indonesian running text has a fifth to a third of its words in the stoplist
FOREIGN_MIN_ENGLISH = 0.1
FOREIGN_MIN_LOWER = 0.6


def apply(doc: Document) -> None:
    lines = doc.lines
    frames = []  # lines that were a post's frame (or begin with one): its text may be above them
    for i, line in enumerate(lines):
        text = line.content
        if len(text) in OPENER_LENGTHS and OPENER.match(text):
            _between(lines, i)
        elif text.startswith(("—", "-")) and "(@" in text and TWEET_SIGNATURE.match(text):  # its first character first
            _tweet_text(lines, i)
        if line.rule in EMBED_RULES or line.cuts:
            frames.append(i)
    frames = [i for i in frames if i > 0 and _post_starts_here(lines[i])]
    if frames and textshape.guess_language_of_lines([x.content for x in lines if x.kept]) == "id":
        for i in frames:
            _foreign_text_above(lines, i)


def _post_starts_here(line: Line) -> bool:
    """The line was an embedded post's frame, or begins with one cut from it: the post's text may
    stand on the lines above."""
    if line.fate is Fate.REMOVED:
        return line.rule in EMBED_RULES
    return any(cut.rule in EMBED_RULES and line.text.lstrip().startswith(cut.text) for cut in line.cuts)


def _foreign_text_above(lines: list[Line], frame: int) -> None:
    """An embedded post's text in another language than the article's, in the lines just above its
    frame ('Nous sommes tous tristes ...' / 'A photo posted by ...'; 'BREAKING:' / '... drone in
    Isfahan' / '... pic.twitter.com/...')."""
    for line in reversed(lines[max(0, frame - MAX_POST_LINES) : frame]):
        if not line.kept:
            if line.rule in EMBED_RULES or line.rule == RULE_ID:
                continue
            break
        if line.join or not foreign(line.content):
            break
        line.remove(RULE_ID)


def foreign(text: str, short_ok: bool = False) -> bool:
    """Running text in another language than Indonesian (a post in English or French): no word of the
    Indonesian stoplist that is not also English, and English stopwords or mostly lower-case words
    (not a data row such as '- 04.00-12.00 WIB'); a short piece of hashtags, handles or a capitalised
    label ('#EURO2016', 'BREAKING:') counts too, and with ``short_ok`` (inside a post already found)
    any short piece without an Indonesian stopword ("Let's go!")."""
    tokens = textshape.words(text)
    indonesian, english = _stoplists()
    if len(tokens) < FOREIGN_MIN_WORDS:
        if short_ok and tokens and not any(t.lower() in indonesian for t in tokens):
            return True
        return "#" in text or "@" in text or text.isupper()
    lowered = [t.lower() for t in tokens]
    if sum(1 for t in lowered if t in indonesian) / len(tokens) >= FOREIGN_MAX_STOPWORDS:
        return False
    lower_case = sum(1 for t in tokens if t[0].islower()) / len(tokens)
    return sum(1 for t in lowered if t in english) / len(tokens) >= FOREIGN_MIN_ENGLISH or lower_case >= FOREIGN_MIN_LOWER


@lru_cache(maxsize=1)
def _stoplists() -> tuple[frozenset[str], frozenset[str]]:
    """The Indonesian stopwords that are not English ones, and the English that are not Indonesian
    (jusText's Indonesian list holds 'the', 'and', 'of', ...)."""
    lists = textshape.stopwords()
    return lists["id"] - lists["en"], lists["en"] - lists["id"]


def _between(lines: list[Line], start: int) -> None:
    """Remove the kept lines between an opener and its closer (when the closer is near)."""
    window = lines[start + 1 : start + 2 + MAX_POST_LINES]
    end = next((j for j, line in enumerate(window) if CLOSER.match(line.content)), None)
    if end is None:
        return
    for line in window[:end]:
        line.remove(RULE_ID)


def _tweet_text(lines: list[Line], signature: int) -> None:
    """The tweet's text is the line just above its '— Name (@handle) date' signature."""
    if signature > 0 and lines[signature - 1].kept and not lines[signature - 1].join:
        lines[signature - 1].remove(RULE_ID)
