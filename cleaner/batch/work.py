"""The per-document work, the same for every engine (worker processes, the main process, Dask).

``clean_document`` is the batch boundary: whatever goes wrong with one document (unreadable bytes, a
rule that runs away, a bug) becomes that document's error record, naming the stage where it happened,
and the batch goes on. Everything a worker can do cheaply is done here, not in the main process: HTTP
decoding, cleaning, formatting the output line, counting removals per rule and hashing the body.
"""

from __future__ import annotations

import gc
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field as default
from typing import Any, Callable, Iterator

from ..doc_id import document_id, is_stdin
from ..near_dup import signature
from ..model import Declined
from ..output import FORMATS
from ..pipeline import Cleaner, Options
from ..record import build_record, removal_counts
from .dedup import body_hash
from .readers import RawDocument
from .unpack import DEFAULT_MAX_SIZE, unpack


@dataclass(frozen=True)
class WorkSettings:
    """What a worker needs to clean documents; picklable, sent once to each worker."""

    options: Options = default(default_factory=Options)
    fmt: str = "jsonl"
    timeout: float | None = 5.0
    dedup: bool = False
    near: str | None = None  # --dedup near (drop near-duplicates) or mark (keep them, marked): compute signatures
    max_size: int = DEFAULT_MAX_SIZE  # bytes a document may inflate to (--max-size)


@dataclass
class Outcome:
    """One document's result: its formatted output line(s) and what the main process needs to count."""

    source: str
    text: str
    error: bool = False
    declined: bool = False  # --only-articles and not an article: counted, nothing written
    body_hash: bytes | None = None
    doc_id: str | None = None
    sketch: Any = None  # the body's MinHash (cleaner.near_dup), for --dedup near / mark
    rules: dict[str, int] = default(default_factory=dict)


class DocumentTimeout(BaseException):
    """Raised inside a document's cleaning when it runs past --timeout. A BaseException, so that no
    ``except Exception`` on the way can swallow it."""


def build_cleaner(settings: WorkSettings) -> Cleaner:
    """The Cleaner of a batch process. What exists once it is built (rules, compiled patterns, imported
    modules) lives as long as the process: gc.freeze() keeps the garbage collector from walking it
    again on every collection."""
    cleaner = Cleaner(settings.options)
    gc.freeze()
    return cleaner


def clean_batch(cleaner: Cleaner, docs: list[RawDocument], settings: WorkSettings, mark: Callable[[int], None] | None = None) -> list[Outcome]:
    outcomes = []
    with alarm_handler(settings.timeout) as timed:
        for index, raw in enumerate(docs):
            if mark:
                mark(index)
            outcomes.append(clean_document(cleaner, raw, settings, timed))
    return outcomes


def clean_document(cleaner: Cleaner, raw: RawDocument, settings: WorkSettings, timed: bool = False) -> Outcome:
    """One document's outcome; ``timed``: inside ``alarm_handler``, stop it after --timeout seconds."""
    if raw.error:
        return error_outcome(raw, raw.error, raw.stage, settings)
    try:
        if timed:
            _WATCH.started = time.monotonic()
        try:
            doc = cleaner.process_bytes(unpack(raw.data, raw.encodings, settings.max_size), raw.source, raw.url, raw.charset)
            record = build_record(doc, settings.options.explain)
        finally:
            _WATCH.started = None
    except Declined:
        return Outcome(raw.source, "", declined=True)
    except (Exception, DocumentTimeout) as exc:  # the batch boundary: one document must not stop the batch
        return error_outcome(raw, message_of(exc), stage_of(exc), settings)
    return record_outcome(record, removal_counts(doc), raw, settings)


def record_outcome(record: dict[str, Any], rules: dict[str, int], raw: RawDocument, settings: WorkSettings) -> Outcome:
    """The formatted record and the per-rule removal counts for the summary (counted from the
    Document, so the ``removed`` list is built only when --explain asks for it)."""
    if raw.fetched:
        record["fetched"] = raw.fetched
    if raw.status is not None:
        record["http_status"] = raw.status
    if raw.position is not None:
        record["position"] = raw.position
    if raw.position is not None or is_stdin(raw.source):  # a repeated --id-field value, stdin: cleaner/doc_id.py
        record["id"] = document_id(record.get("url"), raw.source, raw.position, raw.data)
    digest = body_hash(record.get("text") or "") if settings.dedup else None
    sketch = signature(record.get("text") or "") if settings.near else None
    return Outcome(raw.source, FORMATS[settings.fmt](record), body_hash=digest, doc_id=record.get("id"), sketch=sketch, rules=rules)


def error_outcome(raw: RawDocument, message: str, stage: str, settings: WorkSettings) -> Outcome:
    record: dict[str, Any] = {"source": raw.source, "error": message, "stage": stage}
    # what identifies the failed document beyond its source, when the input says it
    for key, value in (("url", raw.url), ("record_id", raw.record_id), ("http_status", raw.status), ("position", raw.position)):
        if value is not None:
            record[key] = value
    return Outcome(raw.source, FORMATS[settings.fmt](record), error=True)


@dataclass
class _Watch:
    """When the document being cleaned started (None between documents); read by the alarm handler."""

    started: float | None = None


_WATCH = _Watch()
TICKS_PER_TIMEOUT = 4  # the alarm looks this often per --timeout: a document stops within 1.25x the limit


@contextmanager
def alarm_handler(seconds: float | None) -> Iterator[bool]:
    """For a batch: a SIGALRM every ``seconds / TICKS_PER_TIMEOUT`` whose handler raises
    DocumentTimeout once the current document has run ``seconds``; yields True when ``clean_document``
    should note its start time. One timer for the whole batch (two interval-timer system calls per
    document cost as much as a heuristic). SIGALRM only works in a main thread (worker processes, the
    CLI); elsewhere (Dask worker threads) documents run unlimited."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield False
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm(seconds))
    tick = seconds / TICKS_PER_TIMEOUT
    signal.setitimer(signal.ITIMER_REAL, tick, tick)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _WATCH.started = None


def _on_alarm(seconds: float):
    def handler(signum, frame):
        started = _WATCH.started
        if started is not None and time.monotonic() - started >= seconds:
            _WATCH.started = None
            raise DocumentTimeout(f"took longer than {seconds:g} s (--timeout)")

    return handler


def message_of(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, (DocumentTimeout, ValueError)) and text:
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def stage_of(exc: BaseException) -> str:
    """The pipeline stage where ``exc`` was raised: the module of the innermost ``cleaner`` frame
    (``decode``, ``apply_rules``, ``heuristics.prose_core``, ``unpack``, ...)."""
    stage, tb = "clean", exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith("cleaner.") and module != __name__:
            stage = module.removeprefix("cleaner.").removeprefix("batch.")
        tb = tb.tb_next
    return stage
