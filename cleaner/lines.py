"""Turn a text dump into Lines.

Blank lines carry nothing and are skipped. A whole page glued into one very long line is cut into
segments at sentence ends and before well-known boilerplate markers, so that the line rules can work on
it; consecutive kept segments of one physical line are joined again into one paragraph at the end.
"""

from __future__ import annotations

from typing import Final

import re

from . import textshape, unwrap
from .model import Line

GLUED_LINE_CHARS: Final = 1000  # a line this long in a dump is a glued page (or glued paragraphs); a real paragraph this long is cut and joined again
ODD_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200C))) + "\u202f\u205f\u3000"  # spaces other than ' '
SPACES = re.compile(f"[ {ODD_SPACES}]+")
# Headings of the related lists after an article, cut out as segments of their own so that the line
# rules end the article there (SEGMENT_BREAK, LEADS). Glued to the word before them (GLUED_JUNCTION)
# only the headings of two words or more are looked for.
RELATED_HEADINGS = r"(?:Berita|Artikel) (?:Terkait|Lainnya|Terpopuler|Rekomendasi)|Terkini Lainnya|Pilihan Untukmu"
RELATED_LABELS = RELATED_HEADINGS + r"|Terpopuler|Trending Tag"
# The editor's initials that close an article: '(kpl/dhm)', '(ant/rdk/sul)', '(/)', with a desk number
# '(Fal/E-1)' (Media Indonesia). Cut out as a segment of their own, the end rules see them alone.
INITIALS = r"\((?:[A-Za-z]{2,5}(?:/(?:[A-Za-z]{2,5}|[A-Z]-\d{1,2})){1,3}|/)\)"
# A list's time stamp, '30 September 2025, 13:16 WIB', 'Selasa, 30 September 2025 13:16 WIB' (in a
# sentence the time comes with 'pukul'); in a glued page each headline of a related list is glued to its stamp.
STAMP_REST = r" (?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4},? \d{1,2}[:.]\d{2} (?:WIB|WITA|WIT)"
STAMP = r"(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu), )?\d{1,2}" + STAMP_REST
# Every break is a run of whitespace (after lookbehinds that consume nothing), so "(?=\s)" first
# lets every other character fail at once instead of trying twenty alternatives at it (2.7x faster
# on a glued page); the site-name runs are possessive (a '.' must follow them).
SEGMENT_BREAK = re.compile(
    r"(?=\s)(?:"
    r"(?<=[.!?…][\"”’)])\s+(?=\S)"  # after a sentence end inside closing quotes
    r"|(?<=[.!?…])(?<!\s\d\.)(?<!\s\d\d\.)\s+(?=[\"“‘(]?[A-Z0-9])"  # after a sentence end, before a capital (not after a list number: '... Tinggi 1. Moldova')
    r"|\s+(?=\d{1,2}\.\s+[A-Z])"  # before a list number ('... di Sumut 2. Periode 31 Desember ...')
    r"|\s+(?=(?:Baca|Lihat|Simak|Saksikan) [Jj]uga\b|BACA JUGA\b|ADVERTISEMENT\b|Advertisement\b|SCROLL TO\b)"
    r"|(?<=\bADVERTISEMENT)\s+|(?<=\bAdvertisement)\s+|(?<=\bCONTENT)\s+(?=[A-Z0-9\"“])"  # after an ad marker
    r"|\s+(?=(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu),? \d{1,2}[ /][^.]{0,20}?\b\d{1,2}[:.]\d{2}\b)"  # before a date line (with its time: not a date in a sentence)
    r"|(?<=\d \bWIB)\s+|(?<=\d \bWITA)\s+|(?<=\d \bWIT)\s+"  # after a time
    r"|(?<!,)\s+(?=" + STAMP + r")"  # before a list's time stamp (not inside it, after its day name)
    r"|\s+(?=[A-Za-z0-9-]++(?:\.[A-Za-z]{2,4}){1,2} - \d{1,2}/\d{1,2}/\d{4}\b)"  # before 'Kompas.com - 30/01/2023, ...'
    r"|(?<!,)(?<!\|)\s+(?!WIB\b|WITA\b|WIT\b|AFP\b|ANTARA\b|REUTERS\b|JUGA\b)(?=[A-Z]{3,}(?: [A-Z]{3,})?(?:, [A-Za-z0-9.]+)? [-–—]{1,2} [A-Z\"“])"  # before 'JAKARTA - ' (not the place of 'REPUBLIKA.CO.ID, JAKARTA -- ')
    r"|(?<!,)\s+(?=[A-Za-z0-9-]++(?:\.[A-Za-z]{2,4}){1,3}(?:, [A-Z][A-Za-z]+| \| [A-Z]{3,}(?: [A-Z]{3,})?)? [-–—]{1,2} [A-Z\"“])"  # 'TEMPO.CO, Jakarta - ', 'SURYA.co.id | MADIUN - ' (not the site of 'SEOUL, KOMPAS.com - ')
    r"|\s+(?=[A-Z][a-z]+, [A-Z][\w.]+(?: [A-Z][a-z]+)? [-–—]{1,2} [A-Z\"“])"  # 'Jakarta, CNN Indonesia -- '
    r"|\s+(?=[A-Za-z0-9-]++(?:\.[A-Za-z]{2,4}){1,3}, (?:Jakarta|JAKARTA|Bandung|Surabaya|Medan|Semarang|Yogyakarta) [A-Z])"  # no dash
    r"|\s+(?=[A-Z][a-z]+(?:, [A-Z][A-Za-z]+)? \((?:ANTARA|Antara)(?: News)?\) [-–—]{1,2} )"  # 'Jakarta (ANTARA) - '
    r"|\s+(?=© ?\d{4}|Copyright\b|COPYRIGHT\b|Hak Cipta Dilindungi\b)"  # before a copyright notice
    r"|\s+(?=" + INITIALS + r"(?:\s|$))|(?<=[.!?\"”])\s+(?=\([a-z]{2,4}\)(?:\s|$))"  # before '(kpl/dhm)', '(Fal/E-1)', '(ren)'
    r"|\s+(?=(?:" + RELATED_LABELS + r")\b)"
    r")"
)
# Blocks glued with nothing between them (a minified page's text_content()): a sentence's end right
# before the next one's capital ('... dilelang besok.Dilihat dari ...'), and the ad markers glued to
# both neighbours ('... handphone.SCROLL TO CONTINUE WITH CONTENTBaca juga:...').
GLUED_JUNCTION = re.compile(
    r"(?<=[a-z]{2}\.|[0-9]{2}\.|[a-z0-9]\)\.)(?!(?:Baca|BACA|Lihat|Simak|Saksikan|Tonton)\b)(?=[A-Z])|(?<=[a-z]\.[”’])(?=[A-Z])"
    r"|(?<=[a-z.!?\"”)])(?=SCROLL TO CONTINUE|ADVERTISEMENT|Advertisement[A-Z])|(?<=ADVERTISEMENT|Advertisement)(?=[A-Z][a-z])|(?<=WITH CONTENT)(?=[A-Z])"
    r"|(?<=[a-z.!?)])(?=(?:" + RELATED_HEADINGS + r")(?![a-z]))"  # 'TagBerita TerkaitCari ...'
    r"|(?<=[a-z][.!?\"”])(?=" + INITIALS + r")"  # '... kartu pelajar.(Rdn/P-2)SEJUMLAH ...'
    r"|(?<=[a-z])(?=[A-Z][A-Za-z0-9-]+(?:\.[A-Za-z]{2,4}){1,3}, [A-Z][A-Za-z]+ [-–—]{1,2} )"  # '... klik di siniTEMPO.CO, Jakarta - ': a site's dateline
    r"|(?<=\S)(?<!\d)(?=" + STAMP + r")|(?<=\d)(?=\d\d" + STAMP_REST + r")"  # before a time stamp glued after a list's headline (LEADS splits it from the next)
    r"|(?<=\bdi sini)(?=[A-Z][a-z])"  # '... klik di siniKemudian, rute ...': a link's prompt, then the next sentence
)
LEADS = re.compile(  # a marker opening a segment, split off so that the line rules see it alone
    r"^(?:(?:" + INITIALS + r"|\([a-z]{2,4}\)|" + RELATED_LABELS + r")(?:\s+|(?=[A-Z]))"  # or glued to the next capital ('Berita TerkaitCari Tahu')
    r"|" + STAMP + r"(?=\S))"  # a time stamp glued to the next headline ('13:16 WIBEkonomi dan Bisnis[FULL] ...')
)
MENU_RUN_MIN_WORDS: Final = 6  # capitalised words before a segment's first sentence that are a menu or list
DATELINE_DASHES: Final = (" - ", " – ", " — ", " -- ")  # a dateline's dash: the capitalised words after it are the sentence's own


