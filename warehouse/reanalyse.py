"""Re-analysing what the warehouse already holds, without the network (`peerwatch reprocess`).

Each publication comes back as it was analysed on the night it was harvested: its title, its own text,
the text of its documents and where and when it was reported. Read one council at a time so memory
follows the largest council, not the archive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb


@dataclass
class StoredPublication:
    url: str
    kind: str                       # agenda_item | press_release
    title: str
    body: str
    reported_date: date | None
    reported_where: str
    documents: list[tuple[str, str]] = field(default_factory=list)   # (text, layout_text) of each document
    doc_urls: list[str] = field(default_factory=list)                # their addresses, in the same order


def councils_with_publications(con: duckdb.DuckDBPyConnection, only: str | None = None) -> list[str]:
    rows = con.execute("SELECT DISTINCT council FROM publications WHERE $only IS NULL OR council = $only "
                       "ORDER BY council", {"only": only}).fetchall()
    return [r[0] for r in rows]


def stored_publications(con: duckdb.DuckDBPyConnection, council: str) -> list[StoredPublication]:
    """The council's agenda items and press releases, oldest first (reviews link in the order they were reported)."""
    items = con.execute("""
        SELECT i.url, i.title, concat_ws(chr(10) || chr(10), nullif(i.description, ''), nullif(i.minutes, ''),
                                         nullif(i.decision, '')),
               m.meeting_date, coalesce(m.committee_title, '')
        FROM agenda_items i LEFT JOIN meetings m ON m.council = i.council AND m.meeting_id = i.meeting_id
        WHERE i.council = ?""", [council]).fetchall()
    press = con.execute("""SELECT url, title, coalesce(text, ''), published_date, 'press release'
                           FROM press_releases WHERE council = ?""", [council]).fetchall()
    documents = _item_document_texts(con, council)
    out = []
    for u, t, b, d, w in items:
        docs = documents.get(u, [])
        out.append(StoredPublication(u, "agenda_item", t or "", b or "", d, w, [(text, layout) for _, text, layout in docs],
                                     [url for url, _, _ in docs]))
    out += [StoredPublication(u, "press_release", t or "", b, d, w) for u, t, b, d, w in press]
    out.sort(key=lambda p: (p.reported_date or date.max, p.url))
    return out


def _item_document_texts(con, council: str) -> dict[str, list[tuple[str, str, str]]]:
    rows = con.execute("""
        SELECT x.item_url, d.url, coalesce(d.text, ''), coalesce(d.layout_text, '')
        FROM item_documents x JOIN agenda_items i ON i.url = x.item_url
        JOIN documents d ON d.url = x.document_url
        WHERE i.council = ? AND d.text IS NOT NULL
        ORDER BY x.item_url, x.document_url""", [council]).fetchall()
    texts: dict[str, list[tuple[str, str, str]]] = {}
    for item_url, url, text, layout in rows:
        texts.setdefault(item_url, []).append((url, text, layout))
    return texts


def stored_documents(con: duckdb.DuckDBPyConnection, council: str | None = None) -> list[tuple[str, str]]:
    """(url, sha256) of every downloaded document, to read its PDF text again from the raw store."""
    return con.execute("SELECT url, sha256 FROM documents WHERE sha256 IS NOT NULL AND ($c IS NULL OR council = $c) "
                       "ORDER BY url", {"c": council}).fetchall()


def forget_reviews(con: duckdb.DuckDBPyConnection, council: str) -> None:
    """Drop what review extraction made of a council's publications, so a re-analysis rebuilds it whole.

    Review ids are derived from council, type and fieldwork (or first report), so a review the new rules
    read the same way gets the same id back.
    """
    ids = "SELECT review_id FROM reviews WHERE council = ?"
    for table in ("review_sources", "review_judgements", "review_findings", "review_team"):
        con.execute(f"DELETE FROM {table} WHERE review_id IN ({ids})", [council])
    con.execute("DELETE FROM reviews WHERE council = ?", [council])


def reload_council_analyses(con: duckdb.DuckDBPyConnection, council: str, analyses: list, run_id: str) -> list[dict]:
    """Replace a council's classifications and reviews with a fresh analysis, in one transaction.

    Alerts are history: an alert already raised stays (and is not raised again); a publication that only
    now reads as a review in scope is alerted once, marked as found on reprocessing.
    """
    from warehouse.load import load_analysis

    new_alerts = []
    con.execute("BEGIN")
    try:
        forget_reviews(con, council)
        for analysis in analyses:
            alert = load_analysis(con, council, analysis, run_id, found_by="reprocess")
            if alert:
                new_alerts.append(alert)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return new_alerts


def store_layout_texts(con: duckdb.DuckDBPyConnection, texts: dict[str, tuple[str, str]]) -> None:
    """Keep the text and rows of documents read again from the raw store (url -> (text, layout_text))."""
    for url, (text, layout) in texts.items():
        con.execute("UPDATE documents SET text = ?, layout_text = ? WHERE url = ?", [text, layout, url])


def update_document_texts(con: duckdb.DuckDBPyConnection, extractions: dict) -> None:
    """Store PDF text read again from the raw store (url -> Extraction)."""
    for url, e in extractions.items():
        con.execute("""UPDATE documents SET extract_status = ?, extract_error = ?, pages = ?, text = ?, layout_text = ?
                       WHERE url = ?""", [e.status, e.error, e.pages, e.text, e.layout_text, url])
