"""The PDF stage on a real Dask cluster (distributed.LocalCluster, 2 worker processes) through Prefect's
Dask task runner gives the same outcomes and texts as the local pool."""

import pytest
from prefect import flow

from flows.pdf_dask import DaskExtractor
from replica import pdfs
from tests.support import pdf_bombs
from transforms.pdf_pool import TextExtractor


@flow(name="pdf-text-on-dask")
def texts_on_cluster(paths: dict, address: str) -> dict:
    with DaskExtractor(address, memory_mb=200) as ex:
        return {layout: ex.extract_many(paths, layout=layout) for layout in (False, True)}


def test_cluster_gives_the_same_texts_as_the_local_pool(tmp_path):
    distributed = pytest.importorskip("distributed")
    files = {
        key: pdfs.render(kind, key)
        for kind, key in [
            ("report", "brighton-peer-review"),
            ("report", "barnsley-peer-review"),
            ("slides", "eastmoor-ilacs-slides"),
            ("scanned", "barnsley-signed-record"),
            ("encrypted", "barnsley-exempt"),
            ("corrupt", "barnsley-capital"),
        ]
    }
    files["flate-bomb"] = pdf_bombs.flate_bomb(decoded_mb=256)
    paths = {}
    for key, data in files.items():
        paths[key] = tmp_path / f"{key}.pdf"
        paths[key].write_bytes(data)
    with TextExtractor(workers=2, memory_mb=200) as ex:
        local = {layout: ex.extract_many(paths, layout=layout) for layout in (False, True)}
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, memory_limit="512MiB", dashboard_address=None
    ) as cluster:
        remote = texts_on_cluster(paths, cluster.scheduler_address)
    for layout in (False, True):
        assert remote[layout] == local[layout]
    assert local[False]["brighton-peer-review"].status == "ok" and local[False]["flate-bomb"].status == "too_large"
