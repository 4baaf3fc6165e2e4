"""jusText's paragraph maker as trafilatura runs it, with the same paragraphs for less CPU.

trafilatura's cascade runs jusText (``trafilatura.external.try_justext``) in its comparison where
its own text is short or holds elements of readability's vocabulary, and beside the recall re-run
of its escalation: on the WCXB dev split on a fifth of the pages, 20-30 ms each. Most of that is
jusText's bookkeeping, not its classification:

- ``ParagraphMaker`` makes a ``Paragraph`` at every start and end of a block tag (about 1,700 per
  page), and each one joins the whole element path twice at once (its ``dom_path`` and ``xpath``),
  though only the few with text are kept. ``Paragraph`` here keeps the path's entries (the tag and
  its position: fixed once the element is entered) and joins them when asked, the same strings.
- ``Paragraph.text`` joins and normalises the paragraph's text nodes each time it is read (six times
  and more per paragraph while it is classified); here once, until a text node is added.
- ``lxml.sax.saxify`` builds each element's attributes and qualified names for the SAX handler, which
  ParagraphMaker ignores; ``ParagraphMaker.make_paragraphs`` here walks the tree itself and calls the
  handler's methods with the same element names and text, in the same order (comments and
  processing instructions give their tails only, as in saxify; an entity node fails as it fails
  there).

``install`` gives trafilatura's ``try_justext`` this paragraph maker (``trafilatura.external``'s
name only: jusText's own ``justext()`` is unchanged), only where jusText's functions are the ones
read for this (their sources' digests, jusText 3.0.2). tests/test_html_fast_justext.py compares
the paragraphs (text, paths, counts, classes) with jusText's own on pages of every kind.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

from lxml.etree import Comment, ProcessingInstruction

try:
    import justext.core as _justext_core
    from justext.core import ParagraphMaker
    from justext.paragraph import Paragraph
    from justext.utils import normalize_whitespace
except ImportError:  # pragma: no cover - jusText is a dependency
    _justext_core = None  # type: ignore[assignment]
    ParagraphMaker = Paragraph = object  # type: ignore[assignment,misc]

# sha256 of inspect.getsource of what this module copies or relies on, jusText 3.0.2
READ = {
    "Paragraph": "638810ac2d88e31c",
    "ParagraphMaker": "b41fe77fbc5b6a64",
    "PathInfo": "a0654d40b436e45d",
}


class FastParagraph(Paragraph):  # type: ignore[misc,valid-type]
    """jusText's Paragraph: its path joined when read, its text normalised once."""

    def __init__(self, path: Any) -> None:  # noqa: D107 - Paragraph.__init__'s fields, the path kept
        self._path = tuple(path._elements)  # (tag, position, children) of each element entered
        self._dom: str | None = None
        self._xpath: str | None = None
        self._text: str | None = None
        self.text_nodes: list[str] = []
        self.chars_count_in_links = 0
        self.tags_count = 0
        self.class_type = ""

    @property
    def dom_path(self) -> str:
        if self._dom is None:
            self._dom = ".".join(entry[0] for entry in self._path)
        return self._dom

    @dom_path.setter
    def dom_path(self, value: str) -> None:
        self._dom = value

    @property
    def xpath(self) -> str:
        if self._xpath is None:
            self._xpath = "/" + "/".join("%s[%d]" % entry[:2] for entry in self._path)
        return self._xpath

    @xpath.setter
    def xpath(self, value: str) -> None:
        self._xpath = value

    @property
    def text(self) -> str:
        text = self._text
        if text is None:
            text = self._text = normalize_whitespace("".join(self.text_nodes).strip())
        return text

    def append_text(self, text: str) -> str:
        self._text = None
        return super().append_text(text)


def _name(tag: str) -> tuple[str | None, str]:
    """lxml.sax's (namespace, local name) of a tag."""
    if tag[0] == "{" and "}" in tag:
        return tuple(tag[1:].split("}", 1))  # type: ignore[return-value]
    return None, tag


class FastParagraphMaker(ParagraphMaker):  # type: ignore[misc,valid-type]
    """jusText's ParagraphMaker with FastParagraph and its own walk of the tree (module docstring)."""

    @classmethod
    def make_paragraphs(cls, root: Any) -> list:
        handler = cls()
        try:
            element = root.getroot()
        except AttributeError:
            element = root
        start, end, characters = handler.startElementNS, handler.endElementNS, handler.characters

        def walk(node: Any) -> None:
            tag = node.tag
            if tag is Comment or tag is ProcessingInstruction:
                tail = node.tail
                if tail:
                    characters(tail)
                return
            name = _name(tag)
            start(name, None, None)
            text = node.text
            if text:
                characters(text)
            for child in node:
                walk(child)
            end(name, None)
            tail = node.tail
            if tail:
                characters(tail)

        before = []
        sibling = element.getprevious() if hasattr(element, "getprevious") else None
        while getattr(sibling, "tag", None) is ProcessingInstruction:
            before.append(sibling)
            sibling = sibling.getprevious()
        for sibling in reversed(before):
            walk(sibling)
        walk(element)
        sibling = element.getnext() if hasattr(element, "getnext") else None
        while getattr(sibling, "tag", None) is ProcessingInstruction:
            walk(sibling)
            sibling = sibling.getnext()
        handler.endDocument()
        return handler.paragraphs

    def _start_new_pragraph(self) -> None:  # jusText's, with FastParagraph
        if self.paragraph and self.paragraph.contains_text():
            self.paragraphs.append(self.paragraph)
        self.paragraph = FastParagraph(self.path)


def _digest(thing: Any) -> str:
    return hashlib.sha256(inspect.getsource(thing).encode()).hexdigest()[:16]


def _installable() -> bool:
    if _justext_core is None:
        return False
    try:
        return all(_digest(getattr(_justext_core, name)) == digest for name, digest in READ.items())
    except (AttributeError, OSError, TypeError):
        return False


def install() -> bool:
    """trafilatura's jusText runs with FastParagraphMaker; False where jusText is another version."""
    if not _installable():
        return False
    import trafilatura.external

    if getattr(trafilatura.external, "ParagraphMaker", None) is ParagraphMaker:
        trafilatura.external.ParagraphMaker = FastParagraphMaker
    return trafilatura.external.ParagraphMaker is FastParagraphMaker
