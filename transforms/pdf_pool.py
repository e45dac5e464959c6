"""The guarded pool of PDF workers, and a batch's analysis run on it as one stream of tasks.

Hostile files are contained here: each worker runs under an address-space limit (a Flate bomb or an XObject
fan-out ends as `too_large` in that worker alone) and each document has its own time limit counted from when
a worker took it (a looping file ends as `timeout`; the worker is replaced and the other documents, finished
or in flight, are kept).

The pool keeps every core busy:
- the layout pass cuts a long document into page ranges read side by side (its time limit is then worker
  time: two parts at once use it twice as fast);
- classification and review extraction run on the same workers;
- a batch's analysis is one stream (`PoolWork`): a publication's layout reading starts as soon as its
  classification names a review, and its second classification as soon as that reading is in, while the
  other worker goes on with whatever else is waiting. Run as steps (classify everything, read everything,
  classify again), each step ended with one worker waiting for the other's last task.
`WorkHere` does the same analysis in this process, step by step, for callers without a pool (and for a Dask
cluster, whose workers read whole batches of documents at a time).
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

from transforms.pdf_text import (
    MAX_PAGES,
    MEMORY_LIMIT_ERROR,
    Extraction,
    LayoutPages,
    _finish,
    extract_file,
    extract_layout_pages,
)

# The layout pass cuts a long document into parts of at least this many pages, at most this many parts a
# worker. Each part costs its worker the document's set-up again (a few ms); the stream keeps the workers busy
# with other documents meanwhile, so parts are only needed against one long document being read alone at the end.
MIN_PAGES_PER_PART = 8
PARTS_PER_WORKER = 2
# Address space per worker. An idle worker with both libraries loaded maps ~75 MiB; real council PDFs stay
# far below this, while a decompression bomb or an XObject fan-out runs into it within a second.
DEFAULT_MEMORY_MB = int(os.environ.get("PEERWATCH_PDF_MEMORY_MB", "1024"))
DEFAULT_TIMEOUT_SECONDS = float(os.environ.get("PEERWATCH_PDF_TIMEOUT", "120"))

# Finds the files of documents (by URL) for the layout pass; a document it cannot find is not read.
PathsOf = Callable[[list[str]], dict[str, Path]]
# Reads documents (by URL) with the layout pass: pdfminer text and positional rows.
LayoutPass = Callable[[list[str]], dict[str, Extraction]]


def _hit_memory_limit(result) -> bool:
    return getattr(result, "error", None) == MEMORY_LIMIT_ERROR or getattr(result, "reason", None) == MEMORY_LIMIT_ERROR


def _weight(arguments: tuple) -> int:
    """Roughly how long a call will take: the length of the text it is given."""
    total = 0
    for a in arguments:
        if isinstance(a, str):
            total += len(a)
        elif isinstance(a, (list, tuple)):
            total += _weight(tuple(a))
    return total


def _ends_the_document(result) -> bool:
    """A part that ran out of time or memory: reading the rest of its document would fail the same way."""
    return isinstance(result, Extraction) and result.status in ("timeout", "too_large")


def _page_count(path) -> int:
    """Pages PDFium sees (0 if it cannot open the file): only used to cut a long document into parts."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:  # noqa: BLE001  (encrypted or damaged: read whole, as one part)
        return 0
    try:
        return min(len(pdf), MAX_PAGES)
    finally:
        pdf.close()


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
    The caller runs it again in its own process."""
    reason: str


def serve(conn, memory_mb: int | None) -> None:
    """A worker's life: read tasks from `conn`, answer (key, result), until EOF or None.

    A task is (key, "pdf", (path, layout)): read a document; (key, "pages", (path, first, stop)): read some
    pages with the layout pass; or (key, "call", (function, args)): run a module-level function (the analysis
    of a publication), so the CPU work of a night spreads over the workers."""
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
        result = (_call(*payload) if kind == "call" else extract_layout_pages(*payload) if kind == "pages"
                  else extract_file(*payload))
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
    except Exception as exc:  # noqa: BLE001  (the caller runs it again in its own process, where it raises)
        return CallFailed(f"{exc.__class__.__name__}: {str(exc)[:200]}")


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
            pass_fds=(task_r, result_w), stdin=subprocess.DEVNULL)
        os.close(task_r)
        os.close(result_w)
        self.tasks = Connection(task_w, readable=False)
        self.results = Connection(result_r, writable=False)
        self.task: tuple | None = None     # (key, kind, payload): see `serve`
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
    """Tasks waiting for a worker; more may come while the pool runs.

    Calls first (rank 0): each one finishes a publication or decides what is read next. Then the heaviest
    document first, so the last to start is a light one (a long document started last would leave the other
    workers idle at the end); the parts of one document back to back, in page order, so they run side by side
    as soon as they can.

    A task may be meant for the worker that ran an earlier one (`near`): a publication classified again finds
    most of its sentences in that worker's caches (classifying them cold costs up to half as much again). Such a
    task waits for that worker while others have something else to do, and goes to any worker when they don't."""

    def __init__(self):
        self._heap: list = []
        self._near: dict[int, list] = {}     # worker pid → its heap of tasks meant for it
        self._order = itertools.count()
        self.ran_on: dict = {}               # task key → pid of the worker that answered it

    def add(self, tasks: list[tuple], weights: dict, document_of: Callable, rank: int = 1, near=None) -> None:
        total: dict = {}
        for task in tasks:
            doc = document_of(task[0])
            total[doc] = total.get(doc, 0) + weights.get(task[0], 0)
        pid = self.ran_on.get(near) if near is not None else None
        heap = self._near.setdefault(pid, []) if pid is not None else self._heap
        for task in tasks:
            heapq.heappush(heap, (rank, -total[document_of(task[0])], next(self._order), task))

    def pop(self, pid: int | None = None) -> tuple:
        """The first task for the worker `pid`: its own or a common one, whichever comes first; else the first
        of those meant for another worker."""
        mine = self._near.get(pid) or []
        if mine and (not self._heap or mine[0] < self._heap[0]):
            return heapq.heappop(mine)[-1]
        if self._heap:
            return heapq.heappop(self._heap)[-1]
        other = min((h for h in self._near.values() if h), key=lambda h: h[0])
        return heapq.heappop(other)[-1]

    def __bool__(self) -> bool:
        return bool(self._heap) or any(self._near.values())


