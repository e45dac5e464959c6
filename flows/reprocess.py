"""`peerwatch reprocess`: apply today's rules to everything already stored, with no network.

A rule fix should reach the whole warehouse, not only what arrives after it. This re-runs classification
and review extraction over every stored agenda item and press release (and, with `pdf_text`, reads every
stored PDF again from the raw store first), rebuilds each council's reviews, and raises an alert, once,
for a publication that only now reads as a review in scope. Alerts already raised are never raised again.
"""
from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flows.harvest import layout_paths_for
from transforms.analysis import Publication, SecondLook, analyse_publications
from transforms.pdf_pool import TextExtractor
from transforms.rawstore import RawStore
from warehouse import load as wl
from warehouse.db import WarehouseWriter, harvest_lock, open_warehouse
from warehouse.errors import UserError
from warehouse.reanalyse import (
    StoredPublication,
    councils_with_publications,
    reload_council_analyses,
    store_layout_texts,
    stored_documents,
    stored_publications,
    update_document_texts,
)

PDF_BATCH = 200   # documents read again per batch: memory follows the batch, not the archive


@dataclass
class ReprocessSummary:
    run_id: str
    councils: int = 0
    publications: int = 0
    documents_read: int = 0
    documents_missing: int = 0
    new_alerts: list[dict] = field(default_factory=list)


def reprocess(db: str, data_dir: str | None = None, pdf_text: bool = False, council: str | None = None,
              workers: int = 2, say: Callable[[str], None] = lambda _: None) -> ReprocessSummary:
    if pdf_text and not data_dir:
        raise UserError("reading PDF text again needs --data-dir, the folder the harvest keeps raw files in")
    summary = ReprocessSummary(run_id="reprocess-" + uuid.uuid4().hex[:8])
    started = datetime.now(UTC)
    raw = RawStore(Path(data_dir) / "raw") if data_dir else None
    with harvest_lock(db), TextExtractor(workers=workers) as extractor:   # never beside a harvest
        open_warehouse(db).close()    # migrated before anything is read
        con = WarehouseWriter(db)     # released after each council, so readers can query meanwhile
        try:
            if pdf_text:
                _reread_pdf_text(con, raw, council, extractor, summary, say)
            for slug in councils_with_publications(con, council):
                publications = stored_publications(con, slug)
                analyses = _analyse_council(con, slug, publications, extractor, raw)
                found = reload_council_analyses(con, slug, analyses, summary.run_id)
                con.release()
                summary.councils += 1
                summary.publications += len(publications)
                summary.new_alerts += found
                say(f"{slug}: {len(publications)} publications analysed again, {len(found)} new alert(s)")
            wl.record_run(con, summary.run_id, started, datetime.now(UTC), "reprocessed", summary.councils,
                          0, len(summary.new_alerts), 0, 0)
        finally:
            con.release()
    return summary


def _analyse_council(con, council: str, stored: list[StoredPublication], extractor: TextExtractor,
                     raw: RawStore | None) -> list:
    """The night's analysis over stored text: with the raw store at hand, a publication that names a review
    has its documents read by the layout pass (judgement tables), exactly as on the night it arrives."""
    texts = {url: pair for p in stored for url, pair in zip(p.doc_urls, p.documents)}
    before = dict(texts)
    second_look, work = None, extractor.work()      # spread over the workers
    if raw is not None:
        second_look = SecondLook([], texts)
        work = extractor.work(layout_paths_for({}, raw, wl.document_shas(con, list(texts))))
    analyses = analyse_publications(council, [_publication(p) for p in stored], texts, second_look, work=work)
    store_layout_texts(con, {url: pair for url, pair in texts.items() if before.get(url) != pair})
    return analyses


def _publication(p: StoredPublication) -> Publication:
    # Item titles are stored as the page wrote them; the night analyses them unescaped, and so must this.
    title = html.unescape(p.title) if p.kind == "agenda_item" else p.title
    return Publication(p.url, p.kind, title, p.body, p.doc_urls, p.reported_date, p.reported_where)


def _reread_pdf_text(con, raw: RawStore, council: str | None, extractor: TextExtractor, summary: ReprocessSummary,
                     say) -> None:
    documents = stored_documents(con, council)
    present = [(url, raw.path_for(sha)) for url, sha in documents]
    missing = [url for url, path in present if not Path(path).exists()]
    readable = [(url, path) for url, path in present if Path(path).exists()]
    summary.documents_missing = len(missing)
    for start in range(0, len(readable), PDF_BATCH):
        chunk = dict(readable[start:start + PDF_BATCH])
        update_document_texts(con, extractor.extract_many(chunk))   # fast text; the layout pass follows per council
        con.release()
        summary.documents_read += len(chunk)
        say(f"PDF text read again: {summary.documents_read} of {len(readable)} documents")
    if missing:
        say(f"{len(missing)} document(s) have no raw file any more and keep their stored text")
