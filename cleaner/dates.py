"""Publication-date parsing for scraped Indonesian (and English) news pages.

Three public helpers:

* :func:`parse_date` finds the first valid date (with an optional time and zone) in a text and
  returns it as ISO 8601 (``2023-01-30T12:13:00+07:00``, or ``2023-01-30`` without a time).
* :func:`is_date_line` tells whether a whole line is a publication-date line
  (``Kompas.com - 30/01/2023, 12:13 WIB``), as opposed to prose that merely mentions a date.
* :func:`split_byline` splits ``Name • 22 Oktober 2020 08:21`` into ``(name, iso_date)``.

Everything is standard library only and never raises on arbitrary input strings. The functions run
on every line of large corpora, so each one starts with a cheap pre-check (a digit must be present)
before any heavier regular expression.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Final

CACHE_SIZE = 8192  # lines seen again (page furniture, titles) are answered from memory; both functions are pure

__all__ = ["MONTHS", "TIMEZONES", "is_date_line", "parse_date", "split_byline"]

#: Zone abbreviation -> UTC offset (Indonesian zones plus the usual universal ones).
TIMEZONES: dict[str, str] = {
    "WIB": "+07:00",
    "WITA": "+08:00",
    "WIT": "+09:00",
    "GMT": "+00:00",
    "UTC": "+00:00",
    "Z": "+00:00",
}

#: Lower-cased month name or abbreviation (Indonesian and English) -> month number.
MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}

_DAY_NAMES = (
    "senin", "selasa", "rabu", "kamis", "jum['’]?at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)

_MIN_YEAR, _MAX_YEAR = 1900, 2100
_MAX_DATE_LINE = 160  # longer lines are never treated as date lines
_TWO_DIGIT_PIVOT = 70  # '23' -> 2023, '85' -> 1985

_SP = r"[^\S\r\n]"  # horizontal whitespace: a date never spans lines


def _trie(words: list[str]) -> str:
    """An alternation of plain lower-case words as a prefix tree ('jan(?:uari|uary)?|...'): the regex
    engine tries a word start's first letter once instead of every word in turn. Longer words still
    come first where one is a prefix of another, as in the longest-first alternation it replaces."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = []
    for head, tails in heads.items():
        rest = [t for t in tails if t]
        if not rest:
            branches.append(re.escape(head))
            continue
        inner = _trie(rest)
        branches.append(f"{re.escape(head)}(?:{inner}){'?' if '' in tails else ''}")
    return "|".join(branches)


_MONTH_ALT = _trie(sorted(MONTHS, key=len, reverse=True))
_DAY_ALT = "|".join(sorted(_DAY_NAMES, key=len, reverse=True))
_BYLINE_SEPS = "•●·|"  # separators after an author's name ('Name • date')
_SEPS = _BYLINE_SEPS + "\\-–—"  # separators between name/site/date parts (inside a character class)

_DIGIT_RE = re.compile(r"[0-9]")
# Every layout of _DATE_RE holds four digits in a row or 'd/d', 'd-d', 'd.d': a text without either
# holds no date, and this check (digits first) is far cheaper than _DATE_RE's month-name branches.
_DATE_HINT_RE = re.compile(r"[0-9](?:[0-9]{3}|[-/.][0-9])")

