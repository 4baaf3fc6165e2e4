"""Apply one rule file's line rules to a document (site rules first, then the generic file).

Each kept line is tried against the rules in file order. ``drop``/``drop-next``/``meta``/``end``/
``start`` decide the line's fate and stop; ``cut`` and ``strip`` change the line's content and let
the following rules look at what is left. Boundaries (``end``/``start``) are applied once all lines
have been seen, and only when they leave an article on their side of the line.
"""

from __future__ import annotations

from typing import Final

import math
import re

from . import dates, textshape
from .heuristics import fragments, social_embeds
from .model import Document, Fate, Line
from .rule_index import index_for
from .rulefile import Rule, SiteRules

NO_NEEDLES: Final[frozenset[int]] = frozenset()
BOUNDARY_MIN_WORDS: Final = 15  # body words that must lie on the article's side of an end/start marker
END_MIN_WORDS: Final = 30  # prose words before an end marker (more than a photo caption)
# A start marker sits in the page's head: at most this many prose words above it (a standfirst, a
# caption or two), and at most HEAD_MAX_SHARE of the prose below it. A line shaped like a dateline
# deeper in the page ('Wrapping Up - Understanding ...', 'Misc – On-board button') starts nothing.
HEAD_MAX_PROSE_WORDS: Final = 80
HEAD_MAX_SHARE: Final = 1 / 3
# A drop rule's match inside a line that also holds prose takes the sentence(s) around it, found
# within this many characters on either side: where one sentence ends and the next begins, also
# glued without a space ('kata dia.Ikuti', 'berlaku.“Kami'); the closing quotes stay with the sentence.
GLUED_REACH: Final = 250
SENTENCE_GAP: Final = re.compile(
    r"(?<=[.!?…])(?P<close>[\"”’)\]]*)\s+"
    r"|(?<=[a-z0-9%)][.!?])(?=[\"“‘]?[A-Z])"
    r"|(?<=[.!?][\"”’])(?=[\"“‘]?[A-Z])"
)
# Every gap follows one of these characters (its lookbehinds): ``_gap_search`` looks for them first,
# which re does at character-set speed, and tries the gap's own pattern only there; SENTENCE_GAP's
# search runs its three lookbehinds at every character of the line (~75 instructions each).
GAP_LEAD: Final = re.compile("[.!?…\"”’](?=(?:" + SENTENCE_GAP.pattern + "))")


def apply_rule_files(doc: Document, files: list[SiteRules]) -> None:
    """Try every line against the rules of ``files`` in order (site first, then generic).

    The first rule that matches and takes effect decides; after a ``cut`` or ``strip`` the later rules
    look at what is left of the line. rule_index.py finds each next matching rule quickly.
    """
    index_of_rules = index_for(files)
    # Needles are looked for only on the lines whose answer is not remembered (page furniture seen
    # on earlier pages is): fewer bytes to scan and fewer hits to sort out.
    remembered = index_of_rules.seen
    fresh = [i for i, line in enumerate(doc.lines) if line.content not in remembered]
    found_on = index_of_rules.page_needles([doc.lines[i].content for i in fresh])
    needles = {i: found_on.get(k, NO_NEEDLES) for k, i in enumerate(fresh)}
    boundaries: list[tuple[int, Rule, bool]] = []
    generic = _rule_ids(next((f for f in files if f.id == "generic"), None))
    for index, line in enumerate(doc.lines):
        start = 0
        on_line = needles.get(index)  # None: a remembered line, or one that rules out pre-checks
        changed = False  # the needles found on the line hold for its text as read only
        while line.kept:  # a line's fate only changes when a rule matches it
            found = index_of_rules.first_match(line.content, None, start, None if changed else on_line)
            if found is None:
                break
            position, rule, match = found
            start = position + 1
            before = len(line.content)
            if not rule.applies_to(doc.language) or not _apply(rule, match, doc, index):  # a rule of another language
                continue
            changed = True
            if rule.boundary:
                boundaries.append((index, rule, _names_source(rule, match, generic)))
            shorter = line.kept and len(line.content) < before
            if shorter and rule.action in ("drop", "end"):
                start = 0  # only a glued part went: every rule may find something in the rest
            elif shorter and rule.action == "cut":
                start = position  # the same rule may find another in the rest
            elif not line.kept or rule.action not in ("cut", "strip"):
                break
    _apply_boundaries(doc, boundaries)


