"""Cheap measurements of a line's shape: is it prose, a headline, a label? Used by every heuristic.

The thresholds are named constants so a heuristic's behaviour can be read off in one place.
The answers for a line are remembered (``words``, ``is_prose``, ``is_headline_like``): a test that
changes a threshold must call ``clear_caches()``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import Final, Sequence, TypeVar

import justext

from . import dates

WORD: Final = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
TRAILING_CLOSERS: Final = "\"'”’»)]*"
SENTENCE_END: Final = ".!?…:;"
PROSE_MIN_WORDS: Final = 8  # a line that ends a sentence and has this many words is prose
PROSE_LONG_WORDS: Final = 20  # a line this long counts as prose even without final punctuation
PROSE_MAX_CAPITALISED: Final = 0.75  # a shorter line with this share of capitalised words is a headline
HEADLINE_MAX_WORDS: Final = 25
HEADLINE_MIN_CAPITALISED: Final = 0.5  # share of words starting with a capital or digit in a headline
LABEL_MAX_WORDS: Final = 3


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """jusText's stoplists for the languages we detect (loaded once)."""
    return {
        "id": frozenset(justext.get_stoplist("Indonesian")),
        "en": frozenset(justext.get_stoplist("English")),
    }


WORDS_CACHE_SIZE: Final = 4096  # distinct lines whose words are remembered (every stage asks again)

# Remembered answers per line text, in plain dictionaries emptied when full: a look-up is a
# dictionary get in the compiled build, where an lru_cache wrapper costs a Python call and its own
# bookkeeping on every question (nearly every stage asks about every line).
_WORDS: Final[dict[str, tuple[str, ...]]] = {}
_PROSE: Final[dict[str, bool]] = {}
_HEADLINE_LIKE: Final[dict[str, bool]] = {}
_LINE_STOPWORDS: Final[dict[str, tuple[int, int]]] = {}
_Answer = TypeVar("_Answer")


def remember(answers: dict[str, _Answer], text: str, answer: _Answer) -> _Answer:
    """Keep ``answer`` for ``text`` in one of the dictionaries above (emptied when full) and return
    it. Only a miss calls this: the look-up stays a plain ``dict.get`` in each caller."""
    if len(answers) >= WORDS_CACHE_SIZE:
        answers.clear()
    answers[text] = answer
    return answer


def words(text: str) -> tuple[str, ...]:
    """The words of a line (remembered: every stage asks again; do not change the result). A whole
    body is tokenised with ``tokenise``, not kept here."""
    found = _WORDS.get(text)
    return remember(_WORDS, text, tuple(tokenise(text))) if found is None else found


# ASCII bytes that are neither a letter, a digit nor a joiner ('-', "'") become spaces; bytes.translate
# and str.split do in C what WORD does character by character, 2-5x faster.
_WORD_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'")
_SPACE_OUT: Final = bytes(c if c in _WORD_BYTES or c >= 0x80 else 0x20 for c in range(256))  # UTF-8 sequences stay whole
_EDGE_MARKS: Final = "“”‘’«»…–—•·"  # non-word characters beyond ASCII, common around words (none joins a word to what follows it)


def tokenise(text: str) -> list[str]:
    """``WORD.findall(text)``, the same list, faster: in the UTF-8 bytes every ASCII character that no
    word holds becomes a space (bytes.translate, in C; multi-byte characters are left alone), and
    ``split`` cuts there. A piece of letters and digits only is one word; any other piece (a joiner
    '-' or "'", a character beyond ASCII that is not a letter) goes through WORD."""
    if text.isascii():
        spaced = text.encode("ascii").translate(_SPACE_OUT).decode("ascii")
        pieces = spaced.split()
        if ("-" not in text and "'" not in text) or _joiners_join(spaced):
            return pieces  # every joiner sits between letters or digits ('negara-negara'): pieces are words
    else:
        pieces = text.encode("utf-8", "surrogatepass").translate(_SPACE_OUT).decode("utf-8", "surrogatepass").split()
    found: list[str] = []
    for piece in pieces:
        if piece.isalnum():
            found.append(piece)
            continue
        core = piece.strip(_EDGE_MARKS)  # '“Kami', 'ini.”': quotes and dashes around a word are no part of it
        if core.isalnum():
            found.append(core)
        elif core:
            found.extend(WORD.findall(core))
    return found


