"""``--resume``: find what earlier runs already wrote, so those sources are skipped and appended to.

An earlier run's output is its final files plus the part files of a run that was killed. Every complete
JSON line in them counts (a torn last line or a truncated gzip stream is where reading stops), and a
source is counted once even when it appears in two files. The done sources (and, with ``--dedup``, the
body hashes) are kept in memory: about 100 bytes per document.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Iterable, Iterator

from .dedup import body_hash
from .files import open_stream
from .writer import OutputTarget


@dataclass
class Previous:
    """What earlier runs wrote: sources (records and error records) and body hashes."""

    sources: set[str] = default(default_factory=set)
    hashes: set[bytes] = default(default_factory=set)
    records: int = 0
    errors: int = 0


def complete_lines(path: Path) -> Iterator[tuple[str, dict]]:
    """(line, parsed record) for every complete JSON line of ``path`` (gzip or plain)."""
    try:
        with open_stream(str(path)) as stream:  # gzip or not, by its first bytes
            for raw in stream:
                record = _parse(raw)
                if record is not None:
                    yield raw.decode("utf-8"), record
    except (EOFError, OSError, zlib.error):
        return  # a truncated part file: everything before the tear has been read


def _parse(raw: bytes) -> dict | None:
    if not raw.endswith(b"\n"):
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "source" in record else None


def scan(targets: Iterable[OutputTarget], dedup: bool) -> Previous:
    """Everything written to ``targets`` (output and error files), finals and parts."""
    previous = Previous()
    for target in targets:
        for path in target.finals() + target.parts():
            for _, record in complete_lines(path):
                _note(previous, record, dedup)
    return previous


def _note(previous: Previous, record: dict, dedup: bool) -> None:
    if record["source"] in previous.sources:
        return
    previous.sources.add(record["source"])
    if "error" in record:
        previous.errors += 1
        return
    previous.records += 1
    digest = body_hash(record.get("text") or "") if dedup else None
    if digest:
        previous.hashes.add(digest)


def carry_over(target: OutputTarget) -> tuple[Iterator[str], list[Path]]:
    """Lines to copy into the resumed run's first file, and the files they come from (to delete once
    copied). Sharded: complete shards stay; only part files are carried. Unsharded: the one output
    file is rewritten, so the old final file is carried too (it is replaced on commit, not deleted)."""
    finals = target.finals()
    parts = target.parts()
    sources = [] if not target.shard_size else finals
    done = {record["source"] for path in sources for _, record in complete_lines(path)}
    carried = (finals if not target.shard_size else []) + parts

    def lines() -> Iterator[str]:
        for path in carried:
            for line, record in complete_lines(path):
                if record["source"] not in done:
                    done.add(record["source"])
                    yield line

    return lines(), parts
