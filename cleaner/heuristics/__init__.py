"""Generic heuristics: code-level rules that look at a line's neighbours, run after the rule files.

Each heuristic is a module with ``RULE_ID``, ``DESCRIPTION`` and ``apply(doc)``; ``HEURISTICS`` lists
them in the order they run. Their ids appear in ``removed`` like rule-file ids.
"""

from __future__ import annotations

from typing import Final

from ..model import Document
from . import (
    data_lists,
    fragments,
    headline_lists,
    orphans,
    page_head,
    prose_core,
    repeats,
    social_embeds,
    split_dateline,
    stray_dates,
    tail,
)

HEURISTICS: Final = (social_embeds, repeats, split_dateline, fragments, page_head, data_lists, stray_dates, headline_lists, prose_core, tail, orphans)


def descriptions() -> dict[str, str]:
    found: dict[str, str] = {}
    for module in HEURISTICS:
        found.update(getattr(module, "DESCRIPTIONS", {module.RULE_ID: module.DESCRIPTION}))
    return found


# Heuristics that find the article inside a whole page. On HTML the extractor (site selectors,
# trafilatura) has already found it, and there they cut tables and closing paragraphs of real articles
# (bench/bench_html.py, AEB recall 0.939 -> 0.967), so they run on text dumps only. The text of an
# embedded post is kept on HTML too: the extractor keeps it as a quote and both HTML benchmarks count
# it as article text (AEB: 335 words of reference text lost, 53 boilerplate words removed).
TEXT_ONLY: Final = (headline_lists, prose_core, social_embeds, data_lists)  # data_lists: HTML marks its own lists and tables


def apply_heuristics(doc: Document) -> None:
    for module in HEURISTICS:
        if doc.is_html and module in TEXT_ONLY:
            continue
        module.apply(doc)
