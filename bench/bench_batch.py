"""Batch throughput and memory: ``cleaner clean`` on a generated JSONL dump and a generated WARC file.

    .venv/bin/python bench/bench_batch.py [--docs 100000] [--small 10000] [--warc-docs 5000] [--reader-docs 20000]
                                          [--jobs 1,2] [--workdir /tmp/cleaner-bench] [--out bench/results/batch.md]

Inputs are generated from the five seeds (``seeds/``), each document a variant: body paragraphs
shuffled, some dropped, the page header and footer (boilerplate) swapped with another seed's, and a
document number added so no two bodies are equal. The WARC holds HTML pages built the same way (a nav,
the article, a footer), written with FastWARC, one gzip member per record, half of them with an HTTP
``Content-Encoding: gzip`` body.

Each run is ``python -m cleaner clean INPUT -o OUT.jsonl -j N -q`` in a fresh process. Measured: wall
time (docs/s = documents / wall seconds, including start-up), peak resident memory of the whole process
tree (main + workers, sampled every 0.1 s with psutil) and of the main process alone, the CPU seconds of
the main process (the reader/writer every worker waits on), and the load average of the machine before
the run (other work on the machine slows the runs; compare runs with a low load).

A last part times reading the WARC alone with warcio and with FastWARC (iterate the response records
and read each payload, HTTP encodings undone), which is how the WARC library was chosen.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine_note, markdown_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
DOMAINS = ["www.kompas.com", "news.example.id", "www.medcom.id", "www.cnbcindonesia.com", "tumkongreler.com"]
BODY_MIN = 120  # characters: a line this long is article body, shorter ones are page furniture
RSS_TOLERANCE = 0.20
SAMPLE_SECONDS = 0.1


@dataclass
class Page:
    header: list[str]
    body: list[str]
    footer: list[str]
    title: str = ""


def split_seed(text: str) -> Page:
    lines = [line for line in text.split("\n") if line.strip()]
    long = [i for i, line in enumerate(lines) if len(line) >= BODY_MIN]
    first, last = long[0], long[-1]
    return Page(lines[:first], lines[first : last + 1], lines[last + 1 :])


PAGES = [split_seed(text) for text in SEEDS]


def seed_titles() -> list[str]:
    from cleaner import Cleaner

    cleaner = Cleaner()
    return [cleaner.clean_text(text)["title"] or "Berita" for text in SEEDS]


TITLES = seed_titles()


def variant(i: int) -> tuple[str, Page]:
    """Document ``i``: a seed's body, shuffled and thinned, inside another (or the same) seed's boilerplate."""
    rng = random.Random(i)
    own = i % len(PAGES)
    frame = PAGES[rng.choice([own, own, rng.randrange(len(PAGES))])]
    body = list(PAGES[own].body)
    rng.shuffle(body)
    body = body[: max(3, len(body) - rng.randrange(3))]
    body.append(f"Dokumen nomor {i} dari arsip uji.")
    return DOMAINS[own], Page(frame.header, body, frame.footer, TITLES[own])


def as_text(page: Page) -> str:
    return "\n\n".join(page.header + page.body + page.footer) + "\n"


def as_html(page: Page) -> bytes:
    nav = "".join(f"<li><a href='#'>{line}</a></li>" for line in page.header)
    body = "".join(f"<p>{line}</p>\n" for line in page.body)
    footer = "".join(f"<div>{line}</div>" for line in page.footer)
    title = page.title
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><ul>{nav}</ul></nav><article><h1>{title}</h1>{body}</article><footer>{footer}</footer></body></html>"
    ).encode("utf-8")


def make_jsonl(path: Path, count: int) -> Path:
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for i in range(count):
            domain, page = variant(i)
            out.write(json.dumps({"id": i, "url": f"https://{domain}/read/{i}", "text": as_text(page)}, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


def make_warc(path: Path, count: int) -> Path:
    from fastwarc.warc import WarcRecord, WarcRecordType

    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as out:
        for i in range(count):
            domain, page = variant(i)
            body, headers = as_html(page), "Content-Type: text/html; charset=utf-8\r\n"
            if i % 2:
                body, headers = gzip.compress(body, 6), headers + "Content-Encoding: gzip\r\n"
            record = WarcRecord()
            record.init_headers(WarcRecordType.response)
            record.headers["WARC-Target-URI"] = f"https://{domain}/read/{i}"
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(f"HTTP/1.1 200 OK\r\n{headers}\r\n".encode() + body)
            buffer = io.BytesIO()
            record.write(buffer)
            out.write(gzip.compress(buffer.getvalue(), 6))
    tmp.rename(path)
    return path


@dataclass
class Run:
    label: str
    docs: int
    jobs: int
    seconds: float
    tree_rss_mb: float
    main_rss_mb: float
    main_cpu: float
    load: float
    records: int
    tree_cpu: float = 0.0  # CPU seconds of the main process and its workers
    tries: str = ""  # docs/s of every repetition, when the run was repeated

    @property
    def rate(self) -> float:
        return self.docs / self.seconds


def measure(label: str, source: Path, docs: int, jobs: int, workdir: Path) -> Run:
    out = workdir / f"out-{label}-{jobs}.jsonl"
    load = os.getloadavg()[0]
    cmd = [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", str(jobs), "-q"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    tree_peak = main_peak = main_cpu = 0.0
    while not (finished := os.wait4(proc.pid, os.WNOHANG))[0]:
        try:
            main = psutil.Process(proc.pid)
            rss = [p.memory_info().rss for p in [main] + main.children(recursive=True)]
            tree_peak, main_peak = max(tree_peak, sum(rss)), max(main_peak, rss[0])
            main_cpu = sum(main.cpu_times()[:2])
        except psutil.Error:
            pass
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    _, status, usage = finished
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with {status}")
    records = sum(1 for _ in open(out, encoding="utf-8"))
    out.unlink()
    mb = 1024 * 1024
    tree_cpu = usage.ru_utime + usage.ru_stime  # the main process and its (waited-for) workers
    run = Run(label, docs, jobs, seconds, tree_peak / mb, main_peak / mb, main_cpu, load, records, tree_cpu=tree_cpu)
    print(f"{label:>12} -j{jobs}: {run.rate:7.0f} docs/s  {seconds:6.1f} s  {docs / tree_cpu:5.0f} docs/CPU-s  "
          f"tree {run.tree_rss_mb:5.0f} MB  main {run.main_rss_mb:4.0f} MB  load {load:.2f}", flush=True)
    return run


def best_of(repeat: int, label: str, source: Path, docs: int, jobs: int, workdir: Path) -> Run:
    """The fastest of ``repeat`` runs (other work on the machine only ever slows a run down)."""
    runs = [measure(label, source, docs, jobs, workdir) for _ in range(repeat)]
    best = max(runs, key=lambda r: r.rate)
    if repeat > 1:
        best.tries = ", ".join(f"{r.rate:,.0f}" for r in runs)
    return best


def time_warc_readers(path: Path) -> list[tuple[str, int, float]]:
    """(reader, records, seconds) for iterating the WARC's responses and reading decoded payloads."""
    results = []
    try:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator

        start, count = time.perf_counter(), 0
        with open(path, "rb") as stream:
            for record in WarcioIterator(stream):
                if record.rec_type == "response":
                    record.content_stream().read()
                    count += 1
        results.append(("warcio 1.x: `content_stream().read()` (gzip undone)", count, time.perf_counter() - start))
    except ImportError:
        print("warcio not installed (pip install -e '.[bench]'); skipped", file=sys.stderr)
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    start, count = time.perf_counter(), 0
    for record in ArchiveIterator(str(path), record_types=WarcRecordType.response, auto_decode="all"):
        record.reader.read()
        count += 1
    results.append(("FastWARC 2.x alone: `reader.read()`, auto_decode='all'", count, time.perf_counter() - start))
    from cleaner.batch.readers import read_inputs
    from cleaner.batch.unpack import unpack

    start, count = time.perf_counter(), 0
    for doc in read_inputs((str(path),)):
        unpack(doc.data, doc.encodings)
        count += 1
    results.append(("cleaner's reader (FastWARC, Python gzip stream, per-record errors) + unpack", count, time.perf_counter() - start))
    return results


