"""One batch run, end to end: read documents -> batches -> engine (worker processes or Dask) -> in order
if asked -> drop duplicates -> write records and error records -> summary.

The main process only reads, routes and writes; cleaning, formatting and hashing happen in the engine.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field as default
from typing import Callable, Iterable, Iterator, Protocol

from ..index_sqlite import SqliteWriter, done_sources, is_database_path
from ..near_dup import NearDuplicates, signature
from ..output import with_fields
from .dedup import Deduper, body_hash
from .files import Counter as ByteCounter, total_size
from .guard import check_outputs
from .pool import Task, WorkerPool, default_jobs
from .progress import Progress, Summary
from .readers import RawDocument, ReadOptions, read_inputs
from .resume import Previous, carry_over, scan
from .work import Outcome, WorkSettings, build_cleaner, clean_batch
from .writer import OutputTarget, RecordWriter, StreamWriter, clear_previous

BATCH_SIZE = 64
ORDER_WINDOW = 8  # batches per worker allowed to wait for an earlier one with --ordered


@dataclass
class BatchOptions:
    """Everything ``cleaner clean`` can be told about a batch run (built in one place, the CLI)."""

    paths: tuple[str, ...]
    output: str = "-"
    sqlite: bool | None = None  # write an SQLite database (work.fmt jsonl); None: when the output is named *.db
    errors: str | None = None
    shard_size: int | None = None
    jobs: int = default(default_factory=default_jobs)
    ordered: bool = False
    resume: bool = False
    progress: bool = False
    batch_size: int = BATCH_SIZE
    engine: str = "local"
    scheduler: str | None = None
    read: ReadOptions = default(default_factory=ReadOptions)
    work: WorkSettings = default(default_factory=WorkSettings)

    def to_database(self) -> bool:
        return self.sqlite if self.sqlite is not None else is_database_path(self.output)


class Engine(Protocol):
    def run(self, tasks: Iterator[Task], may_dispatch: Callable[[], bool]) -> Iterator[tuple[int, list[Outcome]]]: ...

    def close(self) -> None: ...


class InlineEngine:
    """``--jobs 0``: clean in the main process (no isolation; for debugging and small inputs)."""

    def __init__(self, settings: WorkSettings):
        self.settings, self.cleaner = settings, build_cleaner(settings)

    def run(self, tasks: Iterator[Task], may_dispatch: Callable[[], bool]) -> Iterator[tuple[int, list[Outcome]]]:
        for task in tasks:
            yield task.id, clean_batch(self.cleaner, task.docs, self.settings)

    def close(self) -> None:
        pass


def make_engine(options: BatchOptions) -> Engine:
    if options.engine == "dask":
        from ..dask import DaskEngine  # only a Dask run needs dask installed

        return DaskEngine(options.work, options.scheduler)
    if options.jobs <= 0:
        return InlineEngine(options.work)
    return WorkerPool(options.jobs, options.work)


class Reorder:
    """Releases batches in id order (``--ordered``) or as they come; bounds how many may wait."""

    def __init__(self, ordered: bool, window: int):
        self.ordered, self.window = ordered, window
        self.next, self.waiting = 0, {}

    def push(self, task_id: int, outcomes: list[Outcome]) -> Iterator[list[Outcome]]:
        if not self.ordered:
            yield outcomes
            return
        self.waiting[task_id] = outcomes
        while self.next in self.waiting:
            yield self.waiting.pop(self.next)
            self.next += 1

    def may_dispatch(self) -> bool:
        return len(self.waiting) < self.window


class Outputs:
    """Where outcomes go: records to the output, error records to --errors (or the output), and the
    counting that keeps docs in = records out + errors + duplicates."""

    def __init__(self, options: BatchOptions, summary: Summary, previous: Previous):
        self.summary = summary
        self.deduper = Deduper(previous.hashes) if options.work.dedup else None
        self.near = NearDuplicates() if options.work.near else None
        self.drop_near = options.work.near == "near"
        summary.marked = options.work.near == "mark"
        for doc_id, sketch in previous.heads if self.near is not None else ():
            self.near.check(doc_id, sketch)  # what earlier runs wrote: heads again (--resume)
        if options.to_database():
            self.records: RecordWriter | StreamWriter | SqliteWriter = SqliteWriter(options.output, warn=_warn)
        else:
            self.records = open_writer(options.output, options.shard_size, options.resume)
        self.errors = open_writer(options.errors, None, options.resume) if options.errors else self.records
        if not options.errors and options.work.fmt == "bulk":  # error records are not documents to index
            self.errors = StreamWriter(sys.stderr)

    def take(self, outcome: Outcome) -> None:
        if outcome.declined:
            self.summary.declined += 1
            return
        if outcome.error:
            self.summary.errors += 1
            self.errors.write(outcome.text)
            return
        if self.deduper and self.deduper.is_duplicate(outcome.body_hash):
            self.summary.duplicates += 1
            return
        text = outcome.text
        if self.near is not None:
            duplicate_of, similarity = self.near.check(outcome.doc_id or outcome.source, outcome.sketch)
            if duplicate_of is not None:
                self.summary.near_duplicates += 1
                if self.drop_near:
                    self.summary.duplicates += 1
                    return
            text = with_fields(text, {"duplicate_of": duplicate_of, "similarity": similarity})
        self.summary.records_out += 1
        self.summary.rules.update(outcome.rules)
        self.records.write(text)

    def finish(self, completed: bool) -> None:
        for writer in {id(w): w for w in (self.records, self.errors)}.values():
            writer.close() if completed else writer.abandon()
        if isinstance(self.records, SqliteWriter):
            self.summary.notes.append(self.records.report())


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def open_writer(path: str, shard_size: int | None, resume: bool) -> RecordWriter | StreamWriter:
    if path == "-":
        return StreamWriter(sys.stdout)
    target = OutputTarget(path, shard_size)
    if not resume:
        clear_previous(target)
        return RecordWriter(target)
    carry, obsolete = carry_over(target)
    return RecordWriter(target, carry, obsolete)


def run_batch(options: BatchOptions, stderr=None) -> Summary:
    """Clean every document in ``options.paths``; returns the summary (also drawn as progress)."""
    own_outputs = check_outputs(options.paths, options.output, options.errors, options.shard_size)
    summary, counter = Summary(), ByteCounter()
    options.read.counter, options.read.skip, options.read.skipped = counter, own_outputs, summary.passed_over
    total = total_size(options.paths, options.read.filters, own_outputs) if options.progress else None
    progress = Progress(stderr or sys.stderr, options.progress, total, counter)
    previous = _previous(options)
    docs = _unseen(read_inputs(options.paths, options.read), previous, summary)
    engine = make_engine(options)
    completed = False
    try:
        outputs = Outputs(options, summary, previous)
        try:
            _drain(engine, _batches(docs, options.batch_size), outputs, options, progress)
            completed = True
        finally:
            outputs.finish(completed)
    finally:
        engine.close()
        progress.finish(summary)
    return summary


def _drain(engine: Engine, tasks: Iterator[Task], outputs: Outputs, options: BatchOptions, progress: Progress) -> None:
    reorder = Reorder(options.ordered, ORDER_WINDOW * max(options.jobs, 1))
    for task_id, outcomes in engine.run(tasks, reorder.may_dispatch):
        for batch in reorder.push(task_id, outcomes):
            for outcome in batch:
                outputs.take(outcome)
        progress.update(outputs.summary)


def _previous(options: BatchOptions) -> Previous:
    if not options.resume:
        return Previous()
    targets = [OutputTarget(options.errors)] if options.errors else []
    if not options.to_database():
        targets.append(OutputTarget(options.output, options.shard_size))
    previous = scan(targets, options.work.dedup, options.work.near is not None)
    if options.to_database():
        _previous_rows(previous, options)
    return previous


def _previous_rows(previous: Previous, options: BatchOptions) -> None:
    """What the database already holds, for --resume: the keys of its articles and errors."""
    for source, position, text, doc_id, duplicate_of in done_sources(options.output):
        previous.keys.add(previous.key(source, position))
        digest = body_hash(text) if options.work.dedup and text is not None else None
        if digest:
            previous.hashes.add(digest)
        if options.work.near and text is not None and duplicate_of is None:
            previous.heads.append((doc_id, signature(text)))


def _unseen(docs: Iterable[RawDocument], previous: Previous, summary: Summary) -> Iterator[RawDocument]:
    for raw in docs:
        if previous.keys and previous.key(raw.source, raw.position) in previous.keys:
            summary.skipped += 1
            continue
        summary.docs_in += 1
        yield raw


def _batches(docs: Iterator[RawDocument], size: int) -> Iterator[Task]:
    batch: list[RawDocument] = []
    task_id = 0
    for raw in docs:
        batch.append(raw)
        if len(batch) >= size:
            yield Task(task_id, batch)
            batch, task_id = [], task_id + 1
    if batch:
        yield Task(task_id, batch)
