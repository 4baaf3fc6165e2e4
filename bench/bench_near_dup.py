"""Near-duplicate detection: which MinHash library, how accurate, how fast, how much memory.

    .venv/bin/pip install -e '.[bench]'      # datasketch, psutil (rensa is a dependency of cleaner)
    .venv/bin/python bench/bench_near_dup.py [--docs 100000] [--jobs 1] [--skip-run] [--out bench/results/near_dup.md]

1. Libraries, on the labelled set (tests/near_dup_set.py: the seeds, and ../shared/dev-dumps when
   present, each republished four ways, plus follow-up stories): rensa's R-MinHash + RMinHashLSH
   against datasketch's MinHash + MinHashLSH with the same shingles, permutations, bands and threshold:
   CPU per document for the signature and for the LSH (insert + query), pairwise precision and recall,
   the mean error of the estimated Jaccard against the exact one, and memory per indexed document
   (RSS growth over 20,000 generated documents).
2. The batch with it: ``python -m cleaner clean DOCS.jsonl -o OUT -j N -q`` on generated documents
   (unique news-shaped texts, one in ten a republished copy of an earlier one), with and without
   ``--dedup near``: CPU seconds of the whole process tree, wall seconds and peak RSS (main process
   and workers, sampled every 0.1 s), and the copies found.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine_note, markdown_table  # noqa: E402
from near_dup_set import labelled_set, pair_scores  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner import near_dup  # noqa: E402

DEV_DUMPS = ROOT.parent / "shared" / "dev-dumps" / "text"
SAMPLE_SECONDS = 0.1


def stories(include_dev: bool) -> dict[str, list[tuple[str, str]]]:
    sets = {"seeds": [(p.stem[:3], p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]}
    if include_dev and DEV_DUMPS.is_dir():
        sets["dev-dumps"] = [(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in sorted(DEV_DUMPS.glob("*.txt"))]
    return sets


class Rensa:
    name = "rensa"

    def sketch(self, grams):
        return near_dup.signature_of(grams)

    def index(self):
        return near_dup.NearDuplicates()


class Datasketch:
    """datasketch with the same shingles, permutations, bands and threshold (cleaner's NearDuplicates logic)."""

    name = "datasketch"

    def __init__(self):
        import datasketch

        self.ds = datasketch

    def sketch(self, grams):
        if len(grams) < near_dup.MIN_SHINGLES:
            return None
        m = self.ds.MinHash(num_perm=near_dup.NUM_PERM, seed=near_dup.SEED)
        m.update_batch([g.encode("utf-8") for g in grams])
        return self.ds.LeanMinHash(m)

    def index(self):
        ds = self.ds

        class Index:
            def __init__(self):
                rows = near_dup.NUM_PERM // near_dup.BANDS
                self.lsh = ds.MinHashLSH(num_perm=near_dup.NUM_PERM, params=(near_dup.BANDS, rows))
                self.heads = {}

            def check(self, doc_id, sketch):
                if sketch is None:
                    return None, None
                best = (None, None)
                for key in self.lsh.query(sketch):
                    head_id, head = self.heads[key]
                    sim = sketch.jaccard(head)
                    if sim >= near_dup.THRESHOLD and head_id != doc_id and (best[1] is None or sim > best[1]):
                        best = (head_id, sim)
                if best[0] is None:
                    key = len(self.heads)
                    self.lsh.insert(key, sketch)
                    self.heads[key] = (doc_id, sketch)
                return best

        return Index()


def exact_jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def compare_libraries(sets: dict[str, list[tuple[str, str]]]) -> list[list[str]]:
    cleaner = Cleaner()
    libraries = [Rensa(), Datasketch()]
    rows = []
    for set_name, base in sets.items():
        cases = labelled_set(base)
        records = [cleaner.clean_text(c.text, source=f"{c.story}/{c.version}/{i}") for i, c in enumerate(cases)]
        grams = [near_dup.shingles(r["text"]) for r in records]
        exact = {(i, j): exact_jaccard(set(grams[i]), set(grams[j])) for i, j in itertools.combinations(range(len(cases)), 2) if cases[i].story == cases[j].story}
        for lib in libraries:
            started = time.process_time()
            sketches = [lib.sketch(g) for g in grams]
            sketch_us = (time.process_time() - started) / len(cases) * 1e6
            index = lib.index()
            started = time.process_time()
            found = [index.check(r["id"], s)[0] for r, s in zip(records, sketches)]
            lsh_us = (time.process_time() - started) / len(cases) * 1e6
            precision, recall, truth, predicted = pair_scores(cases, [r["id"] for r in records], found)
            errors = [abs(sketches[i].jaccard(sketches[j]) - value) for (i, j), value in exact.items() if sketches[i] is not None and sketches[j] is not None]
            rows.append([set_name, lib.name, f"{len(cases):,}", f"{truth:,}", f"{precision:.3f}", f"{recall:.3f}",
                         f"{sum(errors) / len(errors):.3f}", f"{sketch_us:,.0f}", f"{lsh_us:,.1f}"])
            print(" | ".join(rows[-1]), flush=True)
    return rows


def memory_per_document(docs: int = 20_000) -> list[list[str]]:
    """RSS growth per indexed head, each library in a fresh process."""
    rows = []
    for lib in ("rensa", "datasketch"):
        out = subprocess.run([sys.executable, __file__, "--memory-child", lib, "--docs", str(docs)], capture_output=True, text=True, check=True)
        rows.append([lib, f"{docs:,}", out.stdout.strip()])
        print(lib, out.stdout.strip(), flush=True)
    return rows


def _memory_child(lib_name: str, docs: int) -> None:
    lib = Rensa() if lib_name == "rensa" else Datasketch()
    texts = generated_texts(docs, copies=0.0)
    sketches = [lib.sketch(near_dup.shingles(t)) for t, _ in texts]
    gc.collect()
    before = psutil.Process().memory_info().rss
    index = lib.index()
    for i, sketch in enumerate(sketches):
        index.check(str(i), sketch)
    gc.collect()
    grown = psutil.Process().memory_info().rss - before
    print(f"{grown / docs:,.0f} bytes per document (LSH bands and heads, signatures made before)")


# --- generated documents ---------------------------------------------------------------------------

SYLLABLES = ["ba", "ka", "ta", "ra", "ma", "na", "sa", "la", "pa", "da", "ga", "ja", "ha", "wa", "ya", "an", "in", "un", "ng", "er", "ku", "si", "lo", "me", "be", "te", "pe", "di", "ri", "tu"]


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    seed_words = sorted({w for p in (ROOT / "seeds").glob("*.txt") for w in re.findall(r"[a-z]{3,}", p.read_text(encoding="utf-8").lower())})
    made = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return seed_words + sorted(made)[: size - len(seed_words)]


def news_text(rng: random.Random, words: list[str], n: int) -> tuple[str, list[str]]:
    """A text dump shaped like a news page: site line, title, dateline, paragraphs, footer."""
    def sentence() -> str:
        chosen = [rng.choice(words) for _ in range(rng.randint(10, 20))]
        return " ".join(chosen).capitalize() + "."

    paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(6, 10))]
    paragraphs[0] = "JAKARTA, KOMPAS.com - " + paragraphs[0]
    title = " ".join(rng.choice(words) for _ in range(8)).title()
    return "\n\n".join(["Kompas.com", title, "Kompas.com - 30/01/2023, 12:13 WIB", *paragraphs, "Baca berita tanpa iklan. Gabung Kompas.com+", f"Dokumen {n}"]), paragraphs


