"""PDF text in two passes, in guarded worker processes, with a recorded outcome for every file.

Outcomes: ok, no_text (a scan: needs OCR), encrypted, corrupt, too_large, unsupported, timeout.

- **Fast text** (`extract_text_fast`, PDFium through pypdfium2, ~30× pdfminer.six per core): the text every
  document gets, for classification and search.
- **Layout pass** (`extract_pdf_bytes`, pdfminer.six with layout analysis): pdfminer's reading-order text
  plus a positional rendering (`layout_text`): text lines grouped into rows by their y position and joined
  left to right with " | ", so a table whose columns pdfminer put in separate boxes reads label | value
  again (ILACS judgement tables). Only positions need it, and only for publications that may be reviews
  (see `flows/harvest.py`), so most documents never pay for it.

Hostile files are contained by the pool (`TextExtractor`): each worker runs under an address-space limit
(a Flate bomb or an XObject fan-out ends as `too_large` in that worker alone) and each document has its own
time limit counted from when a worker took it (a looping file ends as `timeout`; the worker is replaced and
the other documents, finished or in flight, are kept).

The pool keeps every core busy: the layout pass cuts a long document into page ranges read side by side
(its time limit is then worker time: two parts at once use it twice as fast), and the night's classification
runs on the same workers (`run_many`), so the flow's own process only hands out work.
"""
from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from transforms.clean import clean_text

EXTRACT_STATUSES = ("ok", "no_text", "encrypted", "corrupt", "too_large", "unsupported", "timeout")
ENGINES = ("pdfium", "pdfminer")
MIN_CHARS_PER_PAGE = 25
MAX_PAGES = 500
MAX_BYTES = 60 * 1024 * 1024
# The layout pass cuts long documents into parts of at least this many pages, about this many parts a worker.
MIN_PAGES_PER_PART = 4
PARTS_PER_WORKER = 3
# Address space per worker. An idle worker with both libraries loaded maps ~75 MiB; real council PDFs stay
# far below this, while a decompression bomb or an XObject fan-out runs into it within a second.
DEFAULT_MEMORY_MB = int(os.environ.get("PEERWATCH_PDF_MEMORY_MB", "1024"))
DEFAULT_TIMEOUT_SECONDS = float(os.environ.get("PEERWATCH_PDF_TIMEOUT", "120"))


@dataclass
class Extraction:
    status: str
    text: str = ""
    layout_text: str = ""
    pages: int = 0
    error: str | None = None
    engine: str = ""          # "pdfium" (fast text) or "pdfminer" (layout pass); "" when nothing was read
    # False when no sentence of the text can name a review (transforms.classify.could_mention_a_review),
    # worked out in the worker so the main process need not scan the text again.
    may_name_review: bool = True

    @property
    def has_layout(self) -> bool:
        return self.engine == "pdfminer"


def sniff_unsupported(data: bytes) -> str | None:
    head = data[:1024].lstrip().lower()
    if data[:5] == b"%PDF-" or b"%pdf-" in data[:1024].lower():
        return None
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page, not a PDF"
    return "not a PDF (no %PDF header)"


def _refuse(data: bytes) -> Extraction | None:
    if len(data) > MAX_BYTES:
        return Extraction("too_large", error=f"{len(data)} bytes")
    reason = sniff_unsupported(data)
    return Extraction("unsupported", error=reason) if reason else None


def _finish(pages_text: list[str], engine: str, layouts: list[str] | None = None) -> Extraction:
    """Join cleaned pages with form feeds (page breaks survive; a poisoned ToUnicode map does not)."""
    from transforms.classify import could_mention_a_review

    pages = len(pages_text)
    text = "\f".join(clean_text(t) for t in pages_text)
    if pages and len(re.sub(r"\s", "", text)) < MIN_CHARS_PER_PAGE * pages:
        text = text.strip()
        return Extraction("no_text", text=text, pages=pages, error="no text layer: needs OCR", engine=engine,
                          may_name_review=could_mention_a_review(text))
    layout = "\f".join(clean_text(t) for t in layouts) if layouts is not None else ""
    return Extraction("ok", text=text, layout_text=layout, pages=pages, engine=engine,
                      may_name_review=could_mention_a_review(text))


