"""The guarded pool of PDF workers, where documents are read and a batch's analysis steps run.

Hostile files are contained here: each worker runs under an address-space limit (a Flate bomb or an XObject
fan-out ends as `too_large` in that worker alone) and each document has its own time limit counted from when
a worker took it (a looping file ends as `timeout`; the worker is replaced and the other documents, finished
or in flight, are kept).

The workers read documents (PDFium: text and rows in one pass, `transforms.pdf_text`), heaviest first, and run
the analysis's steps (`transforms.analysis`: one per publication), which come first as they are asked for.
`PoolWork` is the pool as a place where steps run; `WorkHere` runs them in this process, in order, for callers
without a pool. (On a Dask cluster, `flows.pdf_dask.DaskWork` sends them to the cluster in chunks, where each
worker runs its chunk on a pool of its own.)
"""

from __future__ import annotations

import heapq
import itertools
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from contextlib import closing
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Protocol

from transforms.pdf_text import MEMORY_LIMIT_ERROR, Extraction, extract_file

# Address space per worker. An idle worker with both libraries loaded maps ~75 MiB; all 107 real inspection
# reports we hold read whole under 192 MiB, while a decompression bomb or an XObject fan-out runs into the
# limit within a second. Sized so that the whole harvest stays under 1 GB whatever sites send: two workers at
# their limit (384 MiB) beside the flow and its temporary Prefect server (~550 MiB).
DEFAULT_MEMORY_MB = int(os.environ.get("PEERWATCH_PDF_MEMORY_MB", "192"))
DEFAULT_TIMEOUT_SECONDS = float(os.environ.get("PEERWATCH_PDF_TIMEOUT", "120"))


def _hit_memory_limit(result) -> bool:
    return getattr(result, "error", None) == MEMORY_LIMIT_ERROR or getattr(result, "reason", None) == MEMORY_LIMIT_ERROR


def weight_of_call(arguments: tuple) -> int:
    """Roughly how long a call will take: the length of the text it is given."""
    total = 0
    for a in arguments:
        if isinstance(a, str):
            total += len(a)
        elif isinstance(a, (list, tuple)):
            total += weight_of_call(tuple(a))
    return total


def _size(path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# -- a worker ----------------------------------------------------------------------------------------------------
def limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space, so an allocation past it fails here instead of growing the machine."""
    if not memory_mb:
        return
    import resource

    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


@dataclass
class CallFailed:
    """A function run in a worker that gave no result: it raised, ran out of time or memory, or its worker died.
    It is never run again in the caller's process, where nothing bounds its time or memory: an exception it
    raised (`error`) is raised in the caller; any other failure is the call's answer, for the caller to record."""

    reason: str
    error: Exception | None = None


def serve(conn, memory_mb: int | None) -> None:
    """A worker's life: read tasks from `conn`, answer (key, result), until EOF or None.

    A task is (key, "pdf", (path, layout)): read a document; or (key, "call", (function, args)): run a
    module-level function (the analysis of a publication), so the CPU work of a night spreads over the workers."""
    limit_memory(memory_mb)
    import pdfminer.high_level  # noqa: F401  (imported before the first task, so its time is not a document's)
    import pypdfium2  # noqa: F401

    import transforms.classify  # noqa: F401
    import transforms.reviews  # noqa: F401

    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        key, kind, payload = task
        result = _call(*payload) if kind == "call" else extract_file(*payload)
        try:
            conn.send((key, result))
        except MemoryError:
            conn.send((key, _memory_failure(kind)))
            return
        except Exception as exc:  # noqa: BLE001  (a result that cannot be pickled: the caller runs it itself)
            conn.send((key, CallFailed(f"result not sent: {exc.__class__.__name__}")))
        if _hit_memory_limit(result):
            return  # a MemoryError may leave the interpreter fragmented: start afresh


def _call(function, args):
    try:
        return function(*args)
    except MemoryError:
        return CallFailed(MEMORY_LIMIT_ERROR)
    except Exception as exc:  # noqa: BLE001  (raised again in the caller's process)
        return CallFailed(f"{exc.__class__.__name__}: {str(exc)[:200]}", exc)


def _memory_failure(kind: str):
    return CallFailed(MEMORY_LIMIT_ERROR) if kind == "call" else Extraction("too_large", error=MEMORY_LIMIT_ERROR)


class _Worker:
    """A worker started as a plain subprocess (`python -m transforms.pdf_worker`), so that daemonic hosts such as
    Dask worker processes can run one too; tasks and results go over a pair of pipes."""

    def __init__(self, memory_mb: int | None):
        from multiprocessing.connection import Connection

        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "transforms.pdf_worker", str(task_r), str(result_w), str(memory_mb or 0)],
            pass_fds=(task_r, result_w),
            stdin=subprocess.DEVNULL,
            process_group=0,
        )  # out of the terminal's Ctrl-C: the harvest stops its workers itself, between tasks
        os.close(task_r)
        os.close(result_w)
        self.tasks = Connection(task_w, readable=False)
        self.results = Connection(result_r, writable=False)
        self.task: tuple | None = None  # (key, kind, payload): see `serve`
        self.started = 0.0

    def give(self, task: tuple) -> None:
        self.task = task
        self.started = time.monotonic()
        self.tasks.send(task)

    def exitcode(self) -> int | None:
        try:
            return self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, kill: bool = False) -> None:
        if self.process.poll() is None and not kill:
            try:
                self.tasks.send(None)
                self.process.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.tasks.close()
        self.results.close()


