"""Data lists and quoted blocks inside the article are body, not page furniture.

A price table (``5 gram : Rp 9.120.000``), a broadcast schedule (``Minggu, 3 Agustus 2025`` then
``19:30 WIB: Kualifikasi``), prayer times, tariffs, standings, numbered steps: short lines that look
like a related-headline list, a stray date line or the footer after the last paragraph, so the later
heuristics would remove them. A run of such rows is a list of the article when it sits inside it:

- each row has the form of a list item (numbered ``1. ``, a bullet ``- ``, ``key: value``) or ends
  with (or starts with) a value: an amount of money, a number with a unit, a time, a date;
- short lines between rows without a value are group headings (``Rute Purworejo-Kebumen``, a date
  line heading a group), a lower-case line right after a row is its rest (a row split at a link);
- the line before the run is prose or introduces it (ends with ':' or says ``berikut``, ``antara
  lain``, ``di bawah ini`` ...); with a plain prose line before, prose must also follow the run
  (a list between paragraphs), so a list of headlines with prices after the article still goes.

A quoted block (a hoax message or a letter quoted line by line: the first line opens a quote, a later
one closes it, none of them prose) is the article's too, and so is a song after a line announcing
its lyrics ('Simak berikut lirik lagu ...'): its lines, up to the next sentence of prose. Rows become ``list`` items, group headings
``heading``s; every line found here is marked ``structured`` so that stray_dates, headline_lists,
prose_core, tail and the metadata stage leave it as it is. Nothing is removed here.
"""

from __future__ import annotations

from typing import Final

import re

from .. import dates, textshape
from ..model import Document, Kind, Line

RULE_ID = "heuristic/data-list"
DESCRIPTION = "a row of a data list inside the article (kept as a list item: prices, schedules, steps)"

ROW_MAX_WORDS: Final = 30  # a row of a list is shorter (a longer line holding many values is a glued list)
ROW_MAX_CHARS: Final = 240  # ... and this many characters
HEADING_MAX_WORDS: Final = 10  # a group heading between rows
MIN_ROWS = 2  # rows of a list after a line that introduces it
MIN_ROWS_BETWEEN = 3
MIN_NUMBERED = 3  # rows numbered 1, 2, 3 after a paragraph are a list (a ranking, steps) wherever they stand  # rows of a list between two paragraphs, with nothing introducing it
STAMP_MAX_WORDS = 8  # a short line with a date and a time is a story's time stamp in a news widget, not a row
GLUED_MIN_VALUES = 3  # a long line holding this many values is a list glued into one line
GLUED_VALUE_WORDS = 15  # ... with at least one value per this many words
QUOTE_MAX_LINES = 25
QUOTE_LINE_MAX_CHARS: Final = 80  # the first line of a quoted message is short ('“INFO RESMI')
HEADLINE_ROW_MIN_WORDS = 4
LABEL_MAX_WORDS: Final = 5
LYRIC_MAX_WORDS = 40  # a line of a song, or several glued by the scraper
LYRIC_SENTENCE_WORDS = 12  # a longer line ending with a full stop is prose: the song has ended
LYRIC_MAX_CHARS = 300
LYRIC_SHAPES: Final = ("heading", "continuation", "value", "row")  # short lines; 'other' ones are read again, sentences never
LYRIC_MIN_LINES: Final = 4
LYRIC_INTRO_LINES: Final = 2  # sentences between the line announcing the lyrics and the song
SECTION_MAX_WORDS = 4  # 'Reff', 'Verse 2', 'BRIDGE (REPEATED)'

GLUED_LABEL_MAX_CHARS = 80  # a glued list's opening label ends with ':' within this many characters
INTRO_MIN_WORDS = 5  # a line ending with ':' this long is a sentence introducing what follows

