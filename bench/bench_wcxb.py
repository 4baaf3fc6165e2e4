"""WCXB development split: body F1 per page type, CPU ms per page, declined pages and metadata
accuracy for cleaner and its peers, and cleaner's worst pages with the stage that lost them.

    .venv/bin/python bench/bench_wcxb.py                       # every tool, all 1,497 pages (~10 min)
    .venv/bin/python bench/bench_wcxb.py --tools cleaner --types forum,listing --sample 60
    .venv/bin/python bench/bench_wcxb.py --tools cleaner,trafilatura --limit 200 -j 2

Data (read from ``../shared/bench/wcxb-dev``, never copied): ``html/<id>.html.gz`` and
``ground-truth/<id>.json``. Metric, the benchmark's own (its README): lower-case, ``\\w+`` tokens,
token multisets; per page precision = overlap / output tokens, recall = overlap / reference tokens,
F1; the mean over pages of each (macro average). A page whose reference is empty scores 1.0 only
for an empty output.

Each tool runs in a process of its own (this script with ``--worker TOOL``) over the same pages,
each page given as bytes with the ground truth's URL (what a crawl record carries); CPU time is
``time.process_time`` around each call, after an untimed warm-up on the first pages (lazy one-time
set-up such as dateparser's locale data). Tools: cleaner (its whole pipeline, decode to record),
trafilatura ``extract`` with its defaults, without comments (the issue's "default" row), with
``favor_precision`` and with ``favor_recall``,
resiliparse's ``extract_plain_text(main_content=True)`` (the ``bench`` extra), and rs-trafilatura
when it is installed (no wheel for every Python; skipped with a note otherwise). trafilatura's
metadata (title, author, date) comes from a separate, untimed ``extract_metadata`` call: its timed
``extract`` computes none, while cleaner's time includes its metadata.

Halves: the pages are numbered in id order and every 5th (index 4, 9, ...) is the "holdout" half;
the table gives F1 on both, so a change tuned on the other 4/5 can be checked on pages it was not
looked at for. ``--half tune|holdout`` runs one of them.

Worst pages: for cleaner, the pages of lowest F1 with where the tokens went, from the Document's
lines (the same data as ``cleaner explain``): reference tokens the extractor never produced,
reference tokens removed by a rule (its id), output tokens outside the reference (kept page
furniture), or the page declined.

Writes ``bench/results/wcxb.md``; the per-page outputs go to ``--pages-dir`` (default a temporary
directory; they hold the pages' text, so they stay out of the repository). Without ``../shared``
the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field as default
from pathlib import Path
from typing import Any, Callable, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine_note, markdown_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WCXB = ROOT.parent / "shared" / "bench" / "wcxb-dev"
TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")
HOLDOUT_EVERY = 5
WARM_UP_PAGES = 3
WORST_PAGES = 25
TOKEN = re.compile(r"\w+")
TOOLS = (
    "cleaner",
    "trafilatura (default)",
    "trafilatura (include_comments=False)",
    "trafilatura (favor_precision)",
    "trafilatura (favor_recall)",
    "resiliparse (main_content)",
    "rs-trafilatura",
)


@dataclass
class Page:
    id: str
    index: int  # position in id order over the whole split (decides the half)
    page_type: str
    url: str
    reference: str
    title: str
    author: str
    date: str

    @property
    def half(self) -> str:
        return "holdout" if self.index % HOLDOUT_EVERY == HOLDOUT_EVERY - 1 else "tune"

    def html(self) -> bytes:
        return gzip.decompress((WCXB / "html" / f"{self.id}.html.gz").read_bytes())


@dataclass
class Output:
    """One tool's answer for one page."""

    id: str
    text: str = ""
    cpu_ms: float = 0.0
    declined: str = ""  # the error message when the tool refused the page
    page_type: str = ""
    title: str = ""
    author: str = ""
    date: str = ""
    causes: list = default(default_factory=list)  # cleaner: [(cause, tokens)] largest first
    extractor: str = ""