# -- what waits for a worker --------------------------------------------------------------------------------------
class _Queue:
    """Tasks waiting for a worker; more may come while the pool runs. Calls first (rank 0): each one finishes a
    publication. Then the heaviest document first, so the last to start is a light one (a long document started
    last would leave the other workers idle at the end)."""

    def __init__(self):
        self._heap: list = []
        self._order = itertools.count()

    def add(self, tasks: list[tuple], weights: dict, rank: int = 1) -> None:
        for task in tasks:
            heapq.heappush(self._heap, (rank, -weights.get(task[0], 0), next(self._order), task))

    def pop(self) -> tuple:
        return heapq.heappop(self._heap)[-1]

    def __bool__(self) -> bool:
        return bool(self._heap)


# -- the pool ----------------------------------------------------------------------------------------------------
class TextExtractor:
    """Worker processes that read PDFs, each document under its own time limit and each worker under a
    memory limit.

    A document that exceeds its time is recorded `timeout` and only its worker is replaced; a worker that
    dies (memory limit hit inside a C library, a crash) costs only the document it held. Everything else
    keeps going. (`flows.pdf_dask.DaskExtractor` is the same stage on a Dask cluster.)
    """

    def __init__(
        self,
        workers: int = 2,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        memory_mb: int | None = DEFAULT_MEMORY_MB,
    ):
        self.workers = max(1, workers)
        self.timeout = timeout_seconds
        self.memory_mb = memory_mb
        self._idle: list[_Worker] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        for worker in self._idle:
            worker.stop()
        self._idle = []

    def extract_many(self, paths: dict[str, Path], layout: bool = True) -> dict[str, Extraction]:
        """Each file's Extraction (`transforms.pdf_text.extract_file`): text and, with `layout`, rows."""
        if not paths:
            return {}
        queue = _Queue()
        queue.add(
            [(key, "pdf", (str(path), layout)) for key, path in paths.items()],
            {key: _size(path) for key, path in paths.items()},
        )
        with closing(self._run(queue)) as results:
            return dict(results)

    def run_many(self, function: Callable, arguments: list[tuple]) -> list:
        """`[function(*a) for a in arguments]`, spread over the workers (largest texts first). `function` must
        be importable by name. An exception in a worker is raised here; a call that ran out of time or memory,
        or whose worker died, answers a `CallFailed` (it is not run again here, where nothing would bound it)."""
        if not arguments:
            return [function(*a) for a in arguments]
        work = PoolWork(self)
        for i, a in enumerate(arguments):
            work.call(i, function, a)
        answers = dict(work.finished())
        return [answers[i] for i in range(len(arguments))]

    def work(self) -> Work:
        """The pool as the place where a batch's analysis steps run."""
        return PoolWork(self)

    def _take_worker(self) -> _Worker:
        return self._idle.pop() if self._idle else _Worker(self.memory_mb)

    def _give(self, worker: _Worker, task: tuple) -> _Worker:
        try:
            worker.give(task)
        except OSError:  # an idle worker died meanwhile (killed from outside): a fresh one takes the task
            worker.stop(kill=True)
            worker = _Worker(self.memory_mb)
            worker.give(task)
        return worker

    def _run(self, queue: _Queue) -> Iterator[tuple]:
        """Runs the queue's tasks on the workers, yielding (key, result) as each finishes; tasks added to the
        queue meanwhile are run too. Each task has its own time limit, counted from when a worker took it."""
        busy: list[_Worker] = []
        try:
            while queue or busy:
                self._fill(queue, busy)
                if busy:
                    ready = wait([w.results for w in busy], timeout=self._until_a_limit(busy))
                    answers = self._collect(ready, busy)
                    # Free workers take their next task before the answers are looked at: what the caller does
                    # with an answer would otherwise keep them waiting.
                    self._fill(queue, busy)
                    yield from answers
        finally:
            for worker in busy:  # interrupted (an exception where the results are used, a bug): leave no worker
                worker.stop(kill=True)

    def _fill(self, queue: _Queue, busy: list[_Worker]) -> None:
        while queue and len(busy) < self.workers:
            busy.append(self._give(self._take_worker(), queue.pop()))

    def _collect(self, ready: list, busy: list[_Worker]) -> list[tuple]:
        """The answers of the workers that finished (or ran out of time); frees them."""
        answers = []
        now = time.monotonic()
        for worker in list(busy):
            outcome = self._outcome(worker, ready, now - worker.started >= self.timeout)
            if outcome is None:
                continue
            key, result, reusable = outcome
            busy.remove(worker)
            if reusable:
                self._idle.append(worker)
            else:
                worker.stop(kill=True)
            answers.append((key, result))
        return answers

    def _until_a_limit(self, busy: list[_Worker]) -> float:
        now = time.monotonic()
        return max(0.0, min(self.timeout - (now - w.started) for w in busy))

    def _failure(self, kind: str, reason: str):
        return CallFailed(reason) if kind == "call" else Extraction("timeout", error=reason)

    def _outcome(self, worker: _Worker, ready: list, out_of_time: bool) -> tuple[object, object, bool] | None:
        """What became of the worker's task: (key, result, worker still usable), or None if pending."""
        key, kind, _ = worker.task
        if worker.results in ready:
            try:
                got_key, result = worker.results.recv()
                return got_key, result, not _hit_memory_limit(result)
            except (EOFError, OSError):
                exitcode = worker.exitcode()  # died before answering
                return (
                    key,
                    (CallFailed(f"worker exit code {exitcode}") if kind == "call" else self._death(exitcode)),
                    False,
                )
        if out_of_time:
            return key, self._failure(kind, f"no result within {self.timeout:.0f} s"), False
        return None

    def _death(self, exitcode: int | None) -> Extraction:
        # PDFium and CPython abort (SIGABRT) when an allocation fails under the address-space limit; the OOM
        # killer sends SIGKILL. Anything else (a segfault in a C library) is the file's fault.
        if exitcode in (-signal.SIGABRT, -signal.SIGKILL):
            return Extraction(
                "too_large",
                error=f"worker stopped reading it (exit code {exitcode}): memory limit of {self.memory_mb} MiB reached",
            )
        return Extraction("corrupt", error=f"worker crashed reading it (exit code {exitcode})")


