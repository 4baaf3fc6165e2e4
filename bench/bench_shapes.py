"""The dev dumps written as other scrapers write them: does cleaning hold when the shape changes?

    .venv/bin/python bench/bench_shapes.py                 # every shape, cleaner and trafilatura
    .venv/bin/python bench/bench_shapes.py --shapes twice,glued-space --tools cleaner --worst 5

The 105 real dumps of ``../shared/dev-dumps`` were written by a handful of scrapers; real input comes
from others. Each shape below re-writes every dump the way another kind of scraper would, and the
output is scored against the same gold with score.py's metric (bench_devdumps.py's functions): mean
F1, boilerplate strings leaked, documents under F1 0.85.

- ``as-is``: the dump itself (bench_devdumps.py's figures).
- ``blank-between``: a blank line between all lines; ``crlf-indent``: CRLF line ends and indented lines.
- ``twice``: the whole dump written twice (a scraper that writes a parent's text, then its children's).
- ``glued-space``: every line joined into one by spaces (an element's text with whitespace collapsed);
  ``glued-none``: joined with nothing (``text_content()`` of block elements without separators).
- ``wrapped``: every line hard-wrapped at 78 columns, a blank line after each (``lynx -dump``,
  ``w3m -dump``, html2text); ``wrapped-72``: at 72 columns with no blank lines (``fmt``, e-mail).

trafilatura gets the re-shaped dump as HTML, one ``<p>`` per non-blank line, as in bench_devdumps.py.
Skips with a message when ../shared is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_devdumps import Doc, available, leaked, load_corpus, prf, to_html, tokens  # noqa: E402
from common import machine_note, markdown_table  # noqa: E402

LOW_F1 = 0.85


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _wrapped(text: str, width: int, blank: bool) -> str:
    out: list[str] = []
    for line in _lines(text):
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
        if blank:
            out.append("")
    return "\n".join(out) + "\n"


SHAPES: dict[str, Callable[[str], str]] = {
    "as-is": lambda text: text,
    "blank-between": lambda text: "\n\n".join(_lines(text)) + "\n",
    "crlf-indent": lambda text: "".join("    " + line + "\r\n" for line in text.splitlines()),
    "twice": lambda text: text.rstrip("\n") + "\n" + text,
    "glued-space": lambda text: " ".join(_lines(text)) + "\n",
    "glued-none": lambda text: "".join(_lines(text)) + "\n",
    "wrapped": lambda text: _wrapped(text, 78, blank=True),
    "wrapped-72": lambda text: _wrapped(text, 72, blank=False),
}


def _cleaner() -> Callable[[str, str], str]:
    from cleaner import Cleaner

    cleaner = Cleaner()
    return lambda text, name: cleaner.clean_text(text, source=name)["text"] or ""


def _trafilatura() -> Callable[[str, str], str]:
    import trafilatura

    return lambda text, name: trafilatura.extract(to_html(text)) or ""


TOOLS = {"cleaner": _cleaner, "trafilatura": _trafilatura}


def measure(docs: list[Doc], shape: Callable[[str], str], run: Callable[[str, str], str]) -> tuple[float, int, list[tuple[float, str]]]:
    """Mean F1, leaks, and (F1, name) of every document, for one tool on one shape."""
    scores: list[tuple[float, str]] = []
    leaks = 0
    for doc in docs:
        out = tokens(run(shape(doc.path.read_text(encoding="utf-8")), doc.name))
        scores.append((prf(out, doc.gold_tokens)[2], doc.name))
        leaks += len(leaked(out, doc.gold.get("boiler", []))[0])
    return sum(f for f, _ in scores) / len(scores), leaks, sorted(scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated subset of: " + ", ".join(SHAPES))
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of: " + ", ".join(TOOLS))
    parser.add_argument("--worst", type=int, default=3, help="worst documents named per row (default %(default)s)")
    args = parser.parse_args(argv)
    missing = available()
    if missing:
        print(f"bench_shapes: skipped: {missing}")
        return 0
    docs = load_corpus()
    runs = {name: TOOLS[name]() for name in args.tools.split(",")}
    rows = []
    for shape_name in args.shapes.split(","):
        for tool, run in runs.items():
            mean, leaks, scores = measure(docs, SHAPES[shape_name], run)
            worst = ", ".join(f"{name.removesuffix('.txt')} {f:.2f}" for f, name in scores[: args.worst])
            rows.append([shape_name, tool, f"{mean:.3f}", f"{leaks} of 282", str(sum(1 for f, _ in scores if f < LOW_F1)), worst])
            print(f"bench_shapes: {shape_name} {tool} F1 {mean:.3f}", file=sys.stderr)
    print(json.dumps(machine_note()))
    print()
    print(markdown_table(["shape", "tool", "mean F1", "leaks", f"docs < {LOW_F1}", "worst"], rows, "llrrrl"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
