"""Body quality of cleaner, trafilatura and jusText on the real text dumps of ../shared/dev-dumps.

    .venv/bin/python bench/bench_devdumps.py                     # every tool, summary, tags, worst 10
    .venv/bin/python bench/bench_devdumps.py --tools cleaner --worst 20
    .venv/bin/python bench/bench_devdumps.py --tools cleaner --doc republika__101   # one document, line by line
    .venv/bin/python bench/bench_devdumps.py --tools cleaner --docs --tag data-list
    .venv/bin/python bench/bench_devdumps.py --save /tmp/before.json   # ... change something, then:
    .venv/bin/python bench/bench_devdumps.py --tools cleaner --against /tmp/before.json   # what moved
    .venv/bin/python bench/bench_devdumps.py --out bench/results/devdumps.md   # the committed report

Input: the 105 dumps of ``../shared/dev-dumps/text`` with their gold (``gold.json``) and problem tags
(``MANIFEST.tsv``). The tools: cleaner (the library, as ``cleaner clean`` runs it: ``clean_bytes``
on each file's bytes), trafilatura ``extract`` with its defaults and jusText with the Indonesian
stoplist, both given each dump as HTML with one ``<p>`` per non-blank line (inside ``<html><body>``),
and the raw input itself as the baseline that removes nothing.

The metric is ``../shared/dev-dumps/score.py``'s, written out here so that a document can be taken
apart: per document, body precision, recall and F1 over multisets of lower-cased ``\\w+`` tokens of
the output against the gold body entries joined; a leak is a gold boilerplate string whose inner
tokens (first and last dropped, at least two left) occur in order, contiguously, in the output's
tokens. Means are over documents. ``tests/test_bench_devdumps.py`` runs score.py on the records this
script writes (``--records DIR``) and checks that both give the same figures.

Causes (cleaner only, from the explain data of each document): the body tokens the output misses are
put down to the removed lines and cut parts that held them (in line order, each missing token once),
grouped by the rule that removed them (``body lost``); the tokens the output has beyond the gold are
put down to the kept lines holding them (``text kept``), and a kept line holding a gold boilerplate
string is named with it (``leak``). The sums are the document's exact precision and recall losses.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import signal
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Callable, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine_note, markdown_table  # noqa: E402  (bench/ on the path: run as a script)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev-dumps"
RESULTS = ROOT / "bench" / "results" / "devdumps.md"
TOKEN = re.compile(r"\w+", re.UNICODE)
LOW_F1 = 0.8  # score.py's "documents under F1 0.8"
TARGET = {"f1": 0.98, "leaks": 28, "min_f1": 0.85, "clean": 0.99, "tag_docs": 5}  # issue 12's "Done when"
DEFAULT_WORST = 10
PREVIEW = 90


def tokens(text: str | None) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text or "")]


# --- the corpus -----------------------------------------------------------------------------------


@dataclass
class Doc:
    name: str  # the file name, the key of gold.json
    path: Path
    gold: dict
    tags: list[str]
    gold_tokens: list[str] = default(default_factory=list)

    def __post_init__(self) -> None:
        self.gold_tokens = [t for entry in self.gold["body"] for t in tokens(entry)]


def available(dev: Path = DEV) -> str | None:
    """None when the corpus is there, else why not (the benchmark and its test skip with it)."""
    for needed in ("gold.json", "text", "MANIFEST.tsv"):
        if not (dev / needed).exists():
            return f"{dev / needed} not found (the dev-dumps corpus sits in ../shared beside the checkout)"
    return None


def load_corpus(dev: Path = DEV) -> list[Doc]:
    gold = json.loads((dev / "gold.json").read_text(encoding="utf-8"))
    tags: dict[str, list[str]] = {}
    for row in (dev / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 5:
            tags[cols[0].split("/")[-1]] = [t.strip() for t in cols[4].split(",") if t.strip()]
    return [Doc(name, dev / "text" / name, gold[name], tags.get(name, [])) for name in sorted(gold)]


# --- the metric (score.py's) ----------------------------------------------------------------------


def prf(out: list[str], gold: list[str]) -> tuple[float, float, float]:
    o, g = Counter(out), Counter(gold)
    if not g:
        return (1.0, 1.0, 1.0) if not o else (0.0, 1.0, 0.0)
    if not o:
        return (1.0, 0.0, 0.0)
    overlap = sum((o & g).values())
    p, r = overlap / sum(o.values()), overlap / sum(g.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def contains(seq: list[str], sub: list[str]) -> bool:
    n, first = len(sub), sub[0]
    return any(seq[i] == first and seq[i : i + n] == sub for i in range(len(seq) - n + 1))


def checkable(snippet: str) -> list[str] | None:
    """The tokens a leak looks for: the snippet's inner tokens, None when fewer than two."""
    inner = tokens(snippet)[1:-1]
    return inner if len(inner) >= 2 else None


