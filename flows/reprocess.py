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

from flows import stopping
from transforms.analysis import Publication, analyse_publications
from transforms.classify import could_mention_a_review
from transforms.pdf_pool import TextExtractor
from transforms.rawstore import RawStore
from warehouse import load as wl
from warehouse.db import WarehouseWriter, harvest_lock, open_warehouse
from warehouse.errors import UserError
from warehouse.reanalyse import (
    StoredPublication,
    TableChange,
    councils_with_publications,
    reload_council_analyses,
    store_layout_texts,
    stored_documents,
    stored_publications,
    update_document_texts,
)

PDF_BATCH = 200  # documents read again per batch: memory follows the batch, not the archive


@dataclass
class ReprocessSummary:
    run_id: str
    councils: int = 0
    publications: int = 0
    documents_read: int = 0
    documents_missing: int = 0
    changes: dict = field(default_factory=dict)  # table → TableChange, over every council
    stopped: bool = False  # asked to stop (SIGINT/SIGTERM): the councils not reached keep what they had
    new_alerts: list[dict] = field(default_factory=list)


def reprocess(
    db: str,
    data_dir: str | None = None,
    pdf_text: bool = False,
    council: str | None = None,
    workers: int = 2,
    say: Callable[[str], None] = lambda _: None,
    dry_run: bool = False,
) -> ReprocessSummary:
    """`dry_run`: work out and report what would change, and write nothing."""
    if dry_run and pdf_text:
        raise UserError("--dry-run reads the stored text as it is: leave out --pdf-text")
    if pdf_text and not data_dir:
        raise UserError("reading PDF text again needs --data-dir, the folder the harvest keeps raw files in")
    summary = ReprocessSummary(run_id="reprocess-" + uuid.uuid4().hex[:8])
    started = datetime.now(UTC)
    raw = RawStore(Path(data_dir) / "raw") if data_dir else None
    with harvest_lock(db), TextExtractor(workers=workers) as extractor:  # never beside a harvest
        open_warehouse(db).close()  # migrated before anything is read
        con = WarehouseWriter(db)  # released after each council, so readers can query meanwhile
        try:
            if pdf_text:
                _reread_pdf_text(con, raw, council, extractor, summary, say)
            for slug in councils_with_publications(con, council):
                if stopping.requested():
                    summary.stopped = True
                    break
                publications = stored_publications(con, slug)
                analyses = _analyse_council(con, slug, publications, extractor, raw, dry_run)
                found, changes = reload_council_analyses(con, slug, analyses, summary.run_id, dry_run)
                con.release()
                summary.councils += 1
                summary.publications += len(publications)
                summary.new_alerts += found
                for table, change in changes.items():
                    summary.changes.setdefault(table, TableChange()).add(change)
                say(
                    f"{slug}: {len(publications)} publications analysed again, {len(found)} new alert(s)"
                    + (f"; {change_words(changes)}" if any(changes.values()) else "; no review changed")
                )
            if not dry_run:
                wl.record_run(
                    con,
                    summary.run_id,
                    started,
                    datetime.now(UTC),
                    "reprocessed",
                    summary.councils,
                    0,
                    len(summary.new_alerts),
                    0,
                    0,
                )
        finally:
            con.release()
    return summary


def _analyse_council(
    con,
    council: str,
    stored: list[StoredPublication],
    extractor: TextExtractor,
    raw: RawStore | None,
    dry_run: bool = False,
) -> list:
    """The night's analysis over stored text and rows (spread over the workers). With the raw store at hand, the
    documents whose text may name a review are read again first (PDFium: text and rows in one pass), exactly as
    on a night today: text stored by older versions may lack what that reading gives (rows, before PDFium read
    positions; page breaks, before they were kept), and a reprocess must never read less than the night did."""
    texts = {url: pair for p in stored for url, pair in zip(p.doc_urls, p.documents)}
    before = dict(texts)
    if raw is not None:
        read = _read_again(texts, _stored_paths(list(texts), raw, wl.document_shas(con, list(texts))), extractor)
        texts.update(read)
        if not dry_run:
            store_layout_texts(con, {url: pair for url, pair in read.items() if before.get(url) != pair})
    return analyse_publications(council, [_publication(p) for p in stored], texts, work=extractor.work())


def _read_again(
    texts: dict[str, tuple[str, str]], paths: dict[str, Path], extractor: TextExtractor
) -> dict[str, tuple[str, str]]:
    """Stored documents whose text may name a review, read again from the raw store, text and rows in one pass.
    (Rows and the exact text matter only to the review records of a publication that names a review.)"""
    wanted = {u: paths[u] for u, (text, _) in texts.items() if u in paths and text and could_mention_a_review(text)}
    read = extractor.extract_many(wanted) if wanted else {}
    return {u: (e.text, e.layout_text) for u, e in read.items() if e.status in ("ok", "no_text")}


def _stored_paths(urls: list[str], raw: RawStore, shas: dict[str, str]) -> dict[str, Path]:
    """The raw-store files of stored documents (by URL), those still there."""
    found = {u: Path(raw.path_for(shas[u])) for u in urls if shas.get(u)}
    return {u: p for u, p in found.items() if p.exists()}


def change_words(changes: dict) -> str:
    """ "review_judgements +1 ~0 -0, reviews …": what a reprocess added (+), changed (~) and removed (-) per table."""
    shown = [f"{table} +{c.added} ~{c.changed} -{c.removed}" for table, c in changes.items() if c]
    return ", ".join(shown) or "nothing changed"


def _publication(p: StoredPublication) -> Publication:
    # Item titles are stored as the page wrote them; the night analyses them unescaped, and so must this.
    title = html.unescape(p.title) if p.kind == "agenda_item" else p.title
    return Publication(p.url, p.kind, title, p.body, p.doc_urls, p.reported_date, p.reported_where)


def _reread_pdf_text(
    con, raw: RawStore, council: str | None, extractor: TextExtractor, summary: ReprocessSummary, say
) -> None:
    documents = stored_documents(con, council)
    present = [(url, raw.path_for(sha)) for url, sha in documents]
    missing = [url for url, path in present if not Path(path).exists()]
    readable = [(url, path) for url, path in present if Path(path).exists()]
    summary.documents_missing = len(missing)
    for start in range(0, len(readable), PDF_BATCH):
        chunk = dict(readable[start : start + PDF_BATCH])
        update_document_texts(con, extractor.extract_many(chunk))  # text and rows
        con.release()
        summary.documents_read += len(chunk)
        say(f"PDF text read again: {summary.documents_read} of {len(readable)} documents")
    if missing:
        say(f"{len(missing)} document(s) have no raw file any more and keep their stored text")
