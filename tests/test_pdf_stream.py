"""A batch's analysis as one stream of tasks (`transforms.pdf_pool.PoolWork`): each publication goes its own way
(classified, its documents read by the layout pass, classified again) while the workers take whatever waits.

Whatever order the answers come in, the analysis must be the one the step-by-step run gives (`WorkHere`):
the same classifications and review records, every document read by the layout pass at most once."""
import random
from dataclasses import replace

import pytest

from benchmarks.pdf_corpus import corpus_publications
from evaluation.pdf_compare import analyse_all, replica_publications
from tests.support import pool_calls
from transforms.pdf_pool import PoolWork, TextExtractor, WorkHere, _Queue
from transforms.pdf_text import extract_pdf_bytes, extract_text_fast


class ShuffledWork(WorkHere):
    """Answers whatever has been asked in a random order, one at a time, as a pool might."""

    def __init__(self, layout_pass, seed: int):
        super().__init__(layout_pass)
        self.random = random.Random(seed)
        self.asked: list = []
        self.read: list[str] = []

    def call(self, key, function, args, near=None):
        self.asked.append((key, lambda: function(*args)))

    def read_layout(self, key, url):
        self.read.append(url)
        self.asked.append((key, lambda: self.layout_pass([url]).get(url)))

    def finished(self):
        while self.asked:
            key, answer = self.asked.pop(self.random.randrange(len(self.asked)))
            yield key, answer()


def _publications_sharing_documents():
    """The replica's items, plus copies that attach the same documents under other titles (an item and its
    minutes often share a report): a document named by two publications must be read once and serve both."""
    publications, files = replica_publications()
    shared = [replace(p, url=p.url + "/again", title="Minutes: " + p.title) for p in publications if p.doc_urls]
    return publications + shared[::3], files


@pytest.fixture(scope="module")
def replica():
    publications, files = _publications_sharing_documents()
    fast = {k: extract_text_fast(d) for k, d in files.items()}
    layout = {k: extract_pdf_bytes(d) for k, d in files.items()}
    return publications, files, fast, layout


def test_any_order_of_answers_gives_the_step_by_step_analysis(replica):
    publications, _, fast, layout = replica

    def layout_pass(keys):
        return {k: layout[k] for k in keys}

    steps = analyse_all(publications, fast, WorkHere(layout_pass))
    assert sum(o["classification"]["is_review"] for o in steps.values()) >= 5
    for seed in range(12):
        work = ShuffledWork(layout_pass, seed)
        assert analyse_all(publications, fast, work) == steps, f"answer order {seed}"
        assert len(work.read) == len(set(work.read)) > 0          # each document read by the layout pass once


def test_the_stream_on_the_pool_gives_the_step_by_step_analysis(tmp_path, replica, monkeypatch):
    """On real worker processes, with the layout pass cut into parts: the replica (with shared documents) and a
    generated corpus of long reports, against the steps run here and against reading every document whole."""
    from transforms import pdf_pool

    monkeypatch.setattr(pdf_pool, "MIN_PAGES_PER_PART", 1)       # parts of a page, even in short documents
    publications, files, fast, layout = replica
    corpus, corpus_files = corpus_publications(documents=12, seed=11, max_pages=12)
    publications = publications + corpus
    files = {**files, **corpus_files}
    fast = {**fast, **{k: extract_text_fast(d) for k, d in corpus_files.items()}}
    layout = {**layout, **{k: extract_pdf_bytes(d) for k, d in corpus_files.items()}}
    for key, data in files.items():
        (tmp_path / f"{key}.pdf").write_bytes(data)
    steps = analyse_all(publications, fast, WorkHere(lambda keys: {k: layout[k] for k in keys}))
    with TextExtractor(workers=2) as ex:
        stream = analyse_all(publications, fast, ex.work(lambda keys: {k: tmp_path / f"{k}.pdf" for k in keys}))
    assert stream == steps
    assert stream == analyse_all(publications, layout)          # what reading everything with pdfminer gives


def test_a_document_the_layout_pass_cannot_find_keeps_its_fast_text(replica):
    publications, _, fast, _ = replica
    here = analyse_all(publications, fast)                        # no layout pass at all
    with TextExtractor(workers=2) as ex:
        assert analyse_all(publications, fast, ex.work(lambda keys: {})) == here


def test_calls_meant_for_a_worker_go_to_it():
    """A publication classified again finds its sentences in the caches of the worker that classified it.
    (Without `near` the second calls go to whichever worker is free: about half would land elsewhere.)"""
    with TextExtractor(workers=2) as ex:
        work = PoolWork(ex)
        for i in range(10):
            work.call(("first", i), pool_calls.pid_of_worker, (i,))
        first = dict(work.finished())
        assert len(set(first.values())) == 2
        for i in range(10):
            work.call(("again", i), pool_calls.pid_of_worker, (i,), near=("first", i))
        again = dict(work.finished())
    assert sum(again[("again", i)] == first[("first", i)] for i in range(10)) >= 8


def test_the_queue_gives_a_worker_its_own_tasks_first_and_anyone_the_rest():
    q = _Queue()
    q.ran_on[("call", "a")] = 101
    q.add([("mine", "call", None)], {"mine": 5}, lambda k: k, rank=0, near=("call", "a"))
    q.add([("common", "call", None)], {"common": 9}, lambda k: k, rank=0)
    q.add([("part", "pages", None)], {"part": 100}, lambda k: k, rank=1)
    assert q.pop(202)[0] == "common"        # another worker leaves worker 101's task for it
    assert q.pop(101)[0] == "mine"
    q.add([("mine2", "call", None)], {"mine2": 5}, lambda k: k, rank=0, near=("call", "a"))
    assert q.pop(202)[0] == "part"          # work of its own before worker 101's call …
    assert q.pop(202)[0] == "mine2"         # … and that too when nothing else is left
    assert not q
