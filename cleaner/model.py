"""The data that flows through the pipeline: a Document made of Lines, each with an explicit fate.

Every stage reads and updates these objects; nothing else is shared between stages. A line's fate says
what happened to it and which rule decided, which makes ``--explain`` and the "every line accounted
for" invariant a matter of reading the lines back.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field as default
from typing import Any, Final


class Fate(enum.Enum):
    """What became of an input line."""

    KEPT = "kept"  # part of the article body
    METADATA = "metadata"  # consumed as a metadata field (title, author, date, ...)
    REMOVED = "removed"  # boilerplate, removed by a rule


class Kind(enum.Enum):
    """What a kept line is in the article body."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE = "quote"
    LIST = "list"


# Every line without cuts shares this empty list (most lines have none: one allocation less per
# line); Line.cut() gives a line its own list. Never append to ``line.cuts`` directly.
_NO_CUTS: Final[list] = []
# Read for every line in every stage. Final: the compiled build keeps them in C variables instead of
# looking them up in the module's namespace on each use.
_KEPT: Final = Fate.KEPT
_REMOVED: Final = Fate.REMOVED
_METADATA: Final = Fate.METADATA


@dataclass(init=False)  # __init__ written out: compiled (make compile), the generated one is not
class Cut:
    """Part of a line removed by a rule while the rest of the line stays (a glued "Baca juga", a prefix)."""

    text: str
    rule: str

    def __init__(self, text: str, rule: str) -> None:
        self.text = text
        self.rule = rule


@dataclass(slots=True, init=False, eq=False)  # __init__ written out: compiled (make compile), the generated one is not; a line equals only itself
class Line:
    """One input line (text dumps) or one block (HTML) and its fate.

    ``number`` is 1-based in the input. ``text`` is the line as read; ``content`` is what remains for
    the body after cuts. ``join`` marks a line that continues the previous kept line's sentence (an
    inline link or bold word that the scraper split onto its own line). ``segment`` is set when one
    physical line was split into several pieces (a whole page glued into one line). ``span`` counts the
    physical lines after ``number`` that the line also stands for: a paragraph of hard-wrapped text
    joined again (unwrap.py).
    """

    number: int
    text: str
    content: str = ""
    kind: Kind = Kind.PARAGRAPH
    fate: Fate = Fate.KEPT
    rule: str | None = None
    field: str | None = None
    cuts: list[Cut] = default(default_factory=list)
    join: bool = False
    segment: int = 0
    span: int = 0
    kind_hint: bool = False  # True when ``kind`` came from the source (HTML tags), not guessed
    header: bool = False  # removed as page header by a start marker; may still yield the title
    structured: bool = False  # part of a data list or quoted block inside the article (heuristics/data_lists.py): later heuristics leave it

    def __init__(
        self,
        number: int,
        text: str,
        content: str = "",
        kind: Kind = Kind.PARAGRAPH,
        fate: Fate = Fate.KEPT,
        rule: str | None = None,
        field: str | None = None,
        cuts: list[Cut] | None = None,
        join: bool = False,
        segment: int = 0,
        kind_hint: bool = False,
        header: bool = False,
        structured: bool = False,
    ) -> None:
        self.number = number
        self.text = text
        self.content = content or text.strip()
        self.kind = kind
        self.fate = fate
        self.rule = rule
        self.field = field
        self.cuts = _NO_CUTS if cuts is None else cuts  # a list of its own on the first cut
        self.join = join
        self.segment = segment
        self.span = 0
        self.kind_hint = kind_hint
        self.header = header
        self.structured = structured

    @property
    def kept(self) -> bool:
        return self.fate is _KEPT

    def remove(self, rule: str) -> None:
        """Mark the line as boilerplate removed by ``rule`` (first decision wins)."""
        if self.fate is _KEPT:
            self.fate, self.rule = _REMOVED, rule

    def consume(self, field_name: str, rule: str) -> None:
        """Mark the line as metadata ``field_name`` captured by ``rule`` (first decision wins)."""
        if self.fate is _KEPT:
            self.take(field_name, rule)

    def take(self, field_name: str, rule: str) -> None:
        """Mark the line as metadata whatever decided it before (a header line cut by a start marker
        that turns out to be the headline, the pieces of a split dateline)."""
        self.fate, self.rule, self.field = _METADATA, rule, field_name

    def cut(self, start: int, end: int, rule: str, close: bool = False) -> None:
        """Remove ``content[start:end]`` and record it; removes the line when nothing is left. The two
        sides are joined by one space, or, with ``close``, as they are (markup around words that stay:
        the '](https://...)' of 'kata [BI](https://...).')."""
        removed = self.content[start:end]
        if not removed.strip():
            return
        if self.cuts is _NO_CUTS:
            self.cuts = []
        self.cuts.append(Cut(removed.strip(), rule))
        if close:
            self.content = (self.content[:start] + self.content[end:]).strip()
        else:
            self.content = (self.content[:start].rstrip() + " " + self.content[end:].lstrip()).strip()
        if not self.content:
            self.fate, self.rule = _REMOVED, rule


@dataclass
class Document:
    """One page on its way through the pipeline."""

    source: str
    lines: list[Line]
    url: str | None = None
    site: Any = None  # the matching rules.SiteRules, or None
    meta: dict[str, Any] = default(default_factory=dict)
    related: list[str] = default(default_factory=list)
    encoding: str | None = None
    is_html: bool = False
    notes: list[str] = default(default_factory=list)
    # The language the line rules are chosen for (rule files' ``languages``): the stopword test on
    # the lines, else what the page declares (``declared_language``: <html lang>, content-language)
    language: str | None = None
    declared_language: str | None = None
    # The line a start marker (a dateline, a site prefix) showed to open the article: the heuristics
    # and the metadata stage never take it or a line after it for page head.
    body_start: Line | None = None
    # Datelines ('JAKARTA, KOMPAS.com - ') stay in the body, their parts metadata, unless the user
    # asked to strip them (--strip-datelines).
    strip_datelines: bool = False

    def kept(self) -> list[Line]:
        return [line for line in self.lines if line.fate is _KEPT]

    def set_meta(self, name: str, value: Any) -> bool:
        """Set a metadata field unless it is already known; returns True when it was set."""
        if value in (None, "", []) or self.meta.get(name):
            return False
        self.meta[name] = value
        return True


RECORD_FIELDS = (
    "source",
    "url",
    "site",
    "title",
    "description",
    "author",
    "editor",
    "published",
    "location",
    "wire",
    "language",
    "page_type",
    "text",
    "paragraphs",
    "related",
)


class Declined(Exception):
    """A document the user asked to leave out (``--only-articles`` and a page that is not an
    article): counted as skipped in the batch summary, neither a record nor an error."""
