"""Turn HTML elements into Lines: one line per block (paragraph, heading, list item, quote, table row).

Inline markup (links, bold, spans) stays inside its block's text; block tags and ``<br>`` end a line, so
``text<br><br>text`` (older Kompas pages) gives two lines. A block as long as a glued text-dump line
(a page whose text sits in one element) is cut into sentence pieces like a dump line (lines.py), so
the line rules see sentences; kept pieces of one block become one paragraph again in the record. A line's ``kind`` comes from the tag
(``h1``-``h6`` heading, ``li`` list, anything inside ``blockquote`` quote) and ``kind_hint`` is set so
later stages do not second-guess it. Script, style and form elements are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as default

from ..lines import normalise, segment_line
from ..model import Fate, Kind, Line

GLUED_BLOCK_CHARS = 2500  # a block this long holds a whole page's text: cut it like a glued text-dump line

SKIP_TAGS = frozenset(
    "script style noscript template iframe form button select option input textarea svg canvas video audio object embed head".split()
)
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer "
    "header h1 h2 h3 h4 h5 h6 hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
CELL_TAGS = frozenset(("td", "th"))
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Mark:
    """The fate of every line read from one element: removed by a selector, or consumed as metadata."""

    fate: Fate
    rule: str
    field: str | None = None


@dataclass
class _Reader:
    """Collects the text of the current block and the lines finished so far."""

    lines: list[Line] = default(default_factory=list)
    parts: list[str] = default(default_factory=list)
    kind: Kind = Kind.PARAGRAPH
    marks: dict = default(default_factory=dict)
    mark: Mark | None = None
    blocks: int = 0  # blocks read so far: a line's number (the pieces of one long block share it)

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def flush(self) -> None:
        if not self.parts:
            return
        content = normalise(WHITESPACE.sub(" ", "".join(self.parts)))
        self.parts = []
        if not content:
            return
        self.blocks += 1
        if len(content) >= GLUED_BLOCK_CHARS and self.kind is Kind.PARAGRAPH:
            lines = segment_line(self.blocks, content, content)  # a whole page in one block: sentence pieces
        else:
            lines = [Line(number=self.blocks, text=content, content=content, kind=self.kind)]
        for line in lines:
            line.kind_hint = True
            if self.mark is not None:
                line.fate, line.rule, line.field = self.mark.fate, self.mark.rule, self.mark.field
        self.lines.extend(lines)


def tag_of(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.rsplit("}", 1)[-1].lower()


def element_lines(elements: list, marks: dict | None = None) -> list[Line]:
    """The lines of ``elements`` in order (each element read with everything inside it).

    ``marks`` maps elements to a Mark: their lines keep that fate (removed by a selector, metadata),
    so ``--explain`` can show them in place.
    """
    reader = _Reader(marks=marks or {})
    for element in elements:
        _read(element, reader, Kind.PARAGRAPH)
        reader.flush()
    return reader.lines


def _read(element, reader: _Reader, kind: Kind) -> None:
    tag = tag_of(element)
    if tag in SKIP_TAGS or not tag:
        return
    if tag == "br":
        reader.flush()
        return
    mark = reader.marks.get(element) if reader.marks else None
    if mark is not None and reader.mark is None:
        reader.flush()
        reader.mark = mark
        _read_inside(element, reader, tag, kind)
        reader.flush()
        reader.mark = None
        return
    _read_inside(element, reader, tag, kind)


def _read_inside(element, reader: _Reader, tag: str, kind: Kind) -> None:
    block = tag in BLOCK_TAGS
    if block and tag not in CELL_TAGS:
        reader.flush()
        kind = _kind(tag, kind)
        reader.kind = kind
    elif tag in CELL_TAGS:
        reader.add(" ")
    reader.add(element.text)
    for child in element:
        _read(child, reader, kind)
        if block:
            reader.kind = kind
        reader.add(child.tail)
    if block and tag not in CELL_TAGS:
        reader.flush()


def _kind(tag: str, inherited: Kind) -> Kind:
    if inherited is Kind.QUOTE or tag == "blockquote":
        return Kind.QUOTE
    if tag in HEADINGS:
        return Kind.HEADING
    if tag in ("li", "dd", "dt"):
        return Kind.LIST
    return inherited if inherited is Kind.LIST else Kind.PARAGRAPH


def text_of(element) -> str:
    """The text of one element on one line (for metadata fields); XPath string results pass through."""
    if isinstance(element, str):
        return normalise(element)
    return " ".join(line.content for line in element_lines([element]))


def outermost(elements: list) -> list:
    """``elements`` without duplicates and without those inside another of them, in order."""
    found = list(dict.fromkeys(elements))
    inside = set(found)
    return [e for e in found if not any(a in inside for a in e.iterancestors())]


def lines_inside(lines: list[Line], elements: list, min_inside: int) -> list[Line]:
    """The kept ``lines`` that lie in ``elements``: a block of theirs, or a text of ``min_inside``
    characters or more inside their text (an extractor can join or split blocks otherwise than the
    markup); a short value ('5', 'Yes') counts only as a whole block."""
    blocks = {line.content for line in element_lines(elements)}
    joined = "\n".join(blocks)
    return [line for line in lines if line.kept and (line.content in blocks or (len(line.content) >= min_inside and line.content in joined))]