def _joiners_join(spaced: str) -> bool:
    """In ``spaced`` (ASCII letters, digits, joiners and spaces only), every '-' and "'" has a letter
    or digit on both sides: then each space-separated piece is one word."""
    last = len(spaced) - 1
    for joiner in "-'":
        at = spaced.find(joiner)
        while at >= 0:
            if at == 0 or at == last or spaced[at - 1] in " -'" or spaced[at + 1] in " -'":
                return False
            at = spaced.find(joiner, at + 1)
    return True


def clear_caches() -> None:
    """Forget remembered answers (after changing a threshold constant, e.g. in a test)."""
    for remembered in (_WORDS, _PROSE, _HEADLINE_LIKE, _LINE_STOPWORDS):
        remembered.clear()


def last_char(text: str) -> str:
    stripped = text.rstrip().rstrip(TRAILING_CLOSERS)
    return stripped[-1:] if stripped else ""


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence ('.', '!', '?', '…', possibly inside closing quotes)."""
    last = last_char(text)
    return last != "" and last in SENTENCE_END


PERIOD_ENDS: Final = ".…;:"  # a line ending in one is a finished statement, not a headline


def ends_with_period(text: str) -> bool:
    return last_char(text) in PERIOD_ENDS


_FIRST: Final = itemgetter(0)
_UPPER_AND_DIGITS: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def capitalised_share(tokens: Sequence[str]) -> float:
    if not tokens:
        return 0.0
    firsts = "".join(map(_FIRST, tokens))
    if firsts.isascii():  # count in C: the first letters without capitals and digits are the rest
        data = firsts.encode("ascii")
        return (len(data) - len(data.translate(None, _UPPER_AND_DIGITS))) / len(tokens)
    return sum(1 for c in firsts if c.isupper() or c.isdigit()) / len(tokens)


def is_prose(text: str) -> bool:
    """A sentence or more of running text (a short line of mostly capitalised words is a headline,
    even when it ends with '...' or '!'). Remembered: nearly every stage asks about the same lines."""
    found = _PROSE.get(text)
    return remember(_PROSE, text, _is_prose(text)) if found is None else found


def _is_prose(text: str) -> bool:
    tokens = words(text)
    n = len(tokens)
    if n >= PROSE_LONG_WORDS:
        return ends_sentence(text) or capitalised_share(tokens) < PROSE_MAX_CAPITALISED
    return n >= PROSE_MIN_WORDS and ends_sentence(text) and capitalised_share(tokens) < PROSE_MAX_CAPITALISED


def is_headline_like(text: str) -> bool:
    """Shaped like a headline: a few words, mostly capitalised, no final period (remembered)."""
    found = _HEADLINE_LIKE.get(text)
    return remember(_HEADLINE_LIKE, text, _is_headline_like(text)) if found is None else found


def _is_headline_like(text: str) -> bool:
    tokens = words(text)
    if not 2 <= len(tokens) <= HEADLINE_MAX_WORDS or ends_with_period(text):
        return False
    return capitalised_share(tokens) >= HEADLINE_MIN_CAPITALISED


NAME_MAX_WORDS: Final = 8
DIGIT: Final = re.compile(r"\d")


def is_name_like(text: str) -> bool:
    """Could be a person's name (or names) taken from a neighbouring line: short, no sentence."""
    tokens = words(text)
    if not 1 <= len(tokens) <= NAME_MAX_WORDS or ends_sentence(text) or DIGIT.search(text):
        return False
    return text.lstrip()[:1] not in "\"“‘:(" and capitalised_share(tokens) >= HEADLINE_MIN_CAPITALISED