_RULE_IDS: Final[dict[int, tuple[SiteRules, frozenset[int]]]] = {}


def _rule_ids(file: SiteRules | None) -> frozenset[int]:
    """The identities of a rule file's rules (remembered with the file kept alive)."""
    if file is None:
        return frozenset()
    known = _RULE_IDS.get(id(file))
    if known is None:
        known = _RULE_IDS[id(file)] = (file, frozenset(id(rule) for rule in file.rules))
    return known[1]


def _names_source(rule: Rule, match: re.Match[str], generic: frozenset[int]) -> bool:
    """A marker written for the site (a site file's rule), or one naming the site or a wire agency
    ('Liputan6.com, Jakarta - ', 'Jakarta (ANTARA) - '): stronger evidence than a place and a dash."""
    if id(rule) not in generic:
        return True
    return bool(match.groupdict().get("site_name") or match.groupdict().get("wire"))


def _apply(rule: Rule, match: re.Match[str], doc: Document, index: int) -> bool:
    """Carry out one rule on one line; True when the rule took effect."""
    line = doc.lines[index]
    if rule.action == "strip":
        if match.start() != 0 or match.end() == 0:
            return False
        if not rule.dateline or doc.strip_datelines:  # a dateline stays in the body as written
            line.cut(0, match.end(), rule.id)
        _capture_groups(doc, match)
        return True
    if rule.action == "cut":
        return _cut(rule, match, doc, line)
    if rule.action == "meta":
        if rule.dateline and not doc.strip_datelines:
            return _dateline_line(match, doc, index)
        return _meta(rule, match, doc, index)
    if rule.action == "end" and match.start() > 0 and _holds_text(line.content[: match.start()]):
        line.cut(match.start(), len(line.content), rule.id)  # glued to the last paragraph: only the rest goes
        return True
    if rule.action == "drop":
        if rule.extend == "embed" and doc.is_html:
            return False  # HTML extractors keep an embedded post as a quote of the article
        glued = _glued_part(line.content, match, rule.extend, doc)
        if glued is not None:
            line.cut(glued[0], glued[1], rule.id)
            _capture_groups(doc, match)
            return True
    line.remove(rule.id)
    _capture_groups(doc, match)
    if rule.action == "drop-next" and not match.string[match.end() :].strip():
        _drop_following_headlines(doc, index, rule)
    return True


def _dateline_line(match: re.Match[str], doc: Document, index: int) -> bool:
    """A dateline alone on its line ('Jakarta -'), kept: its parts are metadata, and the body's first
    line, right after it, continues it (one paragraph, 'Jakarta - Luna Maya ternyata ...')."""
    _capture_groups(doc, match)
    if index + 1 < len(doc.lines) and doc.lines[index + 1].kept:
        doc.lines[index + 1].join = True
    return True


def _glued_part(text: str, match: re.Match[str], extend: str | None, doc: Document) -> tuple[int, int] | None:
    """Where a drop rule's match sits in a line that also holds prose ('... kata dia. Ikuti berita
    terkini dari kami di Google News.'): the sentence(s) holding the match, which alone go; None when
    the match is the whole line or what is left is not prose (then the whole line goes).

    ``extend = "caption"``: the match is a credit, and when it stands as a sentence of its own ('...
    setiap hari. (Foto: Dok Damri)') the sentence before it is its caption and goes with it; inside a
    line (a glued page) its caption is the run of capitalised words before it (``_caption_before``).
    ``extend = "embed"``: see ``_embedded_post``."""
    if match.start() == 0 and match.end() >= len(text.rstrip()):
        return None
    if extend == "embed":
        begin, end = _embedded_post(text, match, doc)
    else:
        begin, end = _sentence_around(text, match.start(), match.end())
        if extend == "caption" and text[match.end() :].strip():
            begin, end = _caption_before(text, match.start()), match.end()
        elif extend == "caption" and not text[begin : match.start()].strip() and begin > 0:
            begin = _sentence_before(text, begin)
    rest = (text[:begin].rstrip() + " " + text[end:].lstrip()).strip()
    return (begin, end) if _holds_text(rest) else None


