"""How well `cleaner rules suggest` learns a site: boilerplate removed, article lines wrongly touched.

    .venv/bin/python bench/bench_suggest.py [--docs 30] [--out bench/results/suggest.md]

For each page template (the furniture of seed 000, Kompas.com, and seed 003, CNBC Indonesia; see
tests/fixtures/suggest/corpus.py) and each source of article text, the script generates ``--docs``
training pages, runs ``cleaner rules suggest`` on them (the CLI, as a user would), checks the draft
with ``cleaner rules check``, and measures the draft on the training pages and on as many unseen pages
of the same template. Article text comes from the seed dumps' sentences (word order shuffled so that no
line recurs) and, when ``../shared`` is present, from real sentences of the id-html-2016 article pages
(extracted with trafilatura), used as they are, except sentences that open with a dateline
("LOS ANGELES, KOMPAS.com - ..."): those are another page's furniture, not article text.

Measured with the draft's own rules only (no generic rules, no heuristics), on labelled lines:
boilerplate removed = boilerplate lines the rules remove or consume / all boilerplate lines; metadata
taken = date, author and wire lines consumed or removed; body lines wrong = article lines removed or
changed beyond their expected text (the dateline prefix must go, the rest stay); titles touched. Also
the whole pipeline (generic rules, heuristics, metadata) with the draft as the site's rule file:
pages whose record text is exactly the article text, and the shingle F1 of bench/common.py.
A sample-size sweep shows how many pages the suggester needs.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "suggest"))
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402
from common import shingle_score  # noqa: E402

from cleaner.lines import normalise  # noqa: E402
from cleaner.pipeline import Cleaner, Options  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench" / "id-html-2016"
CLEANER = [sys.executable, "-m", "cleaner"]
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
DATELINE = re.compile(r"^.{2,60}?\s[-–—]{1,2}\s")


def real_sentences() -> list[str] | None:
    """Sentences of the id-html-2016 article pages, or None when ../shared is absent."""
    if not SHARED.is_dir():
        return None
    import trafilatura

    found = []
    for page in sorted(SHARED.glob("*-singlepage*.html")):
        text = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace")) or ""
        for para in text.splitlines():
            found += [s.strip() for s in SENTENCE.split(para) if len(s.split()) >= 6 and s.strip()[-1:] in ".!?\"”"]
    # a sentence opening with its own site's dateline ("LOS ANGELES, KOMPAS.com - ...") is furniture, not text
    return [s for s in dict.fromkeys(found) if not DATELINE.match(s)]


def run_suggest(pages: list[corpus.Page], site: str, work: Path) -> tuple[Path, float, str]:
    """Write the pages, run `cleaner rules suggest` and `rules check` on its output."""
    corpus.write(pages, work / "pages")
    out = work / f"{site}.toml"
    start = time.perf_counter()
    subprocess.run([*CLEANER, "rules", "suggest", str(work / "pages"), "--site", site, "-o", str(out)], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    check = subprocess.run([*CLEANER, "rules", "check", str(out)], capture_output=True, text=True)
    verdict = "passes" if check.returncode == 0 else "FAILS: " + check.stdout.strip().replace("\n", "; ")
    return out, seconds, verdict


def row(name: str, score: corpus.Score) -> str:
    return (
        f"| {name} | {score.boilerplate_removed}/{score.boilerplate} = {score.boilerplate_share:.1%} "
        f"| {score.meta_taken}/{score.meta} | {len(score.body_wrong)} of {score.body} | {score.titles_touched} |"
    )


def end_to_end(pages: list[corpus.Page], rule_file: Path, site: str) -> str:
    """The whole pipeline (generic rules and heuristics too) with the draft as the site's rule file."""
    cleaner = Cleaner(Options(rules_dirs=(str(rule_file.parent),), site=site))
    exact, f1 = 0, 0.0
    for page in pages:
        expected = "\n\n".join(normalise(page.expected[n]) for n in sorted(page.expected))
        text = cleaner.clean_text(page.text(), page.name)["text"]
        exact += text == expected
        f1 += shingle_score(text, expected).f1
    return f"{exact}/{len(pages)} pages with exactly the article text, mean shingle F1 {f1 / len(pages):.3f}"


def measure(template: str, source: str, sentences: list[str] | None, docs: int, work: Path) -> list[str]:
    train = corpus.build(template, docs, seed=1, sentences=sentences)
    test = corpus.build(template, docs, seed=2, sentences=sentences)
    rule_file, seconds, verdict = run_suggest(train, template, work / f"{template}-{source}")
    rules = rule_file.read_text(encoding="utf-8").count("[[rule]]")
    lines = [f"### {template} furniture, article text from {source}", "",
             f"`rules suggest` on {docs} pages: {rules} rules in {seconds:.2f}s; `rules check`: {verdict}.", "",
             "| pages | boilerplate removed | metadata lines taken | body lines wrong | titles touched |",
             "|---|---|---|---|---|"]
    lines += [row(f"{docs} training pages", corpus.evaluate(train, rule_file)), row(f"{docs} unseen pages", corpus.evaluate(test, rule_file)), ""]
    lines += [f"Whole pipeline (generic rules and heuristics too) with the draft on the unseen pages: {end_to_end(test, rule_file, template)}.", ""]
    missed = corpus.evaluate(test, rule_file).missed
    if missed:
        lines += ["Furniture left on unseen pages: " + "; ".join(f"`{text[:60]}` x{n}" for text, n in sorted(missed.items(), key=lambda x: -x[1])[:6]), ""]
    return lines


def sweep(template: str, sizes: list[int], work: Path) -> list[str]:
    lines = [f"### Sample size ({template} furniture, seed sentences; measured on 30 unseen pages)", "",
             "| training pages | rules | boilerplate removed | metadata lines taken | body lines wrong |", "|---|---|---|---|---|"]
    test = corpus.build(template, 30, seed=2)
    for size in sizes:
        rule_file, _, _ = run_suggest(corpus.build(template, size, seed=1), template, work / f"sweep-{template}-{size}")
        score = corpus.evaluate(test, rule_file)
        rules = rule_file.read_text(encoding="utf-8").count("[[rule]]")
        lines.append(f"| {size} | {rules} | {score.boilerplate_share:.1%} | {score.meta_taken}/{score.meta} | {len(score.body_wrong)} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "suggest.md"))
    args = parser.parse_args()
    sources = [("seed sentences (shuffled)", None)]
    real = real_sentences()
    if real:
        sources.append((f"id-html-2016 ({len(real)} real sentences)", real))
    else:
        print("../shared/bench/id-html-2016 not found: measuring with the seed sentences only", file=sys.stderr)
    report = ["# `cleaner rules suggest`: measured", "", f"Command: `.venv/bin/python bench/bench_suggest.py --docs {args.docs}`", "",
              "Own rules only (no generic rules, no heuristics). Target: at least 90% of boilerplate lines removed, no body line touched.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        for template in sorted(corpus.TEMPLATES):
            for name, sentences in sources:
                report += measure(template, name, sentences, args.docs, Path(tmp))
        for template in sorted(corpus.TEMPLATES):
            report += sweep(template, [3, 5, 10, 30], Path(tmp))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
