"""How a publication is analysed: classified once, on its documents' text, and the records of its reviews
extracted in the same step (`transforms.reviews.classify_and_extract`).

Every document is read once, by PDFium, text and positional rows together (`transforms.pdf_text`), so what a
publication is classified on is all there is to read: no second reading, no second classification.

`analyse_publications` is the whole analysis of a batch: one step per publication, except those known to name
no review without reading them. `transforms.pdf_pool` (a pool of worker processes) and `WorkHere` (here, in
order) are only places where the steps run.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import date

from transforms.classify import Classification, classify, could_mention_a_review
from transforms.clean import clean_text
from transforms.limits import MAX_DOCUMENT_TEXT_CHARS, MAX_ITEM_TEXT_CHARS, cut_text
from transforms.pdf_pool import CallFailed, Work, WorkHere
from transforms.reviews import ReviewRecord, classify_and_extract

# What classifying text that names no review at all says: the answer for a publication known to name none.
_NO_REVIEW = classify("", "")


@dataclass
class Analysis:
    url: str
    kind: str  # agenda_item | press_release
    title: str
    classification: Classification
    reviews: list[ReviewRecord]
    limits: list[str] = field(default_factory=list)  # what was not analysed: text past a cap, a failed step


@dataclass
class Publication:
    url: str
    kind: str
    title: str
    body: str
    doc_urls: list[str]
    reported_date: date | None
    where: str


def analyse_publications(
    council: str,
    publications: list[Publication],
    texts: dict[str, tuple[str, str]],
    no_review_named: set[str] | None = None,
    work: Work | None = None,
) -> list[Analysis]:
    """Classify each publication on its documents' text (`texts`: url → (text, layout_text)) and extract the
    records of its reviews, one step per publication (`analyse_publication`).

    `no_review_named`: documents whose text the workers found names no review (the sentences of a publication
    never span two of its parts, so if no part can name a review, classify would say so). `work`: where the
    steps run (here, in order, if None); the answers are the same wherever."""
    limits: dict[int, list[str]] = {}
    publications = [_within_limits(p, limits.setdefault(i, [])) for i, p in enumerate(publications)]
    texts = _texts_within_limits(texts, publications, limits)
    work = work or WorkHere()
    results: dict[int, tuple[Classification, list[ReviewRecord]]] = {}
    for i, p in enumerate(publications):
        if names_no_review(p, texts, no_review_named):
            results[i] = (replace(_NO_REVIEW), [])
        else:
            work.call(i, analyse_publication, (council, p, documents_of(p, texts)))
    with closing(work.finished()) as answers:
        for i, answer in answers:
            if isinstance(answer, CallFailed):
                # Not finished in its worker (time or memory limit, a dead worker): never run again here, where
                # nothing would bound it. The publication is stored as not analysed, and the failure recorded.
                limits[i].append(f"analysis not finished: {answer.reason}")
                answer = (replace(_NO_REVIEW, rule=f"not analysed: {answer.reason}"[:200]), [])
            results[i] = answer
    return [Analysis(p.url, p.kind, p.title, *results[i], limits[i]) for i, p in enumerate(publications)]


def _within_limits(p: Publication, limits: list[str]) -> Publication:
    """The publication as analysed: its own text cut to MAX_ITEM_TEXT_CHARS (a 49 MiB single-line item would
    otherwise hold a worker, or this process, for hours), then cleaned, so every quote, finding and name drawn
    from it can be stored."""
    body, cut = cut_text(p.body, MAX_ITEM_TEXT_CHARS)
    if cut:
        limits.append(
            f"{p.url}: text of {len(p.body):,} characters, only the first {MAX_ITEM_TEXT_CHARS:,} "
            "analysed (PEERWATCH_MAX_ITEM_TEXT_CHARS)"
        )
    return replace(p, title=clean_text(cut_text(p.title, 2000)[0]), body=clean_text(body))


def _texts_within_limits(
    texts: dict[str, tuple[str, str]], publications: list[Publication], limits: dict[int, list[str]]
) -> dict[str, tuple[str, str]]:
    """Documents' text cut to MAX_DOCUMENT_TEXT_CHARS before analysis; the cut is noted on every publication
    attaching the document."""
    cut = {}
    for url, (text, layout) in texts.items():
        short, cut_fast = cut_text(text, MAX_DOCUMENT_TEXT_CHARS)
        short_layout, cut_layout = cut_text(layout, MAX_DOCUMENT_TEXT_CHARS)
        if cut_fast or cut_layout:
            cut[url] = (short, short_layout)
    if not cut:
        return texts
    for i, p in enumerate(publications):
        limits[i] += [
            f"{url}: document text of more than {MAX_DOCUMENT_TEXT_CHARS:,} characters, only the first "
            f"{MAX_DOCUMENT_TEXT_CHARS:,} analysed (PEERWATCH_MAX_DOCUMENT_TEXT_CHARS)"
            for url in p.doc_urls
            if url in cut
        ]
    return {**texts, **cut}


def analyse_publication(
    council: str, p: Publication, documents: list[tuple[str, str]]
) -> tuple[Classification, list[ReviewRecord]]:
    """One publication's classification and review records (the step a worker runs)."""
    return classify_and_extract(council, p.title, p.body, documents, p.reported_date, p.where)


def documents_of(p: Publication, texts: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(text, layout_text) of the publication's documents that were read."""
    return [texts[u] for u in p.doc_urls if u in texts]


def names_no_review(p: Publication, texts: dict[str, tuple[str, str]], no_review_named: set[str] | None) -> bool:
    """What classify would say is known without scanning its documents: none of them can name a review, and
    neither can its title and text."""
    return (
        no_review_named is not None
        and all(u in no_review_named for u in p.doc_urls if u in texts)
        and not could_mention_a_review(f"{p.title}\n\n{p.body}")
    )