AMOUNT = r"(?:(?:Rp|RP|rp|IDR|USD|US\$|S\$|RM|\$|€|£)\s?\.?\s?\d[\d.,]*(?:\s?(?:ribu|juta|miliar|triliun|rb|jt|M|T))?)"
UNIT = (
    r"(?:\d[\d.,]*\s?(?:gram|gr|g|kg|ons|ton|liter|ltr|l|ml|cc|mm|cm|m|km|pcs|buah|unit|lembar|porsi|bungkus|"
    r"persen|%|poin|pts|menit|jam|hari|minggu|bulan|tahun|kali|orang|penumpang|kursi|suara|gol)\b)"
)
TIME = rf"(?:{textshape.CLOCK}(?:\s?(?:WIB|WITA|WIT))?)"  # glued rows too: "sekitarnya:IMSAK 04:28SUBUH 04:38"
VALUE = re.compile(f"{AMOUNT}|{UNIT}|{TIME}", re.IGNORECASE)
VALUE_AT_END = re.compile(f"(?:{AMOUNT}|{UNIT}|{TIME})[^\\w]*(?:/\\s?\\w+[^\\w]*)?(?:\\([^()]*\\)[^\\w]*)?$", re.IGNORECASE)
VALUE_AT_START = re.compile(f"^[^\\w]*(?:{AMOUNT}|{UNIT}|{TIME})", re.IGNORECASE)
ASCII_DIGITS: Final = b"0123456789"
FULL_STOPS: Final = ".!?…"
TAIL_CHARS = 60  # a value ending a row sits in its last characters ('Rp 80.000/penumpang (PP)')
BULLETS: Final = "-–•*·▪►"
BULLET: Final = re.compile(f"^[{BULLETS}]\\s*\\w")
NUMBERED: Final = re.compile(r"^\d{1,2}[.)]\s*[^\W\d_]")  # '1. Registrasi', '1.BIAYA BEROBAT'
NUMBER = re.compile(r"^(\d{1,2})[.)]")
KEY_VALUE = re.compile(r"^([^:]{1,60}?)\s?:\s*(\S.*)$")
KEY_VALUE_MAX_WORDS = 3  # a value this short needs no number ('Jenis: Kredit Modal Kerja'); 'VIDEO: Jembatan Ambruk, ...' is a headline
INTRO: Final = re.compile(
    r"\b(?:berikut|sebagai berikut|antara lain|di antaranya|diantaranya|di bawah ini|yakni|yaitu|meliputi|rincian|daftar|"
    r"following|as follows|below)\b",
    re.IGNORECASE,
)
LYRICS_INTRO = re.compile(r"\b(?:lirik|lyrics?)\b", re.IGNORECASE)
LYRICS_LEAD = re.compile(r"\b(?:berikut|simak|inilah|ini dia|di bawah ini|here are|below)\b", re.IGNORECASE)
SECTION = re.compile(r"^\W*(?:reff?|chorus|verse|bait|intro|outro|bridge|pre-?chorus|interlude|coda|hook)\b", re.IGNORECASE)
OPENING_QUOTES: Final = "\"“"
CLOSING_QUOTES = "\"”"


def apply(doc: Document) -> None:
    kept = doc.kept()
    shapes = [_shape(line.content) for line in kept]
    if _quoted_blocks(kept) | _lyrics(kept, shapes):  # the lines of a song or a quotation are done
        pairs = [(line, shape) for line, shape in zip(kept, shapes) if not line.structured]
        kept, shapes = [line for line, _ in pairs], [shape for _, shape in pairs]
    _continuations(kept, shapes)
    i = 0
    while i < len(kept):
        if shapes[i] not in ("row", "glued"):
            i += 1
            continue
        start, end = _run(shapes, i)
        if _inside_article(kept, shapes, start, end):
            _mark(kept, shapes, start, end)
        i = end


def _shape(text: str) -> str:
    """'row', 'glued' (a list glued into one line), 'heading' (short, no value, no final stop),
    'value' (only a value: '02:12'), 'continuation' (starts in lower case: decided by its
    neighbours), 'sentence' (of prose, ending with a full stop), or 'other'. Every kept line of every page comes here, so the cheapest tests go
    first (most lines are sentences) and words are counted by spaces (the thresholds allow for it)."""
    first = text[:1]
    form = (first.isdigit() and NUMBERED.match(text) is not None) or (first in BULLETS and BULLET.match(text) is not None)
    if len(text) > ROW_MAX_CHARS:  # a paragraph, unless it is a glued list ('1. Qatar Airways2. Singapore ...')
        if textshape.last_char(text) in FULL_STOPS:
            return "sentence"
        return "row" if form else "glued" if _glued_list(text) else "other"
    if form:
        return "row"
    words = text.count(" ") + 1
    stop = text[-1:]
    if stop in textshape.TRAILING_CLOSERS:
        stop = textshape.last_char(text)  # '... kata dia.”'
    if words > HEADING_MAX_WORDS and stop != "" and stop in FULL_STOPS:
        return "sentence"  # even one that mentions a price
    if words <= ROW_MAX_WORDS:
        has_digit = _has_digit(text)
        if has_digit and text.lower() == text.upper():  # no letter at all
            return "value"
        if _is_row(text, words, has_digit):
            return "row"
    if first.islower():
        return "continuation"
    if words <= HEADING_MAX_WORDS and (stop == "" or stop not in textshape.SENTENCE_END):
        return "heading"
    if stop == ":" and words <= LABEL_MAX_WORDS and INTRO.search(text) is None:
        return "heading"  # a label heading a group of rows: 'KUR Kecil:', 'Jenis pinjaman:'
    return "other"


