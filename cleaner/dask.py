"""Run the batch cleaner on a Dask cluster: ``cleaner clean --engine dask --scheduler tcp://host:8786``.

The same per-document function as the local worker processes (``cleaner.batch.work.clean_batch``) is
mapped over partitions (batches) of the same inputs, and the results go through the same ordering,
dedup and atomic writer, so the records are the same as a local run's. The main process reads the
inputs and ships each partition to the cluster; workers need ``cleaner`` installed (same version and
rule files), not access to the input files.

For your own Dask pipelines, ``clean_partition`` works on any iterable of RawDocuments, e.g.
``bag.map_partitions(clean_partition, settings)``; see docs/batch.md.

The per-document ``--timeout`` needs a main thread (SIGALRM); Dask runs tasks in worker threads, so
on Dask a runaway document is bounded only by Dask's own mechanisms.
"""

from __future__ import annotations

import pickle
import threading
from typing import Callable, Iterable, Iterator

INSTALL_HINT = "--engine dask needs Dask, which is an extra: pip install 'cleaner-news[dask]' (in a clone: pip install '.[dask]')"

try:
    from distributed import Client, as_completed
except ImportError as exc:  # Dask is optional: one line saying what to install, not a traceback
    raise ImportError(f"{INSTALL_HINT} ({exc})", name=exc.name) from exc

from .batch.pool import Task
from .batch.readers import RawDocument
from .batch.work import Outcome, WorkSettings, build_cleaner, clean_batch, error_outcome, message_of
from .pipeline import Cleaner

IN_FLIGHT_PER_THREAD = 2
_CLEANERS: dict[bytes, Cleaner] = {}
_LOCK = threading.Lock()


def clean_partition(docs: Iterable[RawDocument], settings: WorkSettings) -> list[Outcome]:
    """Clean one partition on a Dask worker (one Cleaner per worker process and settings)."""
    return clean_batch(_cleaner(settings), list(docs), settings)


def _cleaner(settings: WorkSettings) -> Cleaner:
    key = pickle.dumps(settings)
    with _LOCK:
        if key not in _CLEANERS:
            _CLEANERS[key] = build_cleaner(settings)
        return _CLEANERS[key]


class DaskEngine:
    """Submits partitions to a Dask cluster, a bounded number at a time; same interface as WorkerPool."""

    def __init__(self, settings: WorkSettings, scheduler: str | None = None, client: Client | None = None):
        self.settings = settings
        self.owned = client is None
        self.client = client or (Client(scheduler) if scheduler else Client(processes=False))

    def run(self, tasks: Iterator[Task], may_dispatch: Callable[[], bool] = lambda: True) -> Iterator[tuple[int, list[Outcome]]]:
        limit = max(sum(self.client.nthreads().values()), 1) * IN_FLIGHT_PER_THREAD
        running = as_completed()
        owner: dict = {}
        tasks = iter(tasks)
        self._top_up(tasks, running, owner, limit, may_dispatch)
        for future in running:
            task = owner.pop(future)
            yield task.id, self._outcomes(future, task)
            self._top_up(tasks, running, owner, limit, may_dispatch)

    def _top_up(self, tasks: Iterator[Task], running: as_completed, owner: dict, limit: int, may_dispatch: Callable[[], bool]) -> None:
        while len(owner) < limit and (not owner or may_dispatch()):
            task = next(tasks, None)
            if task is None:
                return
            future = self.client.submit(clean_partition, task.docs, self.settings, pure=False)
            owner[future] = task
            running.add(future)

    def _outcomes(self, future, task: Task) -> list[Outcome]:
        """The partition's outcomes; if the partition failed (a worker died on it), each document is
        retried alone, so only the documents that fail again become error records."""
        try:
            return future.result()
        except Exception:  # the batch boundary for a whole partition: Dask re-raises the worker's error
            return [self._alone(doc) for doc in task.docs]

    def _alone(self, doc: RawDocument) -> Outcome:
        try:
            return self.client.submit(clean_partition, [doc], self.settings, pure=False).result()[0]
        except Exception as exc:  # the batch boundary: this document keeps failing on the cluster
            return error_outcome(doc, message_of(exc), "worker", self.settings)

    def close(self) -> None:
        if self.owned:
            self.client.close()
