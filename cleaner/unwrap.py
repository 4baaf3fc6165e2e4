"""Hard-wrapped text: the lines of a paragraph broken at a fixed width, joined again.

Text dumped by a text-mode browser or a converter (``lynx -dump``, ``w3m -dump``, html2text, pandoc,
``fmt``, an e-mail) breaks every paragraph into lines of at most 72-80 characters. Each such line is
then a fragment: a line rule sees 'Copyright © ANTARA 2025 Dilarang keras mengambil konten, melakukan'
and drops it, while the rest of the sentence on the next two lines stays as body; a 'Baca juga'
headline loses its second half to the paragraph. On the dev dumps wrapped at 78 columns this cost
0.15 of mean F1 (bench/bench_shapes.py, shape ``wrapped``).

A text is hard-wrapped when most of its lines that another line follows, of those long enough to be
broken (a menu item, a figure or an ad marker is not), were broken for want of room:
the line is at most the text's width, and it plus the next line's first word would not be (how
``textwrap``, ``fmt`` and text browsers break). The width is the length nearly every line stays under.
Several such breaks are needed, and at an arbitrary break in running text the line does not end a
sentence and the next line often starts with something else than a capital (a lower-case word, a
figure): a list of headlines, each capitalised, or two sentences of about the same length, one per
line, are not a wrapped paragraph.
Then every such line is joined to the next with one space; a short line (a paragraph's last, a
heading, a list item) ends its logical line, and a blank line always does. Without blank lines between
paragraphs, a paragraph whose last line happens to be nearly full is joined to the next one (tried:
not joining at a sentence's end before a capital; it cut glued pages into pieces under
lines.GLUED_LINE_CHARS, and leaks rose on both wrapped shapes).
"""

from __future__ import annotations

from bisect import bisect_right

MIN_WIDTH = 40  # narrower: not a wrapping width
MAX_WIDTH = 140  # a text with lines longer than this nearly everywhere is not wrapped
WIDTH_QUANTILE = 0.98  # the width: the length this share of the lines stays under (a long URL may pass it)
TRAILING_SLACK = 10  # trailing spaces a line's length may hold before they are stripped
EXACT_WIDTH_LINES = 50  # below this many lines, the width is the longest line's length
WIDTH_STEP = 2  # ... above, longer lines each at most this much longer than the last still give the width
MIN_BREAKS = 2  # lines broken for want of room
MIN_BROKEN_SHARE = 0.5  # ... among the lines of MIN_WIDTH or more that another non-blank line follows
MAX_CAPITAL_SHARE = 2 / 3  # ... of which the next line starts with a capital at most this often
MAX_ENDED_SHARE = 1 / 2  # ... and the line ends a sentence at most this often (a break falls mid-sentence)
MIN_BREAK_WORDS = 5  # a broken line of running text holds this many words at least
NEAR_FULL = 15  # ... and is at most this much shorter than the width (words are shorter than this)
SENTENCE_ENDS = ".!?…:\"”’"


def wrap_width(raws: list[str]) -> int | None:
    """The width the text's lines were wrapped at, or None when the text is not hard-wrapped."""
    lengths = sorted(map(len, raws))  # in C: this runs on every dump, and most are not wrapped
    blank = bisect_right(lengths, 0)
    count = len(lengths) - blank
    if count <= MIN_BREAKS or lengths[blank + int(WIDTH_QUANTILE * (count - 1))] > MAX_WIDTH + TRAILING_SLACK:
        return None  # most dumps hold paragraphs longer than any wrapping width
    lengths = sorted(len(raw.rstrip()) for raw in raws if raw and not raw.isspace())  # trailing spaces are no text
    count = len(lengths)
    if count <= MIN_BREAKS:
        return None
    width = lengths[-1] if count < EXACT_WIDTH_LINES else _width_above_quantile(lengths)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    followed = broken = capital = ended = 0
    for line, following in zip(raws, raws[1:]):
        if not line.strip() or not following.strip():
            continue
        followed += len(line) >= MIN_WIDTH  # a short line (a menu item, a figure, a marker) is never broken for room
        if _is_break(line, following, width):
            broken += 1
            capital += following.lstrip()[:1].isupper()
            ended += line.rstrip()[-1:] in SENTENCE_ENDS
    if broken < MIN_BREAKS or broken < MIN_BROKEN_SHARE * followed:
        return None
    if capital > MAX_CAPITAL_SHARE * broken or ended > MAX_ENDED_SHARE * broken:
        return None  # headlines, or whole sentences that happen to be about as long as each other
    return width


def _width_above_quantile(lengths: list[int]) -> int:
    """The width from the sorted lengths of 50 lines or more: the quantile, then on up through the
    longer lines while each is only a step longer than the last. The quantile alone can fall on the
    second-longest line of a wrapped text whose longest one is the width (the paragraph would be split
    there); a long URL or an unwrapped line stands well apart from the rest."""
    at = int(WIDTH_QUANTILE * (len(lengths) - 1))
    while at + 1 < len(lengths) and lengths[at + 1] - lengths[at] <= WIDTH_STEP:
        at += 1
    return lengths[at]


def logical_lines(raws: list[str], width: int) -> list[tuple[int, int, str]]:
    """(first line number, how many physical lines, text) for each logical line of a text wrapped at
    ``width``; the parts of a joined line are stripped and joined by one space. Blank lines are left out."""
    found: list[tuple[int, int, str]] = []
    parts: list[str] = []
    first = 0
    for number, raw in enumerate(raws, start=1):
        if not raw.strip():
            _close(found, first, parts)
            parts = []
            continue
        if parts and not _broken_for_room(raws[number - 2], raw, width):
            _close(found, first, parts)
            parts = []
        if not parts:
            first = number
        parts.append(raw.strip())
    _close(found, first, parts)
    return found


def _close(found: list[tuple[int, int, str]], first: int, parts: list[str]) -> None:
    if parts:
        found.append((first, len(parts), " ".join(parts)))


def _is_break(line: str, following: str, width: int) -> bool:
    """A break in running text: broken for want of room, a line of words (not a line of code or a URL
    that a long first word on the next line would make 'full'), nearly as long as the width."""
    return len(line.rstrip()) >= width - NEAR_FULL and len(line.split()) >= MIN_BREAK_WORDS and _broken_for_room(line, following, width)


def _broken_for_room(line: str, following: str, width: int) -> bool:
    """``line`` fits the width, and it with the next line's first word would not."""
    length = len(line.rstrip())
    if length > width:
        return False
    words = following.split(None, 1)  # any space: a no-break space separates words too
    return bool(words) and length + 1 + len(words[0]) > width
