"""Full-text search over every publication with its documents' text: a tantivy index beside the warehouse.

Why not DuckDB's fts extension, which this replaced: it cannot update an index, so every night rebuilt
the whole corpus (324 s and 8.2 GB at 100k documents of ~20 KB), and its BM25 scores every document on
every query (0.7 s median at 100k). tantivy (a Lucene-style engine) keeps immutable segments in a
folder, `<warehouse>.duckdb.search/`: a night adds or replaces only the publications that are new or
changed (keyed by URL), and a query reads postings lists, not the collection.

What is indexed is decided by the warehouse: `search_index` (url, index_key, indexed_at) records the key
each publication had when it was indexed, the key being a hash of what the search shows (title, date,
text hash, its documents' hashes and extraction status, its review types). A night compares keys (a scan
of hashes, not of text) and re-indexes the difference, so a night that was killed before its update,
or a document re-read after a failed download, is caught up the next night. A missing, unreadable or
out-of-step index is rebuilt from the warehouse.

The trade-off: the index lives outside the DuckDB file, so SQL cannot rank by relevance. SQL users
filter text with `ILIKE` (a full scan) or join their own tables to `search_index`; ranked search with
phrases, filters and snippets is `peerwatch search` (and `warehouse.search.search` from Python).
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import tantivy

from warehouse.db import WarehouseUnusable, open_warehouse

SCHEMA_VERSION = "1"  # bump when the fields below change: the index is then rebuilt
BATCH = 500  # publications per read from the warehouse: bounds memory, not the night
COMMIT_EVERY = 10_000  # publications per index commit: a long rebuild keeps what it has done
WRITER_HEAP = 64_000_000
SNIPPET_CHARS = 240


class SearchIndexMissing(WarehouseUnusable):
    """There is no usable search index beside this warehouse yet."""


class SearchQueryError(ValueError):
    """The search words could not be read (e.g. an unbalanced quote)."""


@dataclass
class UpdateResult:
    indexed: int
    removed: int
    rebuilt: bool
    total: int


def index_path(db: str | Path) -> Path:
    return Path(str(db) + ".search")


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("url", stored=True, tokenizer_name="raw")
    sb.add_text_field("council", stored=True, tokenizer_name="raw")
    sb.add_text_field("kind", stored=True, tokenizer_name="raw")
    sb.add_text_field("review_type", stored=True, tokenizer_name="raw")
    sb.add_date_field("published", stored=True, indexed=True, fast=True)
    sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("body", stored=True, tokenizer_name="en_stem")
    return sb.build()


def _version_file(path: Path) -> Path:
    return path / "peerwatch-schema-version"


def _open(path: Path) -> tantivy.Index | None:
    """The index at `path`, or None when it is missing, of another schema version or unreadable."""
    try:
        if _version_file(path).read_text().strip() != SCHEMA_VERSION or not tantivy.Index.exists(str(path)):
            return None
        return tantivy.Index.open(str(path))
    except (OSError, ValueError):
        return None


def _create(path: Path) -> tantivy.Index:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    index = tantivy.Index(_schema(), path=str(path), reuse=False)
    _version_file(path).write_text(SCHEMA_VERSION)
    return index


def database_path(con: duckdb.DuckDBPyConnection) -> Path:
    return Path(
        con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    )


# -- keeping it up to date ---------------------------------------------------------------------------
# Plain equality joins on url: an extra condition on the left side (say `AND p.kind = ...`) turns DuckDB's
# hash join into a nested loop, 28 s instead of 0.1 s at 100k publications.
_KEYS = """
    WITH docs AS (
        SELECT x.item_url AS url,
               string_agg(coalesce(d.sha256, '') || ':' || coalesce(d.extract_status, ''), ',' ORDER BY d.url) AS docs
        FROM item_documents x JOIN documents d ON d.url = x.document_url GROUP BY 1),
    keys AS (
        SELECT p.url, md5(concat_ws('|', p.title, p.published_date, coalesce(i.content_sha, pr.content_sha), docs.docs,
                                    array_to_string(c.review_types, ','))) AS index_key
        FROM publications p
        LEFT JOIN agenda_items i ON i.url = p.url
        LEFT JOIN press_releases pr ON pr.url = p.url
        LEFT JOIN docs ON docs.url = p.url
        LEFT JOIN classifications c ON c.url = p.url)
