"""The PDF stage on a real Dask cluster (distributed.LocalCluster, 2 worker processes) through Prefect's
Dask task runner gives the same texts and the same analysis outcomes as the local pool; a chunk of analysis
steps lost on the cluster answers CallFailed for its steps alone."""

from datetime import date

import pytest
from prefect import flow

from evaluation.pdf_compare import analyse_all, publication
from flows.pdf_dask import DaskExtractor, DaskWork
from replica import pdfs
from tests.support import pdf_bombs
from transforms.pdf_pool import CallFailed, TextExtractor

DOCUMENTS = [
    ("report", "brighton-peer-review"),
    ("report", "barnsley-peer-review"),
    ("slides", "eastmoor-ilacs-slides"),
    ("report", "barnsley-polling"),
    ("scanned", "barnsley-signed-record"),
    ("encrypted", "barnsley-exempt"),
    ("corrupt", "barnsley-capital"),
]


class LostOnTheWay:
    """An argument that pickles but cannot be unpickled on a worker: its chunk fails there."""

    def __reduce__(self):
        return int, ("not a number",)


def task_prefixes(dask_scheduler) -> list[str]:
    """The kinds of task the scheduler has run (run on the scheduler)."""
    return sorted(dask_scheduler.task_prefixes)


def publications_of(paths: dict) -> list:
    pubs = [publication(k, f"Report: {k}", "", [k], date(2025, 3, 1)) for k in paths]
    # One publication with two documents, one with none read.
    pubs.append(publication("both", "Peer challenge and inspection", "", list(paths)[:3], date(2025, 3, 1)))
    pubs.append(publication("unread", "Ofsted inspection", "The inspection found services good.", ["x"], None))
    return pubs


@flow(name="pdf-stage-on-dask")
def stage_on_cluster(paths: dict, address: str) -> dict:
    with DaskExtractor(address, memory_mb=200) as ex:
        texts = {layout: ex.extract_many(paths, layout=layout) for layout in (False, True)}
        outcomes = analyse_all(publications_of(paths), texts[True], ex.work())
        ran = ex.client().run_on_scheduler(task_prefixes)
        lossy = DaskWork(ex.client(), timeout=60, memory_mb=200, chunk=1)
        lossy.call("fine", len, ("four",))
        lossy.call("lost", len, (LostOnTheWay(),))
        lost = dict(lossy.finished())
    with DaskExtractor(address, memory_mb=200, task_runs=False) as ex:
        futures = ex.extract_many(paths)
    return {"texts": texts, "outcomes": outcomes, "lossy": lost, "futures": futures, "ran": ran}


def test_cluster_gives_the_same_texts_and_outcomes_as_the_local_pool(tmp_path):
    distributed = pytest.importorskip("distributed")
    files = {key: pdfs.render(kind, key) for kind, key in DOCUMENTS}
    files["flate-bomb"] = pdf_bombs.flate_bomb(decoded_mb=256)
    paths = {}
    for key, data in files.items():
        paths[key] = tmp_path / f"{key}.pdf"
        paths[key].write_bytes(data)
    with TextExtractor(workers=2, memory_mb=200) as ex:
        local = {layout: ex.extract_many(paths, layout=layout) for layout in (False, True)}
        local_outcomes = analyse_all(publications_of(paths), local[True], ex.work())
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, memory_limit="512MiB", dashboard_address=None
    ) as cluster:
        remote = stage_on_cluster(paths, cluster.scheduler_address)
    for layout in (False, True):
        assert remote["texts"][layout] == local[layout]
    assert local[False]["brighton-peer-review"].status == "ok" and local[False]["flate-bomb"].status == "too_large"
    assert remote["outcomes"] == local_outcomes
    assert "analyse_chunk" in remote["ran"]  # the analysis ran on the cluster, not in the flow's process
    assert remote["futures"] == local[True]  # documents as plain Dask futures: the same texts
    flagged = {k for k, o in local_outcomes.items() if o["classification"]["is_review"]}
    assert {"brighton-peer-review", "barnsley-peer-review", "both"} <= flagged and "barnsley-polling" not in flagged
    assert remote["lossy"]["fine"] == 4
    lost = remote["lossy"]["lost"]
    assert isinstance(lost, CallFailed) and lost.reason.startswith("analysis chunk failed on the cluster")
