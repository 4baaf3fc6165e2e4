"""Embedded social posts: the rule file drops their frame lines ("View this post on Instagram",
"A post shared by ...", "— Name (@handle) January 30, 2023"); this removes the post's own text that
the scraper left between or before them."""

from __future__ import annotations

import re

from ..model import Document, Line

RULE_ID = "heuristic/social-embed"
DESCRIPTION = "the text of an embedded Instagram or Twitter/X post (between or before its frame lines)"
OPENER = re.compile(r"^(?:view this post on instagram|lihat postingan ini di instagram)$", re.I)
CLOSER = re.compile(r"^(?:a post shared by|sebuah kiriman dibagikan oleh)\b", re.I)
TWEET_SIGNATURE = re.compile(r"^[—-]\s*.{1,60}\(@\w+\)\s.*\d{4}$")
MAX_POST_LINES = 8


OPENER_LENGTHS = {len("view this post on instagram"), len("lihat postingan ini di instagram")}  # OPENER is a whole line


def apply(doc: Document) -> None:
    lines = doc.lines
    for i, line in enumerate(lines):
        text = line.content
        if len(text) in OPENER_LENGTHS and OPENER.match(text):
            _between(lines, i)
        elif "(@" in text and TWEET_SIGNATURE.match(text):
            _tweet_text(lines, i)


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
