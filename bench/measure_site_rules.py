"""The site rule files of detik, antaranews, kapanlagi, liputan6, okezone, republika, tempo and viva
measured on their real 2015-2017 pages in ../shared/bench/id-html-2016, with and without them.

    .venv/bin/python bench/measure_site_rules.py

"Without" removes the twelve site ids added with docs/sites.md from the registry (the generic rules,
heuristics and the Kompas/CNBC/Medcom files stay). Each page is cleaned as HTML (the Antara pages carry
no URL: one is passed, as with --url) and as a text dump made as in tests/test_id_html_dumps.py (one
line per block). Counted: a site detected, trafilatura never called, author / published / title
found, a non-empty body without the boilerplate patterns of tests/test_id_html_dumps.py, and the
mean time per page (a warm-up pass first; the machine is shared, so times vary between runs).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent.parent
PAGES = HERE.parent / "shared" / "bench" / "id-html-2016"
NEW_SITES = {
    "detik", "tribunnews", "liputan6", "okezone", "republika", "tempo", "antaranews", "kapanlagi", "viva",
    "cnnindonesia", "suara", "sindonews",
}
ANTARA_URL = "https://www.antaranews.com/berita/523000/example"


def make_cleaner(with_new: bool):
    from cleaner import Cleaner, Options
    from cleaner.registry import load_registry

    registry = load_registry((), False)
    if not with_new:
        for site_id in NEW_SITES:
            registry.sites.pop(site_id, None)
    return Cleaner(Options(use_packs=False), registry=registry)


def clean(cleaner, path: Path, mode: str) -> tuple[dict, bool, float]:
    import trafilatura
    from test_id_html_dumps import to_dump

    calls: list[int] = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    data = path.read_bytes()
    url = ANTARA_URL if path.name.startswith("antara") else None
    start = time.perf_counter()
    with mock.patch("trafilatura.bare_extraction", side_effect=spy):
        record = cleaner.clean_bytes(data, path.name, url) if mode == "html" else cleaner.clean_text(to_dump(data, False), path.name)
    return record, not calls, time.perf_counter() - start


def measure(cleaner, pages: list[Path], mode: str) -> dict[str, float]:
    from test_id_html_dumps import BOILERPLATE

    counts = dict.fromkeys(("site", "no trafilatura", "author", "published", "title", "clean body"), 0)
    seconds = 0.0
    for path in pages:
        record, no_trafilatura, took = clean(cleaner, path, mode)
        seconds += took
        text = record.get("text") or ""
        counts["site"] += bool(record.get("site"))
        counts["no trafilatura"] += no_trafilatura
        for field in ("author", "published", "title"):
            counts[field] += bool(record.get(field))
        counts["clean body"] += bool(text) and not any(p.search(text) for p in BOILERPLATE)
    return {**counts, "ms/page": round(1000 * seconds / len(pages), 1)}


def main() -> None:
    if not PAGES.is_dir():
        sys.exit(f"{PAGES} not found: the real pages live in ../shared/bench/id-html-2016")
    sys.path[:0] = [str(HERE), str(HERE / "tests")]
    pages = [p for p in sorted(PAGES.glob("*-singlepage*.html")) if not p.name.startswith("kompas")]
    print(f"{len(pages)} real article pages\n")
    print("| input | site rules | " + " | ".join(("site", "no trafilatura", "author", "published", "title", "clean body", "ms/page")) + " |")
    print("|---|---|" + "---:|" * 7)
    for mode in ("html", "dump"):
        for with_new in (False, True):
            cleaner = make_cleaner(with_new)
            measure(cleaner, pages, mode)  # warm-up: rule compilation, imports
            row = measure(cleaner, pages, mode)
            print(f"| {mode} | {'with' if with_new else 'without'} | " + " | ".join(str(v) for v in row.values()) + " |")


if __name__ == "__main__":
    main()