# The characters on which str.split() and SPACES disagree: whitespace that split() cuts at and SPACES
# keeps (line breaks and the like, the Ogham space) and the zero-width space, which SPACES collapses
# and split() keeps. A text without any of them is normalised by split() and join, in C, several
# times faster than the regex (which tries a match at every character).
_SPLIT_DIFFERS: Final = "\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029\u200b"


def normalise(text: str) -> str:
    """Collapse runs of spaces (including no-break and zero-width spaces) and trim."""
    for char in _SPLIT_DIFFERS:
        if char in text:
            return SPACES.sub(" ", text).strip()
    return " ".join(text.split())


def split_lines(text: str) -> list[Line]:
    raws = text.splitlines()
    width = unwrap.wrap_width(raws)
    if width is not None:
        return _unwrapped_lines(raws, width)
    lines: list[Line] = []
    for number, raw in enumerate(raws, start=1):
        content = stripped = raw.strip()
        # Most lines hold single spaces only, and for them normalise() is strip(); a regex over every
        # line would cost more than the rest of this stage. Every odd space (tab, no-break, thin,
        # zero-width, ideographic) is a character str.isprintable() refuses, so a printable line
        # without two spaces in a row needs nothing more (normalise() on any other line is exact).
        # In ASCII the only odd space is the tab, and isascii() costs nothing (a flag of the string).
        if "  " in content or ("\t" in content if content.isascii() else not content.isprintable()):
            content = normalise(raw)
        if not content:
            continue
        if len(content) >= GLUED_LINE_CHARS:
            lines.extend(segment_line(number, raw, content))
        else:
            lines.append(Line(number, stripped, content))
    return lines