"""


def _marks(values: list) -> str:
    # A literal IN list lets DuckDB filter each scan; `IN (SELECT unnest(?))` or a join would read every
    # document's text column to find 500 of them (2 s instead of 0.07 s at 100k documents).
    return ",".join("?" * len(values))


def _rows(con: duckdb.DuckDBPyConnection, urls: list[str]) -> list[tuple]:
    """(url, council, kind, title, published_date, body, review_types) for these publications."""
    if not urls:
        return []
    q = _marks(urls)
    own = {
        u: [d, m, x]
        for u, d, m, x in con.execute(
            f"SELECT url, description, minutes, decision FROM agenda_items WHERE url IN ({q})", urls
        ).fetchall()
    }
    own.update(
        {u: [t] for u, t in con.execute(f"SELECT url, text FROM press_releases WHERE url IN ({q})", urls).fetchall()}
    )
    links = con.execute(
        f"SELECT item_url, document_url FROM item_documents WHERE item_url IN ({q}) ORDER BY item_url, document_url",
        urls,
    ).fetchall()
    doc_urls = sorted({d for _, d in links})
    texts = (
        dict(con.execute(f"SELECT url, text FROM documents WHERE url IN ({_marks(doc_urls)})", doc_urls).fetchall())
        if doc_urls
        else {}
    )
    for item, doc in links:
        own.setdefault(item, []).append(texts.get(doc))
    types = dict(con.execute(f"SELECT url, review_types FROM classifications WHERE url IN ({q})", urls).fetchall())
    return [
        (u, council, kind, title, published, "\n\n".join(filter(None, own.get(u, []))), types.get(u))
        for u, council, kind, title, published in con.execute(
            f"SELECT url, council, kind, title, published_date FROM publications WHERE url IN ({q})", urls
        ).fetchall()
    ]


def update_search_index(con: duckdb.DuckDBPyConnection, db: str | Path | None = None) -> UpdateResult:
    """Add or replace the publications that are new or changed since the last update; drop removed ones.

    Rebuilds from the warehouse when the index is missing, unreadable or out of step with `search_index`.
    """
    path = index_path(db or database_path(con))
    index = _open(path)
    rebuilt = (
        index is None or index.searcher().num_docs != con.execute("SELECT count(*) FROM search_index").fetchone()[0]
    )
    if rebuilt:
        index = _create(path)
        con.execute("DELETE FROM search_index")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE search_todo AS "
        + _KEYS
        + """
        SELECT k.url, k.index_key, s.url IS NOT NULL AS known FROM keys k LEFT JOIN search_index s ON s.url = k.url
        WHERE s.index_key IS DISTINCT FROM k.index_key ORDER BY k.url"""
    )
    todo = con.execute("SELECT count(*) FROM search_todo").fetchone()[0]
    removed = [
        r[0]
        for r in con.execute("SELECT url FROM search_index WHERE url NOT IN (SELECT url FROM publications)").fetchall()
    ]
    if todo or removed:
        _apply(con, index, todo, removed)
        index.reload()
    con.execute("DROP TABLE search_todo")
    return UpdateResult(todo, len(removed), rebuilt, index.searcher().num_docs)


def _apply(con: duckdb.DuckDBPyConnection, index: tantivy.Index, todo: int, removed: list[str]) -> None:
    """Index `search_todo` in chunks; each chunk is committed to the index, then its keys to the warehouse,
    so a run that dies re-indexes at most one chunk next time."""
    writer = index.writer(heap_size=WRITER_HEAP)
    for url in removed:
        writer.delete_documents_by_term("url", url)
    if removed:
        writer.commit()
        con.execute("DELETE FROM search_index WHERE url IN (SELECT unnest(?))", [removed])
    for first in range(0, todo, COMMIT_EVERY):
        last = min(first + COMMIT_EVERY, todo)
        chunk = " FROM search_todo WHERE rowid >= ? AND rowid < ?"
        for (url,) in con.execute("SELECT url" + chunk + " AND known", [first, last]).fetchall():
            writer.delete_documents_by_term("url", url)  # replaced: deleted before its new version is added
        for start in range(first, last, BATCH):
            urls = [
                u
                for (u,) in con.execute(
                    "SELECT url FROM search_todo WHERE rowid >= ? AND rowid < ?", [start, min(start + BATCH, last)]
                ).fetchall()
            ]
            for row in _rows(con, urls):
                writer.add_document(_document(*row))
        writer.commit()
        con.execute(
            "INSERT OR REPLACE INTO search_index (url, index_key, indexed_at) SELECT url, index_key, now()" + chunk,
            [first, last],
        )
    writer.wait_merging_threads()


def _document(url, council, kind, title, published, body, review_types) -> tantivy.Document:
    doc = tantivy.Document(url=url, council=council or "", kind=kind or "", title=title or "", body=body or "")
    for t in review_types or []:
        doc.add_text("review_type", t)
    if published is not None:
        doc.add_date("published", datetime(published.year, published.month, published.day, tzinfo=UTC))
    return doc


def rebuild_search_index(db: str | Path) -> UpdateResult:
    """`peerwatch reindex`: build the index again from the warehouse (after a crash, a disk fault, an upgrade)."""
    shutil.rmtree(index_path(db), ignore_errors=True)
    con = open_warehouse(db)
    try:
        return update_search_index(con, db)
    finally:
        con.close()


# -- searching -----------------------------------------------------------------------------------------
COLUMNS = ["score", "council", "kind", "published_date", "title", "url", "snippet"]


def search(
    db: str | Path,
    terms: str,
    limit: int = 10,
    council: str | None = None,
    review_type: str | None = None,
    since: date | None = None,
) -> tuple[list[str], list[tuple]]:
    """Ranked (BM25) search: every word must match; "quoted words" match as a phrase; title counts double."""
    index = _open(index_path(db))
    if index is None:
        raise SearchIndexMissing(
            f"no search index beside {db} yet: it is built by the next harvest, "
            f"or now with `peerwatch reindex --db {db}`"
        )
    schema = index.schema
    try:
        text = index.parse_query(terms, ["title", "body"], field_boosts={"title": 2.0}, conjunction_by_default=True)
    except ValueError as exc:
        raise SearchQueryError(f"cannot read the search {terms!r}: {exc}") from exc
    clauses = [(tantivy.Occur.Must, text)]
    if council:
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "council", council)))
    if review_type:
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "review_type", review_type)))
    if since:
        clauses.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.range_query(
                    schema,
                    "published",
                    tantivy.FieldType.Date,
                    lower_bound=datetime(since.year, since.month, since.day, tzinfo=UTC),
                ),
            )
        )
    query = tantivy.Query.boolean_query(clauses) if len(clauses) > 1 else text
    searcher = index.searcher()
    snippets = tantivy.SnippetGenerator.create(searcher, text, schema, "body")
    snippets.set_max_num_chars(SNIPPET_CHARS)
    rows = []
    for score, address in searcher.search(query, limit).hits:
        doc = searcher.doc(address)
        published = doc.get_first("published")
        rows.append(
            (
                round(score, 3),
                doc.get_first("council"),
                doc.get_first("kind"),
                published.date() if published else None,
                doc.get_first("title"),
                doc.get_first("url"),
                _marked(snippets.snippet_from_doc(doc)),
            )
        )
    return COLUMNS, rows


def _marked(snippet: tantivy.Snippet, before: int = 30) -> str:
    """The snippet's text with each matched word in [brackets], starting a little before the first match
    (plain text for a terminal)."""
    marked = " ".join(html.unescape(snippet.to_html().replace("<b>", "[").replace("</b>", "]")).split())
    first = marked.find("[")
    return marked if first <= before else "…" + marked[first - before :].split(" ", 1)[-1]