def load_pages() -> list[Page]:
    pages = []
    for index, path in enumerate(sorted((WCXB / "ground-truth").glob("*.json"))):
        data = json.loads(path.read_text(encoding="utf-8"))
        truth = data["ground_truth"]
        pages.append(
            Page(
                id=path.stem,
                index=index,
                page_type=data["_internal"]["page_type"]["primary"],
                url=data.get("url") or "",
                reference=truth.get("main_content") or "",
                title=truth.get("title") or "",
                author=truth.get("author") or "",
                date=truth.get("publish_date") or "",
            )
        )
    return pages


def select_pages(pages: list[Page], types: str = "", half: str = "", sample: int = 0, limit: int = 0, seed: int = 13) -> list[Page]:
    """The pages of ``types`` (comma-separated), of one half, a seeded random ``sample`` of them,
    then the first ``limit``; the order stays the id order."""
    if types:
        wanted = set(types.split(","))
        unknown = wanted - set(TYPES)
        if unknown:
            raise SystemExit(f"bench_wcxb: unknown page type(s) {sorted(unknown)}; the types are {', '.join(TYPES)}")
        pages = [p for p in pages if p.page_type in wanted]
    if half:
        pages = [p for p in pages if p.half == half]
    if sample and sample < len(pages):
        pages = sorted(random.Random(seed).sample(pages, sample), key=lambda p: p.index)
    return pages[:limit] if limit else pages