def extract_text_fast(data: bytes) -> Extraction:
    """Text of every page from PDFium. Pages and text pages are closed as we go so memory stays flat."""
    refused = _refuse(data)
    if refused:
        return refused
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            return Extraction("encrypted", error="PdfiumError: password required", engine="pdfium")
        return Extraction("corrupt", error=f"PdfiumError: {str(exc)[:200]}", engine="pdfium")
    try:
        texts = []
        for index in range(min(len(doc), MAX_PAGES)):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                # PDFium ends lines with CRLF; pdfminer (and the sentence splitter) use LF.
                texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n") + "\n")
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        return Extraction("corrupt", pages=len(texts), error=f"PdfiumError: {str(exc)[:200]}", engine="pdfium")
    finally:
        doc.close()
    return _finish(texts, "pdfium")


def extract_pdf_bytes(data: bytes) -> Extraction:
    """The layout pass: pdfminer.six reading-order text and the positional rows of every page."""
    read = _read_layout(data, None)      # a MemoryError goes up: the pool records it as too_large
    return read if isinstance(read, Extraction) else _finish(read.texts, "pdfminer", read.layouts)


@dataclass
class LayoutPages:
    """Some pages of a long document read by the layout pass and not yet finished: the pool reads the parts of
    one document side by side and finishes them together (`TextExtractor.extract_many`)."""
    texts: list[str]
    layouts: list[str]


def extract_layout_pages(path: str, first: int, stop: int | None) -> LayoutPages | Extraction:
    """Pages first..stop-1 (to the end with None) of a stored document; an Extraction if that went wrong."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Extraction("corrupt", error=f"could not read the stored file: {exc.__class__.__name__}")
    try:
        return _read_layout(data, range(first, stop if stop is not None else MAX_PAGES))
    except MemoryError:
        return Extraction("too_large", error=MEMORY_LIMIT_ERROR)


def _read_layout(data: bytes, pages: range | None) -> LayoutPages | Extraction:
    refused = _refuse(data)
    if refused:
        return refused
    read = LayoutPages([], [])
    try:
        _read_layout_pages(data, pages, read.texts, read.layouts)
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged files (PSEOF, PDFSyntaxError, KeyError…)
        return _layout_failure(exc, len(read.texts))
    return read


def _read_layout_pages(data: bytes, pages: range | None, texts: list[str], layouts: list[str]) -> None:
    """Appends each page's text and positional rows (every page up to MAX_PAGES, or those in `pages`).
    pdfminer lays out each page on its own, so pages read apart give what pages read together give."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    for page in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES,
                              page_numbers=set(pages) if pages is not None else None):
        lines = []
        page_text = []
        for element in page:
            if isinstance(element, LTTextContainer):
                page_text.append(element.get_text())
                for line in element:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        lines.append((line.x0, line.y0, line.y1, line.get_text().strip()))
        texts.append("".join(page_text))
        layouts.append(rows_by_position(lines))


def _layout_failure(exc: Exception, pages: int) -> Extraction:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return Extraction("encrypted", error=f"{exc.__class__.__name__}: password required", engine="pdfminer")
    kind = exc.__class__.__name__
    if "password" in kind.lower() or "encrypt" in kind.lower():
        return Extraction("encrypted", error=kind, engine="pdfminer")
    return Extraction("corrupt", pages=pages, error=f"{kind}: {str(exc)[:200]}", engine="pdfminer")


def extract_document(data: bytes, layout: bool = False) -> Extraction:
    return extract_pdf_bytes(data) if layout else extract_text_fast(data)


Line = tuple[float, float, float, str]   # (x0, y0, y1, text)


def rows_by_position(lines: list[Line]) -> str:
    """Group text lines whose vertical extents overlap into one row, left to right.

    Lines are taken top down; a line joins the first earlier row it overlaps by more than half the
    smaller height. Only rows reaching below the line's top can overlap it, and since tops only go down,
    a row that stops above one line stops above every later one: it leaves the open list for good. So
    each line is compared with the few rows of its own band, not with the whole page.
    """
    rows: list[list[Line]] = []
    open_rows: list[tuple[list[Line], list[float]]] = []   # (row, [bottom, top]) of rows still reachable
    for line in sorted(lines, key=lambda l: (-l[2], l[0])):
        x0, y0, y1, text = line
        open_rows = [(row, ext) for row, ext in open_rows if ext[0] < y1]
        for row, ext in open_rows:
            overlap = min(y1, ext[1]) - max(y0, ext[0])
            if overlap > 0.5 * min(y1 - y0, ext[1] - ext[0]):
                row.append(line)
                ext[0], ext[1] = min(ext[0], y0), max(ext[1], y1)
                break
        else:
            row = [line]
            rows.append(row)
            open_rows.append((row, [y0, y1]))
    return "\n".join(" | ".join(l[3] for l in sorted(row, key=lambda l: l[0])) for row in rows)