# -- where a batch's analysis steps run ---------------------------------------------------------------------------
class Work(Protocol):
    """Where a batch's analysis steps run. Steps are asked for one by one (`call`); `finished` gives
    (key, answer) as each is done, and more may be asked for while it runs."""

    def call(self, key: Hashable, function: Callable, args: tuple) -> None:
        """Run `function(*args)` (a module-level function, so a worker can import it)."""

    def finished(self) -> Iterator[tuple[Hashable, object]]: ...


class WorkHere:
    """The steps in this process, in the order asked."""

    def __init__(self):
        self._calls: deque = deque()

    def call(self, key: Hashable, function: Callable, args: tuple) -> None:
        self._calls.append((key, function, args))

    def finished(self) -> Iterator[tuple[Hashable, object]]:
        while self._calls:
            key, function, args = self._calls.popleft()
            yield key, function(*args)


class PoolWork:
    """The steps on the pool: each goes to the next free worker as soon as it is asked for, the largest texts
    first. A step that fails in a worker is never run again here: an exception it raised is raised here, any
    other failure (time or memory limit, a dead worker) is its answer, a `CallFailed`. (`raise_errors=False`: the
    raised exception is left in its CallFailed, for a caller that passes answers on, as a Dask worker does.)"""

    def __init__(self, pool: TextExtractor, raise_errors: bool = True):
        self.pool = pool
        self.raise_errors = raise_errors
        self._queue = _Queue()

    def call(self, key: Hashable, function: Callable, args: tuple) -> None:
        self._queue.add([(key, "call", (function, args))], {key: weight_of_call(args)}, rank=0)

    def finished(self) -> Iterator[tuple[Hashable, object]]:
        with closing(self.pool._run(self._queue)) as results:
            for key, result in results:
                if self.raise_errors and isinstance(result, CallFailed) and result.error is not None:
                    raise result.error
                yield key, result
