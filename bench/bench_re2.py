"""The bundled rule patterns on Python's re and on google-re2: how many RE2 compiles, and the CPU time
of searching every non-blank line of the seeds and the dev dumps with each (three passes).

    .venv/bin/pip install google-re2   # not a dependency of cleaner: for this measurement only
    .venv/bin/python bench/bench_re2.py

Also times the issue-14 runaway shapes on RE2 (linear: each returns at once).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, Options  # noqa: E402

try:
    import re2
except ImportError:
    sys.exit("bench_re2.py: google-re2 is not installed (pip install google-re2)")

RUNAWAY = [("(a|a)*$", "a" * 27 + "!"), ("(?:a|b|ab)*c", "ab" * 25), ("(?i)(A|a)+$", "a" * 50_000 + "!")]


def main() -> None:
    cleaner = Cleaner(Options(use_packs=False))
    patterns = [(rule.pattern.pattern, rule.pattern.flags & re.IGNORECASE) for site in cleaner.registry.all() for rule in site.rules]
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT.parent / "shared" / "dev-dumps").rglob("*.txt"))[:105]
    lines = [line for path in files for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    pairs = []
    for pattern, ignore_case in patterns:
        options = re2.Options()
        options.case_sensitive = not ignore_case
        options.log_errors = False
        try:
            pairs.append((re.compile(pattern, ignore_case), re2.compile(pattern, options)))
        except Exception:  # lookarounds, possessive quantifiers: not RE2 syntax
            continue
    print(f"{len(patterns)} bundled rule patterns, {len(pairs)} compile on RE2; {len(lines):,} lines")
    for name, k in (("re", 0), ("re2", 1)):
        started = time.process_time()
        for _ in range(3):
            for pair in pairs:
                search = pair[k].search
                for line in lines:
                    search(line)
        print(f"{name}: {time.process_time() - started:.2f} CPU s")
    for pattern, text in RUNAWAY:
        started = time.process_time()
        re2.compile(pattern).search(text)
        print(f"re2 {pattern!r} on {len(text):,} characters: {time.process_time() - started:.4f} CPU s")


if __name__ == "__main__":
    main()