def _has_digit(text: str) -> bool:
    """Whether the text holds an ASCII digit: bytes.translate deletes them in C (a regex search costs
    ten times as much on a line without one, which is most lines)."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, ASCII_DIGITS)) != len(data)


def _glued_list(text: str) -> bool:
    """Many values in one long line that is no sentence: a list glued by the scraper."""
    if text.count("Rp") + text.count("WIB") + text.count(":") < GLUED_MIN_VALUES:
        return False  # cheap first: the values of a glued list are amounts and times
    words = text.count(" ") + 1
    values = len(VALUE.findall(text))
    return values >= GLUED_MIN_VALUES and values * GLUED_VALUE_WORDS >= words and not textshape.is_prose(text)


def _is_row(text: str, words: int, has_digit: bool) -> bool:
    """A row by its value: 'key: value' with a value or a short one, or a value at its end or start
    (list forms, '1. ' and '- ', are found by ``_shape``)."""
    pair = KEY_VALUE.match(text) if ":" in text else None
    if pair is not None:
        value = pair.group(2)
        if VALUE.search(value) or value.count(" ") < KEY_VALUE_MAX_WORDS:
            return True
    if not has_digit:
        return False  # no value without a digit
    if VALUE_AT_END.search(text[-TAIL_CHARS:]) is None and VALUE_AT_START.match(text) is None:
        return False
    return not _time_stamp(text, words)


def _time_stamp(text: str, words: int) -> bool:
    """'News16 Feb 2016 08:45', 'Senin, 15 Mei 2017 18:43 WIB': when a story was published."""
    return words <= STAMP_MAX_WORDS and re.search(TIME, text) is not None and dates.parse_date(text) is not None


def _continuations(kept: list[Line], shapes: list[str]) -> None:
    """A lower-case line right after a row (or after such a line) is the rest of that row."""
    for i, shape in enumerate(shapes):
        after_row = i > 0 and shapes[i - 1] in ("row", "rest")
        if shape == "continuation":
            shapes[i] = "rest" if after_row else "other"
        elif shape == "row" and after_row and (kept[i].join or kept[i].content.lstrip()[:1].islower()):
            shapes[i] = "rest"  # 'jenis Oppo dengan harga limit Rp 153.000' after '- 2 buah' / 'handphone'


def _run(shapes: list[str], start: int) -> tuple[int, int]:
    """The run of rows from ``start``: rows, their rests and group headings between them, with the
    group headings just before the first row; trailing headings are not part of it."""
    while start > 0 and shapes[start - 1] == "heading":
        start -= 1
    end = start
    last_row = start
    while end < len(shapes) and shapes[end] in ("row", "glued", "rest", "heading", "value"):
        if shapes[end] not in ("heading", "value"):
            last_row = end
        end += 1
    return start, last_row + 1


def _inside_article(kept: list[Line], shapes: list[str], start: int, end: int) -> bool:
    """Whether the run is a list of the article: enough rows, introduced by the line before it or
    standing between two paragraphs. Rows shaped like headlines ('Harga Perak Dunia Melonjak ke
    Level Tertinggi Rp 18.000') need a sentence that introduces them, not a label or mere prose."""
    rows = [line.content for line, s in zip(kept[start:end], shapes[start:end]) if s == "row"]
    count = len(rows) + GLUED_MIN_VALUES * sum(1 for s in shapes[start:end] if s == "glued")
    headings = sum(1 for s in shapes[start:end] if s == "heading")
    if count < MIN_ROWS or headings > count:
        return False
    headline_rows = sum(1 for text in rows if _headline_row(text))
    before = _neighbour(kept, start - 1, -1)
    sentence = 2 * headline_rows >= len(rows) > 0
    if _introduces(before, sentence=sentence):
        return True
    if not sentence and textshape.is_prose(before) and _introduces(_opening_label(kept[start].content, shapes[start])):
        return True  # a paragraph, then 'Jadwal sholat Sleman:' heading its rows (the article may end there)
    if textshape.is_prose(before) and _counts_up(rows):
        return True  # '1. Singapore Airlines' / '2. ANA' / ... after a paragraph: a ranking, steps
    after = _neighbour(kept, end, 1)
    plain = count - headline_rows
    return plain >= MIN_ROWS_BETWEEN and textshape.is_prose(before) and textshape.is_prose(after)


def _opening_label(text: str, shape: str) -> str:
    """The label a run opens with: a group heading, or the start of a list glued into one line up to
    its first ':' ('Jadwal imsakiyah DKI Jakarta dan sekitarnya: IMSAK 04:28 SUBUH ...'); else ''."""
    if shape == "heading":
        return text
    colon = text.find(":", 0, GLUED_LABEL_MAX_CHARS) if shape == "glued" else -1
    return text[: colon + 1] if colon > 0 and not textshape.ends_sentence(text[:colon]) else ""


def _neighbour(kept: list[Line], i: int, step: int) -> str:
    """The nearest line from ``i`` on with a letter in it (a '.' left alone by a split link is none)."""
    while 0 <= i < len(kept):
        text = kept[i].content
        if text.lower() != text.upper():
            return text
        i += step
    return ""



def _counts_up(rows: list[str]) -> bool:
    """At least MIN_NUMBERED rows numbered 1, 2, 3, ... in order (a new count may start at 1); the
    other rows, if any, are bulleted sub-items of the numbered ones ('1. Halte Gamping ke Bandara YIA'
    / '- 04.30-15.30 WIB' / '2. ...')."""
    found = [NUMBER.match(row) for row in rows]
    numbers = [int(match.group(1)) for match in found if match is not None]
    if len(numbers) < MIN_NUMBERED or numbers[0] != 1 or found[0] is None:
        return False
    if any(match is None and BULLET.match(row) is None for row, match in zip(rows, found)):
        return False
    return all(b == a + 1 or b == 1 for a, b in zip(numbers, numbers[1:]))


def _headline_row(text: str) -> bool:
    """A value row whose words around the value are those of a headline (most capitalised) and that
    has no list form ('1. ', '- ', 'key: value')."""
    if NUMBERED.match(text) or BULLET.match(text) or KEY_VALUE.match(text):
        return False
    tokens = textshape.words(VALUE.sub(" ", text))
    return len(tokens) >= HEADLINE_ROW_MIN_WORDS and textshape.capitalised_share(tokens) >= textshape.PROSE_MAX_CAPITALISED


def _introduces(text: str, sentence: bool = False) -> bool:
    """A line that announces a list: it ends with ':' or says 'berikut', 'antara lain', ... (a heading
    ending with ':' also heads the group after it: 'Jadwal untuk Jakarta Selatan:'). With
    ``sentence``, a label ending with ':' ('Artikel Terkait:') is not enough: it must say
    'berikut' or the like, or be a sentence of INTRO_MIN_WORDS words."""
    stripped = text.rstrip()
    if not stripped:
        return False
    long_enough = len(textshape.words(text)) >= INTRO_MIN_WORDS
    if INTRO.search(text) is not None and (long_enough or stripped.endswith(":")):
        return True
    return stripped.endswith(":") and (long_enough or not sentence)


def _mark(kept: list[Line], shapes: list[str], start: int, end: int) -> None:
    intro = kept[start - 1] if start > 0 else None
    if intro is not None and not intro.join and not textshape.is_prose(intro.content):
        intro.structured = True  # 'Berikut daftarnya:' stays with its list, wherever the list stands
        if _label(intro.content):
            intro.kind = Kind.HEADING  # 'Maskapai Paling Bersih 2025:' heads it
    for line, shape in zip(kept[start:end], shapes[start:end]):
        line.structured = True
        if shape == "rest":
            line.join = True  # the rest of a row split at a link
        elif shape == "heading":
            line.kind = Kind.HEADING
        elif shape in ("row", "value"):
            line.kind = Kind.LIST


def _lyrics(kept: list[Line], shapes: list[str]) -> bool:
    """After a line announcing a song's lyrics ('Simak berikut lirik lagu ...'), the run of short
    lines that are no sentences of prose is the song: its lines are list items, its section labels
    ('Reff', 'Verse 2', 'OUTRO') headings (whether any was found). The runs are found first (cheap
    per line); only the few lines just before one are read for the announcement."""
    lyric = [not line.structured and (shape in LYRIC_SHAPES or (shape == "other" and _lyric_line(line.content)))
             for line, shape in zip(kept, shapes)]
    found = False
    i = 0
    while i < len(kept):
        if not lyric[i]:
            i += 1
            continue
        end = i
        while end < len(kept) and lyric[end]:
            end += 1
        intro = next((j for j in range(i, max(-1, i - 2 - LYRIC_INTRO_LINES), -1) if _announces_lyrics(kept[j].content)), None)
        start = i if intro is None or intro < i else i + 1  # the announcing line may open the run ('... lagunya:')
        if intro is not None and end - start >= LYRIC_MIN_LINES:
            if not textshape.is_prose(kept[intro].content):
                kept[intro].structured = True
            for line in kept[start:end]:
                line.structured = True
                line.kind = Kind.HEADING if _section_label(line.content) else Kind.LIST
            found = True
        i = end
    return found


def _announces_lyrics(text: str) -> bool:
    """'Simak berikut lirik lagu Redeemed ...', 'Inilah lirik lagunya:' (a paragraph that only
    mentions lyrics is no announcement)."""
    if "irik" not in text and "yric" not in text:
        return False  # every line comes here: a substring test, in C, before any regex ('Lirik', 'lyrics')
    if text.count(" ") >= LYRIC_MAX_WORDS or LYRICS_INTRO.search(text) is None:
        return False
    return text.rstrip().endswith(":") or LYRICS_LEAD.search(text) is not None


def _lyric_line(text: str) -> bool:
    """A line of a song: short, or longer without ending a sentence (lines glued by the scraper)."""
    if len(text) > LYRIC_MAX_CHARS:
        return False
    stop = text[-1:]
    if stop in textshape.TRAILING_CLOSERS:
        stop = textshape.last_char(text)
    limit = LYRIC_SENTENCE_WORDS if stop != "" and stop in FULL_STOPS else LYRIC_MAX_WORDS
    return text.count(" ") < limit


def _section_label(text: str) -> bool:
    return text.count(" ") < SECTION_MAX_WORDS and SECTION.match(text) is not None


def _label(text: str) -> bool:
    """A label ending with ':' ('KUR Kecil:', 'Maskapai Paling Bersih 2025:'), not a sentence
    introducing the list ('Berikut daftarnya:')."""
    return text.rstrip().endswith(":") and text.count(" ") < LABEL_MAX_WORDS and INTRO.search(text) is None


def _quoted_blocks(kept: list[Line]) -> bool:
    """Lines from one opening a quote to one closing it, none of them prose, are a quotation
    (whether any was found)."""
    found = False
    i = 0
    while i < len(kept):
        text = kept[i].content
        if text[:1] not in OPENING_QUOTES or len(text) > QUOTE_LINE_MAX_CHARS or _closes(text) or textshape.is_prose(text):
            i += 1
            continue
        end = _closing_line(kept, i)
        if end is None:
            i += 1
            continue
        for line in kept[i : end + 1]:
            line.structured = True
            line.kind = Kind.QUOTE
        found = True
        i = end + 1
    return found


def _closing_line(kept: list[Line], start: int) -> int | None:
    for j in range(start + 1, min(len(kept), start + QUOTE_MAX_LINES)):
        text = kept[j].content
        if textshape.is_prose(text) or text[:1] in OPENING_QUOTES:
            return None
        if _closes(text):
            return j if j - start >= MIN_ROWS else None
    return None


def _closes(text: str) -> bool:
    stripped = text.rstrip().rstrip(".,;!?")
    return stripped[-1:] in CLOSING_QUOTES and stripped[-1:] != ""
