"""The PDF stage on a Dask cluster, through Prefect's Dask task runner (prefect-dask).

`DaskExtractor("tcp://scheduler:8786")` is the PDF stage with its documents sent here: they go to the cluster in chunks,
one Prefect task run (`pdf-text`) per chunk, so the runs show in the Prefect UI beside the flow's own. Each
Dask worker reads its chunk through a local `TextExtractor` of one guarded process, so a document on the
cluster has the same memory limit and time limit as on one machine, and a bomb costs only its own result.

What must be shared: the workers read the documents from the paths they are given, so the raw store must be
on storage every worker mounts at the same path; the Prefect API must be reachable from the workers (they
report their task runs to it; a flow on a temporary server hands them that server's address). The results come back to the flow, which alone writes the warehouse.

The analysis steps (`transforms.analysis`: one per publication, classification and review extraction) run on the
cluster too (`DaskWork`), in chunks, each chunk's steps in the Dask worker's guarded local process, so a step has
the same limits as on one machine. Left in the flow's process, they would make it the bottleneck of a cluster
wherever documents name reviews (there analysis costs more than reading). Each step's publication text and its
documents' text go out to the cluster and its answer comes back. These chunks are plain Dask futures, not Prefect
task runs: an empty task run costs some hundreds of milliseconds of round trip (API calls to the Prefect server,
which every worker shares), a plain future a few (`benchmarks/bench_backfill_scale.py` measures both).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from transforms.pdf_pool import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_SECONDS,
    CallFailed,
    PoolWork,
    TextExtractor,
    Work,
    weight_of_call,
)
from transforms.pdf_text import Extraction

CHUNK = 8  # documents per task run: a task run costs a few API calls, a document a few milliseconds
# Analysis steps per Dask future: a step costs from milliseconds to a second (a publication whose documents name
# a review), a future's round trip a few milliseconds; small chunks keep the workers evenly busy.
ANALYSIS_CHUNK = 4

_local = threading.local()


class DaskExtractor(TextExtractor):
    """The PDF stage on a Dask cluster: documents are read there in chunks, and the analysis steps run there
    in chunks too (`DaskWork`)."""

    def __init__(
        self,
        address: str,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        memory_mb: int | None = DEFAULT_MEMORY_MB,
        task_runs: bool = True,
    ):
        """`task_runs=False`: the documents' chunks go as plain Dask futures too, not Prefect task runs (which
        show in the Prefect UI but cost some hundreds of milliseconds each: benchmarks/bench_backfill_scale.py)."""
        super().__init__(workers=1, timeout_seconds=timeout_seconds, memory_mb=memory_mb)
        self.address = address
        self.task_runs = task_runs
        self._client = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        super().close()

    def client(self):
        """A Dask client of the cluster, for the analysis steps (opened once, closed with the extractor)."""
        if self._client is None:
            import distributed

            self._client = distributed.Client(self.address, set_as_default=False)
        return self._client

    def extract_many(self, paths: dict[str, Path], layout: bool = True) -> dict[str, Extraction]:
        if not paths:
            return {}
        if not self.task_runs:
            return read_with_futures(self.client(), paths, layout, self.timeout, self.memory_mb)
        return extract_on_dask(self.address, paths, layout, self.timeout, self.memory_mb)

    def run_many(self, function, arguments: list[tuple]) -> list:
        return [function(*a) for a in arguments]

    def work(self) -> Work:
        return DaskWork(self.client(), self.timeout, self.memory_mb)


def _worker_extractor(timeout: float, memory_mb: int | None) -> TextExtractor:
    """One guarded extraction process per Dask worker thread, kept for the worker's life."""
    ex = getattr(_local, "extractor", None)
    if ex is None or (ex.timeout, ex.memory_mb) != (timeout, memory_mb):
        ex = TextExtractor(workers=1, timeout_seconds=timeout, memory_mb=memory_mb)
        _local.extractor = ex
    return ex


def read_chunk(paths: dict[str, str], layout: bool, timeout: float, memory_mb: int | None) -> dict[str, Extraction]:
    """A chunk of documents read on a Dask worker, through its guarded process."""
    return _worker_extractor(timeout, memory_mb).extract_many({k: Path(p) for k, p in paths.items()}, layout=layout)


@task(name="pdf-text", cache_policy=NO_CACHE, log_prints=False)
def extract_chunk(paths: dict[str, str], layout: bool, timeout: float, memory_mb: int | None) -> dict[str, Extraction]:
    return read_chunk(paths, layout, timeout, memory_mb)


def _chunks(paths: dict[str, Path], chunk: int) -> list[dict[str, str]]:
    items = sorted(((k, str(p)) for k, p in paths.items()), key=lambda kv: kv[0])
    return [dict(items[i : i + chunk]) for i in range(0, len(items), chunk)]


def _chunk_lost(c: dict, exc: Exception) -> None:
    # A worker lost with its chunk: leaving those documents without a result keeps them out of `documents`, so
    # the next run fetches and reads them again.
    _log().warning(
        "PDF chunk of %d documents failed on the cluster (%s: %s); they are read again next run",
        len(c),
        exc.__class__.__name__,
        exc,
    )


