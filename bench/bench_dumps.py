"""Speed, memory and body quality of cleaner, trafilatura and jusText on the seed text dumps.

    .venv/bin/python bench/bench_dumps.py [--docs 10000] [--tools cleaner,trafilatura,...]

Input: the five dumps in ``seeds/`` repeated round-robin to ``--docs`` documents. Copy 0 of each seed
is the seed itself; in every other copy ``k``, each sentence-final line of at least VARY_MIN_WORDS
words (the prose) gets the token `` v<k>`` before its final punctuation, so no body line repeats
between documents and no per-line or per-document cache can help; other lines (markers, labels,
headlines, "Baca juga" links) repeat verbatim, as boilerplate does across the pages of one site. trafilatura and jusText get each dump as HTML: one
``<p>`` per non-blank line, HTML-escaped, inside ``<html><body><article>``.

Each tool runs in its own fresh subprocess, one after the other: docs/s is documents over the time of
the loop that feeds them (after imports and set-up), and peak RSS is the subprocess's ``ru_maxrss``
(os.wait4), which includes the interpreter, the imports and the tool's own data. The CLI row is
``cleaner clean DIR -o FILE`` end to end on a folder of ``--docs`` files: its time is the whole
process (start-up, reading, writing JSONL).

Quality is measured on copy 0 (the seeds unchanged) against ``tests/golden/*.json``: shingle F1 of the
body (see common.py), boilerplate lines kept (entries of the golden ``removed`` list that appear
verbatim in the tool's output) and body paragraphs lost (golden paragraphs whose words do not appear
as one run in the output). The golden files are cleaner's own reviewed output, so cleaner's quality
row checks consistency only; the other rows are the comparison.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402  (the path line above makes bench/ importable when run as a script)
    Launcher,
    Score,
    averaged_score,
    contains_tokens,
    machine_note,
    markdown_table,
    normalise,
    occurrences,
    shingle_score,
    tokens,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
GOLDEN_DIR = ROOT / "tests" / "golden"
RESULTS = ROOT / "bench" / "results" / "dumps.md"
DEFAULT_DOCS = 10_000
DEFAULT_REPEAT = 2
VARY_MIN_WORDS = 10  # sentence-final lines with this many words (prose) get a per-copy token
VARY_MARK = "\x00"
LINE_TAIL = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
LONG_REMOVED_TOKENS = 4  # a removed line this long also counts when found inside a longer output line
KEPT_COPIES = 2  # outputs of copies 0 and 1 go back to the parent (quality, variation check)


@dataclass
class Seed:
    name: str
    text: str
    golden: dict
    text_template: str = ""
    html_template: str = ""

    def __post_init__(self) -> None:
        self.text_template = "\n".join(_mark_line(line) for line in self.text.split("\n"))
        self.html_template = to_html(self.text_template)


def _mark_line(line: str) -> str:
    tail = LINE_TAIL.search(line)
    if tail is None or len(tokens(line)) < VARY_MIN_WORDS:
        return line
    pos = tail.start()
    return line[:pos] + VARY_MARK + line[pos:]


def variant(template: str, copy: int) -> str:
    """Copy ``copy`` of a seed: copy 0 is the seed itself."""
    return template.replace(VARY_MARK, f" v{copy}" if copy else "")


def varied_documents(seeds: list[Seed], count: int, html: bool = False) -> list[str]:
    """The first ``count`` documents of the benchmark, round-robin over the seeds (their HTML form
    with ``html``), copy ``k`` of a seed varied by ``variant``."""
    templates = [seed.html_template if html else seed.text_template for seed in seeds]
    return [variant(templates[i % len(seeds)], i // len(seeds)) for i in range(count)]


def to_html(text: str) -> str:
    """A dump as the HTML the other extractors get: one escaped <p> per non-blank line."""
    paras = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body><article>\n{paras}\n</article></body></html>"


def load_seeds() -> list[Seed]:
    seeds = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        golden = json.loads((GOLDEN_DIR / f"{path.stem}.json").read_text(encoding="utf-8"))
        seeds.append(Seed(path.stem, path.read_text(encoding="utf-8"), golden))
    return seeds


def doc_name(index: int, seed: Seed) -> str:
    return f"{index:05d}_{seed.name}.txt"


# --- the tools ------------------------------------------------------------------------------------

Extract = Callable[[str, str], str]  # (document, name) -> body text


@dataclass
class Tool:
    key: str
    label: str
    input: str  # "text" or "html"
    build: Callable[[], Extract] | None = None  # None: the CLI, run as ``cleaner clean *cli_args DIR -o FILE``
    cli_args: tuple[str, ...] = ()


def _harness() -> Extract:
    return lambda doc, name: ""


def _cleaner() -> Extract:
    from cleaner import Cleaner

    cleaner = Cleaner()
    return lambda doc, name: cleaner.clean_text(doc, name)["text"]


def _trafilatura(**settings) -> Callable[[], Extract]:
    def build() -> Extract:
        import trafilatura

        return lambda doc, name: trafilatura.extract(doc, **settings) or ""

    return build


def _justext() -> Extract:
    import justext

    stoplist = justext.get_stoplist("Indonesian")

    def run(doc: str, name: str) -> str:
        return "\n".join(p.text for p in justext.justext(doc, stoplist) if not p.is_boilerplate)

    return run


TOOLS = {
    tool.key: tool
    for tool in (
        Tool("harness", "(harness only: make the documents, no tool)", "text", _harness),
        Tool("cleaner", "cleaner, library `Cleaner().clean_text`", "text", _cleaner),
        Tool("cleaner-cli", "cleaner, CLI `cleaner clean DIR -o FILE` (default: a worker per core)", "text"),
        Tool("cleaner-cli-j0", "cleaner, CLI `cleaner clean -j 0 DIR -o FILE` (one process)", "text", cli_args=("-j", "0")),
        Tool("trafilatura", "trafilatura `extract` (defaults)", "html", _trafilatura()),
        Tool("trafilatura-precision", "trafilatura `extract` (favor_precision, no comments)", "html",
             _trafilatura(favor_precision=True, include_comments=False)),
        Tool("justext", "jusText (Indonesian stoplist)", "html", _justext),
    )
}
REFERENCE = "trafilatura"  # the ratio column divides by this tool's docs/s


def run_documents(tool: Tool, seeds: list[Seed], docs: int) -> tuple[float, float, dict[str, str]]:
    """Feed ``docs`` documents to the tool; returns the loop's wall and CPU seconds and the kept
    copies' outputs."""
    extract = tool.build()
    outputs: dict[str, str] = {}
    start, cpu = time.perf_counter(), time.process_time()
    for index in range(docs):
        seed, copy = seeds[index % len(seeds)], index // len(seeds)
        template = seed.html_template if tool.input == "html" else seed.text_template
        text = extract(variant(template, copy), doc_name(index, seed))
        if copy < KEPT_COPIES:
            outputs[f"{copy}/{seed.name}"] = text
    return time.perf_counter() - start, time.process_time() - cpu, outputs


