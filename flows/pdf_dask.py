"""The PDF stage on a Dask cluster, through Prefect's Dask task runner (prefect-dask).

`DaskExtractor("tcp://scheduler:8786")` is the PDF stage with its documents sent here: they go to the cluster in chunks,
one Prefect task run (`pdf-text`) per chunk, so the runs show in the Prefect UI beside the flow's own. Each
Dask worker reads its chunk through a local `TextExtractor` of one guarded process, so a document on the
cluster has the same memory limit and time limit as on one machine, and a bomb costs only its own result.

What must be shared: the workers read the documents from the paths they are given, so the raw store must be
on storage every worker mounts at the same path; the Prefect API must be reachable from the workers (they
report their task runs to it; a flow on a temporary server hands them that server's address). The results come back to the flow, which alone writes the warehouse.
"""

from __future__ import annotations

import threading
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from transforms.pdf_pool import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, TextExtractor, Work, WorkHere
from transforms.pdf_text import Extraction

CHUNK = 8  # documents per task run: a task run costs a few API calls, a document a few milliseconds

_local = threading.local()


class DaskExtractor(TextExtractor):
    """The PDF stage on a Dask cluster: documents are read there in chunks; classification and extraction
    calls run in the flow's process (the cluster's workers read PDFs only)."""

    def __init__(
        self, address: str, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS, memory_mb: int | None = DEFAULT_MEMORY_MB
    ):
        super().__init__(workers=1, timeout_seconds=timeout_seconds, memory_mb=memory_mb)
        self.address = address

    def extract_many(self, paths: dict[str, Path], layout: bool = True) -> dict[str, Extraction]:
        return extract_on_dask(self.address, paths, layout, self.timeout, self.memory_mb) if paths else {}

    def run_many(self, function, arguments: list[tuple]) -> list:
        return [function(*a) for a in arguments]

    def work(self) -> Work:
        return WorkHere()


def _worker_extractor(timeout: float, memory_mb: int | None) -> TextExtractor:
    """One guarded extraction process per Dask worker thread, kept for the worker's life."""
    ex = getattr(_local, "extractor", None)
    if ex is None or (ex.timeout, ex.memory_mb) != (timeout, memory_mb):
        ex = TextExtractor(workers=1, timeout_seconds=timeout, memory_mb=memory_mb)
        _local.extractor = ex
    return ex


@task(name="pdf-text", cache_policy=NO_CACHE, log_prints=False)
def extract_chunk(paths: dict[str, str], layout: bool, timeout: float, memory_mb: int | None) -> dict[str, Extraction]:
    return _worker_extractor(timeout, memory_mb).extract_many({k: Path(p) for k, p in paths.items()}, layout=layout)


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

    items = sorted(((k, str(p)) for k, p in paths.items()), key=lambda kv: kv[0])
    chunks = [dict(items[i : i + chunk]) for i in range(0, len(items), chunk)]
    results: dict[str, Extraction] = {}
    with DaskTaskRunner(address=address) as runner, _api_for_workers():
        futures = [
            runner.submit(extract_chunk, {"paths": c, "layout": layout, "timeout": timeout, "memory_mb": memory_mb})
            for c in chunks
        ]
        for c, future in zip(chunks, futures):
            try:
                results.update(future.result())
            except Exception as exc:  # noqa: BLE001
                # A worker lost with its chunk: leaving those documents without a result keeps them out of
                # `documents`, so the next run fetches and reads them again.
                _log().warning(
                    "PDF chunk of %d documents failed on the cluster (%s: %s); they are read again next run",
                    len(c),
                    exc.__class__.__name__,
                    exc,
                )
    return results


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
