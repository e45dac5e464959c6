"""A batch's analysis as steps run wherever there is room (`transforms.pdf_pool.PoolWork`): one step per
publication (classified once, its reviews extracted in the same step), on whichever worker is free.

Whatever order the answers come in, the analysis must be the one running the steps here in order gives
(`WorkHere`): the same classifications and review records."""

import random
from dataclasses import replace

import pytest

from benchmarks.pdf_corpus import corpus_publications
from evaluation.pdf_compare import analyse_all, replica_publications
from transforms import analysis
from transforms.pdf_pool import TextExtractor, WorkHere, _Queue
from transforms.pdf_text import extract_document


class ShuffledWork(WorkHere):
    """Answers whatever has been asked in a random order, one at a time, as a pool might."""

    def __init__(self, seed: int):
        super().__init__()
        self.random = random.Random(seed)
        self.asked: list = []

    def call(self, key, function, args):
        self.asked.append((key, function, lambda: function(*args)))

    def finished(self):
        while self.asked:
            key, _, answer = self.asked.pop(self.random.randrange(len(self.asked)))
            yield key, answer()


def _publications_sharing_documents():
    """The replica's items, plus copies that attach the same documents under other titles (an item and its
    minutes often share a report)."""
    publications, files = replica_publications()
    shared = [replace(p, url=p.url + "/again", title="Minutes: " + p.title) for p in publications if p.doc_urls]
    return publications + shared[::3], files


@pytest.fixture(scope="module")
def replica():
    publications, files = _publications_sharing_documents()
    return publications, files, {k: extract_document(d) for k, d in files.items()}


def test_any_order_of_answers_gives_the_analysis_in_order(replica):
    publications, _, read = replica
    in_order = analyse_all(publications, read)
    assert sum(o["classification"]["is_review"] for o in in_order.values()) >= 5
    for seed in range(8):
        assert analyse_all(publications, read, ShuffledWork(seed)) == in_order, f"answer order {seed}"


def test_each_publication_is_one_step_and_classified_once(replica, monkeypatch):
    """No second look: a publication that names a review is classified once, with its reviews in that step."""
    publications, _, read = replica
    classified: list[str] = []
    real_classify = analysis.classify_and_extract.__globals__["classify"]

    def counting_classify(title, *args, **kwargs):
        classified.append(title)
        return real_classify(title, *args, **kwargs)

    monkeypatch.setitem(analysis.classify_and_extract.__globals__, "classify", counting_classify)
    work = ShuffledWork(0)
    asked = []
    original_call = work.call
    work.call = lambda key, function, args: (asked.append(function), original_call(key, function, args))
    analyse_all(publications, read, work)
    texts = {k: (e.text, e.layout_text) for k, e in read.items() if e.status in ("ok", "no_text")}
    no_review = {k for k, e in read.items() if not e.may_name_review}
    stepped = [p for p in publications if not analysis.names_no_review(p, texts, no_review)]
    assert set(asked) == {analysis.analyse_publication}
    assert len(asked) == len(classified) == len(stepped) > 0


def test_the_pool_reads_and_analyses_as_this_process_does(tmp_path, replica):
    """On real worker processes: the replica (with shared documents) and a generated corpus of long reports,
    every document read by the pool and every publication analysed there, against doing both here."""
    publications, files, read = replica
    corpus, corpus_files = corpus_publications(documents=12, seed=11, max_pages=12)
    publications = publications + corpus
    files = {**files, **corpus_files}
    read = {**read, **{k: extract_document(d) for k, d in corpus_files.items()}}
    for key, data in files.items():
        (tmp_path / f"{key}.pdf").write_bytes(data)
    with TextExtractor(workers=2) as ex:
        pooled = ex.extract_many({k: tmp_path / f"{k}.pdf" for k in files})
        assert pooled == read
        assert analyse_all(publications, pooled, ex.work()) == analyse_all(publications, read)


def test_the_queue_gives_calls_first_then_the_heaviest_document():
    q = _Queue()
    q.add([("light", "pdf", None), ("heavy", "pdf", None)], {"light": 10, "heavy": 900})
    q.add([("step", "call", None)], {"step": 5}, rank=0)
    assert [q.pop()[0] for _ in range(3)] == ["step", "heavy", "light"]
    assert not q