CAPTION_MAX_WORDS: Final = 12
CAPTION_JOINERS: Final = frozenset({"dan", "di", "dengan", "saat", "bersama", "yang", "ke", "dari", "&"})  # 'Jokowi dan Hashim'


def _caption_before(text: str, credit: int) -> int:
    """Where the caption of a credit glued inside a line starts: the run of capitalised words (and the
    function words between them) just before it ('... tersebut: Pertemuan tertutup | Pertemuan Jokowi
    dan Hashim (Foto: ...) Hashim dan ...'), stopping at a sentence's end or a lower-case word."""
    tokens = list(textshape.TOKEN.finditer(text, max(0, credit - 200), credit))
    begin = credit
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 1 - CAPTION_MAX_WORDS), -1):
        word = tokens[k].group()
        if word[-1] in ".!?:;" and k < len(tokens) - 1:
            break
        if word[0].isupper() or word[0].isdigit():
            begin = tokens[k].start()
        elif word not in CAPTION_JOINERS:
            break
    return begin


def _embedded_post(text: str, match: re.Match[str], doc: Document) -> tuple[int, int]:
    """An embedded post's frame ('... A photo posted by Name (@handle) on Jul 11, 2016', 'pic.twitter.com/x
    — Name (@handle) June 19, 2016') closes the post: the article resumes right after it. Before it,
    the post's text goes with it as far as it is in another language than the article ('We fought
    all we could. #proud'), sentence by sentence; the article's own sentence stays. When the article
    is not in Indonesian, only the frame goes."""
    if doc.language != "id":
        return match.start(), match.end()
    begin = _sentence_around(text, match.start(), match.end())[0]
    own = text[begin : match.start()]
    if own.strip() and not social_embeds.foreign(own):
        return match.start(), match.end()
    while begin > 0:
        before = _sentence_before(text, begin)
        if before == begin or not social_embeds.foreign(text[before:begin], short_ok=True):
            break
        begin = before
    return begin, match.end()