# -- the pool ----------------------------------------------------------------------------------------------------
class TextExtractor:
    """Worker processes that read PDFs, each document under its own time limit and each worker under a
    memory limit.

    A document that exceeds its time is recorded `timeout` and only its worker is replaced; a worker that
    dies (memory limit hit inside a C library, a crash) costs only the document it held. Everything else
    keeps going. (`flows.pdf_dask.DaskExtractor` is the same stage on a Dask cluster.)
    """

    def __init__(self, workers: int = 2, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
                 memory_mb: int | None = DEFAULT_MEMORY_MB):
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

    def extract_many(self, paths: dict[str, Path], layout: bool = False) -> dict[str, Extraction]:
        if not paths:
            return {}
        if layout:
            work = PoolWork(self)
            for key, path in paths.items():
                work.read_path(key, path)
            return dict(work.finished())
        tasks = [(key, "pdf", (str(path), layout)) for key, path in paths.items()]
        return self._run_all(tasks, {key: _size(path) for key, path in paths.items()})

    def run_many(self, function: Callable, arguments: list[tuple]) -> list:
        """`[function(*a) for a in arguments]`, spread over the workers (largest texts first). `function` must
        be importable by name. A call that fails in a worker (an exception, a crash, the time or memory limit)
        is run again here, so the answers — and any exception — are exactly those of running it here."""
        if not arguments:
            return [function(*a) for a in arguments]
        work = PoolWork(self)
        for i, a in enumerate(arguments):
            work.call(i, function, a)
        answers = dict(work.finished())
        return [answers[i] for i in range(len(arguments))]

    def work(self, paths_of: PathsOf | None = None) -> Work:
        """Where a batch's analysis runs: on the pool as one stream. `paths_of` finds the documents' files for
        the layout pass."""
        return PoolWork(self, paths_of)

    def _take_worker(self) -> _Worker:
        return self._idle.pop() if self._idle else _Worker(self.memory_mb)

    def _give(self, worker: _Worker, task: tuple) -> _Worker:
        try:
            worker.give(task)
        except OSError:   # an idle worker died meanwhile (killed from outside): a fresh one takes the task
            worker.stop(kill=True)
            worker = _Worker(self.memory_mb)
            worker.give(task)
        return worker

    def _run_all(self, tasks: list[tuple], weights: dict) -> dict:
        queue = _Queue()
        queue.add(tasks, weights, _itself)
        with closing(self._run(queue, _itself)) as results:
            return dict(results)

    def _run(self, queue: _Queue, document_of: Callable) -> Iterator[tuple]:
        """Runs the queue's tasks on the workers, yielding (key, result) as each finishes; tasks added to the
        queue meanwhile are run too. `document_of(key)`: the document a task is part of (itself, unless a long
        document was cut into parts). A document's time limit is worker time: its parts' running times add up,
        so a document read by two workers at once has used its limit after half of it on the clock, exactly the
        work one worker could have spent on it. Once a part fails for time or memory, the document has failed
        and its other parts are stopped."""
        busy: list[_Worker] = []
        spent: dict = {}         # document → worker seconds of its finished parts
        failed: dict = {}        # document → the failure every part of it now gets
        try:
            while queue or busy:
                answers = self._fill(queue, busy, failed, document_of)
                if busy:
                    ready = wait([w.results for w in busy], timeout=self._until_a_limit(busy, spent, document_of))
                    answers += self._collect(ready, queue, busy, spent, failed, document_of)
                    # Free workers take their next task before the answers are looked at: what the caller does
                    # with an answer (classify it, plan a reading) would otherwise keep them waiting.
                    answers += self._fill(queue, busy, failed, document_of)
                yield from answers
        finally:
            for worker in busy:   # interrupted (an exception where the results are used, a bug): leave no worker
                worker.stop(kill=True)

    def _fill(self, queue: _Queue, busy: list[_Worker], failed: dict, document_of: Callable) -> list[tuple]:
        """Gives each free worker a task; answers the tasks of documents that have already failed."""
        answers = []
        while queue and len(busy) < self.workers:
            worker = self._take_worker()
            task = queue.pop(worker.process.pid)
            if document_of(task[0]) in failed:
                self._idle.append(worker)
                answers.append((task[0], failed[document_of(task[0])]))
                continue
            busy.append(self._give(worker, task))
        return answers

    def _collect(self, ready: list, queue: _Queue, busy: list[_Worker], spent: dict, failed: dict,
                 document_of: Callable) -> list[tuple]:
        """The answers of the workers that finished (or ran out of time); frees them."""
        answers = []
        now = time.monotonic()
        for worker in list(busy):
            outcome = self._outcome(worker, ready, self._out_of_time(worker, busy, spent, document_of, now))
            if outcome is None:
                continue
            key, result, reusable = outcome
            queue.ran_on[key] = worker.process.pid
            doc = document_of(key)
            spent[doc] = spent.get(doc, 0.0) + now - worker.started
            busy.remove(worker)
            if reusable:
                self._idle.append(worker)
            else:
                worker.stop(kill=True)
            if _ends_the_document(result):
                failed[doc] = result
            answers.append((key, result))
        for worker in list(busy):    # parts of a document that has failed: stop reading them
            doc = document_of(worker.task[0])
            if doc in failed:
                busy.remove(worker)
                worker.stop(kill=True)
                answers.append((worker.task[0], failed[doc]))
        return answers

    def _used(self, doc, busy: list[_Worker], spent: dict, document_of: Callable, now: float) -> tuple[float, int]:
        """Worker seconds a document has used so far, and how many of its parts are running."""
        running = [w for w in busy if document_of(w.task[0]) == doc]
        return spent.get(doc, 0.0) + sum(now - w.started for w in running), len(running)

    def _out_of_time(self, worker: _Worker, busy: list[_Worker], spent: dict, document_of: Callable,
                     now: float) -> bool:
        used, _ = self._used(document_of(worker.task[0]), busy, spent, document_of, now)
        return used >= self.timeout

    def _until_a_limit(self, busy: list[_Worker], spent: dict, document_of: Callable) -> float:
        now = time.monotonic()
        waits = []
        for doc in {document_of(w.task[0]) for w in busy}:
            used, running = self._used(doc, busy, spent, document_of, now)
            waits.append(max(0.0, (self.timeout - used) / running))
        return min(waits)

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
                exitcode = worker.exitcode()    # died before answering
                return key, (CallFailed(f"worker exit code {exitcode}") if kind == "call" else self._death(exitcode)), False
        if out_of_time:
            return key, self._failure(kind, f"no result within {self.timeout:.0f} s"), False
        return None

    def _death(self, exitcode: int | None) -> Extraction:
        # PDFium and CPython abort (SIGABRT) when an allocation fails under the address-space limit; the OOM
        # killer sends SIGKILL. Anything else (a segfault in a C library) is the file's fault.
        if exitcode in (-signal.SIGABRT, -signal.SIGKILL):
            return Extraction("too_large", error=f"worker stopped reading it (exit code {exitcode}): memory "
                                                 f"limit of {self.memory_mb} MiB reached")
        return Extraction("corrupt", error=f"worker crashed reading it (exit code {exitcode})")


