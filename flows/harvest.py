"""What a night's work is for one council, as plain functions the Prefect flow wraps.

harvest_council: the network part (pages, XML, new documents, news) — runs in threads.
analyse_council: text extraction results + classification + review extraction → a CouncilBatch.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta

from flows.config import CouncilConfig
from scrapers.http import FetchResult, PoliteClient
from scrapers.models import DocumentRef, SourceError
from scrapers.moderngov.revisits import RevisitPlan, ScheduledMeeting, SiteState, plan_revisits
from scrapers.moderngov.site import ModernGovScraper, SiteHarvest
from scrapers.press import NewsHarvest, NewsScraper
from transforms.analysis import Publication, analyse_publications
from transforms.pdf_pool import Work
from transforms.pdf_text import Extraction
from transforms.rawstore import RawStore
from warehouse.load import CouncilBatch, DocumentRow, content_sha

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
    budget_spent: str | None = None  # the council's time budget ran out: the reason, recorded per source
    plan: RevisitPlan | None = None


def revisits_for(
    schedules: dict[str, tuple[dict[str, ScheduledMeeting], SiteState]],
    council: str,
    today: date,
    settle_window: timedelta,
    retry: list[ScheduledMeeting] | None = None,
) -> RevisitPlan:
    """What the warehouse knows of one council's meetings: tonight's revisit plan before the site's what's-new
    feed is read (`plan_revisits` reads it). `retry`: meetings outside tonight's dates whose documents are due
    another try."""
    known, state = schedules.get(council, ({}, SiteState()))
    return RevisitPlan(today, settle_window, known, state=state, retry=list(retry or []))


def harvest_council(
    council: CouncilConfig,
    client: PoliteClient,
    since: date,
    until: date,
    known_documents: dict[str, str],
    known_press: set[str],
    revisits: RevisitPlan | None = None,
) -> CouncilHarvest:
    """Without `revisits`, every meeting in the window is read (a back-fill, or a test of one site)."""
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
            out.news = NewsScraper(
                client,
                council.slug,
                council.news_url,
                council.news_feed_url,
                council.news_selectors,
                known_press,
                since,
            ).harvest()
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
    return {
        d.ref.url: raw_store.path_for(d.result.sha256) for d in harvest.documents if d.result.ok and d.result.sha256
    }


def analyse_council(
    harvest: CouncilHarvest,
    extractions: dict[str, Extraction],
    stored_texts: dict[str, tuple[str, str]],
    previous_shas: dict[str, str],
    work: Work | None = None,
) -> CouncilBatch:
    """`work`: where the analysis steps (classification and review extraction) run (here if None)."""
    council = harvest.council
    batch = CouncilBatch(council=council.slug)
    batch.documents = _document_rows(harvest, extractions)
    texts = dict(stored_texts)
    texts.update({d.url: (d.extraction.text, d.extraction.layout_text) for d in batch.documents})
    new_doc_urls = {d.url for d in batch.documents}
    publications: list[Publication] = []
    if harvest.site:
        batch.route, batch.committees, batch.meetings = (
            harvest.site.route,
            harvest.site.committees,
            harvest.site.meetings,
        )
        for meeting in harvest.site.meetings:
            for item in meeting.items:
                sha = content_sha(
                    item.title, item.description, item.minutes, item.decision, *sorted(d.url for d in item.documents)
                )
                if previous_shas.get(item.url) == sha and not any(d.url in new_doc_urls for d in item.documents):
                    continue  # unchanged since it was last analysed
                publications.append(
                    Publication(
                        item.url,
                        "agenda_item",
                        html.unescape(item.title),
                        "\n\n".join(filter(None, [item.description, item.minutes, item.decision])),
                        [d.url for d in item.documents],
                        meeting.meeting_date,
                        meeting.committee_title,
                    )
                )
        batch.source_errors["moderngov"] = _site_error(harvest)
        batch.limits["moderngov"] = harvest.site.limits
        batch.meetings_listed = harvest.site.listed
        if harvest.plan is not None:
            _schedule_revisits(harvest, batch)
    if harvest.news:
        batch.press_releases = harvest.news.releases
        publications += [
            Publication(r.url, "press_release", r.title, r.text, [], r.published, "press release")
            for r in harvest.news.releases
        ]
        batch.source_errors["news"] = "; ".join(e.message for e in harvest.news.errors[:3]) or None
        batch.limits["news"] = harvest.news.limits
    batch.analyses = analyse_publications(
        council.slug,
        publications,
        texts,
        {d.url for d in batch.documents if not (d.extraction.text and d.extraction.may_name_review)},
        work,
    )
    for a in batch.analyses:  # text past a cap, a step that did not finish: the source's warning says so
        if a.limits:
            batch.limits.setdefault("moderngov" if a.kind == "agenda_item" else "news", []).extend(a.limits)
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
    failed |= {d.url for d in batch.documents if d.extraction.status in RECHECK_STATUSES}  # maybe cut short
    # A meeting with a document that did not arrive whole, or minutes we could not read in full, is due at
    # the next run (a re-run the same day completes it); a corrupt PDF asked for again answers 304 when
    # unchanged, and its meeting settles then.
    incomplete = {
        m.meeting_id
        for m in site.meetings
        for i in m.items
        if i.minutes_truncated or any(d.url in failed for d in i.documents)
    }
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
    if not site.committees and site.errors and site.listed is not None:  # (a revisit night reads no lists)
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


def fetch_errors(harvest: CouncilHarvest) -> list[SourceError]:
    errors = list(harvest.site.errors if harvest.site else []) + list(harvest.news.errors if harvest.news else [])
    errors += [SourceError("document", d.ref.url, d.result.error) for d in harvest.documents if not d.result.ok]
    return errors