def read_with_futures(
    client, paths: dict[str, Path], layout: bool, timeout: float, memory_mb: int | None, chunk: int = CHUNK
) -> dict[str, Extraction]:
    """`extract_on_dask` with plain Dask futures on `client` instead of Prefect task runs."""
    chunks = _chunks(paths, chunk)
    futures = [client.submit(read_chunk, c, layout, timeout, memory_mb, pure=False) for c in chunks]
    return _gathered(chunks, futures)


def extract_on_dask(
    address: str,
    paths: dict[str, Path],
    layout: bool = True,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    chunk: int = CHUNK,
) -> dict[str, Extraction]:
    """Extract `paths` (key → file) on the cluster at `address`; call it inside a Prefect flow run."""
    from prefect_dask import DaskTaskRunner

    chunks = _chunks(paths, chunk)
    with DaskTaskRunner(address=address) as runner, _api_for_workers():
        futures = [
            runner.submit(extract_chunk, {"paths": c, "layout": layout, "timeout": timeout, "memory_mb": memory_mb})
            for c in chunks
        ]
        return _gathered(chunks, futures)


def _gathered(chunks: list[dict[str, str]], futures: list) -> dict[str, Extraction]:
    """Each chunk's extractions, from its future (a plain Dask future or a Prefect task run's: both `result()`);
    a chunk lost on the cluster is logged and left out, to be read again next run."""
    results: dict[str, Extraction] = {}
    for c, future in zip(chunks, futures):
        try:
            results.update(future.result())
        except Exception as exc:  # noqa: BLE001
            _chunk_lost(c, exc)
    return results


def analyse_chunk(calls: list[tuple], timeout: float, memory_mb: int | None) -> list[tuple]:
    """(key, answer) of each (key, function, args), run in the Dask worker's guarded process; a failed call's
    answer is its CallFailed, for the flow to treat as the local pool's are."""
    work = PoolWork(_worker_extractor(timeout, memory_mb), raise_errors=False)
    for key, function, args in calls:
        work.call(key, function, args)
    return list(work.finished())


class DaskWork:
    """The analysis steps on the cluster of `client` (a `distributed.Client`), in chunks of `chunk` steps (the
    heaviest steps first, so the last chunk to start is a light one), one Dask future each. As with the local
    pool, an exception a step raised is raised here and any other failure is its answer, a CallFailed; a chunk
    lost on the cluster (its worker died, its task failed) answers a CallFailed for each of its steps: their
    publications are stored as not analysed, the failure recorded, as for a step lost in the local pool."""

    def __init__(self, client, timeout: float, memory_mb: int | None, chunk: int = ANALYSIS_CHUNK):
        self.client = client
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.chunk = max(1, chunk)
        self._calls: list[tuple] = []

    def call(self, key: Hashable, function: Callable, args: tuple) -> None:
        self._calls.append((key, function, args))

    def finished(self) -> Iterator[tuple[Hashable, object]]:
        from distributed import as_completed

        while self._calls:  # steps asked for while the answers are used go in another round
            futures = {}
            for chunk in self._take_chunks():
                future = self.client.submit(analyse_chunk, chunk, self.timeout, self.memory_mb, pure=False)
                futures[future] = chunk
            try:
                for future in as_completed(list(futures), loop=self.client.loop):
                    yield from _answers(future, futures.pop(future))
            finally:
                if futures:
                    self.client.cancel(list(futures))  # left unfinished (an error raised, the caller stopped)

    def _take_chunks(self) -> list[list[tuple]]:
        calls = sorted(self._calls, key=lambda c: -weight_of_call(c[2]))
        self._calls = []
        return [calls[i : i + self.chunk] for i in range(0, len(calls), self.chunk)]


def _answers(future, chunk: list[tuple]) -> Iterator[tuple[Hashable, object]]:
    try:
        answers = future.result()
    except Exception as exc:  # noqa: BLE001  (the chunk, not a step, failed: its worker lost, its task failed)
        reason = f"analysis chunk failed on the cluster: {exc.__class__.__name__}: {str(exc)[:150]}"
        _log().warning("%s (%d steps)", reason, len(chunk))
        answers = [(key, CallFailed(reason)) for key, _, _ in chunk]
    for key, answer in answers:
        if isinstance(answer, CallFailed) and answer.error is not None:
            raise answer.error
        yield key, answer


def _api_for_workers():
    """The task runs carry the flow's settings to the workers. Under a temporary Prefect server (no
    PREFECT_API_URL) that would leave each worker to start a temporary server of its own (a minute each on a
    busy machine, and runs nobody sees): name the flow's server instead."""
    from contextlib import nullcontext

    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        return nullcontext()
    with get_client(sync_client=True) as client:
        return temporary_settings({PREFECT_API_URL: str(client.api_url)})


def _log():
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except Exception:  # noqa: BLE001  (outside a run)
        import logging

        return logging.getLogger(__name__)