def leaked(out_tokens: list[str], boiler: Iterable[str]) -> tuple[list[str], int]:
    """(the boilerplate strings found in the output, how many could be checked)."""
    found, checked = [], 0
    for snippet in boiler:
        inner = checkable(snippet)
        if inner is None:
            continue
        checked += 1
        if contains(out_tokens, inner):
            found.append(snippet)
    return found, checked


@dataclass
class Scored:
    """One tool's output for one document, scored; ``causes`` only for cleaner."""

    doc: Doc
    text: str
    p: float
    r: float
    f1: float
    leaks: list[str]
    checked: int
    causes: "Causes | None" = None
    document: object = None  # cleaner's Document, every line with its fate


def score(doc: Doc, text: str) -> Scored:
    out = tokens(text)
    p, r, f1 = prf(out, doc.gold_tokens)
    found, checked = leaked(out, doc.gold.get("boiler", []))
    return Scored(doc, text, p, r, f1, found, checked)


# --- the tools ------------------------------------------------------------------------------------

Run = Callable[[Doc], Scored]


def to_html(text: str) -> str:
    """A dump as the HTML the other extractors get: one escaped <p> per non-blank line."""
    paras = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{paras}\n</body></html>"


def _cleaner(rules_dirs: tuple[str, ...]) -> Run:
    from cleaner import Cleaner, Options
    from cleaner.record import build_record

    cleaner = Cleaner(Options(rules_dirs=rules_dirs))

    def run(doc: Doc) -> Scored:
        document = cleaner.process_bytes(doc.path.read_bytes(), str(doc.path))
        scored = score(doc, build_record(document)["text"])
        scored.causes, scored.document = causes(doc, document, scored), document
        return scored

    return run


def _trafilatura(rules_dirs: tuple[str, ...]) -> Run:
    import trafilatura

    return lambda doc: score(doc, trafilatura.extract(to_html(_read(doc))) or "")


def _justext(rules_dirs: tuple[str, ...]) -> Run:
    import justext

    stoplist = justext.get_stoplist("Indonesian")

    def run(doc: Doc) -> Scored:
        paragraphs = justext.justext(to_html(_read(doc)), stoplist)
        return score(doc, "\n".join(p.text for p in paragraphs if not p.is_boilerplate))

    return run


def _raw(rules_dirs: tuple[str, ...]) -> Run:
    return lambda doc: score(doc, _read(doc))


def _read(doc: Doc) -> str:
    return doc.path.read_text(encoding="utf-8", errors="replace")


TOOLS: dict[str, tuple[str, Callable[[tuple[str, ...]], Run]]] = {
    "cleaner": ("cleaner", _cleaner),
    "trafilatura": ("trafilatura (one `<p>` per line)", _trafilatura),
    "justext": ("jusText (Indonesian)", _justext),
    "raw": ("the raw input", _raw),
}
PEERS = ("trafilatura", "justext")


@dataclass
class ToolRun:
    key: str
    results: list[Scored]

    @property
    def label(self) -> str:
        return TOOLS[self.key][0]

    def by_name(self) -> dict[str, Scored]:
        return {s.doc.name: s for s in self.results}


