"""Helpers shared by the benchmarks: shingle F1, body checks, measured subprocesses, the machine note.

Nothing here knows about a particular tool or data set, so any benchmark in ``bench/`` can import it
(``from common import ...`` when run as a script from ``bench/``, ``from bench.common import ...``
from the repository root).

Metric (the one ``../shared/README.md`` gives for the article-extraction benchmark): tokenise with
``\\w+``, compare the multisets of 4-token shingles of the extracted text and of the reference, take
precision and recall per document, average each over documents, then F1 = 2PR / (P + R).
Edge cases, decided here once: a text with fewer than 4 tokens (but at least one) has one shorter
shingle, the whole token tuple; when both texts are empty P = R = 1; when only one is empty P = R = 0.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Sequence

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter:
    """Multiset of ``size``-token shingles; a short non-empty text gives one shorter shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + size]) for i in range(max(1, len(toks) - size + 1)))


@dataclass
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def shingle_score(predicted: str | None, reference: str | None, size: int = SHINGLE_SIZE) -> Score:
    """Precision and recall of one document's shingles against its reference."""
    pred, ref = shingles(predicted, size), shingles(reference, size)
    if not pred and not ref:
        return Score(1.0, 1.0)
    if not pred or not ref:
        return Score(0.0, 0.0)
    common = sum((pred & ref).values())
    return Score(common / sum(pred.values()), common / sum(ref.values()))


def averaged_score(pairs: Iterable[tuple[str | None, str | None]], size: int = SHINGLE_SIZE) -> Score:
    """Per-document precision and recall, each averaged over the (predicted, reference) pairs."""
    scores = [shingle_score(pred, ref, size) for pred, ref in pairs]
    if not scores:
        return Score(0.0, 0.0)
    return Score(sum(s.precision for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores))


def normalise(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) into one space and trim."""
    return " ".join(text.split())


def contains_tokens(haystack: str, needle: str) -> bool:
    """True when the \\w+ tokens of ``needle`` appear as one contiguous run in ``haystack``'s tokens.

    Insensitive to whitespace and punctuation between words, so a paragraph that a tool re-joined
    from split lines, or left split over several lines, still counts as present.
    """
    wanted = tokens(needle)
    if not wanted:
        return True
    return f" {' '.join(wanted)} " in f" {' '.join(tokens(haystack))} "


def occurrences(output_lines: Sequence[str], text: str, substring: bool) -> int:
    """How often ``text`` appears in ``output_lines``: as a whole line, or anywhere when ``substring``."""
    if substring:
        return sum(line.count(text) for line in output_lines)
    return sum(1 for line in output_lines if line == text)


@dataclass
class Measured:
    """A finished child process: wall time, CPU time (user + system, including the children it
    waited for), peak resident memory (MB) and exit status."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    cpu_seconds: float = 0.0


def run_measured(cmd: Sequence[str], **popen_args) -> Measured:
    """Run ``cmd`` in a fresh process; peak RSS is that process's own ``ru_maxrss`` (via wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), **popen_args)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(seconds, usage.ru_maxrss / 1024, proc.returncode, cpu)  # ru_maxrss is in KiB on Linux


class Launcher:
    """Runs measured commands from a small helper process started before the benchmark grows.

    Linux carries a process's peak RSS across fork and exec (the child starts with its parent's
    high-water mark), so a child started from a benchmark that already holds outputs would report
    the parent's memory as its own. Children started by this helper inherit only its few MB, which
    is below any Python tool's own peak. Start it first thing; use it as a context manager.
    """

    def __init__(self) -> None:
        code = "import sys; sys.path.insert(0, sys.argv[1]); import common; common.serve_launcher()"
        here = os.path.dirname(os.path.abspath(__file__))
        self.proc = subprocess.Popen([sys.executable, "-c", code, here], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, cmd: Sequence[str]) -> Measured:
        self.proc.stdin.write(json.dumps(list(cmd)) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError("bench: the launcher process died")
        return Measured(**json.loads(answer))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait()

    def __enter__(self) -> "Launcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def serve_launcher() -> None:
    """The helper's loop: one JSON command per stdin line, one JSON Measured per stdout line."""
    for line in sys.stdin:
        measured = run_measured(json.loads(line), stdout=subprocess.DEVNULL)
        sys.stdout.write(json.dumps(measured.__dict__) + "\n")
        sys.stdout.flush()


def machine_note() -> dict[str, str]:
    """Date, CPU count and model, Python version and platform, for the header of a results file."""
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    """A GitHub markdown table; ``align`` is one letter per column, 'l' or 'r' (default: left)."""
    align = align.ljust(len(headers), "l")
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [headers, rule, *[[str(cell) for cell in row] for row in rows]]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines) + "\n"
