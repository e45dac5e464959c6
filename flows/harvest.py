"""What a night's work is for one council, as plain functions the Prefect flow wraps.

harvest_council: the network part (pages, XML, new documents, news) — runs in threads.
analyse_council: text extraction results + classification + review extraction → a CouncilBatch.
"""
from __future__ import annotations

import html
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from flows.config import CouncilConfig
from scrapers.http import FetchResult, PoliteClient
from scrapers.models import DocumentRef, SourceError
from scrapers.moderngov.revisits import RevisitPlan, ScheduledMeeting, SiteState, plan_revisits
from scrapers.moderngov.site import ModernGovScraper, SiteHarvest
from scrapers.press import NewsHarvest, NewsScraper
from transforms.classify import classify, could_mention_a_review
from transforms.clean import clean_text
from transforms.pdf_pool import PathsOf, Work, WorkHere
from transforms.pdf_text import Extraction
from transforms.rawstore import RawStore
from transforms.reviews import classify_and_extract, extract_reviews
from warehouse.load import Analysis, CouncilBatch, DocumentRow, content_sha

# What classifying text that names no review at all says. Such a publication needs no second look; any other
# is classified again on the layout pass's text, so a flagged publication and its review records come from
# exactly the text and positions pdfminer gives, while most documents are only ever read by the fast engine.
_NO_REVIEW = classify("", "")

# Outcomes that will not change by asking again: a second run leaves these documents alone.
# A 0-byte or wrong-type answer ("unavailable") may heal: it is asked for again on later runs, with backoff
# (`backing_off` until its next try), until it yields a document or a settled 404/410 ("gone").
SETTLED_STATUSES = {"ok", "no_text", "encrypted", "too_large", "timeout", "gone", "backing_off"}
# A corrupt PDF may be a download cut short behind a clean 200: ask again with its validators.
# An unchanged file answers 304 and costs nothing; a repaired one is extracted again.
RECHECK_STATUSES = {"corrupt"}


@dataclass
class FetchedDocument:
    ref: DocumentRef
    result: FetchResult


@dataclass
class CouncilHarvest:
    council: CouncilConfig
    site: SiteHarvest | None = None
    news: NewsHarvest | None = None
    documents: list[FetchedDocument] = field(default_factory=list)
    crashed: str | None = None
    budget_spent: str | None = None      # the council's time budget ran out: the reason, recorded per source
    plan: RevisitPlan | None = None


def revisits_for(schedules: dict[str, tuple[dict[str, ScheduledMeeting], SiteState]], council: str, today: date,
                 settle_window: timedelta) -> RevisitPlan:
    """What the warehouse knows of one council's meetings: tonight's revisit plan before the site's what's-new
    feed is read (`plan_revisits` reads it)."""
    known, state = schedules.get(council, ({}, SiteState()))
    return RevisitPlan(today, settle_window, known, state=state)


def harvest_council(council: CouncilConfig, client: PoliteClient, since: date, until: date,
                    known_documents: dict[str, str], known_press: set[str],
                    revisits: RevisitPlan | None = None) -> CouncilHarvest:
    """Without `revisits`, every meeting in the window is read (the old behaviour, kept for callers that want it)."""
    out = CouncilHarvest(council)
    client.start_council(council.slug)
    try:
        if council.moderngov_url:
            if revisits is not None:
                out.plan = plan_revisits(client, council.slug, council.moderngov_url, revisits)
            out.site = ModernGovScraper(client, council.slug, council.moderngov_url).harvest(since, until, out.plan)
            for ref in _new_documents(out.site, known_documents):
                result = client.get(ref.url, council=council.slug, expect="pdf")
                if known_documents.get(ref.url) in RECHECK_STATUSES and result.from_cache:
                    continue  # the same bytes as last time: nothing new to read
                out.documents.append(FetchedDocument(ref, result))
        if council.news_url or council.news_feed_url:
            out.news = NewsScraper(client, council.slug, council.news_url, council.news_feed_url,
                                   council.news_selectors, known_press, since).harvest()
    except Exception as exc:  # a scraper bug must not take the other councils down with it
        out.crashed = f"{exc.__class__.__name__}: {exc}"
    out.budget_spent = client.budget_spent(council.slug)
    return out


def _new_documents(site: SiteHarvest, known: dict[str, str]) -> list[DocumentRef]:
    refs: dict[str, DocumentRef] = {}
    for meeting in site.meetings:
        for item in meeting.items:
            for ref in item.documents:
                if known.get(ref.url) not in SETTLED_STATUSES:
                    refs.setdefault(ref.url, ref)
    return list(refs.values())


def documents_to_extract(harvest: CouncilHarvest, raw_store: RawStore) -> dict[str, object]:
    """PDF bodies that arrived intact, by URL → path in the raw store (workers read the file)."""
    return {d.ref.url: raw_store.path_for(d.result.sha256) for d in harvest.documents
            if d.result.ok and d.result.sha256}


def layout_paths_for(new_paths: dict[str, object], raw_store: RawStore, stored_shas: dict[str, str]) -> PathsOf:
    """Where the layout pass finds this council's documents: new ones in their fetched file, stored ones (a
    publication changed since) in the raw store by their SHA-256."""
    def paths(urls: list[str]) -> dict[str, Path]:
        found = {u: Path(new_paths[u]) if u in new_paths else raw_store.path_for(stored_shas[u])
                 for u in urls if u in new_paths or stored_shas.get(u)}
        return {u: p for u, p in found.items() if Path(p).exists()}
    return paths


