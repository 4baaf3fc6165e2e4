"""Instructions per document of ``Cleaner().clean_text``, counted by valgrind: a speed measure that
does not move with the machine's load.

    .venv/bin/python bench/instructions.py [--docs 500] [--top 25]

This machine's wall-clock speed drifts by 20-30% between runs, which hides a 2% change. valgrind's
callgrind counts the instructions the CPU executes instead; the count is the same from run to run
(within ~0.7%: string hashing is randomised per process). The script runs the same documents as
bench_dumps.py (the seeds, prose lines varied per copy) twice under callgrind, once with no measured
documents and once with ``--docs``, both after the same 200-document warm-up, and divides the
difference by ``--docs``: imports, rule loading and the warm-up cancel out. Then it lists the
functions with the most instructions per document, inclusive of what they call (compiled build:
``CPyDef_<module>___<function>``). Fewer instructions is not always less time (cache misses,
allocation), so confirm a change with bench/interleaved.py or bench_dumps.py; but a change this
reports as 3% fewer is a real 3%, which a timed run on this machine cannot show. Needs valgrind
(Debian: ``apt-get install valgrind``); about a minute for 500 documents.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dumps import load_seeds, varied_documents  # noqa: E402  (the path line above makes bench/ importable)

WARM_UP_DOCS = 200
TOTAL = re.compile(r"Collected : (\d+)")
ANNOTATED = re.compile(r"\s*([\d,]+) \([^)]*\)\s+(.*)")


def worker(docs: int) -> None:
    """Run inside valgrind: warm up, then clean ``docs`` documents."""
    from cleaner import Cleaner

    seeds = load_seeds()
    cleaner = Cleaner()
    texts = varied_documents(seeds, docs + WARM_UP_DOCS)
    for text in texts[docs:]:
        cleaner.clean_text(text)
    for text in texts[:docs]:
        cleaner.clean_text(text)


def callgrind(docs: int, out: Path) -> int:
    """Total instructions of one worker run (its profile written to ``out``)."""
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__, "--worker", str(docs)]
    run = subprocess.run(command, capture_output=True, text=True, check=True)
    found = TOTAL.search(run.stderr)
    if found is None:
        raise SystemExit(f"instructions: no total in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def inclusive(profile: Path) -> dict[str, int]:
    """Function -> instructions, inclusive of its callees (callgrind_annotate)."""
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", "--auto=no", str(profile)],
        capture_output=True, text=True, check=True,
    ).stdout
    return parse_annotated(text)


def parse_annotated(text: str) -> dict[str, int]:
    """``callgrind_annotate`` lines ('  1,234 (0.5%)  file.c:function [object]') -> function -> count."""
    found: dict[str, int] = {}
    for line in text.splitlines():
        match = ANNOTATED.match(line)
        if match and "PROGRAM TOTALS" not in match.group(2):
            name = re.sub(r" \[.*\]$", "", match.group(2)).rsplit(":", 1)[-1]
            # a compiled function is listed once per source file its inlined parts come from, each
            # with the whole function's inclusive cost: keep the largest, do not add them up
            found[name] = max(found.get(name, 0), int(match.group(1).replace(",", "")))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500, help="measured documents (default: %(default)s)")
    parser.add_argument("--top", type=int, default=25, help="functions listed (default: %(default)s; 0: none)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        return worker(args.worker)
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as tmp:
        base, measured = Path(tmp, "base.out"), Path(tmp, "measured.out")
        per_doc = (callgrind(args.docs, measured) - callgrind(0, base)) / args.docs
        print(f"{per_doc:,.0f} instructions per document ({args.docs} documents, after a {WARM_UP_DOCS}-document warm-up)")
        if args.top:
            before, after = inclusive(base), inclusive(measured)
            rows = {name: (after[name] - before.get(name, 0)) / args.docs for name in after}
            ours = [(cost, name) for name, cost in rows.items() if name.startswith("CPyDef_")]
            if not ours:
                print("\n(no compiled functions in the profile: the function list needs the compiled build, `make compile`)")
                return
            print(f"\n{'per doc':>12}  {'share':>6}  function (inclusive)")
            for cost, name in sorted(ours, reverse=True)[: args.top]:
                print(f"{cost:12,.0f}  {cost / per_doc:6.1%}  {name}")


if __name__ == "__main__":
    main()
