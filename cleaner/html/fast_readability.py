"""trafilatura's readability fork with the same result for less CPU: its first step,
``Document.remove_unlikely_candidates``.

trafilatura compares its own text with readability's on the pages where the answer is not known
beforehand (compare_bound.py), four in ten of the WCXB dev pages. readability first drops every
element whose class and id (joined by a space) match its "unlikely" expression and not its "maybe"
one; that step took about half of readability's time, most of it spent on the elements that have
neither attribute (a tuple, a filter and a join for each of a thousand elements, to find the empty
string) and on the two expressions, searched again for each value on each page.

``remove_unlikely_candidates`` here walks the same list of elements (``findall('.//*')``, taken
before any drop, as readability takes it), skips an element without class and id at once, builds
the same joined string for the others, and remembers the verdict of each string across pages
(``VERDICTS_LIMIT`` of them; the memo is for the expressions it was made with). The same elements
are dropped, in the same order. Installed only where trafilatura's method is the one read for this
(its source's digest, trafilatura 2.3.1); tests/test_html_fast_readability.py compares the trees and
readability's summary with the method's own.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

try:
    import trafilatura.readability_lxml as _readability
except ImportError:  # pragma: no cover - trafilatura is a dependency
    _readability = None  # type: ignore[assignment]

# sha256 of inspect.getsource of what this module replaces or relies on, trafilatura 2.3.1
READ = {"remove_unlikely_candidates": "6ef38c8475242af9"}
VERDICTS_LIMIT = 50_000

_verdicts: dict[str, bool] = {}
_made_with: list[Any] = [None, None]  # the two expressions the verdicts were made with


def remove_unlikely_candidates(self: Any) -> None:
    """trafilatura 2.3.1's ``Document.remove_unlikely_candidates``, the same drops (module docstring)."""
    unlikely, maybe = _readability.REGEXES["unlikelyCandidatesRe"], _readability.REGEXES["okMaybeItsACandidateRe"]
    if _made_with[0] is not unlikely or _made_with[1] is not maybe:
        _verdicts.clear()
        _made_with[:] = [unlikely, maybe]
    verdicts, frame_tags = _verdicts, _readability.FRAME_TAGS
    for elem in self.doc.findall(".//*"):
        get = elem.get
        class_, id_ = get("class"), get("id")
        # " ".join(filter(None, (class, id)))
        if class_:
            attrs = f"{class_} {id_}" if id_ else class_
        elif id_:
            attrs = id_
        else:
            continue
        if len(attrs) < 2 or elem.tag in frame_tags:
            continue
        verdict = verdicts.get(attrs)
        if verdict is None:
            if len(verdicts) >= VERDICTS_LIMIT:
                verdicts.clear()
            low = attrs.lower()
            verdict = verdicts[attrs] = bool(unlikely.search(low)) and not maybe.search(low)
        if verdict:
            elem.drop_tree()


def _digest(function: Any) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def _installable() -> bool:
    if _readability is None:
        return False
    try:
        return all(_digest(getattr(_readability.Document, name)) == digest for name, digest in READ.items())
    except (AttributeError, OSError, TypeError):
        return False


original = getattr(_readability.Document, "remove_unlikely_candidates", None) if _readability is not None else None


def install() -> bool:
    """trafilatura's readability Document gets this method, where its own is the one read for it."""
    if not _installable():
        return False
    _readability.Document.remove_unlikely_candidates = remove_unlikely_candidates
    return True