def report(runs: list[Run], readers: list[tuple[str, int, float]], args) -> str:
    note = machine_note()
    lines = [
        "# Batch cleaning benchmark",
        "",
        f"`{' '.join(['.venv/bin/python', 'bench/bench_batch.py', *sys.argv[1:]])}` on {note['date']}; "
        f"{note['nproc']} CPUs ({note['cpu']}), Python {note['python']}" + (f"; code: {args.code}." if args.code else "."),
        "",
        "Inputs generated from the five seeds (see the docstring of `bench/bench_batch.py`). Each run is a fresh "
        "`python -m cleaner clean INPUT -o OUT -j N -q`; docs/s includes start-up; docs/CPU-s divides by the CPU "
        "seconds of the main process and its workers (less sensitive to other work on the machine). RSS: peak resident memory of the "
        "process tree (main + workers) and of the main process alone, sampled every 0.1 s. Load: 1-minute load "
        "average before the run (other work on the machine shares the CPUs).",
        "",
    ]
    rows = [(r.label, f"{r.docs:,}", r.jobs, f"{r.seconds:.1f}", f"{r.rate:,.0f}" + (f" (of {r.tries})" if r.tries else ""),
             f"{r.docs / r.tree_cpu:,.0f}", f"{r.tree_rss_mb:.0f}", f"{r.main_rss_mb:.0f}", f"{100 * r.main_cpu / r.seconds:.0f}%", f"{r.load:.2f}")
            for r in runs]
    lines.append(markdown_table(["input", "docs", "jobs", "seconds", "docs/s", "docs/CPU-s", "tree RSS MB", "main RSS MB", "main CPU", "load"], rows, "lrrrrrrrrr"))
    lines += verdicts(runs)
    if readers:
        lines += ["", "## WARC reader", ""]
        rows = [(name, f"{n:,}", f"{s:.2f}", f"{n / s:,.0f}") for name, n, s in readers]
        lines.append(markdown_table(["reader", "records", "seconds", "records/s"], rows, "lrrr"))
    return "\n".join(lines) + "\n"


