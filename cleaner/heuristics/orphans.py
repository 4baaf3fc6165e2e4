"""A fragment joined to a sentence whose start was later removed would be glued to the wrong
paragraph: it goes with the start of its sentence. When the start was taken as metadata (a title or a
date line that the fragments heuristic chained to the body), the rest stays as body text of its own.
Runs last."""

from __future__ import annotations

from functools import lru_cache

from ..model import Document, Fate, Line
from . import fragments

RULE_ID = "heuristic/orphan-fragment"
DESCRIPTION = "the rest of a split sentence whose start was removed"


def apply(doc: Document) -> None:
    later = _rules_after_fragments()
    previous: Line | None = None
    for line in doc.lines:
        if line.join and line.kept and previous is not None and not previous.kept:
            if previous.fate is Fate.METADATA:
                line.join = False  # its start became the title or the date: the rest is body text
            else:
                line.remove(RULE_ID)
        if line.fate is Fate.KEPT or line.rule in later:
            previous = line  # was kept when the fragments heuristic chained the lines


@lru_cache(maxsize=1)
def _rules_after_fragments() -> frozenset[str]:
    from . import HEURISTICS  # the registry imports this module

    if fragments not in HEURISTICS:
        return frozenset()
    later = HEURISTICS[HEURISTICS.index(fragments) + 1 :]
    return frozenset(rule for module in later for rule in getattr(module, "DESCRIPTIONS", {module.RULE_ID: ""}))