def _itself(key):
    return key


def _document(task_key: tuple) -> tuple:
    """A stream task's document: ("call", key), ("part", key) for every part of one reading, ("whole", key)."""
    return task_key[:2]


# -- a batch's analysis as a stream of tasks ---------------------------------------------------------------------
class Work(Protocol):
    """Where a batch's analysis runs. Calls and layout readings are asked for one by one; `finished` gives
    (key, answer) as each is done, and more may be asked for while it runs. A layout reading's answer is the
    document's Extraction, or None when its file cannot be found."""

    reads_layout: bool

    def call(self, key: Hashable, function: Callable, args: tuple, near: Hashable | None = None) -> None:
        """Run `function(*args)`; `near`: the key of an earlier call whose worker had best run this one too."""

    def read_layout(self, key: Hashable, url: str) -> None: ...

    def finished(self) -> Iterator[tuple[Hashable, object]]: ...


class WorkHere:
    """The analysis in this process, step by step: calls in the order asked; the layout readings asked
    meanwhile are done together once no call is waiting, so whatever `layout_pass` uses reads them side by side."""

    def __init__(self, layout_pass: LayoutPass | None = None):
        self.layout_pass = layout_pass
        self.reads_layout = layout_pass is not None
        self._calls: deque = deque()
        self._layouts: list[tuple[Hashable, str]] = []

    def call(self, key: Hashable, function: Callable, args: tuple, near: Hashable | None = None) -> None:
        self._calls.append((key, function, args))

    def read_layout(self, key: Hashable, url: str) -> None:
        self._layouts.append((key, url))

    def finished(self) -> Iterator[tuple[Hashable, object]]:
        while self._calls or self._layouts:
            if self._calls:
                key, function, args = self._calls.popleft()
                yield key, function(*args)
                continue
            asked, self._layouts = self._layouts, []
            read = self.layout_pass([url for _, url in asked])
            for key, url in asked:
                yield key, read.get(url)