def generated_texts(count: int, copies: float = 0.1, seed: int = 16) -> list[tuple[str, int | None]]:
    """(text, index of the document it copies or None); ``copies`` of them republish an earlier one."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    out: list[tuple[str, int | None]] = []
    bodies: list[list[str]] = []
    for n in range(count):
        if bodies and rng.random() < copies:
            source = rng.randrange(len(bodies))
            body = list(bodies[source])
            body[0] = body[0].replace("JAKARTA, KOMPAS.com - ", "TRIBUNNEWS.COM - ")
            text = "\n\n".join(["TRIBUNNEWS.COM", "Home", *body, "Artikel ini telah tayang di Kompas.com", f"Dokumen {n}"])
            out.append((text, source))
            bodies.append(body)
        else:
            text, body = news_text(rng, words, n)
            out.append((text, None))
            bodies.append(body)
    return out


def write_jsonl(path: Path, count: int) -> int:
    copies = 0
    with open(path, "w", encoding="utf-8") as out:
        for n, (text, source) in enumerate(generated_texts(count)):
            copies += source is not None
            out.write(json.dumps({"url": f"https://news.example.id/read/{n}", "text": text}, ensure_ascii=False) + "\n")
    return copies


def run_cleaner(args: list[str]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = psutil.Popen([sys.executable, "-m", "cleaner", "clean", *args, "-q"], cwd=ROOT)
    peak = main_peak = 0
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            rss = [p.memory_info().rss for p in tree]
            peak, main_peak = max(peak, sum(rss)), max(main_peak, rss[0])
        except psutil.Error:
            pass
        time.sleep(SAMPLE_SECONDS)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak": peak / 1e6, "main": main_peak / 1e6, "code": proc.returncode}


def batch_runs(docs: int, jobs: list[int], workdir: Path, repeat: int) -> list[list[str]]:
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / f"near-{docs}.jsonl"
    copies = write_jsonl(data, docs)
    print(f"{docs:,} documents, {copies:,} of them copies", flush=True)
    rows = []
    for j in jobs:
        for mode in ([], ["--dedup"], ["--dedup", "near"]) * repeat:
            out = workdir / "out.jsonl"
            m = run_cleaner([str(data), "-o", str(out), "-j", str(j), *mode])
            kept = sum(1 for _ in open(out, encoding="utf-8"))
            label = " ".join(mode) or "(none)"
            rows.append([f"{docs:,}", str(j), label, f"{m['cpu']:.1f}", f"{m['wall']:.1f}", f"{m['peak']:.0f}", f"{m['main']:.0f}", f"{docs - kept:,}"])
            print(" | ".join(rows[-1]), flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--jobs", default="1")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "near_dup.md")
    parser.add_argument("--skip-run", action="store_true", help="only the library comparison")
    parser.add_argument("--no-dev", action="store_true", help="the seeds' labelled set only")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        return _memory_child(args.memory_child, args.docs)
    libraries = compare_libraries(stories(not args.no_dev))
    memory = memory_per_document()
    runs = [] if args.skip_run else batch_runs(args.docs, [int(j) for j in args.jobs.split(",")], args.workdir, args.repeat)
    report = [
        "# Near-duplicate detection", "", ", ".join(f"{k}: {v}" for k, v in machine_note().items()), "",
        f"`.venv/bin/python bench/bench_near_dup.py {' '.join(sys.argv[1:])}`".replace("  ", " "), "",
        f"Shingles of {near_dup.SHINGLE} words, {near_dup.NUM_PERM} permutations, {near_dup.BANDS} bands, threshold {near_dup.THRESHOLD}.", "",
        "## Libraries on the labelled set", "",
        markdown_table(["set", "library", "docs", "true pairs", "precision", "recall", "mean |est - exact| Jaccard", "signature us/doc", "LSH us/doc"], libraries), "",
        "## Memory of the index", "", markdown_table(["library", "documents", "RSS growth"], memory), "",
    ]
    if runs:
        report += ["## The batch with and without it", "",
                   markdown_table(["docs", "jobs", "dedup", "CPU s (tree)", "wall s", "peak RSS MB (tree)", "peak RSS MB (main)", "dropped"], runs), ""]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
