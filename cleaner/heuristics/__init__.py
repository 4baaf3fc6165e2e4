"""Generic heuristics: code-level rules that look at a line's neighbours, run after the rule files.

Each heuristic is a module with ``RULE_ID``, ``DESCRIPTION`` and ``apply(doc)``; ``HEURISTICS`` lists
them in the order they run. Their ids appear in ``removed`` like rule-file ids.
"""

from __future__ import annotations

from ..model import Document
from . import fragments, headline_lists, page_head, prose_core, repeats, stray_dates, tail

HEURISTICS = (repeats, page_head, stray_dates, headline_lists, prose_core, tail, fragments)


def descriptions() -> dict[str, str]:
    found = {}
    for module in HEURISTICS:
        found.update(getattr(module, "DESCRIPTIONS", {module.RULE_ID: module.DESCRIPTION}))
    return found


def apply_heuristics(doc: Document) -> None:
    for module in HEURISTICS:
        module.apply(doc)