class PoolWork:
    """The analysis on the pool as one stream: each call and layout reading goes to the next free worker as
    soon as it is asked for, calls first. A call that fails in a worker is run again here, so its answer (or
    exception) is that of running it here. A long document's layout reading is cut into page ranges read side
    by side and joined; a part that fails sends the document to be read whole, so every answer is that of one
    whole reading."""

    def __init__(self, pool: TextExtractor, paths_of: PathsOf | None = None):
        self.pool = pool
        self.paths_of = paths_of
        self.reads_layout = paths_of is not None
        self._queue = _Queue()
        self._ready: deque = deque()          # answers known without a worker
        self._calls: dict = {}                # key → (function, args), to run again here if a worker fails
        self._parts: dict = {}                # key → {first page: LayoutPages or Extraction, None until read}
        self._paths: dict = {}

    def call(self, key: Hashable, function: Callable, args: tuple, near: Hashable | None = None) -> None:
        self._calls[key] = (function, args)
        task_key = ("call", key)
        self._queue.add([(task_key, "call", (function, args))], {task_key: _weight(args)}, _document, rank=0,
                        near=("call", near) if near is not None else None)

    def read_layout(self, key: Hashable, url: str) -> None:
        path = self.paths_of([url]).get(url) if self.paths_of else None
        if path is None:
            self._ready.append((key, None))
        else:
            self.read_path(key, path)

    def read_path(self, key: Hashable, path: Path) -> None:
        """The layout pass over one file: whole with one worker, else in parts of a few pages each."""
        self._paths[key] = path
        if self.pool.workers == 1:
            self._read_whole(key)
            return
        count = _page_count(path)
        part = max(MIN_PAGES_PER_PART, -(-count // (self.pool.workers * PARTS_PER_WORKER)))
        starts = list(range(0, count, part)) or [0]
        tasks, weights = [], {}
        for n, first in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else None      # the last part reads to the end
            task_key = ("part", key, first)
            tasks.append((task_key, "pages", (str(path), first, stop)))
            # A part's share of the file's bytes: a page of a text-heavy report costs pdfminer more than a page
            # of a slide deck, and bytes follow text more closely than page counts do.
            pages = (min(stop, count) if stop is not None else count) - first
            weights[task_key] = _size(path) * pages / count if count else _size(path)
        self._parts[key] = dict.fromkeys(starts)
        self._queue.add(tasks, weights, _document)

    def _read_whole(self, key: Hashable) -> None:
        task_key = ("whole", key)
        self._queue.add([(task_key, "pdf", (str(self._paths[key]), True))], {task_key: _size(self._paths[key])},
                        _document)

    def finished(self) -> Iterator[tuple[Hashable, object]]:
        while self._ready or self._queue:
            while self._ready:
                yield self._ready.popleft()
            with closing(self.pool._run(self._queue, _document)) as results:
                for task_key, result in results:
                    answer = self._answer(task_key, result)
                    if answer is not None:
                        yield answer
                    while self._ready:
                        yield self._ready.popleft()

    def _answer(self, task_key: tuple, result) -> tuple | None:
        kind, key = task_key[0], task_key[1]
        if kind == "call":
            function, args = self._calls.pop(key)
            return key, (function(*args) if isinstance(result, CallFailed) else result)
        if kind == "whole":
            return key, result
        parts = self._parts[key]
        parts[task_key[2]] = result
        if any(got is None for got in parts.values()):
            return None
        del self._parts[key]
        read = [got for _, got in sorted(parts.items())]
        if all(isinstance(got, LayoutPages) for got in read):
            return key, _finish([t for got in read for t in got.texts], "pdfminer",
                                [t for got in read for t in got.layouts])
        failure = next((got for got in read if _ends_the_document(got)), None)
        if failure is not None:
            return key, failure
        self._read_whole(key)      # a part went wrong some other way (damaged, encrypted): the whole file decides
        return None
