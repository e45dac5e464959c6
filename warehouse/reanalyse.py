"""Re-analysing what the warehouse already holds, without the network (`peerwatch reprocess`).

Each publication comes back as it was analysed on the night it was harvested: its title, its own text,
the text of its documents and where and when it was reported. Read one council at a time so memory
follows the largest council, not the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from transforms.clean import clean_document_text, clean_text
from warehouse import staging


@dataclass
class StoredPublication:
    url: str
    kind: str  # agenda_item | press_release
    title: str
    body: str
    reported_date: date | None
    reported_where: str
    documents: list[tuple[str, str]] = field(default_factory=list)  # (text, layout_text) of each document
    doc_urls: list[str] = field(default_factory=list)  # their addresses, in the same order


def councils_with_publications(con: duckdb.DuckDBPyConnection, only: str | None = None) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT council FROM publications WHERE $only IS NULL OR council = $only ORDER BY council",
        {"only": only},
    ).fetchall()
    return [r[0] for r in rows]


def stored_publications(con: duckdb.DuckDBPyConnection, council: str) -> list[StoredPublication]:
    """The council's agenda items and press releases, oldest first (reviews link in the order they were reported)."""
    items = con.execute(
        """
        SELECT i.url, i.title, concat_ws(chr(10) || chr(10), nullif(i.description, ''), nullif(i.minutes, ''),
                                         nullif(i.decision, '')),
               m.meeting_date, coalesce(m.committee_title, '')
        FROM agenda_items i LEFT JOIN meetings m ON m.council = i.council AND m.meeting_id = i.meeting_id
        WHERE i.council = ?""",
        [council],
    ).fetchall()
    press = con.execute(
        """SELECT url, title, coalesce(text, ''), published_date, 'press release'
                           FROM press_releases WHERE council = ?""",
        [council],
    ).fetchall()
    documents = _item_document_texts(con, council)
    out = []
    for u, t, b, d, w in items:
        docs = documents.get(u, [])
        out.append(
            StoredPublication(
                u,
                "agenda_item",
                t or "",
                b or "",
                d,
                w,
                [(text, layout) for _, text, layout in docs],
                [url for url, _, _ in docs],
            )
        )
    out += [StoredPublication(u, "press_release", t or "", b, d, w) for u, t, b, d, w in press]
    out.sort(key=lambda p: (p.reported_date or date.max, p.url))
    return out


def _item_document_texts(con, council: str) -> dict[str, list[tuple[str, str, str]]]:
    rows = con.execute(
        """
        SELECT x.item_url, d.url, coalesce(d.text, ''), coalesce(d.layout_text, '')
        FROM item_documents x JOIN agenda_items i ON i.url = x.item_url
        JOIN documents d ON d.url = x.document_url
        WHERE i.council = ? AND d.text IS NOT NULL
        ORDER BY x.item_url, x.document_url""",
        [council],
    ).fetchall()
    texts: dict[str, list[tuple[str, str, str]]] = {}
    for item_url, url, text, layout in rows:
        texts.setdefault(item_url, []).append((url, text, layout))
    return texts


def stored_documents(con: duckdb.DuckDBPyConnection, council: str | None = None) -> list[tuple[str, str]]:
    """(url, sha256) of every downloaded document, to read its PDF text again from the raw store."""
    return con.execute(
        "SELECT url, sha256 FROM documents WHERE sha256 IS NOT NULL AND ($c IS NULL OR council = $c) ORDER BY url",
        {"c": council},
    ).fetchall()


def forget_reviews(con: duckdb.DuckDBPyConnection, council: str) -> None:
    """Drop what review extraction made of a council's publications, so a re-analysis rebuilds it whole.

    Review ids are derived from council, type and fieldwork (or first report), so a review the new rules
    read the same way gets the same id back.
    """
    ids = "SELECT review_id FROM reviews WHERE council = ?"
    for table in ("review_sources", "review_judgements", "review_findings", "review_team"):
        con.execute(f"DELETE FROM {table} WHERE review_id IN ({ids})", [council])
    con.execute("DELETE FROM reviews WHERE council = ?", [council])


