"""A fragment joined to a sentence whose start was later removed (or taken as metadata) would be glued
to the wrong paragraph: it goes with the start of its sentence. Runs last."""

from __future__ import annotations

from ..model import Document, Fate, Line
from . import repeats

RULE_ID = "heuristic/orphan-fragment"
DESCRIPTION = "the rest of a split sentence whose start was removed"


def apply(doc: Document) -> None:
    previous: Line | None = None
    for line in doc.lines:
        if line.join and line.kept and previous is not None and not previous.kept:
            line.remove(RULE_ID)
        if _was_in_chains(line):
            previous = line


def _was_in_chains(line: Line) -> bool:
    """Kept when the fragments heuristic ran: kept now, or decided later by another heuristic."""
    if line.fate is Fate.KEPT:
        return True
    return bool(line.rule) and line.rule.startswith("heuristic/") and line.rule != repeats.RULE_ID
