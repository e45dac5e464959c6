"""Hostile PDFs in the worker pool (issue 9, rows 4 and 10): a Flate bomb and an XObject fan-out end as
`too_large` under the worker memory limit, documents that keep a worker busy end as `timeout` each on its own
clock, and
the other documents' texts survive every one of them. Peak memory is read from /proc (psutil)."""

import threading
import time

import psutil
import pytest

from replica import pdfs
from tests.support import pdf_bombs
from transforms.pdf_pool import TextExtractor

LIMIT_MB = 200  # an idle worker maps ~75 MiB; the bombs below need more than this once decoded


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    out = {
        "flate-bomb": pdf_bombs.flate_bomb(decoded_mb=256),
        "fan-out": pdf_bombs.xobject_fanout(depth=8, fan=10),
        "report-a": pdfs.render("report", "brighton-peer-review"),
        "report-b": pdfs.render("report", "barnsley-peer-review"),
        "slides": pdfs.render("slides", "eastmoor-ilacs-slides"),
    }
    paths = {}
    for key, data in out.items():
        paths[key] = root / f"{key}.pdf"
        paths[key].write_bytes(data)
    return paths


class PeakRss:
    """Largest resident set of any PDF worker process, sampled from /proc while the block runs."""

    def __enter__(self):
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:  # PDF workers only (the suite may have a Prefect server running beside them)
                    if "transforms.pdf_worker" in " ".join(child.cmdline()):
                        self.peak = max(self.peak, child.memory_info().rss)
                except psutil.Error:
                    pass
            time.sleep(0.01)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


@pytest.mark.parametrize("layout", [False, True], ids=["fast", "layout"])
def test_bombs_end_too_large_under_the_memory_limit_and_the_rest_survive(files, layout):
    with PeakRss() as rss, TextExtractor(workers=2, timeout_seconds=60, memory_mb=LIMIT_MB) as ex:
        results = ex.extract_many(files, layout=layout)
    assert results["flate-bomb"].status == "too_large" and "memory" in results["flate-bomb"].error
    assert results["fan-out"].status == "too_large"
    assert {results[k].status for k in ("report-a", "report-b", "slides")} == {"ok"}
    assert "3.6 The team was on site from 26th" in results["report-a"].text
    assert 30 * 2**20 < rss.peak < LIMIT_MB * 2**20  # the workers were seen, and stayed under the limit


def test_looping_documents_each_time_out_on_their_own_clock_and_keep_the_others(files, tmp_path):
    """Two documents that keep a worker busy, on two workers: both cut off after one time limit, side by side
    (not one after the other), and the documents queued behind them, or read meanwhile, are all kept."""
    timeout = 3.0
    heavy = tmp_path / "heavy.pdf"
    # Heavy enough that reading it with positions needs well over the limit even on an idle machine (~10 s).
    heavy.write_bytes(pdf_bombs.text_flood())
    others = {k: files[k] for k in ("report-a", "report-b", "slides")}
    with TextExtractor(workers=2, timeout_seconds=timeout) as ex:
        ex.extract_many({"warm-1": files["report-a"], "warm-2": files["report-b"]}, layout=True)  # workers up
        started = time.monotonic()
        results = ex.extract_many({"busy-1": heavy, "busy-2": heavy, **others}, layout=True)
        elapsed = time.monotonic() - started
    assert results["busy-1"].status == results["busy-2"].status == "timeout"
    assert {results[k].status for k in others} == {"ok"}
    assert elapsed < 2 * timeout  # one after the other, the two limits alone would take 2 × timeout


def test_a_worker_killed_between_documents_is_replaced(files):
    """The OOM killer may take an idle worker: the next document goes to a fresh one."""
    with TextExtractor(workers=1) as ex:
        assert ex.extract_many({"a": files["report-a"]})["a"].status == "ok"
        (idle,) = ex._idle
        idle.process.kill()
        idle.process.wait()
        assert ex.extract_many({"b": files["report-b"]})["b"].status == "ok"