def extract_file(path: str, layout: bool = False) -> Extraction:
    """One document from a file (what a worker, local or on a cluster, runs)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:   # the raw store lost the file: not the document's fault, nothing settled
        return Extraction("corrupt", error=f"could not read the stored file: {exc.__class__.__name__}")
    try:
        return extract_document(data, layout)
    except MemoryError:
        return Extraction("too_large", error=MEMORY_LIMIT_ERROR)
    except Exception as exc:  # noqa: BLE001  (a library bug on a strange file must cost only this document)
        return Extraction("corrupt", error=f"{exc.__class__.__name__}: {str(exc)[:200]}")


MEMORY_LIMIT_ERROR = "exceeded the worker's memory limit while decoding"


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


# -- the guarded pool ----------------------------------------------------------------------------------------
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
    """A function run in a worker (`TextExtractor.run_many`) that gave no result: it raised, ran out of time or
    memory, or its worker died. The caller runs it again in its own process."""
    reason: str


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


class TextExtractor:
    """Worker processes that read PDFs, each document under its own time limit and each worker under a
    memory limit.

    A document that exceeds its time is recorded `timeout` and only its worker is replaced; a worker that
    dies (memory limit hit inside a C library, a crash) costs only the document it held. Everything else
    keeps going. With `dask_address` the documents go to a Dask cluster instead (`transforms.pdf_dask`).
    """

    def __init__(self, workers: int = 2, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
                 memory_mb: int | None = DEFAULT_MEMORY_MB, dask_address: str | None = None):
        self.workers = max(1, workers)
        self.timeout = timeout_seconds
        self.memory_mb = memory_mb
        self.dask_address = dask_address
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
        if self.dask_address:
            from transforms.pdf_dask import extract_on_dask

            return extract_on_dask(self.dask_address, paths, layout, self.timeout, self.memory_mb)
        if layout and self.workers > 1:
            return self._layout_side_by_side(paths)
        # Largest files first: a long document started last would leave the other workers idle at the end.
        tasks = [(key, "pdf", (str(path), layout)) for key, path in paths.items()]
        return self._run_local(tasks, {key: _size(path) for key, path in paths.items()})

    def _layout_side_by_side(self, paths: dict[str, Path]) -> dict[str, Extraction]:
        """The layout pass is for the few documents of review publications, often one long report: its pages
        are cut into parts for the workers to read side by side, then joined and finished as one document.
        A part that fails sends its document to be read whole, so every outcome is that of a whole reading."""
        counts = {key: _page_count(path) for key, path in paths.items()}
        part = max(MIN_PAGES_PER_PART, -(-sum(counts.values()) // (self.workers * PARTS_PER_WORKER)))
        tasks, weights = [], {}
        for key, path in paths.items():
            starts = list(range(0, counts[key], part)) or [0]
            for n, first in enumerate(starts):
                stop = starts[n + 1] if n + 1 < len(starts) else None      # the last part reads to the end
                tasks.append(((key, first), "pages", (str(path), first, stop)))
                # A part's share of the file's bytes: a page of a text-heavy report costs pdfminer more than a
                # page of a slide deck, and bytes follow text more closely than page counts do.
                pages = (min(stop, counts[key]) if stop is not None else counts[key]) - first
                weights[(key, first)] = _size(path) * pages / counts[key] if counts[key] else _size(path)
        parts = self._run_local(tasks, weights, document_of=lambda k: k[0])
        results: dict[str, Extraction] = {}
        whole = {}
        for key in paths:
            mine = sorted((first, got) for (k, first), got in parts.items() if k == key)
            if mine and all(isinstance(got, LayoutPages) for _, got in mine):
                results[key] = _finish([t for _, got in mine for t in got.texts], "pdfminer",
                                       [t for _, got in mine for t in got.layouts])
            elif any(_ends_the_document(got) for _, got in mine):
                results[key] = next(got for _, got in mine if _ends_the_document(got))
            else:
                whole[key] = paths[key]
        if whole:
            tasks = [(key, "pdf", (str(path), True)) for key, path in whole.items()]
            results.update(self._run_local(tasks, {key: _size(path) for key, path in whole.items()}))
        return results

    def run_many(self, function: Callable, arguments: list[tuple]) -> list:
        """`[function(*a) for a in arguments]`, spread over the workers (largest texts first). `function` must
        be importable by name. A call that fails in a worker (an exception, a crash, the time or memory limit)
        is run again here, so the answers — and any exception — are exactly those of running it here. With a
        Dask cluster (whose workers read PDFs) the calls run here."""
        if self.dask_address or not arguments:
            return [function(*a) for a in arguments]
        tasks = [(i, "call", (function, a)) for i, a in enumerate(arguments)]
        done = self._run_local(tasks, {i: _weight(a) for i, a in enumerate(arguments)})
        return [function(*a) if isinstance(done.get(i), CallFailed) or i not in done else done[i]
                for i, a in enumerate(arguments)]

    def _take_worker(self) -> _Worker:
        return self._idle.pop() if self._idle else _Worker(self.memory_mb)

    def _give(self, task: tuple) -> _Worker:
        worker = self._take_worker()
        try:
            worker.give(task)
        except OSError:   # an idle worker died meanwhile (killed from outside): a fresh one takes the task
            worker.stop(kill=True)
            worker = _Worker(self.memory_mb)
            worker.give(task)
        return worker

    def _run_local(self, tasks: list[tuple], weights: dict, document_of: Callable = lambda key: key) -> dict:
        """Runs tasks on the workers. `document_of(key)`: the document a task is part of (itself, unless a long
        document was cut into parts). A document's time limit is worker time: its parts' running times add up,
        so a document read by two workers at once has used its limit after half of it on the clock, exactly the
        work one worker could have spent on it. Once a part fails for time or memory, the document has failed
        and its other parts are stopped."""
        queue = self._queue(tasks, weights, document_of)
        busy: list[_Worker] = []
        results: dict = {}
        spent: dict = {}         # document → worker seconds of its finished parts
        failed: dict = {}        # document → the failure every part of it now gets
        try:
            while queue or busy:
                while queue and len(busy) < self.workers:
                    task = queue.pop()
                    if document_of(task[0]) in failed:
                        results[task[0]] = failed[document_of(task[0])]
                        continue
                    busy.append(self._give(task))
                if not busy:
                    continue
                ready = wait([w.results for w in busy], timeout=self._until_a_limit(busy, spent, document_of))
                now = time.monotonic()
                for worker in list(busy):
                    outcome = self._outcome(worker, ready, self._out_of_time(worker, busy, spent, document_of, now))
                    if outcome is None:
                        continue
                    key, result, reusable = outcome
                    doc = document_of(key)
                    results[key] = result
                    spent[doc] = spent.get(doc, 0.0) + now - worker.started
                    busy.remove(worker)
                    if reusable:
                        self._idle.append(worker)
                    else:
                        worker.stop(kill=True)
                    if _ends_the_document(result):
                        failed[doc] = result
                for worker in list(busy):    # parts of a document that has failed: stop reading them
                    doc = document_of(worker.task[0])
                    if doc in failed:
                        results[worker.task[0]] = failed[doc]
                        busy.remove(worker)
                        worker.stop(kill=True)
        finally:
            for worker in busy:   # interrupted (KeyboardInterrupt, a bug): leave no worker behind
                worker.stop(kill=True)
        return results

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

    @staticmethod
    def _queue(tasks: list[tuple], weights: dict, document_of: Callable) -> list[tuple]:
        """Heaviest document first (popped from the end), so the last to start is a light one; the parts of one
        document back to back, in page order, so they run side by side on the workers as soon as they can."""
        total: dict = {}
        for task in tasks:
            doc = document_of(task[0])
            total[doc] = total.get(doc, 0) + weights.get(task[0], 0)
        order = sorted(range(len(tasks)), key=lambda i: (-total[document_of(tasks[i][0])], i))
        return [tasks[i] for i in reversed(order)]

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