def analyse_council(harvest: CouncilHarvest, extractions: dict[str, Extraction],
                    stored_texts: dict[str, tuple[str, str]], previous_shas: dict[str, str],
                    work: Work | None = None) -> CouncilBatch:
    """`work`: where classification, review extraction and the layout pass run (here, without a layout pass,
    if None)."""
    council = harvest.council
    batch = CouncilBatch(council=council.slug)
    batch.documents = _document_rows(harvest, extractions)
    texts = dict(stored_texts)
    texts.update({d.url: (d.extraction.text, d.extraction.layout_text) for d in batch.documents})
    new_doc_urls = {d.url for d in batch.documents}
    publications: list[Publication] = []
    if harvest.site:
        batch.route, batch.committees, batch.meetings = harvest.site.route, harvest.site.committees, harvest.site.meetings
        for meeting in harvest.site.meetings:
            for item in meeting.items:
                sha = content_sha(item.title, item.description, item.minutes, item.decision,
                                  *sorted(d.url for d in item.documents))
                if previous_shas.get(item.url) == sha and not any(d.url in new_doc_urls for d in item.documents):
                    continue  # unchanged since it was last analysed
                publications.append(Publication(
                    item.url, "agenda_item", html.unescape(item.title),
                    "\n\n".join(filter(None, [item.description, item.minutes, item.decision])),
                    [d.url for d in item.documents], meeting.meeting_date, meeting.committee_title))
        batch.source_errors["moderngov"] = _site_error(harvest)
        batch.meetings_listed = harvest.site.listed
        if harvest.plan is not None:
            _schedule_revisits(harvest, batch)
    if harvest.news:
        batch.press_releases = harvest.news.releases
        publications += [Publication(r.url, "press_release", r.title, r.text, [], r.published, "press release")
                         for r in harvest.news.releases]
        batch.source_errors["news"] = "; ".join(e.message for e in harvest.news.errors[:3]) or None
    batch.analyses = analyse_publications(council.slug, publications, texts,
                                          SecondLook(batch, texts) if work and work.reads_layout else None,
                                          {d.url for d in batch.documents
                                           if not (d.extraction.text and d.extraction.may_name_review)},
                                          work)
    if harvest.crashed:
        batch.source_errors["moderngov" if council.moderngov_url else "news"] = harvest.crashed
    if harvest.budget_spent:
        for source in batch.source_errors:
            batch.source_errors[source] = batch.source_errors[source] or harvest.budget_spent
    return batch


def _schedule_revisits(harvest: CouncilHarvest, batch: CouncilBatch) -> None:
    plan, site = harvest.plan, harvest.site
    loaded = {d.url for d in batch.documents}
    # A 404 is an answer (the council took the file down): asking every night would not change it.
    failed = {d.ref.url for d in harvest.documents if d.ref.url not in loaded and d.result.error_class != "not_found"}
    failed |= {d.url for d in batch.documents if d.extraction.status in RECHECK_STATUSES}   # maybe cut short
    # A meeting with a document that did not arrive whole, or minutes we could not read in full, is due at
    # the next run (a re-run the same day completes it); a corrupt PDF asked for again answers 304 when
    # unchanged, and its meeting settles then.
    incomplete = {m.meeting_id for m in site.meetings for i in m.items
                  if i.minutes_truncated or any(d.url in failed for d in i.documents)}
    batch.read_on = plan.today
    batch.next_reads = plan.next_reads(site.meetings, incomplete)
    batch.site_state = plan.state
    # Lists count as read only when every meeting they showed was read: one that failed is found again there
    # the next night (None: read the lists then).
    if site.listed is not None:
        batch.site_state.listings_read_on = plan.today if site.reachable and not site.errors else None


def _site_error(harvest: CouncilHarvest) -> str | None:
    site = harvest.site
    if not site.reachable:
        return site.errors[0].message if site.errors else "site did not answer"
    if not site.committees and site.errors and site.listed is not None:   # (a revisit night reads no lists)
        return site.errors[0].message
    unusable = [e for e in site.errors if e.error_class == "unexpected_response"]
    return unusable[0].message if unusable else None


def _document_rows(harvest: CouncilHarvest, extractions: dict[str, Extraction]) -> list[DocumentRow]:
    rows = []
    for d in harvest.documents:
        r = d.result
        if r.ok and d.ref.url in extractions:
            extraction = extractions[d.ref.url]
        elif r.error_class == "unexpected_content_type" or (r.ok and not r.body):
            extraction = Extraction("unavailable", error=r.error or "empty answer")  # may heal: asked again later
        elif r.error_class == "not_found":
            extraction = Extraction("gone", error=r.error)
        elif r.error_class == "too_large":
            extraction = Extraction("too_large", error=r.error)
        else:
            continue  # a failed download stays out of `documents` so the next run tries again; fetch_log has it
        rows.append(DocumentRow(d.ref.url, d.ref.title, d.ref.attachment_id, r.sha256, len(r.body or b""), extraction))
    return rows


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

    def __init__(self, batch: CouncilBatch, texts: dict[str, tuple[str, str]]):
        self.texts = texts
        self.rows = {d.url: d for d in batch.documents}
        self.done = {u for u, (_, layout) in texts.items() if layout} | {d.url for d in batch.documents
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


def fetch_errors(harvest: CouncilHarvest) -> list[SourceError]:
    errors = list(harvest.site.errors if harvest.site else []) + list(harvest.news.errors if harvest.news else [])
    errors += [SourceError("document", d.ref.url, d.result.error) for d in harvest.documents if not d.result.ok]
    return errors