def worker(key: str, docs: int, result: Path) -> None:
    seconds, cpu, outputs = run_documents(TOOLS[key], load_seeds(), docs)
    found = {"seconds": seconds, "cpu_seconds": cpu, "outputs": outputs}
    result.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")


# --- measuring, one subprocess per tool -----------------------------------------------------------


@dataclass
class Run:
    tool: Tool
    docs: int
    seconds: float
    peak_rss_mb: float
    outputs: dict[str, str] = default(default_factory=dict)
    cpu_seconds: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def docs_per_cpu_s(self) -> float:
        return self.docs / self.cpu_seconds if self.cpu_seconds else 0.0


def measure(key: str, seeds: list[Seed], docs: int, workdir: Path, launcher: Launcher) -> Run:
    if TOOLS[key].build is None:
        return measure_cli(TOOLS[key], seeds, docs, workdir, launcher)
    result = workdir / f"{key}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", key, "--docs", str(docs), "--result", str(result)]
    measured = launcher.run(cmd)
    if measured.returncode != 0:
        raise SystemExit(f"bench: the {key} worker failed (exit {measured.returncode})")
    found = json.loads(result.read_text(encoding="utf-8"))
    return Run(TOOLS[key], docs, found["seconds"], measured.peak_rss_mb, found["outputs"], found["cpu_seconds"])


def cleaner_command() -> list[str]:
    script = Path(sys.executable).parent / "cleaner"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cleaner"]


