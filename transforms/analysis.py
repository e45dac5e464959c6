"""How a publication is analysed: classified on its documents' text, looked at again with the layout pass's
text where it names a review, and its review records extracted.

`analyse_publications` is the whole analysis of a batch; `transforms.pdf_pool` (a pool of worker processes)
and `WorkHere` (step by step, here) are only places where its steps run.
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date

from transforms.classify import Classification, classify, could_mention_a_review
from transforms.clean import clean_text
from transforms.pdf_pool import Work, WorkHere
from transforms.pdf_text import Extraction
from transforms.reviews import ReviewRecord, classify_and_extract, extract_reviews

# What classifying text that names no review at all says. Such a publication needs no second look; any other
# is classified again on the layout pass's text, so a flagged publication and its review records come from
# exactly the text and positions pdfminer gives, while most documents are only ever read by the fast engine.
_NO_REVIEW = classify("", "")


@dataclass
class Analysis:
    url: str
    kind: str                     # agenda_item | press_release
    title: str
    classification: Classification
    reviews: list[ReviewRecord]


@dataclass
class Publication:
    url: str
    kind: str
    title: str
    body: str
    doc_urls: list[str]
    reported_date: date | None
    where: str


def analyse_publications(council: str, publications: list[Publication], texts: dict[str, tuple[str, str]],
                         second_look: SecondLook | None = None, no_review_named: set[str] | None = None,
                         work: Work | None = None) -> list[Analysis]:
    """Classify each publication on its documents' text (`texts`: url → (text, layout_text)) and extract the
    records of its reviews.

    With `second_look`, the documents of a publication whose text names a review are read by the layout pass,
    and the publication is classified again on what it gives (`settle`). Each publication goes its own way:
    its layout reading is asked for as soon as its classification is in, its second classification as soon as
    its documents are read, so a pool keeps every worker busy (`transforms.pdf_pool.PoolWork`).
    `no_review_named`: documents whose text the workers found names no review (the sentences of a
    publication never span two of its parts, so if no part can name a review, classify would say so).
    `work`: where the calls and readings run (here, step by step, if None); the answers are the same wherever."""
    # Cleaned before reading, so every quote, finding and name drawn from them can be stored.
    publications = [replace(p, title=clean_text(p.title), body=clean_text(p.body)) for p in publications]
    work = work or WorkHere()
    classifications: dict[int, object] = {}
    records: dict[int, list] = {}
    waiting: dict[int, set[str]] = {}       # publication → its documents the layout pass is still reading
    readers: dict[str, list[int]] = {}      # document being read → publications waiting for it

    def docs_of(p: Publication) -> list[tuple[str, str]]:
        return [texts[u] for u in p.doc_urls if u in texts]

    def names_no_review(p: Publication) -> bool:
        return (no_review_named is not None and all(u in no_review_named for u in p.doc_urls if u in texts)
                and not could_mention_a_review(f"{p.title}\n\n{p.body}"))

    def settle(i: int) -> None:
        """Publication i's documents have their final text: classify it again where the layout pass changed
        that text (extracting its reviews in the same call), else extract the reviews it was found to report."""
        p = publications[i]
        if second_look is not None and second_look.changed_any(p.doc_urls):
            work.call(("again", i), classify_and_extract,
                      (council, p.title, p.body, docs_of(p), p.reported_date, p.where), near=("classify", i))
        elif classifications[i].is_review:
            work.call(("records", i), extract_reviews,
                      (council, classifications[i], p.title, p.body, docs_of(p), p.reported_date, p.where),
                      near=("classify", i))

    def classified(i: int, classification) -> None:
        classifications[i] = classification
        p = publications[i]
        if second_look is None or not _names_a_review(classification):
            settle(i)
            return
        for url in second_look.to_read([u for u in p.doc_urls if u in texts]):
            readers[url] = []
            work.read_layout(("layout", url), url)
        waiting[i] = {u for u in p.doc_urls if u in readers}
        for url in waiting[i]:
            readers[url].append(i)
        if not waiting[i]:
            settle(i)

    for i, p in enumerate(publications):
        if names_no_review(p):   # what classify would say, known without scanning its documents
            classifications[i] = replace(_NO_REVIEW)
        else:
            work.call(("classify", i), classify, (p.title, p.body, [d[0] for d in docs_of(p)], p.reported_date))
    with closing(work.finished()) as answers:
        for (kind, x), answer in answers:
            if kind == "classify":
                classified(x, answer)
            elif kind == "layout":
                second_look.take(x, answer)
                for i in readers.pop(x):
                    waiting[i].discard(x)
                    if not waiting[i]:
                        settle(i)
            elif kind == "again":
                classifications[x], records[x] = answer
            else:
                records[x] = answer
    return [Analysis(p.url, p.kind, p.title, classifications[i], records.get(i, []))
            for i, p in enumerate(publications)]


def _names_a_review(classification) -> bool:
    return classification.is_review or classification.rule != _NO_REVIEW.rule


class SecondLook:
    """The layout pass's part in one batch: which documents it has read or is reading (a document is read
    once, however many publications attach it), and what its readings change: the batch's texts, and its rows
    of new documents, so the warehouse keeps the layout pass's text and rows."""

    def __init__(self, rows: list, texts: dict[str, tuple[str, str]]):
        """`rows`: the batch's new documents (each with `url` and `extraction`), whose extraction the layout
        pass's reading replaces."""
        self.texts = texts
        self.rows = {d.url: d for d in rows}
        self.done = {u for u, (_, layout) in texts.items() if layout} | {d.url for d in rows
                                                                         if d.extraction.has_layout}
        self.changed: set[str] = set()

    def to_read(self, urls: list[str]) -> list[str]:
        """Those of `urls` not yet read or being read (they count as being read from now on)."""
        todo = [u for u in dict.fromkeys(urls) if u not in self.done]
        self.done.update(todo)
        return todo

    def take(self, url: str, extraction: Extraction | None) -> None:
        if extraction is None or extraction.status not in ("ok", "no_text"):
            return   # not read (no file, damaged, timed out): the fast text stands
        self.texts[url] = (extraction.text, extraction.layout_text)
        if url in self.rows:
            self.rows[url].extraction = extraction
        self.changed.add(url)

    def changed_any(self, urls: list[str]) -> bool:
        return any(u in self.changed for u in urls)