def reload_council_analyses(
    con: duckdb.DuckDBPyConnection, council: str, analyses: list, run_id: str, dry_run: bool = False
) -> tuple[list[dict], dict[str, TableChange]]:
    """Replace a council's classifications and reviews with a fresh analysis, in one transaction; returns the
    new alerts and what changed in each review table. `dry_run`: the same, then rolled back.

    Alerts are history: an alert already raised stays (and is not raised again); a publication that only
    now reads as a review in scope is alerted once, marked as found on reprocessing.
    """
    from warehouse.load import LOAD_STEP_PUBLICATIONS, load_analyses

    new_alerts = []
    con.execute("BEGIN")
    try:
        before = review_rows(con, council)
        forget_reviews(con, council)
        for step in staging.chunks(analyses, LOAD_STEP_PUBLICATIONS):
            new_alerts += load_analyses(con, council, step, run_id, found_by="reprocess")
        changes = compare_review_rows(before, review_rows(con, council))
        con.execute("ROLLBACK" if dry_run else "COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return new_alerts, changes


# What a review row is known by (its key) and what it says (its other columns), per table.
REVIEW_TABLES = {
    "reviews": (
        ["review_id"],
        [
            "review_type",
            "service_area",
            "fieldwork_start",
            "fieldwork_end",
            "fieldwork_precision",
            "fieldwork_raw",
            "first_reported_date",
            "stage",
        ],
    ),
    "review_sources": (["review_id", "url"], ["kind", "stage", "reported_date"]),
    "review_judgements": (["review_id", "area"], ["grade", "grade_raw"]),
    "review_findings": (["review_id", "kind", "text"], []),
    "review_team": (["review_id", "name"], ["role", "organisation"]),
}


@dataclass
class TableChange:
    added: int = 0
    changed: int = 0
    removed: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def add(self, other: TableChange) -> None:
        self.added += other.added
        self.changed += other.changed
        self.removed += other.removed


def review_rows(con: duckdb.DuckDBPyConnection, council: str) -> dict[str, dict[tuple, tuple]]:
    """Every review row of the council, per table: key → the rest."""
    out = {}
    for table, (key, rest) in REVIEW_TABLES.items():
        columns = ", ".join(f"t.{c}" for c in key + rest)
        where = (
            "t.council = ?"
            if table == "reviews"
            else "t.review_id IN (SELECT review_id FROM reviews WHERE council = ?)"
        )
        rows = con.execute(f"SELECT {columns} FROM {table} t WHERE {where}", [council]).fetchall()
        out[table] = {r[: len(key)]: r[len(key) :] for r in rows}
    return out


def compare_review_rows(before: dict, after: dict) -> dict[str, TableChange]:
    changes = {}
    for table in REVIEW_TABLES:
        old, new = before.get(table, {}), after.get(table, {})
        changes[table] = TableChange(
            added=len(new.keys() - old.keys()),
            removed=len(old.keys() - new.keys()),
            changed=sum(1 for k in new.keys() & old.keys() if new[k] != old[k]),
        )
    return changes


def store_layout_texts(con: duckdb.DuckDBPyConnection, texts: dict[str, tuple[str, str]]) -> None:
    """Keep the text and rows of documents read again from the raw store (url -> (text, layout_text))."""
    rows = [
        (url, None, None, None, clean_document_text(text), clean_document_text(layout))
        for url, (text, layout) in texts.items()
    ]
    _update_texts(con, rows, "text = s.text, layout_text = s.layout_text")


def update_document_texts(con: duckdb.DuckDBPyConnection, extractions: dict) -> None:
    """Store PDF text read again from the raw store (url -> Extraction)."""
    rows = [
        (url, e.status, clean_text(e.error), e.pages, clean_document_text(e.text), clean_document_text(e.layout_text))
        for url, e in extractions.items()
    ]
    _update_texts(
        con,
        rows,
        "extract_status = s.extract_status, extract_error = s.extract_error, pages = s.pages, "
        "text = s.text, layout_text = s.layout_text",
    )


TEXT_COLUMNS = (
    ("url", "VARCHAR"),
    ("extract_status", "VARCHAR"),
    ("extract_error", "VARCHAR"),
    ("pages", "INTEGER"),
    ("text", "VARCHAR"),
    ("layout_text", "VARCHAR"),
)


def _update_texts(con, rows: list[tuple], assignments: str) -> None:
    staging.stage(con, "staged_texts", TEXT_COLUMNS, list({r[0]: r for r in rows}.values()))
    con.execute(f"UPDATE documents SET {assignments} FROM staged_texts s WHERE documents.url = s.url")
    staging.drop(con, "staged_texts")