def measure_cli(tool: Tool, seeds: list[Seed], docs: int, workdir: Path, launcher: Launcher) -> Run:
    """``cleaner clean DIR -o FILE`` on a folder of ``docs`` files, timed end to end. With worker
    processes, the peak RSS is that of the largest single process (wait4 reports a maximum)."""
    folder, out = workdir / f"dumps-{docs}", workdir / "cli.jsonl"
    if not folder.exists():  # written once, reused by repeats
        folder.mkdir()
        _write_dumps(seeds, docs, folder)
    measured = launcher.run([*cleaner_command(), "clean", *tool.cli_args, str(folder), "-o", str(out)])
    if measured.returncode != 0:
        raise SystemExit(f"bench: cleaner clean failed (exit {measured.returncode})")
    records = {}
    with out.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records[Path(record["source"]).name] = record.get("text", "")
    outputs = {}
    for index in range(min(docs, KEPT_COPIES * len(seeds))):
        seed = seeds[index % len(seeds)]
        outputs[f"{index // len(seeds)}/{seed.name}"] = records[doc_name(index, seed)]
    return Run(tool, docs, measured.seconds, measured.peak_rss_mb, outputs, measured.cpu_seconds)


def _write_dumps(seeds: list[Seed], docs: int, folder: Path) -> None:
    for index in range(docs):
        seed = seeds[index % len(seeds)]
        text = variant(seed.text_template, index // len(seeds))
        (folder / doc_name(index, seed)).write_text(text, encoding="utf-8")


def measure_all(keys: list[str], seeds: list[Seed], docs: int, repeat: int) -> list[Run]:
    """Every tool ``repeat`` times, alternating the order (forward, backward, ...) so that a change in
    machine load does not favour one tool; each tool keeps its fastest run and its highest peak RSS."""
    found: dict[str, list[Run]] = {key: [] for key in keys}
    with Launcher() as launcher, tempfile.TemporaryDirectory(prefix="bench-dumps-") as tmp:
        for round_ in range(repeat):
            for key in keys if round_ % 2 == 0 else keys[::-1]:
                print(f"bench: {key} on {docs:,} documents (round {round_ + 1}) ...", file=sys.stderr, flush=True)
                run = measure(key, seeds, docs, Path(tmp), launcher)
                print(f"bench:   {run.docs_per_s:,.0f} docs/s, peak RSS {run.peak_rss_mb:.0f} MB", file=sys.stderr, flush=True)
                found[key].append(run)
    best = []
    for key in keys:
        fastest = max(found[key], key=lambda r: r.docs_per_s)
        fastest.peak_rss_mb = max(r.peak_rss_mb for r in found[key])
        best.append(fastest)
    return best


# --- quality against the golden files -------------------------------------------------------------


@dataclass
class SeedQuality:
    seed: str
    score: Score
    boilerplate_kept: list[str]
    paragraphs_lost: list[str]


def boilerplate_kept(seed: Seed, output: str) -> list[str]:
    """Golden ``removed`` entries found verbatim in ``output`` (each entry counted at most once).

    A whole removed line counts when an output line equals it, or, for lines of LONG_REMOVED_TOKENS
    words or more, when it appears inside an output line; a removed part of a line (a cut prefix)
    counts when it appears anywhere. Repeated entries count up to the number of appearances.
    """
    lines = seed.text.splitlines()
    out_lines = [normalise(line) for line in output.splitlines() if line.strip()]
    wanted: Counter = Counter()
    substring: dict[str, bool] = {}
    for entry in seed.golden.get("removed", []):
        text = normalise(entry["text"])
        number = entry["line"]
        whole = 0 < number <= len(lines) and normalise(lines[number - 1]) == text
        wanted[text] += 1
        substring[text] = substring.get(text, False) or not whole or len(tokens(text)) >= LONG_REMOVED_TOKENS
    kept = []
    for text, count in wanted.items():
        kept += [text] * min(count, occurrences(out_lines, text, substring[text]))
    return kept


def paragraphs_lost(seed: Seed, output: str) -> list[str]:
    return [p["text"] for p in seed.golden.get("paragraphs", []) if not contains_tokens(output, p["text"])]


def seed_quality(seed: Seed, output: str) -> SeedQuality:
    score = shingle_score(output, seed.golden.get("text", ""))
    return SeedQuality(seed.name, score, boilerplate_kept(seed, output), paragraphs_lost(seed, output))


def quality(seeds: list[Seed], outputs: dict[str, str]) -> list[SeedQuality]:
    """Quality of copy 0 of every seed (the seeds unchanged)."""
    return [seed_quality(seed, outputs[f"0/{seed.name}"]) for seed in seeds]


def variation_mismatches(seeds: list[Seed], outputs: dict[str, str]) -> list[str]:
    """Seeds whose copy-1 output, with the variation token removed, differs from the copy-0 output."""
    return [
        seed.name
        for seed in seeds
        if f"1/{seed.name}" in outputs and outputs[f"1/{seed.name}"].replace(" v1", "") != outputs[f"0/{seed.name}"]
    ]


# --- the report -----------------------------------------------------------------------------------


def summary_rows(runs: list[Run], seeds: list[Seed]) -> list[list[str]]:
    reference = next((r.docs_per_s for r in runs if r.tool.key == REFERENCE), 0.0)
    total_removed = sum(len(s.golden.get("removed", [])) for s in seeds)
    total_paras = sum(len(s.golden.get("paragraphs", [])) for s in seeds)
    rows = []
    for run in runs:
        ratio = f"{run.docs_per_s / reference:.2f}x" if reference else "-"
        cells = [run.tool.label, f"{run.docs_per_s:,.0f}", ratio, f"{run.docs_per_cpu_s:,.0f}", f"{run.peak_rss_mb:.0f}"]
        if run.tool.key == "harness":
            rows.append(cells + ["-", "-", "-"])
            continue
        found = quality(seeds, run.outputs)
        score = averaged_score((run.outputs[f"0/{s.name}"], s.golden.get("text", "")) for s in seeds)
        kept = sum(len(q.boilerplate_kept) for q in found)
        lost = sum(len(q.paragraphs_lost) for q in found)
        rows.append(cells + [f"{score.f1:.3f}", f"{kept} / {total_removed}", f"{lost} / {total_paras}"])
    return rows


def per_seed_rows(runs: list[Run], seeds: list[Seed]) -> list[list[str]]:
    rows = []
    for run in runs:
        if run.tool.key == "harness":
            continue
        cells = [f"{q.score.f1:.3f} · {len(q.boilerplate_kept)} · {len(q.paragraphs_lost)}" for q in quality(seeds, run.outputs)]
        rows.append([run.tool.label, *cells])
    return rows


def examples(runs: list[Run], seeds: list[Seed], limit: int = 4) -> str:
    """A few of the boilerplate lines each tool kept and of the paragraphs it lost."""
    lines = []
    for run in runs:
        if run.tool.key == "harness":
            continue
        found = quality(seeds, run.outputs)
        kept = _counted(f"{q.seed[:3]}: `{_short(t)}`" for q in found for t in q.boilerplate_kept)
        lost = _counted(f"{q.seed[:3]}: `{_short(t)}`" for q in found for t in q.paragraphs_lost)
        lines.append(f"- **{run.tool.label}** — kept: {_some(kept, limit)}; lost: {_some(lost, limit)}")
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _counted(items) -> list[str]:
    return [item + (f" ×{n}" if n > 1 else "") for item, n in Counter(items).items()]


def _some(items: list[str], limit: int) -> str:
    if not items:
        return "none"
    more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def speed_verdict(runs: list[Run]) -> str:
    """The issue's target: cleaner at least 5x the docs/s of trafilatura (its faster setting here)."""
    speeds = {r.tool.key: r.docs_per_s for r in runs}
    traf = max((speeds[k] for k in ("trafilatura", "trafilatura-precision") if k in speeds), default=0.0)
    if "cleaner" not in speeds or not traf:
        return "Speed target (cleaner >= 5x trafilatura's docs/s): not measured in this run.\n"
    verdict = "met" if speeds["cleaner"] >= 5 * traf else "NOT met"
    parts = [f"library {speeds['cleaner'] / traf:.2f}x"]
    for key, label in (("cleaner-cli-j0", "CLI in one process"), ("cleaner-cli", "CLI with its default workers")):
        if key in speeds:
            parts.append(f"{label} {speeds[key] / traf:.2f}x")
    cpu = {r.tool.key: r.docs_per_cpu_s for r in runs}
    traf_cpu = max((cpu[k] for k in ("trafilatura", "trafilatura-precision") if k in cpu), default=0.0)
    if traf_cpu:
        parts.append(f"per CPU-second: library {cpu['cleaner'] / traf_cpu:.2f}x")
    return f"Speed target (cleaner >= 5x the faster trafilatura setting, one process each): **{verdict}** — {', '.join(parts)}.\n"


def versions() -> str:
    from importlib.metadata import version

    found = []
    for name in ("cleaner", "trafilatura", "justext", "lxml"):
        try:
            found.append(f"{name} {version(name)}")
        except Exception:  # a package missing from this environment: say so in the report
            found.append(f"{name} (not installed)")
    return ", ".join(found) + f"; cleaner commit {_git_commit()}; cleaner build: {build()}"


def build() -> str:
    """Whether the cleaner measured here runs its compiled modules (`make compile`) or pure Python."""
    import cleaner.textshape

    return "compiled with mypyc (`make compile`)" if cleaner.textshape.__file__.endswith(".so") else "pure Python"


def _git_commit() -> str:
    import subprocess

    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return head + (" (with uncommitted changes)" if dirty else "")


@dataclass
class Setup:
    """How the run was made, for the report's header."""

    command: str
    docs: int
    repeat: int = 1
    load: str = "not recorded"


def render(runs: list[Run], seeds: list[Seed], setup: Setup) -> str:
    note = machine_note()
    mismatched = {r.tool.label: variation_mismatches(seeds, r.outputs) for r in runs if r.tool.key != "harness"}
    changed = {label: names for label, names in mismatched.items() if names}
    headers = ["tool", "docs/s", f"vs {REFERENCE}", "docs/CPU-s", "peak RSS MB", "F1", "boilerplate lines kept", "body paragraphs lost"]
    parts = [
        "# Benchmark: text dumps\n",
        f"- Date: {note['date']}\n- Machine: {note['nproc']} CPUs ({note['cpu']}), Python {note['python']}, {note['platform']}\n"
        f"- Load average (1 min): {setup.load}\n- Versions: {versions()}\n- Command: `{setup.command}`\n"
        f"- Input: the {len(seeds)} seeds repeated to {setup.docs:,} documents (prose lines varied per copy; see "
        f"bench/bench_dumps.py); each tool in a fresh subprocess, {setup.repeat} run(s) in alternating order, fastest kept\n\n",
        markdown_table(headers, summary_rows(runs, seeds), "lrrrrrrr"),
        "\ndocs/s: wall clock; docs/CPU-s: per second of CPU time (user + system, all of the tool's processes),\n"
        "which a busy machine disturbs less.\n",
        "\n" + speed_verdict(runs),
        "\nPer seed: F1 · boilerplate lines kept · body paragraphs lost\n\n",
        markdown_table(["tool", *[s.name[:3] for s in seeds]], per_seed_rows(runs, seeds), "lrrrrr"),
        "\nWhat each tool kept and lost (first few):\n\n" + examples(runs, seeds),
        "\nVariation check (copy 1 gives copy 0's output plus its tokens): "
        + ("all tools consistent.\n" if not changed else f"differs for {changed}.\n"),
    ]
    return "".join(parts)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="documents per tool (default: %(default)s)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of: " + ", ".join(TOOLS))
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="runs per tool, fastest kept (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown results file (default: %(default)s)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.worker:
        return worker(args.worker, args.docs, args.result)
    keys = [key.strip() for key in args.tools.split(",") if key.strip()]
    unknown = [key for key in keys if key not in TOOLS]
    if unknown:
        raise SystemExit(f"bench: unknown tool(s) {unknown}; choose from {list(TOOLS)}")
    seeds = load_seeds()
    load_before = os.getloadavg()[0]
    runs = measure_all(keys, seeds, args.docs, args.repeat)
    load = f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    command = " ".join([".venv/bin/python bench/bench_dumps.py", *(argv if argv is not None else sys.argv[1:])])
    report = render(runs, seeds, Setup(command, args.docs, args.repeat, load))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
