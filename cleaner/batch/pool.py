"""Worker processes that clean batches of documents, replaced when they die.

Each worker has its own task queue and result pipe, so the main process always knows which batch a
worker holds; each worker also publishes, in shared memory, which document of the batch it is on and
since when. That gives two guarantees a plain ``multiprocessing.Pool`` does not:

- a worker that dies (segfault, out of memory, killed) is replaced, the document it was on becomes an
  error record (stage ``worker``), and the rest of its batch is cleaned by another worker;
- a document stuck past ``--timeout`` in code that ignores the per-document alarm (a C extension) gets
  its worker killed after a grace period, with the same outcome.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field as default
from multiprocessing.connection import wait
from typing import Callable, Iterator

from .readers import RawDocument
from .work import Outcome, WorkSettings, build_cleaner, clean_batch, error_outcome

PREFETCH = 2  # batches queued per worker, so a worker never waits for the main process
GRACE = 2.0  # seconds past --timeout before a stuck worker is killed
POLL = 0.5
MAX_START_FAILURES = 3


@dataclass
class Task:
    """A batch of documents; ``done`` holds outcomes already known by position (documents that killed a
    worker), ``todo`` the positions still to clean, so the batch's outcomes can be put back in order."""

    id: int
    docs: list[RawDocument]
    todo: list[int] = default(default_factory=list)
    done: dict[int, Outcome] = default(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.todo and not self.done:
            self.todo = list(range(len(self.docs)))

    def pending(self) -> list[RawDocument]:
        return [self.docs[i] for i in self.todo]

    def merge(self, outcomes: list[Outcome]) -> list[Outcome]:
        known = dict(self.done) | dict(zip(self.todo, outcomes))
        return [known[i] for i in range(len(self.docs))]


def _worker_main(tasks, results, position, started, settings: WorkSettings) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    cleaner = build_cleaner(settings)

    def mark(index: int) -> None:
        position.value, started.value = index, time.monotonic()

    while (item := tasks.get()) is not None:
        task_id, docs = item
        outcomes = clean_batch(cleaner, docs, settings, mark)
        position.value, started.value = -1, 0.0
        results.send((task_id, outcomes))


def _exit_with_parent(parent: int) -> None:
    """A worker must not outlive a killed main process (it could be blocked sending a result)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


class Worker:
    """One worker process and what the main process knows about it."""

    def __init__(self, context, settings: WorkSettings):
        self.tasks = context.Queue()
        self.results, child_end = context.Pipe(duplex=False)
        self.position, self.started = context.RawValue("i", -1), context.RawValue("d", 0.0)
        args = (self.tasks, child_end, self.position, self.started, settings)
        self.process = context.Process(target=_worker_main, args=args, daemon=True)
        self.process.start()
        child_end.close()
        self.assigned: deque[Task] = deque()
        self.killed = False

    def give(self, task: Task) -> None:
        self.assigned.append(task)
        self.tasks.put((task.id, task.pending()))

    def stuck(self, timeout: float | None) -> bool:
        began = self.started.value
        return bool(timeout) and began > 0 and time.monotonic() - began > timeout + GRACE

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.tasks.cancel_join_thread()
        self.tasks.close()
        self.results.close()


class WorkerPool:
    """Run tasks on ``jobs`` worker processes; yields (task id, outcomes in document order)."""

    def __init__(self, jobs: int, settings: WorkSettings):
        self.context = mp.get_context()
        self.settings = settings
        self.workers = [Worker(self.context, settings) for _ in range(jobs)]
        self.retry: deque[Task] = deque()
        self.start_failures = 0

    def run(self, tasks: Iterator[Task], may_dispatch: Callable[[], bool] = lambda: True) -> Iterator[tuple[int, list[Outcome]]]:
        tasks = iter(tasks)
        exhausted = False
        while True:
            exhausted = self._dispatch(tasks, exhausted, may_dispatch)
            if exhausted and not self.retry and not any(w.assigned for w in self.workers):
                return
            yield from self._collect()

    def _dispatch(self, tasks: Iterator[Task], exhausted: bool, may_dispatch: Callable[[], bool]) -> bool:
        for worker in self.workers:
            while len(worker.assigned) < PREFETCH:
                if self.retry:
                    task = self.retry.popleft()
                elif exhausted or not may_dispatch():
                    break
                else:
                    task = next(tasks, None)
                    if task is None:
                        exhausted = True
                        break
                worker.give(task)
        return exhausted

    def _collect(self) -> Iterator[tuple[int, list[Outcome]]]:
        busy = [w for w in self.workers if w.assigned]
        ready = wait([w.results for w in busy] + [w.process.sentinel for w in busy], timeout=POLL)
        for worker in busy:
            if worker.results in ready or worker.process.sentinel in ready:
                yield from self._receive(worker)
            elif worker.stuck(self.settings.timeout):
                worker.killed = True
                worker.process.kill()
                yield from self._receive(worker)

    def _receive(self, worker: Worker) -> Iterator[tuple[int, list[Outcome]]]:
        try:
            while worker.results.poll():
                task_id, outcomes = worker.results.recv()
                task = worker.assigned.popleft()
                self.start_failures = 0
                yield task.id, task.merge(outcomes)
        except (EOFError, OSError):
            pass
        if not worker.process.is_alive() or worker.killed:
            yield from self._replace(worker)

    def _replace(self, worker: Worker) -> Iterator[tuple[int, list[Outcome]]]:
        position, killed = worker.position.value, worker.killed
        worker.stop()
        code = worker.process.exitcode
        self.workers[self.workers.index(worker)] = Worker(self.context, self.settings)
        if not worker.assigned:
            return
        head = worker.assigned.popleft()
        self.retry.extendleft(reversed(worker.assigned))
        if position < 0:
            self.start_failures += 1
            if self.start_failures > MAX_START_FAILURES:
                raise RuntimeError(f"worker processes keep dying outside any document (exit code {code})")
            self.retry.appendleft(head)
            return
        finished = self._blame(head, position, _death_message(code, killed, self.settings.timeout))
        if finished is not None:
            yield finished

    def _blame(self, task: Task, position: int, message: str) -> tuple[int, list[Outcome]] | None:
        """Record the document the worker died on as an error; the rest of its batch is retried."""
        culprit = task.todo[position]
        task.done[culprit] = error_outcome(task.docs[culprit], message, "worker", self.settings)
        task.todo = [i for i in task.todo if i != culprit]
        if not task.todo:
            return task.id, task.merge([])
        self.retry.appendleft(task)
        return None

    def close(self) -> None:
        """Stop the workers: politely when they are idle, at once when they still hold work (an
        interrupted or failed run)."""
        idle = not any(w.assigned for w in self.workers)
        for worker in self.workers:
            if idle and worker.process.is_alive():
                worker.tasks.put(None)
        for worker in self.workers:
            if idle:
                worker.process.join(timeout=5)
            worker.stop()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _death_message(exitcode: int | None, killed: bool, timeout: float | None) -> str:
    if killed:
        return f"took longer than {timeout:g} s (--timeout); its worker was stopped and replaced"
    if exitcode is not None and exitcode < 0:
        return f"worker process died ({_signal_name(-exitcode)}) on this document; it was replaced"
    return f"worker process exited (code {exitcode}) on this document; it was replaced"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
