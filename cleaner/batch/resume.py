"""``--resume``: find what earlier runs already wrote, so those documents are skipped and appended to.

An earlier run's output is its final files plus the part files of a run that was killed. Every complete
JSON line in them counts (a torn last line or a truncated gzip stream is where reading stops), and a
document is counted once even when it appears in two files. A document is known by its key: the
file it comes from, however it was named (``in/x.jsonl``, ``./in/x.jsonl``, an absolute path or one
through a symbolic link: the path with links resolved, relative paths from the current directory),
plus its ``position`` in that file (JSONL line, CSV row, WARC record), so records with the same
``--id-field`` value stay apart. The done keys (and, with ``--dedup``, the body hashes) are kept in
memory: about 150 bytes per document.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..near_dup import signature
from .dedup import body_hash
from .files import open_stream
from .writer import OutputTarget


class DocumentKey:
    """The resume key of a document: its source with the file part resolved, and its position."""

    def __init__(self) -> None:
        self._real: dict[str, str] = {}  # file as named -> resolved (one lookup per file, not per document)

    def __call__(self, source: str, position: int | None = None) -> str:
        path, hash_mark, rest = source.partition("#")
        real = self._real.get(path)
        if real is None:
            real = self._real[path] = path if path == "-" else os.path.realpath(path)
        return f"{real}{hash_mark}{rest}" if position is None else f"{real}{hash_mark}{rest}\x00{position}"

    def of(self, record: dict) -> str:
        position = record.get("position")
        return self(str(record["source"]), position if isinstance(position, int) else None)


@dataclass
class Previous:
    """What earlier runs wrote: the keys of their documents (records and error records) and body hashes."""

    keys: set[str] = default(default_factory=set)
    hashes: set[bytes] = default(default_factory=set)
    records: int = 0
    errors: int = 0
    key: DocumentKey = default(default_factory=DocumentKey)
    heads: list[tuple[str, Any]] = default(default_factory=list)  # (id, MinHash) of records that duplicate none (--dedup near/mark)


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


def scan(targets: Iterable[OutputTarget], dedup: bool, near: bool = False) -> Previous:
    """Everything written to ``targets`` (output and error files), finals and parts."""
    previous = Previous()
    for target in targets:
        for path in target.finals() + target.parts():
            for _, record in complete_lines(path):
                _note(previous, record, dedup, near)
    return previous


def _note(previous: Previous, record: dict, dedup: bool, near: bool = False) -> None:
    key = previous.key.of(record)
    if key in previous.keys:
        return
    previous.keys.add(key)
    if "error" in record:
        previous.errors += 1
        return
    previous.records += 1
    digest = body_hash(record.get("text") or "") if dedup else None
    if digest:
        previous.hashes.add(digest)
    if near and record.get("duplicate_of") is None and record.get("id"):
        previous.heads.append((record["id"], signature(record.get("text") or "")))


def carry_over(target: OutputTarget) -> tuple[Iterator[str], list[Path]]:
    """Lines to copy into the resumed run's first file, and the files they come from (to delete once
    copied). Sharded: complete shards stay; only part files are carried. Unsharded: the one output
    file is rewritten, so the old final file is carried too (it is replaced on commit, not deleted)."""
    finals = target.finals()
    parts = target.parts()
    key = DocumentKey()
    kept = [] if not target.shard_size else finals
    done = {key.of(record) for path in kept for _, record in complete_lines(path)}
    carried = (finals if not target.shard_size else []) + parts

    def lines() -> Iterator[str]:
        for path in carried:
            for line, record in complete_lines(path):
                if key.of(record) not in done:
                    done.add(key.of(record))
                    yield line

    return lines(), parts
