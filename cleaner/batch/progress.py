"""Progress bar and final summary, both on stderr.

The bar is drawn only when stderr is a terminal (never in pipes, logs or with ``--quiet``), at most five
times a second. The ETA comes from the share of input bytes read, so it is known for any input kind
(except stdin).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field as default
from typing import TextIO

from .files import Counter as ByteCounter
from .skips import FILE, WARC, Skips

REDRAW_SECONDS = 0.2
TOP_RULES = 10


@dataclass
class Summary:
    """What a run did. Always: docs_in == records_out + errors + duplicates + declined."""

    docs_in: int = 0
    records_out: int = 0
    errors: int = 0
    duplicates: int = 0
    near_duplicates: int = 0  # of the duplicates, those found near (--dedup near), or marked (--dedup mark)
    declined: int = 0  # left out on purpose (--only-articles: pages that are not articles)
    skipped: int = 0  # already in the output (--resume); not counted in docs_in
    passed_over: Skips = default(default_factory=Skips)  # not documents: files that are not inputs, WARC redirects/errors/revisits
    rules: Counter = default(default_factory=Counter)
    marked: bool = False  # --dedup mark: near-duplicates are written, with duplicate_of
    notes: list[str] = default(default_factory=list)  # lines the outputs add to the report (the database's counts)
    started: float = default(default_factory=time.monotonic)

    def balanced(self) -> bool:
        return self.docs_in == self.records_out + self.errors + self.duplicates + self.declined

    def rate(self) -> float:
        return self.done() / max(time.monotonic() - self.started, 1e-9)

    def done(self) -> int:
        return self.records_out + self.errors + self.duplicates + self.declined

    def report(self) -> str:
        seconds = time.monotonic() - self.started
        lines = [
            f"cleaner: {self.docs_in:,} docs in, {self.records_out:,} records out, {self.errors:,} errors, "
            f"{self.duplicates:,} duplicates dropped ({seconds:.1f} s, {self.rate():,.0f} docs/s)"
        ]
        if self.near_duplicates:
            lines.append(f"cleaner: {self.near_duplicates:,} near-duplicates {'marked' if self.marked else 'among the duplicates dropped'}")
        if self.declined:
            lines.append(f"cleaner: {self.declined:,} pages that are not articles skipped (--only-articles)")
        if self.skipped:
            lines.append(f"cleaner: {self.skipped:,} already done (--resume), skipped")
        lines += self._passed_over()
        lines += self.notes
        if self.rules:
            lines.append("cleaner: rules that removed most lines:")
            width = max(len(rule) for rule, _ in self.rules.most_common(TOP_RULES))
            lines += [f"  {rule:<{width}}  {count:,}" for rule, count in self.rules.most_common(TOP_RULES)]
        return "\n".join(lines)

    def _passed_over(self) -> list[str]:
        """What the readers skipped because it is not a document: how many, and what."""
        skips, lines = self.passed_over, []
        files = skips.total(FILE)
        if files:
            names = ", ".join(f"{os.path.basename(name)} ({reason})" for name, reason in skips.examples[FILE])
            more = ", ..." if files > len(skips.examples[FILE]) else ""
            lines.append(f"cleaner: {files:,} file(s) in input folders skipped, not inputs: {names}{more} (name a file, or --include GLOB, to read it)")
        records = skips.total(WARC)
        if records:
            counts = ", ".join(f"{n:,} {reason}" for reason, n in skips.reasons(WARC))
            lines.append(f"cleaner: {records:,} WARC record(s) skipped, not documents: {counts}")
        return lines


class Progress:
    """A one-line progress bar: docs done, docs/s, errors, and percent + ETA when the size is known."""

    def __init__(self, stream: TextIO, enabled: bool, total_bytes: int | None = None, counter: ByteCounter | None = None):
        self.stream, self.enabled = stream, enabled
        self.total, self.counter = total_bytes, counter
        self.drawn = 0.0

    def update(self, summary: Summary, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.drawn < REDRAW_SECONDS):
            return
        self.drawn = now
        self.stream.write("\r" + self.line(summary) + "\x1b[K")
        self.stream.flush()

    def line(self, summary: Summary) -> str:
        text = f"{summary.done():,} docs | {summary.rate():,.0f} docs/s | {summary.errors:,} errors"
        if self.total and self.counter is not None and self.counter.bytes and summary.done():
            # bytes read, scaled by the share of read documents that are done (reading runs ahead)
            share = min(self.counter.bytes / self.total, 1.0) * summary.done() / max(summary.docs_in, summary.done())
            elapsed = time.monotonic() - summary.started
            text += f" | {share:.0%} | ETA {_clock(elapsed / share - elapsed)}"
        return text

    def finish(self, summary: Summary) -> None:
        if self.enabled:
            self.update(summary, force=True)
            self.stream.write("\n")


def _clock(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