def run_tool(key: str, docs: list[Doc], rules_dirs: tuple[str, ...] = ()) -> ToolRun:
    run = TOOLS[key][1](rules_dirs)
    return ToolRun(key, [run(doc) for doc in docs])


# --- causes: which lines lost body text, which kept text that is not body -------------------------


@dataclass
class Causes:
    lost: dict[str, list[tuple[int, int, str]]]  # rule -> [(line number, body tokens lost, text)]
    extra: list[tuple[int, int, str]]  # kept lines holding text beyond the gold: (line, tokens, text)
    leaks: list[tuple[int, str]]  # (line number, the boilerplate string); 0 when it spans kept lines
    by_line: dict[tuple[int, int], list[str]] = default(default_factory=dict)  # (line, segment) -> notes, for --doc

    def lost_tokens(self) -> int:
        return sum(n for rows in self.lost.values() for _, n, _ in rows)

    def extra_tokens(self) -> int:
        return sum(n for _, n, _ in self.extra)


def _take(pool: Counter, text: str) -> int:
    """Remove ``text``'s tokens from the multiset ``pool`` as far as it holds them; how many were taken."""
    taken = 0
    for token in tokens(text):
        if pool[token] > 0:
            pool[token] -= 1
            taken += 1
    return taken


def causes(doc: Doc, document, scored: Scored) -> Causes:
    from cleaner.model import Fate

    out, gold = Counter(tokens(scored.text)), Counter(doc.gold_tokens)
    missing, extra = gold - out, out - gold
    found = Causes(defaultdict(list), [], [])
    for line in document.lines:
        notes = found.by_line.setdefault((line.number, line.segment), [])
        pieces = [(line.text, line.rule, "")] if line.fate is not Fate.KEPT else [(c.text, c.rule, "cut ") for c in line.cuts]
        for text, rule, how in pieces:
            taken = _take(missing, text)
            if how:
                notes.append(f"cut by {rule}: {_short(text, 40)!r}")
            if taken:
                found.lost[rule or "(no rule)"].append((line.number, taken, text))
                notes.append(f"BODY LOST {taken} tokens ({how}{rule})")
        if line.fate is Fate.KEPT:
            taken = _take(extra, line.content)
            if taken:
                found.extra.append((line.number, taken, line.content))
                notes.append(f"NOT BODY {taken} tokens")
    found.lost = dict(found.lost)
    for snippet in scored.leaks:
        where = _leak_line(document, checkable(snippet) or [])
        found.leaks.append((where[0] if where else 0, snippet))
        if where:
            found.by_line[where].append(f"LEAK {_short(snippet, 40)!r}")
    return found


def _leak_line(document, inner: list[str]) -> tuple[int, int] | None:
    """(line, segment) of the kept line holding ``inner``; for one spread over the kept segments of a
    glued line, that line's first kept segment."""
    from cleaner.model import Fate

    joined: dict[int, list[str]] = defaultdict(list)
    first: dict[int, tuple[int, int]] = {}
    for line in document.lines:
        if line.fate is Fate.KEPT:
            if contains(tokens(line.content), inner):
                return line.number, line.segment
            joined[line.number] += tokens(line.content)
            first.setdefault(line.number, (line.number, line.segment))
    return next((first[n] for n, toks in joined.items() if contains(toks, inner)), None)


