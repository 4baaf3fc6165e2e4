"""Outcome counts on the real Indonesian pages of ../shared/bench/id-html-2016 cleaned as text dumps.

    .venv/bin/python bench/measure_id_dumps.py [--generic-only] [CHECKOUT]

CHECKOUT (default: this repository) is the tree whose ``cleaner`` package is measured, so an older
commit can be compared from a ``git worktree``. The dumps are made and judged exactly as in
tests/test_id_html_dumps.py (one line per block element): title equal to the page's headline, a
publication date with its time, a body of at least 80 words, no boilerplate in the body.
With ``--generic-only`` the site rule files are left out (as for a site without a rule file).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PAGES = HERE.parent / "shared" / "bench" / "id-html-2016"
TITLE_MIN_SHARE = 0.8
MIN_BODY_WORDS = 80


def main(checkout: Path, generic_only: bool) -> None:
    sys.path[:0] = [str(checkout), str(HERE / "tests")]
    from cleaner import Cleaner, Options
    from test_id_html_dumps import BOILERPLATE, page_title, to_dump

    cleaner = Cleaner(Options(use_packs=False))
    if generic_only:
        cleaner.registry.sites = {}
    counts = {"pages": 0, "title is the headline": 0, "published with a time": 0, "body >= 80 words": 0, "no boilerplate": 0}
    for path in sorted(PAGES.glob("*-singlepage*.html")):
        html = path.read_bytes()
        record = cleaner.clean_text(to_dump(html, split_inline=False), source=path.name)
        counts["pages"] += 1
        counts["title is the headline"] += _is_headline(record["title"] or "", page_title(html))
        counts["published with a time"] += bool(record["published"] and "T" in record["published"])
        counts["body >= 80 words"] += len(record["text"].split()) >= MIN_BODY_WORDS
        counts["no boilerplate"] += not any(p.search(record["text"]) for p in BOILERPLATE)
    print(", ".join(f"{name}: {value}" for name, value in counts.items()))


def _is_headline(title: str, page: str) -> bool:
    words = re.findall(r"\w+", title.lower())
    headline = set(re.findall(r"\w+", page.lower()))
    return bool(words) and sum(w in headline for w in words) / len(words) >= TITLE_MIN_SHARE


if __name__ == "__main__":
    if not PAGES.is_dir():
        sys.exit(f"{PAGES} is absent: this benchmark needs ../shared")
    args = [a for a in sys.argv[1:] if a != "--generic-only"]
    main(Path(args[0]).resolve() if args else HERE, "--generic-only" in sys.argv[1:])
