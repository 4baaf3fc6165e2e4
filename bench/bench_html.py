"""Body quality and speed of cleaner on HTML pages against trafilatura, readability-lxml, jusText, resiliparse.

    .venv/bin/python bench/bench_html.py [--sets aeb,fundus] [--out bench/results/html.md]

Data (read from ../shared, never copied): ``bench/aeb`` (181 pages, ``ground-truth.json``
articleBody) and ``bench/fundus`` (80 pages, ``ground_truth.json`` body paragraphs joined by blank
lines). Metric for both: shingle F1 (common.py: ``\\w+`` tokens, 4-token shingles, precision and recall
per page averaged over pages, F1 of the averages), as ``../shared/README.md`` defines it for AEB. The
Fundus paper reports ROUGE-LSum instead, so its published numbers are not comparable with ours.

Every tool runs in this one process on the same pages, each page given as bytes with the page's URL
from the ground truth (what a crawl record carries). The tools take turns page by page (so a change
in machine load hits all of them alike); docs/s is pages per CPU-second spent in the tool's calls
(``time.process_time``: on a shared machine wall-clock rates varied 2x between runs, CPU time far
less), after an untimed warm-up pass over the same pages. cleaner runs its whole pipeline (decode,
parse, site detection, extraction, line rules, heuristics, metadata, record).

A third part times pages of a site with a rule file (the real 2015-2016 Kompas pages in
``bench/id-html-2016``): cleaner reads them with the site's ``[html]`` selectors and never calls
trafilatura; the table gives ms per page for cleaner and for trafilatura on the same pages.

A second cleaner row uses the FiveFilters site configs of ``../shared/ftr-site-config`` for the pages
whose host has one (58 AEB pages, 55 fundus pages); their warnings are silenced.

Optional tools are skipped with a note when not installed (``pip install -e .[bench]``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Callable
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import averaged_score, machine_note, markdown_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
FTR = ROOT.parent / "shared" / "ftr-site-config"
KOMPAS_PAGES = sorted((SHARED / "id-html-2016").glob("kompas-singlepage*.html"))
SITE_PAGE_REPEATS = 20
REFERENCE_TOOL = "trafilatura (favor_precision, include_comments=False)"

Page = tuple[str, bytes, str, str]  # (id, html bytes, url, reference body)


def load_aeb() -> list[Page]:
    truth = json.loads((SHARED / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (key, gzip.decompress((SHARED / "aeb" / "html" / f"{key}.html.gz").read_bytes()), item.get("url", ""), item["articleBody"])
        for key, item in sorted(truth.items())
    ]


def load_fundus() -> list[Page]:
    truth = json.loads((SHARED / "fundus" / "ground_truth.json").read_text(encoding="utf-8"))
    return [
        (key, gzip.decompress((SHARED / "fundus" / "html" / key).read_bytes()), item.get("url", ""), "\n\n".join(item["body"]))
        for key, item in sorted(truth.items())
    ]


def decode(data: bytes) -> str:
    from cleaner.html.detect import decode_html

    return decode_html(data).text


def make_tools() -> tuple[dict[str, Callable[[bytes, str], str]], list[str]]:
    """name -> extract(html_bytes, url) returning body text; plus notes on skipped tools."""
    import justext
    import trafilatura

    from cleaner.pipeline import Cleaner, Options
    from cleaner.record import build_record

    cleaner = Cleaner()
    tools: dict[str, Callable[[bytes, str], str]] = {
        "cleaner": lambda data, url: build_record(cleaner.process_html(data, "page.html", url))["text"],
        "trafilatura (default)": lambda data, url: trafilatura.extract(data, url=url) or "",
        "trafilatura (favor_precision, include_comments=False)": lambda data, url: trafilatura.extract(
            data, url=url, favor_precision=True, include_comments=False
        ) or "",
        "trafilatura (fast, favor_precision, include_comments=False)": lambda data, url: trafilatura.extract(
            data, url=url, favor_precision=True, include_comments=False, fast=True
        ) or "",
        "jusText (English stoplist)": lambda data, url: "\n\n".join(
            p.text for p in justext.justext(data, justext.get_stoplist("English")) if not p.is_boilerplate
        ),
    }
    notes = []
    if FTR.is_dir():
        with_configs = Cleaner(Options(site_config_dirs=(str(FTR),)))
        with_configs.page_context.site_configs.__self__.report = lambda message: None  # warnings are not the point here
        tools["cleaner --site-config ../shared/ftr-site-config"] = lambda data, url: build_record(with_configs.process_html(data, "page.html", url))["text"]
    try:
        import lxml.html
        from readability import Document

        tools["readability-lxml"] = lambda data, url: lxml.html.fromstring(Document(decode(data)).summary()).text_content()
    except ImportError:
        notes.append("readability-lxml not installed: skipped")
    try:
        from resiliparse.extract.html2text import extract_plain_text

        tools["resiliparse (main_content)"] = lambda data, url: extract_plain_text(decode(data), main_content=True)
    except ImportError:
        notes.append("resiliparse not installed: skipped")
    return tools, notes


def run_tools(tools: dict[str, Callable[[bytes, str], str]], pages: list[Page]) -> dict[str, tuple[float, float, float, float]]:
    """tool -> (precision, recall, F1, docs/s) on one page set.

    Pages are the outer loop and tools the inner one, so a change in the machine's load (other jobs
    on a shared machine) slows every tool alike and the speed ratios stay fair. An untimed pass over
    all pages comes first: one-time set-up done lazily on the first page that needs it (dateparser's
    locale data behind htmldate, jusText's stoplists inside trafilatura, 0.1-0.4 s each) would
    otherwise be charged to whichever tool meets that page first. docs/s is steady-state throughput.
    """
    for _, data, url, _ in pages:  # warm-up pass, untimed
        for extract in tools.values():
            extract(data, url)
    outputs: dict[str, list[str]] = {name: [] for name in tools}
    seconds = dict.fromkeys(tools, 0.0)
    for _, data, url, _ in pages:
        for name, extract in tools.items():
            start = time.process_time()
            outputs[name].append(extract(data, url))
            seconds[name] += time.process_time() - start
    results = {}
    for name in tools:
        score = averaged_score(zip(outputs[name], (page[3] for page in pages)))
        results[name] = (score.precision, score.recall, score.f1, len(pages) / seconds[name])
    return results


def site_rule_timing() -> list[list[str]]:
    """CPU ms per page on real Kompas pages: cleaner with selectors (trafilatura patched to fail if called)."""
    import trafilatura

    from cleaner.pipeline import Cleaner

    cleaner = Cleaner()
    pages = [p.read_bytes() for p in KOMPAS_PAGES]

    def per_page(fn: Callable[[bytes], object]) -> float:
        fn(pages[0])
        start = time.process_time()
        for _ in range(SITE_PAGE_REPEATS):
            for data in pages:
                fn(data)
        return 1000 * (time.process_time() - start) / (SITE_PAGE_REPEATS * len(pages))

    forbid = mock.patch("trafilatura.bare_extraction", side_effect=AssertionError("trafilatura called"))
    with forbid:
        ours = per_page(lambda data: cleaner.process_html(data, "kompas.html"))
    default = per_page(lambda data: trafilatura.extract(data))
    precise = per_page(lambda data: trafilatura.extract(data, favor_precision=True, include_comments=False))
    return [
        ["cleaner (kompas [html] selectors, trafilatura never called)", f"{ours:.1f}", "1.0x"],
        ["trafilatura (default)", f"{default:.1f}", f"{default / ours:.1f}x"],
        ["trafilatura (favor_precision, include_comments=False)", f"{precise:.1f}", f"{precise / ours:.1f}x"],
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="aeb,fundus")
    parser.add_argument("--tools", default="", help="comma-separated name prefixes to run (default: all)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "html.md"))
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"bench_html: {SHARED} not found; the benchmark needs ../shared/bench", file=sys.stderr)
        return 2
    tools, notes = make_tools()
    if args.tools:
        wanted = args.tools.split(",")
        tools = {k: v for k, v in tools.items() if any(k.startswith(w) for w in wanted)}
    loaders = {"aeb": load_aeb, "fundus": load_fundus}
    sections = [f"# HTML benchmark\n\n`.venv/bin/python bench/bench_html.py` — {json.dumps(machine_note())}\n"]
    for name in args.sets.split(","):
        pages = loaders[name]()
        rows = []
        results = run_tools(tools, pages)
        base = results.get(REFERENCE_TOOL, (0, 0, 0, 0))[3]
        for tool, (p, r, f, speed) in results.items():
            ratio = f"{speed / base:.2f}x" if base else ""
            rows.append([tool, f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", f"{speed:.1f}", ratio])
            print(f"{name:7} {tool:60} P {p:.4f} R {r:.4f} F1 {f:.4f} {speed:6.1f} docs/s {ratio}", file=sys.stderr)
        table = markdown_table(["tool", "precision", "recall", "F1", "docs/CPU-s", "speed vs trafilatura fp"], rows, "lrrrrr")
        sections.append(f"## {name} ({len(pages)} pages)\n\n{table}")
    if KOMPAS_PAGES:
        table = markdown_table(["tool", "CPU ms/page", "time vs cleaner"], site_rule_timing(), "lrr")
        sections.append(f"## Pages of a site with a rule file ({len(KOMPAS_PAGES)} real Kompas pages, 2015-2016)\n\n{table}")
    sections += [f"Note: {n}\n" for n in notes]
    Path(args.out).write_text("\n".join(sections), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
