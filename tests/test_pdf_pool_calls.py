"""The PDF workers also run a night's classification (`TextExtractor.run_many`): answers in order, spread over
the workers; an exception there reaches the caller as itself; a call past its time limit or whose worker died
is never run again in the caller's own process (nothing bounds it there): it answers a `CallFailed`."""

import os
import time
from datetime import date

import pytest

from evaluation.pdf_compare import analyse_all, replica_publications
from tests.support import pool_calls
from transforms.analysis import analyse_publications
from transforms.pdf_pool import CallFailed, TextExtractor, WorkHere
from transforms.pdf_text import extract_document, extract_text_fast


def test_answers_come_back_in_order_from_both_workers():
    with TextExtractor(workers=2) as ex:
        assert ex.run_many(pool_calls.double, [(i,) for i in range(40)]) == [2 * i for i in range(40)]
        pids = set(ex.run_many(pool_calls.pid_of_worker, [(i,) for i in range(12)]))
    assert len(pids) == 2 and os.getpid() not in pids


def test_an_exception_in_a_worker_reaches_the_caller_as_itself():
    with TextExtractor(workers=2) as ex:
        with pytest.raises(ValueError, match="no luck"):
            ex.run_many(pool_calls.refuse, [("luck",)])
        assert ex.run_many(pool_calls.double, [(3,)]) == [6]  # the pool still works


def test_a_call_past_its_time_limit_fails_there_and_the_others_are_kept():
    me = os.getpid()
    with TextExtractor(workers=2, timeout_seconds=5) as ex:
        assert ex.run_many(pool_calls.pid_of_worker, [(i,) for i in range(4)])  # both workers started
        started = time.monotonic()
        got = ex.run_many(pool_calls.slow_in_workers_only, [(me, 60)] + [(me, 0)] * 5)
        elapsed = time.monotonic() - started
    assert isinstance(got[0], CallFailed) and "5 s" in got[0].reason
    assert got[1:] == ["answered"] * 5
    assert elapsed < 20  # not the 60 s it would sleep, nor run again here


def test_a_worker_that_dies_mid_call_fails_only_that_call():
    me = os.getpid()
    with TextExtractor(workers=2) as ex:
        got = ex.run_many(pool_calls.die_in_workers_only, [(me,)] * 3)
        assert all(isinstance(g, CallFailed) and "exit code" in g.reason for g in got)  # never "answered here"
        assert ex.run_many(pool_calls.double, [(5,)]) == [10]


def test_analysis_in_the_workers_equals_analysis_here_on_the_replica():
    publications, files = replica_publications()
    extractions = {k: extract_text_fast(d) for k, d in files.items()}
    here = analyse_all(publications, extractions)
    with TextExtractor(workers=2) as ex:
        there = analyse_all(publications, extractions, ex.work())
    assert there == here
    assert sum(o["classification"]["is_review"] for o in here.values()) >= 5
    assert any(o["reviews"] for o in here.values())


class CountingWork(WorkHere):
    def __init__(self):
        super().__init__()
        self.asked = []

    def call(self, key, function, args):
        self.asked.append(function.__name__)
        super().call(key, function, args)


def test_analyse_publications_sends_only_what_needs_reading_to_the_workers():
    from transforms.analysis import Publication

    pubs = [
        Publication("u1", "agenda_item", "Library opening hours", "Opening late on Thursdays.", ["d1"], None, "x"),
        Publication(
            "u2",
            "agenda_item",
            "Ofsted report on children's services",
            "The Ofsted inspection of local authority children's services (ILACS) report was published "
            "last week. Inspectors judged the council's children's services to be good overall.",
            [],
            date(2025, 5, 1),
            "x",
        ),
    ]
    work = CountingWork()
    out = analyse_publications("c", pubs, {"d1": ("Nothing about reviews here.", "")}, {"d1"}, work)
    assert work.asked == ["analyse_publication"]  # one step; the library item is known to name no review
    assert [a.classification.is_review for a in out] == [False, True]


def test_the_pool_reads_what_reading_here_gives_damaged_encrypted_and_scanned_files_too(tmp_path):
    """Each document whole on one worker, PDFium's text and rows in one pass (pdfminer where PDFium cannot open
    the file): the very Extraction reading it in this process gives."""
    from benchmarks.pdf_corpus import write_corpus

    docs = write_corpus(tmp_path, documents=16, seed=5, max_pages=5)
    paths = {d.key: tmp_path / f"{d.key}.pdf" for d in docs}
    (tmp_path / "damaged.pdf").write_bytes(docs[0].data[: len(docs[0].data) * 2 // 3])
    paths["damaged"] = tmp_path / "damaged.pdf"
    with TextExtractor(workers=2) as ex:
        got = ex.extract_many(paths)
    assert got == {k: extract_document(p.read_bytes()) for k, p in paths.items()}
    assert {e.status for e in got.values()} >= {"ok", "no_text", "encrypted"}
    assert all(e.has_layout for e in got.values() if e.status == "ok")