# --- the metric ---------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def token_scores(output: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of one page, the benchmark's way."""
    out, ref = Counter(tokens(output)), Counter(tokens(reference))
    if not ref:
        return (1.0, 1.0, 1.0) if not out else (0.0, 1.0, 0.0)
    if not out:
        return 0.0, 0.0, 0.0
    overlap = sum((out & ref).values())
    precision, recall = overlap / sum(out.values()), overlap / sum(ref.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


# --- metadata -----------------------------------------------------------------------------------


def same_title(found: str, gold: str) -> bool:
    return tokens(found) == tokens(gold)


def same_author(found: str, gold: str) -> bool:
    """The same names in any order and with any separators ('Smith, Jane' / 'Jane Smith')."""
    return sorted(tokens(found)) == sorted(tokens(gold))


def same_date(found: str, gold: str) -> bool:
    return bool(found) and found[:10] == gold[:10]


META_CHECKS = {"title": same_title, "author": same_author, "date": same_date}


# --- the tools (run inside a worker process) ------------------------------------------------------


def make_tool(name: str) -> Callable[[bytes, str], Output]:
    """The tool's extract(html bytes, url) -> Output; ImportError when it is not installed."""
    if name == "cleaner":
        return cleaner_tool()
    if name.startswith("trafilatura"):
        import trafilatura

        settings = {
            "trafilatura (default)": {},
            "trafilatura (include_comments=False)": {"include_comments": False},
            "trafilatura (favor_precision)": {"favor_precision": True},
            "trafilatura (favor_recall)": {"favor_recall": True},
        }[name]
        return lambda data, url: Output("", text=trafilatura.extract(data, url=url, **settings) or "")
    if name == "resiliparse (main_content)":
        from resiliparse.extract.html2text import extract_plain_text

        from cleaner.html.detect import decode_html

        return lambda data, url: Output("", text=extract_plain_text(decode_html(data).text, main_content=True))
    if name == "rs-trafilatura":
        import rs_trafilatura  # type: ignore[import-not-found]  # its README: extract(html, url=...).main_content

        return lambda data, url: Output("", text=rs_trafilatura.extract(data.decode("utf-8", errors="replace"), url=url or None).main_content or "")
    raise SystemExit(f"bench_wcxb: unknown tool {name!r}; tools: {', '.join(TOOLS)}")


def cleaner_tool() -> Callable[[bytes, str], Output]:
    from cleaner.decode import InputError
    from cleaner.pipeline import Cleaner
    from cleaner.record import build_record

    cleaner = Cleaner()

    def run(data: bytes, url: str) -> Output:
        try:
            doc = cleaner.process_html(data, "page.html", url or None)
        except InputError as exc:
            return Output("", declined=str(exc))
        record = build_record(doc)
        out = Output(
            "",
            text=record["text"],
            page_type=record.get("page_type") or "",
            title=record.get("title") or "",
            author=record.get("author") or "",
            date=record.get("published") or "",
            extractor=next((n.removeprefix("extractor: ") for n in doc.notes if n.startswith("extractor: ")), ""),
        )
        out.doc = doc  # type: ignore[attr-defined]  # read by causes(), untimed, then dropped
        return out

    return run


def trafilatura_metadata(data: bytes, url: str) -> dict[str, str]:
    import trafilatura

    found = trafilatura.extract_metadata(data, default_url=url or None)
    if found is None:
        return {}
    return {"title": found.title or "", "author": found.author or "", "date": found.date or ""}


def causes(doc: Any, output: str, reference: str) -> list[tuple[str, int]]:
    """Where the page's tokens went, largest first: reference tokens the extractor never produced
    ('extractor missed'), reference tokens removed by each rule ('removed by <rule>'), and output
    tokens outside the reference ('kept furniture (<extractor>)')."""
    from cleaner.model import Fate

    ref, out = Counter(tokens(reference)), Counter(tokens(output))
    missing = ref - out
    by_rule: dict[str, Counter] = defaultdict(Counter)
    produced: Counter = Counter()
    for line in doc.lines:
        produced.update(tokens(line.text))
        if line.fate is Fate.REMOVED:
            by_rule[line.rule or "?"].update(tokens(line.text))
        elif line.fate is Fate.METADATA:
            by_rule[f"metadata:{line.field}"].update(tokens(line.text))
        for cut in line.cuts:
            by_rule[cut.rule].update(tokens(cut.text))
    found = [(f"removed by {rule}", sum((removed & missing).values())) for rule, removed in by_rule.items()]
    found.append(("extractor missed", sum((missing - produced).values())))
    found.append(("kept furniture", sum((out - ref).values())))
    return sorted(((c, n) for c, n in found if n), key=lambda item: -item[1])[:3]


def worker(name: str, ids_file: str, out_file: str) -> int:
    """Run one tool over the pages listed in ``ids_file``; one JSON Output per line in ``out_file``."""
    wanted = set(Path(ids_file).read_text().split())
    pages = [p for p in load_pages() if p.id in wanted]
    try:
        tool = make_tool(name)
    except ImportError as exc:
        Path(out_file).write_text(json.dumps({"skipped": f"{name} not installed ({exc})"}) + "\n")
        return 0
    htmls = [page.html() for page in pages]
    for page, data in list(zip(pages, htmls))[:WARM_UP_PAGES]:
        tool(data, page.url)
    with open(out_file, "w", encoding="utf-8") as sink:
        for page, data in zip(pages, htmls):
            start = time.process_time()
            output = tool(data, page.url)
            output.cpu_ms = 1000 * (time.process_time() - start)
            output.id = page.id
            doc = output.__dict__.pop("doc", None)
            if doc is not None:
                output.causes = causes(doc, output.text, page.reference)
            if name.startswith("trafilatura (default)"):
                for key, value in trafilatura_metadata(data, page.url).items():
                    setattr(output, key, value)
            sink.write(json.dumps(asdict(output)) + "\n")
    return 0


# --- the report ---------------------------------------------------------------------------------


@dataclass
class ToolRun:
    name: str
    outputs: dict[str, Output]
    skipped: str = ""


def run_tools(names: list[str], pages: list[Page], pages_dir: Path, jobs: int) -> list[ToolRun]:
    """Each tool in a process of its own, ``jobs`` at a time."""
    pages_dir.mkdir(parents=True, exist_ok=True)
    ids_file = pages_dir / "ids.txt"
    ids_file.write_text("\n".join(p.id for p in pages))
    pending = list(names)
    running: list[tuple[str, subprocess.Popen, Path]] = []
    finished: dict[str, Path] = {}
    while pending or running:
        while pending and len(running) < jobs:
            name = pending.pop(0)
            target = pages_dir / (re.sub(r"\W+", "-", name).strip("-") + ".jsonl")
            cmd = [sys.executable, __file__, "--worker", name, "--ids", str(ids_file), "--worker-out", str(target)]
            running.append((name, subprocess.Popen(cmd), target))
            print(f"bench_wcxb: running {name} on {len(pages)} pages", file=sys.stderr)
        for item in list(running):
            name, proc, target = item
            if proc.poll() is not None:
                running.remove(item)
                if proc.returncode:
                    raise SystemExit(f"bench_wcxb: the {name} worker failed (exit {proc.returncode})")
                finished[name] = target
        time.sleep(0.2)
    runs = []
    for name in names:
        rows = [json.loads(line) for line in finished[name].read_text(encoding="utf-8").splitlines()]
        if rows and "skipped" in rows[0]:
            runs.append(ToolRun(name, {}, rows[0]["skipped"]))
            continue
        runs.append(ToolRun(name, {row["id"]: Output(**row) for row in rows}))
    return runs


def scores_of(run: ToolRun, pages: list[Page]) -> dict[str, tuple[float, float, float]]:
    return {p.id: token_scores(run.outputs[p.id].text, p.reference) for p in pages}


def summary_table(runs: list[ToolRun], pages: list[Page]) -> str:
    halves = {h: [p for p in pages if p.half == h] for h in ("tune", "holdout")}
    rows = []
    for run in runs:
        if run.skipped:
            continue
        scores = scores_of(run, pages)
        articles = [p for p in pages if p.page_type == "article"]
        row = [
            run.name,
            f"{mean(scores[p.id][2] for p in pages):.3f}",
            f"{mean(scores[p.id][0] for p in pages):.3f}",
            f"{mean(scores[p.id][1] for p in pages):.3f}",
            f"{mean(scores[p.id][2] for p in articles):.3f}",
            *(f"{mean(scores[p.id][2] for p in halves[h]):.3f}" for h in halves),
            f"{mean(run.outputs[p.id].cpu_ms for p in pages):.1f}",
            str(sum(1 for p in pages if run.outputs[p.id].declined)),
        ]
        rows.append(row)
    headers = ["tool", "all F1", "P", "R", "articles F1", "F1 tune (4/5)", "F1 holdout (1/5)", "CPU ms/page", "declined"]
    return markdown_table(headers, rows, "lrrrrrrrr")


def per_type_table(runs: list[ToolRun], pages: list[Page]) -> str:
    present = [t for t in TYPES if any(p.page_type == t for p in pages)]
    rows = []
    for run in runs:
        if run.skipped:
            continue
        scores = scores_of(run, pages)
        rows.append([run.name, *(f"{mean(scores[p.id][2] for p in pages if p.page_type == t):.3f}" for t in present)])
    counts = Counter(p.page_type for p in pages)
    return markdown_table(["tool", *(f"{t} ({counts[t]})" for t in present)], rows, "l" + "r" * len(present))


def confusion_table(run: ToolRun, pages: list[Page]) -> str:
    """WCXB's label (rows) against cleaner's page_type (columns)."""
    found = Counter((p.page_type, run.outputs[p.id].page_type or "(none)") for p in pages)
    columns = sorted({c for _, c in found}, key=lambda c: (TYPES.index(c) if c in TYPES else len(TYPES), c))
    rows = []
    for t in TYPES:
        total = sum(n for (g, _), n in found.items() if g == t)
        if total:
            rows.append([t, *(str(found[(t, c)] or "") for c in columns), f"{found[(t, t)] / total:.0%}"])
    correct = sum(found[(t, t)] for t in TYPES)
    table = markdown_table(["WCXB label \\ page_type", *columns, "recall"], rows, "l" + "r" * (len(columns) + 1))
    return table + f"\nAgreement: {correct} of {len(pages)} pages ({correct / len(pages):.1%}).\n"


def metadata_table(runs: list[ToolRun], pages: list[Page]) -> str:
    rows = []
    for run in runs:
        if run.skipped or not any(run.outputs[p.id].title for p in pages):
            continue
        row = [run.name]
        for field, check in META_CHECKS.items():
            gold = [p for p in pages if getattr(p, field)]
            right = sum(1 for p in gold if check(getattr(run.outputs[p.id], field), getattr(p, field)))
            row.append(f"{right / len(gold):.3f} ({right}/{len(gold)})" if gold else "-")
        rows.append(row)
    return markdown_table(["tool", "title", "author", "date"], rows, "lrrr")


def worst_pages(run: ToolRun, pages: list[Page], count: int) -> str:
    scores = scores_of(run, pages)
    rows = []
    for page in sorted(pages, key=lambda p: (scores[p.id][2], p.id))[:count]:
        out = run.outputs[page.id]
        p, r, f = scores[page.id]
        cause = f"declined: {out.declined}" if out.declined else "; ".join(f"{c} ({n} tokens)" for c, n in out.causes)
        rows.append([page.id, page.page_type, out.page_type, f"{f:.3f}", f"{p:.2f}", f"{r:.2f}", out.extractor, cause])
    return markdown_table(["page", "WCXB type", "page_type", "F1", "P", "R", "extractor", "where the tokens went"], rows, "lllrrrll")


def cause_totals(run: ToolRun, pages: list[Page]) -> str:
    """The causes summed over all pages (tokens), the ten largest: which stage costs most."""
    totals: Counter = Counter()
    for page in pages:
        for cause, count in run.outputs[page.id].causes:
            totals[cause] += count
    rows = [[cause, f"{count:,}"] for cause, count in totals.most_common(10)]
    return markdown_table(["cause (summed over pages, top 3 per page)", "tokens"], rows, "lr")


def report(runs: list[ToolRun], pages: list[Page], command: str) -> str:
    sections = [
        "# WCXB development split\n",
        f"`{command}` — {json.dumps(machine_note())}\n",
        f"{len(pages)} pages ({', '.join(f'{t} {n}' for t, n in Counter(p.page_type for p in pages).most_common())}).\n",
        "## Body F1 (token multisets, mean over pages), CPU, declined\n",
        summary_table(runs, pages),
        "## F1 per page type\n",
        per_type_table(runs, pages),
        "## Metadata: share of pages whose gold field is matched (pages with a gold value)\n",
        "title: same tokens; author: same tokens in any order; date: same YYYY-MM-DD. trafilatura's from "
        "`extract_metadata` (untimed).\n",
        metadata_table(runs, pages),
    ]
    ours = next((run for run in runs if run.name == "cleaner" and not run.skipped), None)
    if ours:
        if any(ours.outputs[p.id].page_type for p in pages):
            sections += ["## Page type: WCXB's label against cleaner's `page_type`\n", confusion_table(ours, pages)]
        sections += [
            f"## cleaner's {WORST_PAGES} worst pages\n",
            worst_pages(ours, pages, WORST_PAGES),
            "## Where cleaner's tokens went, over all pages\n",
            cause_totals(ours, pages),
        ]
    sections += [f"Note: {run.skipped}\n" for run in runs if run.skipped]
    return "\n".join(sections)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", default="", help=f"comma-separated name prefixes (default: all of {', '.join(TOOLS)})")
    parser.add_argument("--types", default="", help="only these WCXB page types, comma-separated")
    parser.add_argument("--half", choices=("tune", "holdout"), help="only one half (holdout: every 5th page)")
    parser.add_argument("--sample", type=int, default=0, help="a seeded random sample of this many pages")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (after the other filters)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="tools run at the same time (each in its own process)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "wcxb.md"))
    parser.add_argument("--pages-dir", default="", help="keep the per-page outputs here (default: a temporary directory)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--ids", help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.ids, args.worker_out)
    if not WCXB.is_dir():
        print(f"bench_wcxb: {WCXB} not found; the benchmark needs ../shared/bench/wcxb-dev (skipped)", file=sys.stderr)
        return 0
    names = [t for t in TOOLS if not args.tools or any(t.startswith(w) for w in args.tools.split(","))]
    pages = select_pages(load_pages(), args.types, args.half or "", args.sample, args.limit, args.seed)
    with tempfile.TemporaryDirectory(prefix="wcxb-") as scratch:
        runs = run_tools(names, pages, Path(args.pages_dir or scratch), args.jobs)
    for run in runs:
        if run.skipped:
            print(f"bench_wcxb: {run.skipped}", file=sys.stderr)
    command = "bench/bench_wcxb.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(runs, pages, command.strip())
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
