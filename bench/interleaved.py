"""cleaner against trafilatura on the seed dumps, timed in turns inside one process.

    .venv/bin/python bench/interleaved.py [--docs 3000] [--block 250]

bench_dumps.py runs each tool in its own process, one after the other; on a shared machine whose speed
drifts by 20-30% over a minute, the two tools' best rounds may meet the machine in different states.
Here both run in one process on the same documents (bench_dumps.py's varied seed copies; trafilatura
gets its HTML form), in alternating blocks, and only CPU time is counted, so a slow stretch of the
machine hits both alike. The ratio is steadier; use it to compare two versions of the code, and
bench_dumps.py for the published table (fresh processes, memory, quality). Warm-up (first documents,
imports, regex compiles) is excluded.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dumps import load_seeds, varied_documents  # noqa: E402  (the path line above makes bench/ importable)

WARM_UP_DOCS = 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000, help="documents per tool (default: %(default)s)")
    parser.add_argument("--block", type=int, default=250, help="documents per turn (default: %(default)s)")
    args = parser.parse_args()

    import trafilatura

    from cleaner import Cleaner

    seeds = load_seeds()
    cleaner = Cleaner()
    texts = varied_documents(seeds, args.docs + WARM_UP_DOCS)
    pages = varied_documents(seeds, args.docs + WARM_UP_DOCS, html=True)
    for text, page in zip(texts[args.docs :], pages[args.docs : args.docs + 100]):
        cleaner.clean_text(text)
        trafilatura.extract(page)
    cleaner_cpu = trafilatura_cpu = 0.0
    for start in range(0, args.docs, args.block):
        stop = min(start + args.block, args.docs)
        began = time.process_time()
        for text in texts[start:stop]:
            cleaner.clean_text(text)
        cleaner_cpu += time.process_time() - began
        began = time.process_time()
        for page in pages[start:stop]:
            trafilatura.extract(page)
        trafilatura_cpu += time.process_time() - began
    print(
        f"{args.docs} documents in blocks of {args.block}: cleaner {args.docs / cleaner_cpu:,.0f} docs/CPU-s, "
        f"trafilatura {args.docs / trafilatura_cpu:,.0f} docs/CPU-s, ratio {trafilatura_cpu / cleaner_cpu:.2f}x"
    )


if __name__ == "__main__":
    main()