def verdicts(runs: list[Run]) -> list[str]:
    by = {(r.label, r.jobs): r for r in runs}
    lines = ["", "## Checks", ""]
    for label in sorted({r.label for r in runs}):
        one, two = by.get((label, 1)), by.get((label, 2))
        if one and two:
            ratio = two.rate / one.rate
            lines.append(f"- {label}: `-j 2` / `-j 1` = {ratio:.2f}x ({'meets' if ratio >= 1.7 else 'below'} the 1.7x target)")
    small = [r for r in runs if r.label.startswith("jsonl-") and r.docs < max(x.docs for x in runs)]
    for run in small:
        big = next((r for r in runs if r.label.startswith("jsonl-") and r.jobs == run.jobs and r.docs > run.docs), None)
        if big:
            growth = big.tree_rss_mb / run.tree_rss_mb - 1
            verdict = "flat" if abs(growth) <= RSS_TOLERANCE else "NOT flat"
            lines.append(f"- peak tree RSS, `-j {run.jobs}`: {run.docs:,} docs {run.tree_rss_mb:.0f} MB -> {big.docs:,} docs "
                         f"{big.tree_rss_mb:.0f} MB ({growth:+.0%}, {verdict} within {RSS_TOLERANCE:.0%})")
    return lines


def _k(count: int) -> str:
    return f"{count // 1000}k" if count % 1000 == 0 else str(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--warc-docs", type=int, default=5_000)
    parser.add_argument("--reader-docs", type=int, default=20_000, help="records in the WARC used to time the readers alone")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--repeat", type=int, default=1, help="run each case N times and keep the fastest")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "batch.md")
    parser.add_argument("--code", default="", help="which code was measured, for the report (e.g. a commit id)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    jobs = [int(j) for j in args.jobs.split(",")]
    big = make_jsonl(args.workdir / f"dump-{args.docs}.jsonl", args.docs)
    small = make_jsonl(args.workdir / f"dump-{args.small}.jsonl", args.small)
    warc = make_warc(args.workdir / f"crawl-{args.warc_docs}.warc.gz", args.warc_docs)
    runs = []
    for label, path, count in [(f"jsonl-{_k(args.small)}", small, args.small), (f"jsonl-{_k(args.docs)}", big, args.docs),
                               (f"warc-{_k(args.warc_docs)}", warc, args.warc_docs)]:
        runs += [best_of(args.repeat, label, path, count, j, args.workdir) for j in jobs]
    readers = time_warc_readers(make_warc(args.workdir / f"crawl-{args.reader_docs}.warc.gz", args.reader_docs))
    text = report(runs, readers, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