def _holds_text(rest: str) -> bool:
    """What is left of a line after a glued part: prose, or at least a sentence's worth of words (the
    items of a list: '1. Tidak Memenuhi Syarat 2. Sudah Menerima ...'); the heuristics judge it then."""
    return len(textshape.words(rest)) >= textshape.PROSE_MIN_WORDS or textshape.is_prose(rest)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to the sentence(s) holding it: back to the last sentence break
    before it and on to the first after it, each within GLUED_REACH characters (else the match's own
    edge, or the line's when it is that near)."""
    low = max(0, start - GLUED_REACH)
    begin = low if low == 0 else start
    for gap in gap_finditer(text, low, start + 2):  # a glued break's lookahead reads on
        if gap.start() <= start:
            begin = min(gap.end(), start)  # a match may begin inside the break (its space)
    after = gap_search(text, end, end + GLUED_REACH)
    if after is not None:
        return begin, after.end("close") if after.group("close") is not None else after.start()
    return begin, len(text) if len(text) - end <= GLUED_REACH else end


def gap_search(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """``SENTENCE_GAP.search(text, pos, endpos)``, the same match: the first place at or after
    ``pos`` where a gap can start is just after a GAP_LEAD character (at ``pos - 1`` or later, since
    a lookbehind reads before ``pos``) whose lookahead finds the gap; the gap is matched there."""
    lead = GAP_LEAD.search(text, max(pos - 1, 0), endpos)
    return None if lead is None else SENTENCE_GAP.match(text, lead.start() + 1, endpos)


def gap_finditer(text: str, pos: int, endpos: int) -> list[re.Match[str]]:
    """``list(SENTENCE_GAP.finditer(text, pos, endpos))`` by ``gap_search``: after a gap that holds
    characters the next is looked for from its end; after an empty one (only a lookbehind and a
    lookahead) from the next character, since no gap holding characters starts where an empty one
    was found (the alternative that holds them comes first and failed there)."""
    found = []
    gap = gap_search(text, pos, endpos)
    while gap is not None:
        found.append(gap)
        gap = gap_search(text, gap.end() if gap.end() > gap.start() else gap.start() + 1, endpos)
    return found


def _sentence_before(text: str, begin: int) -> int:
    """Where the sentence that ends just before ``begin`` (a sentence start) begins."""
    end = len(text[:begin].rstrip())
    return _sentence_around(text, max(0, end - 1), end)[0] if end > 0 else 0


def _cut(rule: Rule, match: re.Match[str], doc: Document, line: Line) -> bool:
    if match.re.groupindex.get("keep") and match.group("keep") is not None:
        # only the text around the group goes ('[' and '](https://...)' around a link's words)
        begin, end = match.span("keep")
        line.cut(end, match.end(), rule.id, close=True)
        line.cut(match.start(), begin, rule.id, close=True)
        _capture_groups(doc, match, skip="keep")  # its other named groups are metadata, as in every rule
        return True
    end = match.end()
    if rule.extend == "headline":
        headline_end = textshape.headline_end(line.content, match.end())
        if headline_end is None:
            return False
        end = headline_end
        headline = line.content[match.end() : end].strip()
        if headline and rule.related:
            doc.related.append(headline)
    line.cut(match.start(), end, rule.id)
    _capture_groups(doc, match)
    return True


def _meta(rule: Rule, match: re.Match[str], doc: Document, index: int) -> bool:
    line = doc.lines[index]
    if rule.field:
        source = _neighbour(doc, index, rule.value)
        if source is None or (source is not line and not textshape.is_name_like(source.content)):
            return False
        if rule.value != "line":
            value: str | None = source.content
        elif rule.field in match.re.groupindex:  # the pattern says where the value is: '(/)' names no editor
            value = match.group(rule.field)
        else:
            value = line.content
        set_field(doc, rule.field, value)
        if source is not line:
            source.consume(rule.field, rule.id)
    _capture_groups(doc, match, skip=rule.field)
    line.consume(rule.field or next(iter(_named(match)), "meta"), rule.id)
    return True


def _neighbour(doc: Document, index: int, which: str) -> Line | None:
    if which == "line":
        return doc.lines[index]
    step = -1 if which == "previous" else 1
    j = index + step
    while 0 <= j < len(doc.lines):
        if doc.lines[j].kept:
            return doc.lines[j]
        j += step
    return None


def _named(match: re.Match[str]) -> dict[str, str]:
    return {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}


def _capture_groups(doc: Document, match: re.Match[str], skip: str | None = None) -> None:
    """Named groups become metadata (``related`` adds a related title); ``skip``: a field already set."""
    for name, value in _named(match).items():
        if name == "related":
            doc.related.append(value)
        elif name != skip:
            set_field(doc, name, value)


def set_field(doc: Document, name: str, value: str | None) -> None:
    """Store a captured metadata value, parsing dates; the first value found for a field wins."""
    if value:
        doc.set_meta(name, dates.parse_date(value) if name == "published" else value)


def _drop_following_headlines(doc: Document, index: int, rule: Rule) -> None:
    """After a lone 'Baca juga:' marker, drop up to ``rule.next`` headline lines that follow it."""
    taken = 0
    for j in range(index + 1, len(doc.lines)):
        line = doc.lines[j]
        if taken >= rule.next or not line.kept:
            if line.fate is Fate.METADATA:
                continue
            break
        text = line.content
        if not textshape.is_headline_like(text) or textshape.is_prose(text) or textshape.is_numbered(text) or _continued(doc.lines, j):
            break  # a numbered line is the article's own list or subheading ('1. Cek Fakta: ...')
        line.remove(rule.id)
        if rule.related and not textshape.is_label(line.content):  # 'Rekomendasi untuk Anda' labels a list: no title
            doc.related.append(line.content)
        taken += 1


def _continued(lines: list[Line], index: int) -> bool:
    """The next line carries on the sentence of ``lines[index]``: it is the start of a sentence split
    at a link ('Usai laga pelatih Timnas Indonesia' / 'Patrick Kluivert' / 'ambil tanggung jawab ...'),
    not a linked headline."""
    following = [line.content for line in lines[index + 1 : index + 3]]
    if not following:
        return False
    return fragments.continues(lines[index].content, following[0], following[1] if len(following) > 1 else "")


def _apply_boundaries(doc: Document, boundaries: list[tuple[int, Rule, bool]]) -> None:
    """Cut the page header before the article's start marker and the footer after its end marker.

    The start is the first start marker with BOUNDARY_MIN_WORDS of prose after it that names the site
    or an agency, or, a generic 'JAKARTA - ' shape, sits in the page's head (HEAD_MAX_PROSE_WORDS:
    'Wrapping Up - Understanding ...' deep in a page starts nothing). The end is the first
    end marker after the start with END_MIN_WORDS of prose between them. An end marker before the
    start ends the article instead only when more prose lies before it than between the start and its
    own end: a 'Berita Terkait' or 'Terpopuler' box above the article (a caption or a few teasers before
    it) does not end an article not yet begun. Menus and headline lists do not count as prose.
    """
    if not boundaries:
        return
    # Prose words per line, counted only as far as a test needs (-1: not counted yet); every count
    # is taken before any line below is removed.
    counts = [-1] * len(doc.lines)
    start = _first_start(doc.lines, boundaries, counts)
    end = _first_end(doc.lines, boundaries, counts, start[0] if start else 0)
    early = _first_end(doc.lines, boundaries, counts, 0)
    if start and early and early[0] < start[0]:
        after_start = _words_between(doc.lines, counts, start[0], end[0] if end else len(counts))
        if _words_between(doc.lines, counts, 0, early[0], after_start) >= after_start:
            start, end = None, early
    if end:
        for line in doc.lines[end[0] + 1 :]:
            line.remove(end[1].id)
    if start:
        for line in doc.lines[: start[0]]:
            line.header = line.kept
            line.remove(start[1].id)
        opening = doc.lines[start[0]]
        if start[2] or textshape.is_prose(opening.content):  # not a menu entry shaped like a dateline ('ZIS - Wakaf ...')
            doc.body_start = opening


def _first_end(lines: list[Line], boundaries: list[tuple[int, Rule, bool]], counts: list[int], begin: int) -> tuple[int, Rule, bool] | None:
    """The first end marker after ``begin`` with END_MIN_WORDS of prose between them."""
    for found in boundaries:
        index, rule = found[0], found[1]
        if rule.boundary == "end" and index >= begin and _words_between(lines, counts, begin, index, END_MIN_WORDS) >= END_MIN_WORDS:
            return found
    return None


def _first_start(lines: list[Line], boundaries: list[tuple[int, Rule, bool]], counts: list[int]) -> tuple[int, Rule, bool] | None:
    """The first start marker with BOUNDARY_MIN_WORDS of prose after it that names the site or an
    agency or else sits in the page's head (a menu entry 'ZIS - Wakaf ...' above the dateline is
    passed over)."""
    for found in boundaries:
        index, rule, strong = found
        if rule.boundary != "start" or _words_between(lines, counts, index, len(lines), BOUNDARY_MIN_WORDS) < BOUNDARY_MIN_WORDS:
            continue
        if strong or _in_head(lines, counts, index):
            return found
    return None


def in_page_head(lines: list[Line], index: int) -> bool:
    """``lines[index]`` sits in the page's head, as a start marker must (for the heuristics: one
    question, no word counts kept)."""
    return _in_head(lines, [-1] * len(lines), index)


def _in_head(lines: list[Line], counts: list[int], index: int) -> bool:
    """A start marker at ``index`` sits in the page's head: few prose words above it, and far more
    below it (HEAD_MAX_PROSE_WORDS, HEAD_MAX_SHARE)."""
    before = _words_between(lines, counts, 0, index, HEAD_MAX_PROSE_WORDS + 1)
    if before > HEAD_MAX_PROSE_WORDS:
        return False
    needed = math.ceil(before / HEAD_MAX_SHARE)
    return _words_between(lines, counts, index, len(lines), needed) >= needed


def _words_between(lines: list[Line], counts: list[int], begin: int, stop: int, enough: int = -1) -> int:
    """The prose words of ``lines[begin:stop]``, or, given ``enough`` >= 0, a number at least
    ``enough`` as soon as that many are found (the lines after are not looked at)."""
    total = 0
    for i in range(begin, stop):
        count = counts[i]
        if count < 0:
            count = counts[i] = _prose_words(lines[i])
        total += count
        if 0 <= enough <= total:
            break
    return total


def _prose_words(line: Line) -> int:
    """Words of a kept line of prose (a stripped dateline's rest counts: it is the article's first line)."""
    return len(textshape.words(line.content)) if line.kept and textshape.is_prose(line.content) else 0