# One alternative per date layout; each has its own group names (i*, n*, t*, u*).
_DATE_RE = re.compile(
    rf"""
    (?<![\w.])(?P<iy>[0-9]{{4}})(?P<isep>[-/.])(?P<im>[0-9]{{1,2}})(?P=isep)(?P<id>[0-9]{{1,2}})(?![0-9])
    | (?<![0-9./-])(?P<nd>[0-9]{{1,2}})(?P<nsep>[-/.])(?P<nm>[0-9]{{1,2}})(?P=nsep)
      (?P<ny>[0-9]{{4}}|[0-9]{{2}})(?![0-9])
    | (?<![\w.])(?P<td>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:{_SP}|-)+(?:of{_SP}+)?
      (?P<tm>{_MONTH_ALT})\.?(?:{_SP}|[-,])+(?P<ty>[0-9]{{4}})(?![0-9])
    | \b(?P<um>{_MONTH_ALT})\.?{_SP}+(?P<ud>[0-9]{{1,2}})(?:st|nd|rd|th)?,?{_SP}+(?P<uy>[0-9]{{4}})(?![0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A time right after a date: separator, optional 'pukul', HH:MM[:SS][.fff], AM/PM, zone or offset.
_TIME_RE = re.compile(
    rf"""
    (?:T|{_SP}*(?:[,/{_SEPS}@]{_SP}*)?(?:(?:pukul|pkl|jam|at)\b\.?{_SP}*)?)
    (?P<hh>[0-9]{{1,2}})(?P<ts>[:.])(?P<mi>[0-9]{{2}})(?:(?P=ts)(?P<ss>[0-9]{{2}}))?
    (?(ss)(?:\.[0-9]{{1,6}})?)(?![0-9])
    (?:{_SP}*(?P<ap>[ap]\.?m\b\.?))?
    (?:{_SP}*\(?(?P<tz>WITA|WIB|WIT|GMT|UTC|Z)(?![a-z])(?P<tzoff>[+-][0-9]{{1,2}}(?::?[0-9]{{2}})?)?\)?
      | {_SP}*(?P<off>[+-][0-9]{{2}}:?[0-9]{{2}})(?![0-9]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)

_OFFSET_RE = re.compile(r"([+-])([0-9]{1,2}):?([0-9]{2})?\Z")

# Things allowed before the date on a date line, consumed one token at a time.
_PREFIX_TOKEN_RE = re.compile(
    rf"""
    (?P<label>(?:last{_SP}+)?(?:diperbarui|dipublikasikan|diterbitkan|diunggah|dibuat|terbit|
        updated|update|published|posted|tanggal|tgl|on|pada)\b\.?(?:{_SP}+(?:on|pada)\b)?{_SP}*:?)
    | (?P<author>(?:oleh|by|penulis|reporter|editor|author)\b{_SP}*:?)
    | (?P<day>(?:hari{_SP}+)?(?:{_DAY_ALT})\b\.?)
    | (?P<name>(?P<who>[^\W\d_][\w.'’&-]*(?:[ ,]+[^\W\d_][\w.'’&-]*){{0,5}}){_SP}*(?P<sep>[{_SEPS}]))
    | (?P<punct>[(\[,:{_SEPS}])
    """,
    re.IGNORECASE | re.VERBOSE,
)

_SUFFIX_JUNK_RE = re.compile(rf"[\s)\]}}.,;:{_SEPS}]*")
_SUFFIX_AUTHOR_RE = re.compile(
    rf"(?:oleh|by|penulis|reporter|editor|author)\b{_SP}*:?{_SP}*"
    r"(?P<who>[^\W\d_][\w.'’&-]*(?:[ ,]+[^\W\d_][\w.'’&-]*){0,5})[\s.]*\Z",
    re.IGNORECASE,
)
# cross-links, and lines opening with ',' ';' ')': the rest of a sentence split at a link, not a date line
_REJECT_RE = re.compile(r"[,;)\]]|(?:baca|lihat|simak|tonton)(?:\s+(?:juga|pula|selengkapnya))?\b", re.IGNORECASE)
_SITE_RE = re.compile(r"\w\.(?:com|co|id|net|org|tv|news|my)\b", re.IGNORECASE)


def _year(text: str) -> int:
    """Return a four-digit year; two-digit years pivot at 70 ('23' -> 2023, '85' -> 1985)."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < _TWO_DIGIT_PIVOT else 1900
    return year


def _ymd(match: re.Match[str]) -> tuple[int, int, int] | None:
    """Pull (year, month, day) out of a ``_DATE_RE`` match without validating the calendar."""
    g = match.group
    if g("iy"):
        return int(g("iy")), int(g("im")), int(g("id"))
    if g("nd"):
        if g("nsep") == "." and len(g("ny")) == 2:
            return None  # '1.12.23' is a version number far more often than a date
        day, month = int(g("nd")), int(g("nm"))
        if month > 12 >= day and g("nsep") == "/":
            day, month = month, day  # US style 01/30/2023
        return _year(g("ny")), month, day
    if g("td"):
        named = MONTHS.get(g("tm").lower())
        return (int(g("ty")), named, int(g("td"))) if named else None
    named = MONTHS.get(g("um").lower())
    return (int(g("uy")), named, int(g("ud"))) if named else None


def _valid_date(match: re.Match[str]) -> _dt.date | None:
    """Return the calendar date of a ``_DATE_RE`` match, or None when it is not a real date."""
    parts = _ymd(match)
    if parts is None or not _MIN_YEAR <= parts[0] <= _MAX_YEAR:
        return None
    try:
        return _dt.date(*parts)
    except ValueError:
        return None


def _norm_offset(text: str) -> str | None:
    """Normalise '+7', '+0700' or '+07:00' to '+07:00'; None when out of range."""
    m = _OFFSET_RE.match(text)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    return f"{m.group(1)}{hours:02d}:{minutes:02d}"


def _offset(match: re.Match[str], default_offset: str) -> str:
    """Offset for a ``_TIME_RE`` match: explicit offset, zone name, else the default."""
    tz, tzoff, off = match.group("tz", "tzoff", "off")
    if off:
        return _norm_offset(off) or default_offset
    if tz:
        base = TIMEZONES.get(tz.upper(), default_offset)
        if tzoff and base == "+00:00":  # 'GMT+7', 'UTC+07:00'
            return _norm_offset(tzoff) or default_offset
        return base
    return default_offset


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a ``_TIME_RE`` match in 24-hour form; None when invalid."""
    hour, minute = int(match.group("hh")), int(match.group("mi"))
    second = int(match.group("ss") or 0)
    ampm = match.group("ap")
    if ampm:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm[0] in "pP" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


_DIGIT_RUN_RE = re.compile(r"[0-9]+")


def _date_matches(text: str):
    """``_DATE_RE.finditer(text)``, tried only where a date can start: every layout opens with a run
    of digits (at its first digit: the lookbehinds forbid a digit before it) or with a month name
    followed by spaces and the day, so a match starts at a digit run or at the word just before one
    (over an optional '.' and spaces). Trying those few places instead of every character is what
    makes dates cheap on long lines."""
    end = 0
    for run in _DIGIT_RUN_RE.finditer(text):
        digit = run.start()
        if digit < end:
            continue
        word = digit
        while word > end and text[word - 1] not in "\r\n" and text[word - 1].isspace():
            word -= 1
        if word < digit:  # a month name needs a space before the day ('Jan. 5'; not 'v1234')
            if word > end and text[word - 1] == ".":
                word -= 1
            while word > end and (text[word - 1].isalnum() or text[word - 1] == "_"):
                word -= 1
        for start in (word, digit) if word < digit else (digit,):
            match = _DATE_RE.match(text, start)
            if match:
                yield match
                end = match.end()
                break


def _find(text: str, default_offset: str = "+07:00") -> tuple[int, int, str] | None:
    """Locate the first valid date in ``text``: (start, end, iso). The span includes any time and zone."""
    if not _DATE_HINT_RE.search(text):
        return None
    return _find_hinted(text, default_offset)


def _find_hinted(text: str, default_offset: str = "+07:00") -> tuple[int, int, str] | None:
    """``_find`` for a text known to pass the _DATE_HINT_RE check."""
    for match in _date_matches(text):
        date = _valid_date(match)
        if date is None:
            continue
        tm = _TIME_RE.match(text, match.end())
        clock = _clock(tm) if tm else None
        if tm is None or clock is None:
            return match.start(), match.end(), date.isoformat()
        hour, minute, second = clock
        iso = f"{date.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}{_offset(tm, default_offset)}"
        return match.start(), tm.end(), iso
    return None


# Remembered answers of parse_date (with the default offset) and is_date_line by text, in plain
# dictionaries emptied when full: both functions are pure and run on the same page furniture on every
# page. A look-up is a dictionary get, and a compiled caller calls them as C functions, where an
# lru_cache wrapper costs a Python call and its own bookkeeping on every question.
DEFAULT_OFFSET = "+07:00"
_PARSED: Final[dict[str, str | None]] = {}
_DATE_LINES: Final[dict[str, bool]] = {}


def parse_date(text: str, default_offset: str = DEFAULT_OFFSET) -> str | None:
    """Find the first date (with optional time) in `text` and return it as ISO 8601.

    With a time: 'YYYY-MM-DDTHH:MM:SS+HH:MM' (offset from a WIB/WITA/WIT/GMT/UTC/+0700 zone written
    right after the time, else `default_offset`). Date only: 'YYYY-MM-DD'. None when no valid date
    is found. Impossible dates (31/02/2023) are skipped; an impossible time (25:00) is dropped and
    the date is returned alone. Remembered per text (with the default offset).
    """
    if default_offset != DEFAULT_OFFSET:
        return _parse_date(text, default_offset)
    found = _PARSED.get(text, "")  # "": not seen ('' is never an answer)
    if found == "":
        if len(_PARSED) >= CACHE_SIZE:
            _PARSED.clear()
        found = _PARSED[text] = _parse_date(text, default_offset)
    return found


def _parse_date(text: str, default_offset: str) -> str | None:
    if not text or not _DIGIT_RE.search(text):
        return None
    found = _find(text, default_offset)
    return found[2] if found else None


def _prefix_tokens(prefix: str) -> list[re.Match[str]] | None:
    """Split the text before a date into label/author/day/name/punct tokens; None if anything else."""
    tokens: list[re.Match[str]] = []
    pos, end = 0, len(prefix)
    while True:
        while pos < end and prefix[pos].isspace():
            pos += 1
        if pos >= end:
            return tokens
        match = _PREFIX_TOKEN_RE.match(prefix, pos)
        if match is None or match.end() == pos:
            return None
        tokens.append(match)
        pos = match.end()


def _junk_end(text: str) -> int:
    """Where the punctuation and spaces at the start of ``text`` end (_SUFFIX_JUNK_RE matches any text)."""
    junk = _SUFFIX_JUNK_RE.match(text)
    return junk.end() if junk else 0


def _suffix_ok(suffix: str) -> bool:
    """True when what follows the date is punctuation, an 'Oleh Name' credit, or another date line."""
    rest = suffix[_junk_end(suffix):]
    if not rest:
        return True
    if _SUFFIX_AUTHOR_RE.match(rest):
        return True
    return _DIGIT_RE.search(rest) is not None and is_date_line(rest)


def is_date_line(line: str) -> bool:
    """True when the whole line is a publication-date line (remembered per line: see _DATE_LINES).

    The line holds a date (and optional time/zone), optionally preceded by a day name, a label
    ('Diperbarui', 'Dipublikasikan', 'Published', 'Updated', 'Tanggal', ...), a '<Site> -' prefix or
    a 'Name •' / 'Name |' / 'Oleh Name |' author prefix, and nothing else of substance. A body
    sentence that merely mentions a date ('Dia bertemu pejabat pada hari Minggu (29/1/2023).') is
    NOT a date line.
    """
    found = _DATE_LINES.get(line)
    if found is None:
        if len(_DATE_LINES) >= CACHE_SIZE:
            _DATE_LINES.clear()
        found = _DATE_LINES[line] = _is_date_line(line)
    return found


def _is_date_line(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > _MAX_DATE_LINE or not _DATE_HINT_RE.search(text):
        return False
    if _REJECT_RE.match(text):
        return False
    found = _find_hinted(text)
    if found is None:
        return False
    start, end, _ = found
    # both checks are pure: the cheap one on what follows the date first (in a sentence that mentions
    # a date, words follow it: 'pada Senin (30/1/2023) meminta ...'); splitting what comes before it
    # into tokens tries every prefix alternative at each word
    return _suffix_ok(text[end:]) and _prefix_tokens(text[:start]) is not None


def _clean_name(name: str) -> str | None:
    """Tidy an author name; None for empty names or site names such as 'Kompas.com'."""
    name = name.strip(" \t,.-–—")
    if not name or _SITE_RE.search(name):
        return None
    return name


def _prefix_author(prefix: str) -> str | None:
    """The author name in the text before a date ('Oleh Name |', 'Name •'), if there is one."""
    tokens = _prefix_tokens(prefix)
    if not tokens:
        return None
    after_label = False
    for token in tokens:
        if token.group("name") and (after_label or token.group("sep") in _BYLINE_SEPS):
            name = _clean_name(token.group("who"))
            if name:
                return name
        after_label = token.group("author") is not None
    return None


# split_byline's answers by line (a tuple of strings, immutable): the date lines of a site's head come
# back on every page. A plain dictionary emptied when full: a look-up is a dictionary get in the
# compiled build, where an lru_cache wrapper is a Python call with its own bookkeeping.
_BYLINES: Final[dict[str, tuple[str | None, str | None]]] = {}


def split_byline(line: str) -> tuple[str | None, str | None]:
    """Split a byline into (author_name, iso_date).

    'Name • 22 Oktober 2020 08:21' and 'Oleh Name | Senin, 30 Januari 2023 12:13 WIB' give the
    name and the ISO date; '<Site> - date' and bare dates give (None, iso); (None, None) when the
    line holds no date. A trailing credit ('30 Januari 2023 | Oleh Name') is recognised too.
    Remembered per line (the function is pure).
    """
    found = _BYLINES.get(line)
    if found is None:
        if len(_BYLINES) >= CACHE_SIZE:
            _BYLINES.clear()
        found = _BYLINES[line] = _split_byline(line)
    return found


def _split_byline(line: str) -> tuple[str | None, str | None]:
    if not line or not _DIGIT_RE.search(line):
        return None, None
    found = _find(line)
    if found is None:
        return None, None
    start, end, iso = found
    name = _prefix_author(line[:start])
    if name is None:
        rest = line[end:]
        credit = _SUFFIX_AUTHOR_RE.match(rest, _junk_end(rest))
        name = _clean_name(credit.group("who")) if credit else None
    return name, iso