def _short(text: str, width: int = PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _lines(numbers: Iterable[int], limit: int = 6) -> str:
    unique = sorted(set(numbers))
    shown = ", ".join(str(n) for n in unique[:limit])
    return shown + (f" (+{len(unique) - limit})" if len(unique) > limit else "")


def describe_cause(s: Scored, quote: bool = True) -> list[str]:
    """What went wrong in one document of cleaner's, the larger loss first. ``quote=False`` leaves the
    texts out (the committed report holds no publisher text: only line numbers and rule ids)."""
    c = s.causes
    if c is None:
        return []
    said = (lambda text: f": {_short(text, 60)!r}") if quote else (lambda text: "")
    lost = [
        f"body lost: {sum(n for _, n, _ in rows)} tokens by `{rule}` (lines {_lines(r[0] for r in rows)})" + said(rows[0][2])
        for rule, rows in sorted(c.lost.items(), key=lambda kv: -sum(n for _, n, _ in kv[1]))
    ]
    per_line: Counter = Counter()
    for number, count, _ in c.extra:  # the segments of a glued line together
        per_line[number] += count
    kept = []
    if per_line:
        (most, count), = per_line.most_common(1)
        kept.append(f"text kept that is not body: {c.extra_tokens()} tokens, in lines {_lines(per_line)}; "
                    f"most in line {most} ({count})" + said(next(text for n, _, text in c.extra if n == most)))
    for line, snippet in c.leaks:
        where = f"line {line}" if line else "across kept lines"
        kept.append(f"leak: {_short(snippet, 60)!r} kept ({where})" if quote else f"leak kept ({where})")
    precision_loss, recall_loss = 1 - s.p, 1 - s.r
    return (kept + lost) if precision_loss >= recall_loss else (lost + kept)


def main_cause(s: Scored) -> str:
    if s.causes is None:
        return ""
    if 1 - s.p >= 1 - s.r:
        return "boilerplate or repeated text kept" if s.causes.extra else "-"
    rules = sorted(s.causes.lost.items(), key=lambda kv: -sum(n for _, n, _ in kv[1]))
    return "body lost (" + ", ".join(f"`{rule}`" for rule, _ in rules[:2]) + ")" if rules else "body lost"


# --- the figures ----------------------------------------------------------------------------------


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


@dataclass
class Summary:
    p: float
    r: float
    f1: float
    leaks: int
    checked: int
    low: list[str]  # documents under LOW_F1
    under_target: list[str]  # documents under TARGET["min_f1"]
    by_tag: dict[str, tuple[float, int]]


def summarise(results: list[Scored]) -> Summary:
    tags: dict[str, list[float]] = defaultdict(list)
    for s in results:
        for tag in s.doc.tags:
            tags[tag].append(s.f1)
    return Summary(
        mean(s.p for s in results),
        mean(s.r for s in results),
        mean(s.f1 for s in results),
        sum(len(s.leaks) for s in results),
        sum(s.checked for s in results),
        [s.doc.name for s in results if s.f1 < LOW_F1],
        [s.doc.name for s in results if s.f1 < TARGET["min_f1"]],
        {tag: (mean(v), len(v)) for tag, v in sorted(tags.items(), key=lambda kv: (-len(kv[1]), kv[0]))},
    )


def summary_table(runs: list[ToolRun]) -> str:
    rows = []
    for run in runs:
        s = summarise(run.results)
        rows.append([run.label, f"{s.p:.3f}", f"{s.r:.3f}", f"**{s.f1:.3f}**" if run.key == "cleaner" else f"{s.f1:.3f}",
                     f"{s.leaks} of {s.checked}", str(len(s.low)), str(len(s.under_target))])
    headers = ["tool", "mean P", "mean R", "mean F1", "boilerplate strings leaked", f"docs under F1 {LOW_F1}", f"docs under {TARGET['min_f1']}"]
    return markdown_table(headers, rows, "lrrrrrr")


def tag_table(runs: list[ToolRun], min_docs: int = 1) -> str:
    summaries = {run.key: summarise(run.results) for run in runs}
    first = summaries[runs[0].key]
    rows = []
    for tag, (_, count) in first.by_tag.items():
        if count < min_docs:
            continue
        cells = [f"{summaries[run.key].by_tag[tag][0]:.3f}" for run in runs]
        rows.append([f"`{tag}`", str(count), *cells, _tag_verdict(summaries, tag, count)])
    return markdown_table(["problem tag", "docs", *[run.label for run in runs], "cleaner above both peers"], rows, "lr" + "r" * len(runs) + "l")


def _tag_verdict(summaries: dict[str, Summary], tag: str, count: int) -> str:
    if "cleaner" not in summaries or not all(p in summaries for p in PEERS):
        return ""
    ours = summaries["cleaner"].by_tag[tag][0]
    best = max(summaries[p].by_tag[tag][0] for p in PEERS)
    mark = "yes" if ours > best else "**no**"
    return mark if count >= TARGET["tag_docs"] else f"({mark})"


def targets(runs: list[ToolRun]) -> str:
    """Issue 12's "Done when" for the dev corpus, met or not, from this run."""
    found = {run.key: summarise(run.results) for run in runs}
    if "cleaner" not in found:
        return ""
    c = found["cleaner"]
    clean = c.by_tag.get("clean", (0.0, 0))[0]
    lines = [
        _verdict(f"mean F1 >= {TARGET['f1']}", c.f1 >= TARGET["f1"], f"{c.f1:.3f}"),
        _verdict(f"at most {TARGET['leaks']} boilerplate strings leaked", c.leaks <= TARGET["leaks"], f"{c.leaks} of {c.checked}"),
        _verdict(f"no document under F1 {TARGET['min_f1']}", not c.under_target,
                 f"{len(c.under_target)}" + (f": {', '.join(n.removesuffix('.txt') for n in c.under_target)}" if c.under_target else "")),
        _verdict(f"documents tagged `clean` >= {TARGET['clean']}", clean >= TARGET["clean"], f"{clean:.3f}"),
    ]
    if all(p in found for p in PEERS):
        behind = [tag for tag, (f1, n) in c.by_tag.items()
                  if n >= TARGET["tag_docs"] and f1 <= max(found[p].by_tag[tag][0] for p in PEERS)]
        lines.append(_verdict(f"above trafilatura and jusText on every tag with {TARGET['tag_docs']}+ documents", not behind,
                              "behind or equal on " + ", ".join(f"`{t}`" for t in behind) if behind else "all"))
    return "\n".join(lines) + "\n"


def _verdict(what: str, met: bool, value: str) -> str:
    return f"- {what}: {'met' if met else '**not met**'} ({value})"


def worst(run: ToolRun, count: int, quote: bool = True) -> str:
    """The ``count`` lowest-F1 documents, each with what went wrong (cleaner: the rules responsible)."""
    rows = sorted(run.results, key=lambda s: (s.f1, s.doc.name))[:count]
    parts = []
    for s in rows:
        head = (f"- **{s.doc.name.removesuffix('.txt')}** F1 {s.f1:.3f} (P {s.p:.3f}, R {s.r:.3f}), leaks "
                f"{len(s.leaks)}/{s.checked}; tags {', '.join(s.doc.tags)}")
        parts.append(head + "".join(f"\n  - {line}" for line in describe_cause(s, quote)[:4]))
    return "\n".join(parts) + "\n"


def per_doc_table(runs: list[ToolRun]) -> str:
    by_tool = [run.by_name() for run in runs]
    rows = []
    for name in sorted(by_tool[0]):
        s = by_tool[0][name]
        cells = [f"{b[name].f1:.3f}" for b in by_tool]
        rows.append([name.removesuffix(".txt"), f"{s.p:.3f}", f"{s.r:.3f}", *cells, f"{len(s.leaks)}/{s.checked}", main_cause(s)])
    headers = ["document", f"P ({runs[0].label})", "R", *[f"F1 {run.label}" for run in runs], "leaks", "main cause"]
    return markdown_table(headers, rows, "lrr" + "r" * len(runs) + "rl")


def explain_doc(run: ToolRun, name: str) -> str:
    """One document line by line: the fate of every line, body text lost, text kept beyond the gold."""
    s = next((s for s in run.results if s.doc.name in (name, f"{name}.txt")), None)
    if s is None:
        raise SystemExit(f"bench: no document {name!r} in the corpus")
    out = [f"# {s.doc.name}: F1 {s.f1:.3f} (P {s.p:.3f}, R {s.r:.3f}), leaks {len(s.leaks)}/{s.checked}; tags {', '.join(s.doc.tags)}"]
    out += [f"  {line}" for line in describe_cause(s)]
    if run.key == "cleaner":
        out.append("")
        out += _doc_lines(s)
    else:
        out += ["", s.text]
    return "\n".join(out) + "\n"


def _doc_lines(s: Scored) -> list[str]:
    document, c = s.document, s.causes
    assert c is not None and document is not None
    rows = []
    for line in document.lines:
        number = f"{line.number}" + (f".{line.segment}" if line.segment else "")
        fate = f"kept:{line.kind.value}" if line.kept else (f"meta:{line.field}" if line.field else "removed")
        rule = f" <- {line.rule}" if line.rule and not line.kept else ""
        notes = c.by_line.get((line.number, line.segment))
        rows.append(f"{number:>6} {fate:<16} {_short(line.text)}{rule}" + (f"   [{'; '.join(notes)}]" if notes else ""))
    return rows


# --- saving and comparing runs --------------------------------------------------------------------


def saved(runs: list[ToolRun]) -> dict:
    return {run.key: {s.doc.name: {"p": s.p, "r": s.r, "f1": s.f1, "leaks": len(s.leaks)} for s in run.results} for run in runs}


def compare(runs: list[ToolRun], before: dict, threshold: float = 0.001) -> str:
    """Documents and problem tags whose F1 moved against a run saved with ``--save``."""
    out = []
    for run in runs:
        old = before.get(run.key)
        if not old:
            continue
        moved = [(s, old[s.doc.name]) for s in run.results if s.doc.name in old
                 and (abs(s.f1 - old[s.doc.name]["f1"]) >= threshold or len(s.leaks) != old[s.doc.name]["leaks"])]
        old_f1 = mean(old[s.doc.name]["f1"] for s in run.results if s.doc.name in old)
        new = summarise(run.results)
        old_leaks = sum(old[s.doc.name]["leaks"] for s in run.results if s.doc.name in old)
        out.append(f"## {run.label}: mean F1 {old_f1:.3f} -> {new.f1:.3f}, leaks {old_leaks} -> {new.leaks}; {len(moved)} document(s) moved")
        for s, was in sorted(moved, key=lambda pair: pair[0].f1 - pair[1]["f1"]):
            out.append(f"  {s.doc.name.removesuffix('.txt'):<24} F1 {was['f1']:.3f} -> {s.f1:.3f}  leaks {was['leaks']} -> {len(s.leaks)}  [{', '.join(s.doc.tags)}]")
        tags: dict[str, list[float]] = defaultdict(list)
        for s in run.results:
            if s.doc.name in old:
                for tag in s.doc.tags:
                    tags[tag].append(old[s.doc.name]["f1"])
        shifts = [(tag, mean(v), new.by_tag[tag][0], len(v)) for tag, v in tags.items() if abs(new.by_tag[tag][0] - mean(v)) >= threshold]
        if shifts:
            out.append("  tags: " + ", ".join(f"{t} {a:.3f}->{b:.3f} ({n})" for t, a, b, n in sorted(shifts, key=lambda x: x[1] - x[2])))
    return "\n".join(out) + "\n"


def write_records(runs: list[ToolRun], folder: Path) -> None:
    """Each tool's output as JSONL records (``source``, ``text``), the input score.py reads."""
    folder.mkdir(parents=True, exist_ok=True)
    for run in runs:
        with (folder / f"{run.key}.jsonl").open("w", encoding="utf-8") as out:
            for s in run.results:
                out.write(json.dumps({"source": str(s.doc.path), "text": s.text}, ensure_ascii=False) + "\n")


# --- the report -----------------------------------------------------------------------------------


def versions() -> str:
    from bench_dumps import versions as tool_versions  # the same line the text-dump benchmark prints

    return tool_versions()


def render(runs: list[ToolRun], args: argparse.Namespace, command: str, quote: bool = True) -> str:
    note = machine_note()
    parts = [
        "# Benchmark: real text dumps (../shared/dev-dumps)\n\n",
        f"- Date: {note['date']}\n- Machine: {note['nproc']} CPUs ({note['cpu']}), Python {note['python']}\n"
        f"- Versions: {versions()}\n- Command: `{command}`\n"
        f"- Input: {len(runs[0].results)} real dumps with gold; the metric is `../shared/dev-dumps/score.py`'s (see "
        "bench/bench_devdumps.py); trafilatura and jusText get one `<p>` per line\n\n",
        summary_table(runs),
    ]
    if any(run.key == "cleaner" for run in runs):
        parts += ["\nIssue 12's targets for the dev corpus:\n\n", targets(runs)]
    parts += ["\nMean F1 per problem tag (tags of 5+ documents count for the target; others in brackets):\n\n", tag_table(runs)]
    first = runs[0]
    if args.worst:
        parts += [f"\nThe {args.worst} worst documents ({first.label}):\n\n", worst(first, args.worst, quote)]
    if args.docs:
        parts += ["\nEvery document:\n\n", per_doc_table(runs)]
    return "".join(parts)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of: " + ", ".join(TOOLS) + " (first one: worst/docs/doc)")
    parser.add_argument("--worst", type=int, default=DEFAULT_WORST, metavar="N", help="the N worst documents with their causes (default %(default)s; 0: none)")
    parser.add_argument("--docs", action="store_true", help="a row per document: P, R, F1 of each tool, leaks, main cause")
    parser.add_argument("--doc", metavar="NAME", help="one document line by line (republika__101): fates, body lost, text kept, leaks")
    parser.add_argument("--tag", action="append", default=[], help="only documents with this problem tag (repeatable)")
    parser.add_argument("--only", action="append", default=[], help="only documents whose name starts with this (repeatable: --only okezone)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule directory for cleaner (as cleaner clean --rules)")
    parser.add_argument("--save", type=Path, help="write every document's scores to this JSON file")
    parser.add_argument("--against", type=Path, help="compare with scores saved by --save: documents and tags that moved")
    parser.add_argument("--records", type=Path, metavar="DIR", help="write each tool's output as DIR/<tool>.jsonl (score.py's input)")
    parser.add_argument("--out", type=Path, help=f"write the report to this markdown file (the committed one: {RESULTS.relative_to(ROOT)})")
    parser.add_argument("--dev", type=Path, default=DEV, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = available(args.dev)
    if missing:
        print(f"bench: skipped: {missing}", file=sys.stderr)
        return 0
    keys = [key.strip() for key in args.tools.split(",") if key.strip()]
    unknown = [key for key in keys if key not in TOOLS]
    if unknown or not keys:
        raise SystemExit(f"bench: unknown tool(s) {unknown}; choose from {list(TOOLS)}")
    docs = [d for d in load_corpus(args.dev)
            if all(tag in d.tags for tag in args.tag) and (not args.only or d.name.startswith(tuple(args.only)))]
    if args.doc:
        docs = [d for d in docs if d.name in (args.doc, f"{args.doc}.txt")] or docs
    if not docs:
        raise SystemExit("bench: no document left after --tag/--only")
    runs = [run_tool(key, docs, tuple(args.rules)) for key in keys]
    if args.records:
        write_records(runs, args.records)
    if args.save:
        args.save.write_text(json.dumps(saved(runs), indent=1), encoding="utf-8")
    if args.doc:
        print(explain_doc(runs[0], args.doc))
        return 0
    if args.against:
        print(compare(runs, json.loads(args.against.read_text(encoding="utf-8"))))
    command = " ".join([".venv/bin/python bench/bench_devdumps.py", *(argv if argv is not None else sys.argv[1:])])
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(render(runs, args, command, quote=False), encoding="utf-8")
    print(render(runs, args, command))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `... | head` ends the report quietly
    sys.exit(main())