BREADCRUMB: Final = re.compile(r"\S\s*(?:>|»|›|/|\||·)\s*\S.*(?:>|»|›|/|\||·)")
DAY_OR_DIGIT: Final = re.compile(r"^\W*(?:(?:on|pada|tanggal|published|updated|diterbitkan|diperbarui)\s+)?(?:\d|(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)", re.I)


DOMAIN: Final = re.compile(r"\b[\w-]+\.(?:com|co\.id|id|net|tv|or\.id)\b", re.I)
MENU_SEPARATOR: Final = re.compile(r"\s(?:>|»|›|\||·)\s")
TITLE_MAX_WORDS: Final = 25
CAPTION_END: Final = re.compile(r"[.!?]\s*\([^()]*\)$")  # '... di Seoul. (Reuters)'


def is_breadcrumb(text: str) -> bool:
    """A navigation path such as 'Home > News > Nasional' (two or more separators), or a menu line
    with three or more ('TOP NEWS | TERKINI | RILIS PERS | RSS ...')."""
    if not _two_separators(text) or not BREADCRUMB.search(text):
        return False
    return len(words(text)) <= 12 or len(MENU_SEPARATOR.findall(text)) >= 3


BREADCRUMB_SEPARATORS: Final = ">»›/|·"  # BREADCRUMB's separators: it matches two of them at least


def _two_separators(text: str) -> bool:
    """``text`` holds two BREADCRUMB_SEPARATORS or more (counted in C: cheaper than the regex's
    search, which fails on nearly every line)."""
    found = 0
    for separator in BREADCRUMB_SEPARATORS:
        found += text.count(separator)
        if found >= 2:
            return True
    return False


def is_title_like(text: str, min_words: int = 2) -> bool:
    """Could be the article's headline: a few capitalised-start words, no final period, not a sentence
    of prose, a menu or breadcrumb, a date line or a photo caption ending in its credit."""
    n = len(words(text))
    return (
        min_words <= n <= TITLE_MAX_WORDS
        and not ends_with_period(text)
        and not starts_lowercase(text)
        and not is_prose(text)
        and not is_breadcrumb(text)
        and not starts_with_date(text)
        and not CAPTION_END.search(text)
        and text.rstrip()[-1:] not in "-–—"  # a dateline alone ('ISTANBUL, 23 Februari 2016 (Antara) --')
        and (text.lstrip()[:1].isalnum() or text.lstrip()[:1] in "\"“‘'")  # not '(Grammy)', '# tag', ', rest of a sentence'
        and ("." not in text or len(DOMAIN.findall(text)) < (2 if n > 3 else 1))  # DOMAIN needs a '.'  # 'Kompas.com Kompasiana.com ...', 'REPUBLIKA.CO.ID,'
    )


def starts_with_date(text: str) -> bool:
    """Starts with a day name or a digit and holds a date ('Senin, 15 Mei 2017 18:43 WIB | 699 Views')."""
    return bool(DAY_OR_DIGIT.match(text)) and dates.parse_date(text) is not None


NUMBERED: Final = re.compile(r"\d{1,2}[.)]\s+[^\W\d_]")


def is_numbered(text: str) -> bool:
    """A numbered item or subheading: '1. Penyebab amblesnya jalan', '2) Siapkan KTP'."""
    return NUMBERED.match(text) is not None


def is_label(text: str) -> bool:
    """A short label: a category, a menu entry, a tag ('Global', 'K / L', 'Club Sports')."""
    tokens = words(text)
    return len(tokens) <= LABEL_MAX_WORDS and not ends_sentence(text) and len(text) <= 40