def _unwrapped_lines(raws: list[str], width: int) -> list[Line]:
    """A hard-wrapped text's logical lines (unwrap.py), each standing for its physical lines (``span``)."""
    lines: list[Line] = []
    for number, count, raw in unwrap.logical_lines(raws, width):
        content = normalise(raw)
        if len(content) >= GLUED_LINE_CHARS:
            pieces = segment_line(number, raw, content)
        else:
            pieces = [Line(number, raw, content)]
        for piece in pieces:
            piece.span = count - 1
        lines.extend(pieces)
    return lines


def segment_line(number: int, raw: str, content: str) -> list[Line]:
    """Cut one glued line into sentence-sized segments (same line number, increasing ``segment``)."""
    pieces = [q for p in SEGMENT_BREAK.split(content) if p and p.strip() for g in GLUED_JUNCTION.split(p) if g for r in _split_lead(g) for q in _split_menu_run(r)]
    return [Line(number=number, text=piece, content=piece.strip(), segment=i + 1) for i, piece in enumerate(pieces)]


def _split_menu_run(piece: str) -> list[str]:
    """'Home News Nasional ... Indeks Gubernur meminta warga ...': the capitalised run (a menu or a
    headline list) and the sentence after it become two segments."""
    cut = textshape.sentence_after_run(piece, MENU_RUN_MIN_WORDS)
    if cut is None:
        return [piece]
    dash = max(piece.rfind(sep, 0, cut) for sep in DATELINE_DASHES)
    if dash >= 0 and textshape.sentence_after_run(piece[dash:], MENU_RUN_MIN_WORDS) is None:
        return [piece]  # 'SEMARANG, KOMPAS.com - Pemerintah Provinsi Jawa Tengah membuka ...': a dateline, then the subject
    return [piece[:cut], piece[cut:]]


def _split_lead(piece: str) -> list[str]:
    lead = LEADS.match(piece)
    return [piece] if lead is None else [piece[: lead.end()].strip(), piece[lead.end() :]]