def starts_lowercase(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.islower()


LANGUAGE_MAX_TOKENS: Final = 2000


def guess_language(text: str) -> str | None:
    """'id' or 'en' by stopword share, None when the text is too short to tell."""
    return _language_of(tokenise(text.lower())[:LANGUAGE_MAX_TOKENS])


def guess_language_of_lines(texts: list[str]) -> str | None:
    """``guess_language(" ".join(texts))`` from each line's remembered words (no regex over the whole
    body). A word never spans a space, and lower-casing changes no character's word-ness except 'İ'
    (it lowers to 'i' and a combining dot): text holding one takes the long way."""
    if any("İ" in text for text in texts):
        return guess_language(" ".join(texts))
    # the first LANGUAGE_MAX_TOKENS words of the lines, counted a line at a time (each line's count
    # is remembered: the language is guessed from every line before the rules, then from the kept
    # lines after them); the line that goes past the limit counts only its first words
    count = packed = 0
    for text in texts:
        size, value = _line_stopwords(text)
        if count + size > LANGUAGE_MAX_TOKENS:
            packed += _packed_stopwords(words(text)[: LANGUAGE_MAX_TOKENS - count])
            count = LANGUAGE_MAX_TOKENS
            break
        count += size
        packed += value
        if count >= LANGUAGE_MAX_TOKENS:
            break
    if count < 10:
        return None
    return _best_language(_unpacked(packed), count)


def _line_stopwords(text: str) -> tuple[int, int]:
    """A line's number of words and their packed stoplist counts (``_packed_stopwords``; -1 for a
    line of more than LANGUAGE_MAX_TOKENS words, which is never counted whole). Remembered."""
    found = _LINE_STOPWORDS.get(text)
    if found is not None:
        return found
    tokens = words(text)
    return remember(_LINE_STOPWORDS, text, (len(tokens), -1) if len(tokens) > LANGUAGE_MAX_TOKENS else (len(tokens), _packed_stopwords(tokens)))


def stopword_counts(tokens: Sequence[str]) -> dict[str, int]:
    """How many of ``tokens`` (at most LANGUAGE_MAX_TOKENS) each stoplist holds, lower-cased:
    ``{lang: sum(t.lower() in stop for t in tokens)}``, with one dictionary look-up per word."""
    return _unpacked(_packed_stopwords(tuple(tokens)))


def _unpacked(total: int) -> dict[str, int]:
    """Packed stoplist counts (``_packed_stopwords``) -> {lang: count}."""
    mask = (1 << COUNT_BITS) - 1
    return {lang: (total >> (COUNT_BITS * i)) & mask for i, lang in enumerate(stopwords())}


def _packed_stopwords(tokens: tuple[str, ...]) -> int:
    """The stoplist counts of ``tokens`` (at most LANGUAGE_MAX_TOKENS) packed in one number, a count
    per COUNT_BITS bits: counts of several runs of words add up as numbers."""
    # each word's value packs a 1 per stoplist that holds it, one stoplist per COUNT_BITS bits, so
    # one sum counts every stoplist; a word not met before gets its value worked out and remembered
    flags = _STOP_FLAGS
    total = 0
    for token in tokens:
        value = flags.get(token, -1)
        if value < 0:
            value = _stop_value(token)
            if len(flags) >= MAX_REMEMBERED_WORDS:
                flags.clear()
            flags[token] = value
        total += value
    return total


def _language_of(tokens: Sequence[str]) -> str | None:
    if len(tokens) < 10:
        return None
    lists = stopwords()
    return _best_language({lang: sum(map(stop.__contains__, tokens)) for lang, stop in lists.items()}, len(tokens))


def _best_language(scores: dict[str, int], total: int) -> str | None:
    best = max(scores, key=scores.get)  # type: ignore[arg-type]
    return best if scores[best] / total >= 0.1 else None


# Word as written -> 1 << (COUNT_BITS * i) summed over the stoplists i that hold its lower case. Words
# recur from page to page, so counting a page's stopwords is a look-up per word (no lower-casing, no
# new strings).
_STOP_FLAGS: Final[dict[str, int]] = {}
MAX_REMEMBERED_WORDS = 20_000  # a few MB; emptied when full
COUNT_BITS: Final = 16  # LANGUAGE_MAX_TOKENS < 2**16


def _stop_value(token: str) -> int:
    """The packed stoplist flags of one word: 1 << (COUNT_BITS * i) for each stoplist i holding it."""
    lowered = token.lower()
    return sum(1 << (COUNT_BITS * i) for i, stop in enumerate(stopwords().values()) if lowered in stop)


TOKEN: Final = re.compile(r"\S+")
SENTENCE_START_LOWER_WINDOW: Final = 5  # words looked at after a candidate sentence start
SENTENCE_START_MIN_LOWER: Final = 3  # lower-case words among them that show running text, not a headline
GLUED_HEADLINE_MAX_WORDS: Final = 20
TITLE_MIN_HEADLINE_WORDS: Final = 3  # words a glued headline has at least (else the marker stood alone)
MARKER_MAX_WORDS: Final = 3  # words before the headline when the marker opens the line ('Baca berita lainnya:')
FULL_STOPS: Final = ".!?…"
SHORT_SENTENCE_MIN_WORDS: Final = 5  # a remainder this long ending in a period reads as running text
RUNNING_TEXT_WINDOW: Final = 4  # words after a lower-case word that show running text
RUNNING_TEXT_MIN_LOWER: Final = 2


def headline_end(text: str, start: int = 0) -> int | None:
    """Where a headline glued into ``text`` at ``start`` ends and the paragraph resumes (see
    ``_headline_end``); None also when what it found is too long for headlines or holds a table's
    values ('Baca JugaAdvertisementJadwal imsakiyah ...:IMSAK 04:28SUBUH 04:38...'): when unsure, keep."""
    end = _headline_end(text, start)
    if end is None or end <= start:
        return end
    headline = text[start:end]
    if len(words(headline)) > GLUED_HEADLINES_MAX_WORDS or _holds_values(headline):
        return None
    return end


def _headline_end(text: str, start: int) -> int | None:
    """Where a headline glued into ``text`` at ``start`` ends and the paragraph resumes.

    Headlines are mostly capitalised; running text is mostly lower case. Find where lower-case running
    text begins; the sentence starts in the capitalised run just before it, at its last function word
    ('... Kinerja Presiden | Menurut dia, harga ...'), else at the run's first word. Returns len(text)
    when the rest is one headline (or several run together), None when no safe end is found.

    When the marker opens the line ('Baca juga: ...'), a headline-length rest that does not end with a
    period is one headline, lower-case words and all ('... NATO dengan Swedia dan Finlandia untuk
    keamanan kawasan', 'Benarkah ... yang terus berlanjut?'); otherwise it is split only where the
    remainder ends a sentence and reads as prose.
    """
    rest = text[start:]
    glued = _glued_sentence_start(text, start)
    if glued is not None:
        return glued
    at_line_start = len(words(text[:start])) <= MARKER_MAX_WORDS
    if at_line_start and last_char(rest) != "." and len(words(rest)) <= GLUED_HEADLINE_MAX_WORDS:
        return len(text)
    tokens = list(TOKEN.finditer(text, start))
    for k in range(2, len(tokens)):
        if not _running_text_at(tokens, k):
            continue
        first = _run_start(tokens, k)
        if first is None:
            continue
        end = tokens[first].start() if first > 0 else _first_capital_before_text(tokens)
        if at_line_start and end is not None and not _reads_as_prose(text[end:]):
            continue  # lower-case words inside the headline, not running text resuming
        if end is not None and len(words(text[start:end])) < TITLE_MIN_HEADLINE_WORDS and _reads_as_prose(text[start:]):
            return start  # a marker whose headline was lost: 'Baca Juga“Terima kasih Bapak ...,” tulis ...'
        return end
    if not ends_with_period(rest) and (len(tokens) <= GLUED_HEADLINE_MAX_WORDS or (len(tokens) <= GLUED_HEADLINES_MAX_WORDS and capitalised_share(words(rest)) >= HEADLINE_MIN_CAPITALISED)):
        return len(text)  # one headline, or several run together ('Baca Juga: A B C ...'), not a glued table
    return None


# Where the next sentence starts glued to a headline's last word, with no space: 'Minta NasihatHashim
# mengenakan ...', 'Tonton di Vidio+Selain itu, ...', '... pada 15 JuniDia memulai ...'. A glue point
# is a capitalised word right after a lower-case letter, a digit or a closing mark; the part of the
# glued word before it must be at least GLUE_MIN_LEFT letters, so 'YouTube', 'TikTok', 'McDonald'
# and 'iPhone' are no glue points.
GLUE_POINT: Final = re.compile(r"(?<=[a-z0-9+)?!.”\"’])(?=[A-Z][a-z])|(?<=\s)(?=(?P<item>\d{1,2}[.)]\s+[A-Z]))")  # item: '... Tinggi 1. Moldova ...'
# The same places, found faster: each glue point is at a capital or a digit, which this pattern reads
# first (re looks for a character of a set at C speed; GLUE_POINT runs its lookbehinds at every
# character). Only where it matches is GLUE_POINT matched, for its groups (``next_glue_point``).
GLUE_LEAD: Final = re.compile(r"[A-Z\d](?:(?<=[a-z0-9+)?!.”\"’][A-Z])(?=[a-z])|(?<=\s\d)(?=\d?[.)]\s+[A-Z]))")

GLUE_MIN_LEFT: Final = 4
GLUED_HEADLINES_MAX_WORDS: Final = 60  # several headlines glued one after another ('Baca Juga A B C')
GLUED_HEADLINES_MAX_CHARS: Final = 600


def _glued_sentence_start(text: str, start: int) -> int | None:
    """The first glue point after ``start`` where running text begins (or a numbered item starts), when
    everything between is headline-shaped (mostly capitalised, no finished sentence): the headline
    ends there."""
    at, end = start, start + GLUED_HEADLINES_MAX_CHARS
    while True:  # GLUE_POINT.finditer(text, start, end), one point at a time
        point = next_glue_point(text, at, end)
        if point is None:
            return None
        at = point.start() + 1
        head = text[start : point.start()]
        if _ends_full_stop(head) or ". " in head:
            return None
        item = point.group("item") is not None
        if not item and head[-1:].isalpha() and len(head.split()[-1]) < GLUE_MIN_LEFT:
            continue  # 'YouTube', 'TikTok': one word, not two glued
        tokens = words(head)
        if len(tokens) > GLUED_HEADLINES_MAX_WORDS:
            return None
        if len(tokens) < TITLE_MIN_HEADLINE_WORDS or capitalised_share(tokens) < HEADLINE_MIN_CAPITALISED:
            continue
        if item:
            return point.start()
        if _running_text_starts(text, point.start()):
            return point.start()


def next_glue_point(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """``GLUE_POINT.search(text, pos, endpos)``, the same match (its points are empty, so the next
    one after a point at ``p`` is the first from ``p + 1``): GLUE_LEAD, which matches at a glue
    point's capital or digit only, finds it."""
    lead = GLUE_LEAD.search(text, pos, endpos)
    return None if lead is None else GLUE_POINT.match(text, lead.start(), endpos)


GLUED_SUBJECT_MAX_WORDS: Final = 6  # capitalised words opening the glued sentence ('Menurut Elbit Systems, Hermes 900 telah ...')


def _running_text_starts(text: str, point: int) -> bool:
    """Running text begins at ``point``: within its first few words (a capitalised subject may open
    the sentence), in the same sentence, a lower-case word followed by more of them."""
    after = list(TOKEN.finditer(text, point, point + 200))
    for k in range(1, min(len(after), GLUED_SUBJECT_MAX_WORDS + 1)):
        if _ends_full_stop(text[point : after[k].start()].rstrip()):
            return False
        if _is_lower(after[k]):
            return sum(1 for t in after[k : k + RUNNING_TEXT_WINDOW] if _is_lower(t)) >= RUNNING_TEXT_MIN_LOWER
    return False


# Times and amounts: a glued run holding this many is a table ('IMSAK 04:28SUBUH 04:38DUHA 06.25...',
# a price list), not headlines, whose end the glue points could not tell.
CLOCK: Final = r"(?<![\d.,:])\d{1,2}[.:]\d{2}(?![\d.,:])"  # '04:28', '06.25', also glued to the next word ('04:28SUBUH')
CLOCK_OR_AMOUNT: Final = re.compile(CLOCK + r"|\bRp\s?\d")
GLUED_TABLE_MIN_VALUES: Final = 3


def _holds_values(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and len(CLOCK_OR_AMOUNT.findall(text)) >= GLUED_TABLE_MIN_VALUES


def _ends_full_stop(text: str) -> bool:
    """Ends with '.', '!', '?' or '…' (possibly inside closing quotes): a sentence, not a headline."""
    last = last_char(text)
    return last != "" and last in FULL_STOPS


def _reads_as_prose(text: str) -> bool:
    """Running text: prose, or a short sentence ending in a period ('Menurut dia, harga stabil.'),
    not the tail of a question headline ('... karena Perang di Ukraina yang berlanjut?'). A long
    remainder may run on without a final stop (a sentence continued on the next line of a split dump)."""
    tokens = words(text)
    if not _ends_full_stop(text):
        return len(tokens) >= PROSE_LONG_WORDS and is_prose(text)
    short_sentence = len(tokens) >= SHORT_SENTENCE_MIN_WORDS and last_char(text) == "." and capitalised_share(tokens) < HEADLINE_MIN_CAPITALISED
    return short_sentence or is_prose(text)


def sentence_after_run(text: str, min_words: int) -> int | None:
    """Where the first sentence starts after a run of at least ``min_words`` capitalised words (a menu
    or headline list glued before the text); None when the text starts with its sentence."""
    tokens = list(TOKEN.finditer(text))
    for k in range(2, len(tokens)):
        if _is_lower(tokens[k]):
            if not _running_text_at(tokens, k):
                return None  # a lower-case word inside the run: a sentence with a long subject
            first = _run_start(tokens, k)
            return tokens[first].start() if first is not None and first >= min_words else None
    return None


def _is_lower(token: re.Match[str]) -> bool:
    return token.group()[0].islower()


def _running_text_at(tokens: list[re.Match[str]], k: int) -> bool:
    """Token ``k`` is lower case and most of the next few are too."""
    window = tokens[k + 1 : k + 1 + RUNNING_TEXT_WINDOW]
    return _is_lower(tokens[k]) and sum(1 for t in window if _is_lower(t)) >= RUNNING_TEXT_MIN_LOWER


def _run_start(tokens: list[re.Match[str]], k: int) -> int | None:
    """Index of the sentence start in the capitalised run that ends just before token ``k``."""
    run_start = k
    while run_start > 0 and not _is_lower(tokens[run_start - 1]):
        run_start -= 1
    if run_start == k:
        return None
    stop = stopwords()["id"]
    openers = [i for i in range(run_start, k) if tokens[i].group().strip("\"“‘(").lower() in stop]
    return openers[-1] if openers else run_start


def _first_capital_before_text(tokens: list[re.Match[str]]) -> int | None:
    """Fallback: the first capitalised word followed by mostly lower-case words."""
    for i in range(1, len(tokens)):
        tok = tokens[i].group()
        if not (tok[0].isupper() or tok[0] in "\"“‘"):
            continue
        window = tokens[i + 1 : i + 1 + SENTENCE_START_LOWER_WINDOW]
        if sum(1 for t in window if _is_lower(t)) >= SENTENCE_START_MIN_LOWER:
            return tokens[i].start()
    return None
