"""Idempotent loads into the warehouse: one council's harvest in one transaction.

Loading the same harvest twice changes nothing; a publication alerts once (keyed on its stable
key, `warehouse/identity.py`, so a council moving host, scheme or port changes nothing either);
every publication that reports a review joins that review's sources.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb

from scrapers.http import FetchLogEntry, Validators
from scrapers.models import Committee, Meeting, PressRelease
from scrapers.moderngov.revisits import ScheduledMeeting, SiteState
from transforms.analysis import Analysis
from transforms.clean import clean_document_text, clean_text
from transforms.pdf_text import Extraction
from transforms.reviews import ReviewRecord, review_id_for, stored_judgements
from warehouse import alerts, identity, staging

PRECISION_RANK = {"day": 3, "month": 2, "unresolved": 1, None: 0}
LINK_WINDOW = timedelta(days=550)


@dataclass
class DocumentRow:
    url: str
    title: str
    attachment_id: str | None
    sha256: str | None
    bytes: int
    extraction: Extraction


@dataclass
class CouncilBatch:
    council: str
    route: str = ""
    committees: list[Committee] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    press_releases: list[PressRelease] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)
    fetch_log: list[FetchLogEntry] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)
    source_errors: dict[str, str | None] = field(default_factory=dict)  # source -> last error (None = fine)
    window: tuple[date, date] | None = None  # the meeting dates the site was asked for
    new_publications: int = 0
    meetings_listed: int | None = None  # in-window meetings the lists showed; None = lists not read tonight
    read_on: date | None = None  # the night the meetings were read (None: no revisit schedule kept)
    next_reads: dict[str, date | None] = field(default_factory=dict)  # meeting id -> next night due
    site_state: SiteState | None = None
    limits: dict[str, list[str]] = field(default_factory=dict)  # source -> caps it reached tonight


@dataclass
class LoadResult:
    new_alerts: list[dict] = field(default_factory=list)
    new_publications: int = 0


def content_sha(*parts: str | None) -> str:
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()


# -- reads the flow needs before harvesting ------------------------------------------------
def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every stored document's status by its address, and by its address under the council's current base
    URL: a council that moved host, scheme or port does not make PeerWatch download its documents again.
    An `unavailable` document (0-byte or wrong-type answer) waiting for its next try reads `backing_off`."""
    rows = con.execute("""SELECT d.url, CASE WHEN d.extract_status = 'unavailable' AND d.next_fetch_after > now()
                                             THEN 'backing_off' ELSE d.extract_status END,
                                 d.key, d.council, c.moderngov_url
                          FROM documents d LEFT JOIN councils c ON c.slug = d.council""").fetchall()
    known = {url: status for url, status, *_ in rows}
    for url, status, key, council, base in rows:
        prefix = f"{council}/moderngov/doc"
        if key and key.startswith(prefix):
            moved = identity.rebase_document(url, key[len(prefix) :], base)
            if moved:
                known.setdefault(moved, status)
    return known


def http_validators(con: duckdb.DuckDBPyConnection) -> dict[str, Validators]:
    rows = con.execute("SELECT url, etag, last_modified, sha256 FROM http_cache").fetchall()
    validators = {u: Validators(e, lm, s) for u, e, lm, s in rows}
    # a document re-checked after its council moved is asked for conditionally at its new address
    moved = con.execute("""SELECT h.url, d.key, d.council, c.moderngov_url FROM http_cache h
                           JOIN documents d ON d.url = h.url JOIN councils c ON c.slug = d.council""").fetchall()
    for url, key, council, base in moved:
        prefix = f"{council}/moderngov/doc"
        new_url = identity.rebase_document(url, key[len(prefix) :], base) if key and key.startswith(prefix) else None
        if new_url:
            validators.setdefault(new_url, validators[url])
    return validators


def revisit_schedules(
    con: duckdb.DuckDBPyConnection, since: date, until: date
) -> dict[str, tuple[dict[str, ScheduledMeeting], SiteState]]:
    """Per council: its stored meetings in the window with their revisit dates, and what we know of its feed."""
    out: dict[str, tuple[dict[str, ScheduledMeeting], SiteState]] = {}
    for council, status, checked, listed in con.execute(
        "SELECT council, feed_status, feed_checked_on, listings_read_on FROM moderngov_revisits"
    ).fetchall():
        out[council] = ({}, SiteState(status, checked, listed))
    # A meeting holding a document whose answer may heal (`unavailable`) and whose backoff has passed is due
    # now: the document is asked for again when its meeting is read.
    rows = con.execute(
        """SELECT council, meeting_id, committee_id, committee_title, meeting_date, meeting_time, status,
                                  url, route, last_read_on,
                                  CASE WHEN EXISTS (
                                      SELECT 1 FROM agenda_items i JOIN item_documents x ON x.item_url = i.url
                                      JOIN documents d ON d.url = x.document_url
                                      WHERE i.council = m.council AND i.meeting_id = m.meeting_id
                                        AND d.extract_status = 'unavailable' AND d.next_fetch_after <= now())
                                       THEN least(coalesce(next_read_on, current_date), current_date)
                                       ELSE next_read_on END
                           FROM meetings m WHERE meeting_date BETWEEN ? AND ?""",
        [since, until],
    ).fetchall()
    for council, mid, cid, ctitle, mdate, mtime, status, url, route, last, nxt in rows:
        stub = Meeting(mid, cid, ctitle or "", mdate, mtime or "", status or "confirmed", url or "")
        out.setdefault(council, ({}, SiteState()))[0][mid] = ScheduledMeeting(stub, last, nxt, route)
    return out


def retry_meetings(con: duckdb.DuckDBPyConnection, since: date, until: date) -> dict[str, list[ScheduledMeeting]]:
    """Per council: stored meetings outside `since`…`until` holding a document whose answer may heal
    (`unavailable`) and whose next try is due. The nightly window would never read them again."""
    rows = con.execute(
        """SELECT council, meeting_id, committee_id, committee_title, meeting_date, meeting_time, status,
                                  url, route, last_read_on, next_read_on
                           FROM meetings m WHERE meeting_date NOT BETWEEN ? AND ? AND EXISTS (
                               SELECT 1 FROM agenda_items i JOIN item_documents x ON x.item_url = i.url
                               JOIN documents d ON d.url = x.document_url
                               WHERE i.council = m.council AND i.meeting_id = m.meeting_id
                                 AND d.extract_status = 'unavailable' AND d.next_fetch_after <= now())
                           ORDER BY council, meeting_date""",
        [since, until],
    ).fetchall()
    out: dict[str, list[ScheduledMeeting]] = {}
    for council, mid, cid, ctitle, mdate, mtime, status, url, route, last, nxt in rows:
        stub = Meeting(mid, cid, ctitle or "", mdate, mtime or "", status or "confirmed", url or "")
        out.setdefault(council, []).append(ScheduledMeeting(stub, last, nxt, route))
    return out


def stored_texts(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, tuple[str, str]]:
    """Stored text of these documents, found by address or (after a council moved) by stable key."""
    if not urls:
        return {}
    keys = _document_keys_for(con, urls)
    rows = con.execute(
        "SELECT url, key, coalesce(text, ''), coalesce(layout_text, '') FROM documents "
        "WHERE url IN (SELECT unnest(?)) OR key IN (SELECT unnest(?))",
        [urls, list(set(keys.values()))],
    ).fetchall()
    by_key = {k: (text, layout) for _, k, text, layout in rows}
    wanted = set(urls)
    found = {u: (text, layout) for u, _, text, layout in rows if u in wanted}
    for url, key in keys.items():
        if url not in found and key in by_key:
            found[url] = by_key[key]
    return found


def _document_keys_for(con, urls: list[str]) -> dict[str, str]:
    """Stable keys of document addresses on a configured council's current ModernGov host."""
    from urllib.parse import urlsplit

    by_host = {}
    for slug, base in con.execute(
        "SELECT slug, moderngov_url FROM councils WHERE moderngov_url IS NOT NULL"
    ).fetchall():
        by_host.setdefault(urlsplit(base).netloc.lower(), []).append((slug, base))
    keys = {}
    for url in urls:
        councils = by_host.get(urlsplit(url).netloc.lower(), [])
        if len(councils) == 1:  # a host shared by several councils cannot say whose document this is
            slug, base = councils[0]
            keys[url] = identity.document_key(slug, url, base)
    return keys


def document_shas(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, str]:
    """SHA-256 of stored documents (their bytes are in the raw store under it)."""
    if not urls:
        return {}
    rows = con.execute(
        "SELECT url, sha256 FROM documents WHERE sha256 IS NOT NULL AND url IN (SELECT unnest(?))", [urls]
    ).fetchall()
    return dict(rows)


def item_content_shas(con: duckdb.DuckDBPyConnection, council: str) -> dict[str, str]:
    """Content hash of each stored publication, by address and by its address under the current base URL."""
    from scrapers.moderngov.urls import agenda_item_url

    rows = con.execute(
        "SELECT url, content_sha FROM agenda_items WHERE council = ? UNION ALL "
        "SELECT url, content_sha FROM press_releases WHERE council = ?",
        [council, council],
    ).fetchall()
    shas = dict(rows)
    base = con.execute("SELECT moderngov_url FROM councils WHERE slug = ?", [council]).fetchone()
    if base and base[0]:
        for item_id, sha in con.execute(
            "SELECT item_id, content_sha FROM agenda_items WHERE council = ? AND coalesce(item_id, '') <> ''", [council]
        ).fetchall():
            shas.setdefault(agenda_item_url(base[0], item_id), sha)
    return shas


# -- writes ---------------------------------------------------------------------------------------
def upsert_councils(con: duckdb.DuckDBPyConnection, councils: list[dict]) -> None:
    from warehouse.local_authorities import match_council

    for c in councils:
        la = match_council(c["name"])
        if la:
            c = {**c, "gss_code": la.gss_code, "la_type": la.la_type, "region": la.region, "la_code": la.code}
        _follow_moved_site(con, c["slug"], c.get("moderngov_url"))
        con.execute(
            """
            INSERT INTO councils (slug, name, moderngov_url, news_url, news_feed_url, gss_code, la_type, region, la_code)
            VALUES ($slug, $name, $moderngov_url, $news_url, $news_feed_url, $gss_code, $la_type, $region, $la_code)
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name, moderngov_url = excluded.moderngov_url,
                news_url = excluded.news_url, news_feed_url = excluded.news_feed_url,
                gss_code = coalesce(excluded.gss_code, councils.gss_code),
                la_type = coalesce(excluded.la_type, councils.la_type),
                region = coalesce(excluded.region, councils.region),
                la_code = coalesce(excluded.la_code, councils.la_code), updated_at = now()
        """,
            {
                k: c.get(k)
                for k in (
                    "slug",
                    "name",
                    "moderngov_url",
                    "news_url",
                    "news_feed_url",
                    "gss_code",
                    "la_type",
                    "region",
                    "la_code",
                )
            },
        )


def _follow_moved_site(con, council: str, new_base: str | None) -> None:
    """A council whose ModernGov base URL changed (http to https, a new host or port, a corrected URL): move its
    stored items, documents and meetings to the new address at once, so links and revisits use it even for
    meetings not read again tonight. Identity does not depend on it (keys leave the address out)."""
    row = con.execute("SELECT moderngov_url FROM councils WHERE slug = ?", [council]).fetchone()
    old_base = row[0] if row else None
    if not old_base or not new_base or old_base.rstrip("/") == new_base.rstrip("/"):
        return
    old_root, new_root = old_base.rstrip("/") + "/", new_base.rstrip("/") + "/"

    def moved(table: str) -> dict[str, str]:
        urls = con.execute(
            f"SELECT url FROM {table} WHERE council = ? AND starts_with(url, ?)", [council, old_root]
        ).fetchall()
        return {u: new_root + u[len(old_root) :] for (u,) in urls}

    con.execute("BEGIN")
    try:
        identity.readdress(con, moved("agenda_items"), identity.PUBLICATION_URL_COLUMNS)
        identity.readdress(con, moved("documents"), identity.DOCUMENT_URL_COLUMNS)
        con.execute(
            "UPDATE meetings SET url = ? || substr(url, ?) WHERE council = ? AND starts_with(url, ?)",
            [new_root, len(old_root) + 1, council, old_root],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


# A council's results are committed in steps of at most this many publications (with their documents, links and
# analyses): memory stays flat however much one site sends, and a run interrupted part way keeps every step it
# committed; the next run reads the unfinished meetings again and completes them (docs/limits.md).
LOAD_STEP_PUBLICATIONS = int(os.environ.get("PEERWATCH_LOAD_STEP_PUBLICATIONS", "2000"))


def load_council_batch(con: duckdb.DuckDBPyConnection, batch: CouncilBatch, run_id: str) -> LoadResult:
    """One council's harvest, in bounded steps: its structure; its publications, a step at a time, each with
    the documents it attaches and its analysis; then what says the council was read (the meetings' revisit
    dates, the feed state, validators, fetch log and health). Until that last step commits, the meetings
    stay due, so a run interrupted part way is completed by the next."""
    result = LoadResult()
    with _transaction(con):
        _follow_moved_addresses(con, batch)
        _load_structure(con, batch)
    analyses = {a.url: a for a in batch.analyses}
    documents = {d.url: d for d in batch.documents}
    for step in _publication_steps(batch):
        with _transaction(con):
            result.new_publications += _load_publications(con, batch.council, step)
            urls = {u for p in step for u in p.document_urls}
            _load_documents(con, batch.council, [documents.pop(u) for u in list(urls) if u in documents])
            result.new_alerts += load_analyses(
                con, batch.council, [analyses.pop(p.url) for p in step if p.url in analyses], run_id
            )
    with _transaction(con):
        _load_documents(con, batch.council, list(documents.values()))
        result.new_alerts += load_analyses(con, batch.council, list(analyses.values()), run_id)
        _load_read_state(con, batch)
        _load_fetch_log(con, batch, run_id)
        _load_validators(con, batch)
        _update_health(con, batch, result.new_publications)
    return result


@contextmanager
def _transaction(con):
    con.execute("BEGIN")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _council_address(con, council: str) -> str | None:
    row = con.execute("SELECT moderngov_url FROM councils WHERE slug = ?", [council]).fetchone()
    return row[0] if row else None


def _follow_moved_addresses(con, batch: CouncilBatch) -> None:
    """A publication or document met at a new address (same stable key) moves there, with every reference."""
    base = _council_address(con, batch.council)
    items = {identity.agenda_item_key(batch.council, i.url, i.item_id): i.url for m in batch.meetings for i in m.items}
    press = {identity.press_key(batch.council, p.url): p.url for p in batch.press_releases}
    doc_urls = {d.url for m in batch.meetings for i in m.items for d in i.documents} | {d.url for d in batch.documents}
    docs = {identity.document_key(batch.council, u, base): u for u in doc_urls}
    moves = {}
    for table, incoming in (("agenda_items", items), ("press_releases", press)):
        moves.update(_moves(con, table, batch.council, incoming))
    identity.readdress(con, moves, identity.PUBLICATION_URL_COLUMNS)
    identity.readdress(con, _moves(con, "documents", batch.council, docs), identity.DOCUMENT_URL_COLUMNS)
    _drop_moved_meeting_documents(con, batch, base)


def _drop_moved_meeting_documents(con, batch: CouncilBatch, base: str | None) -> None:
    """A meeting's own documents met at a new address replace their old rows (which have no key of their own)."""
    for m in batch.meetings:
        incoming = {identity.document_key(batch.council, d.url, base): d.url for d in m.documents}
        if not incoming:
            continue
        stored = con.execute(
            "SELECT url FROM meeting_documents WHERE council = ? AND meeting_id = ?", [batch.council, m.meeting_id]
        ).fetchall()
        stale = [url for (url,) in stored if incoming.get(identity.document_key(batch.council, url, base), url) != url]
        if stale:
            con.execute(
                "DELETE FROM meeting_documents WHERE council = ? AND meeting_id = ? AND url IN (SELECT unnest(?))",
                [batch.council, m.meeting_id, stale],
            )


def _moves(con, table: str, council: str, incoming: dict[str, str]) -> dict[str, str]:
    if not incoming:
        return {}
    stored = con.execute(
        f"SELECT key, url FROM {table} WHERE council = ? AND key IN (SELECT unnest(?))", [council, list(incoming)]
    ).fetchall()
    return {url: incoming[key] for key, url in stored if incoming[key] != url}


COMMITTEE_COLUMNS = (("council", "VARCHAR"), ("committee_id", "VARCHAR"), ("title", "VARCHAR"))
MEETING_COLUMNS = (
    ("council", "VARCHAR"),
    ("meeting_id", "VARCHAR"),
    ("committee_id", "VARCHAR"),
    ("committee_title", "VARCHAR"),
    ("meeting_date", "DATE"),
    ("meeting_time", "VARCHAR"),
    ("status", "VARCHAR"),
    ("url", "VARCHAR"),
    ("route", "VARCHAR"),
)
MEETING_DOCUMENT_COLUMNS = (("council", "VARCHAR"), ("meeting_id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"))
READ_COLUMNS = (("council", "VARCHAR"), ("meeting_id", "VARCHAR"), ("last_read_on", "DATE"), ("next_read_on", "DATE"))


def _load_structure(con, batch: CouncilBatch) -> None:
    """Committees, meetings and the meetings' own documents. A meeting's revisit dates are left as they were
    (a new meeting has none, so it is due): `_load_read_state` writes them once the council is loaded."""
    council = batch.council
    committees = {c.committee_id: (council, c.committee_id, clean_text(c.title)) for c in batch.committees}
    staging.stage(con, "staged_committees", COMMITTEE_COLUMNS, list(committees.values()))
    con.execute(
        f"INSERT OR REPLACE INTO committees ({staging.names(COMMITTEE_COLUMNS)}) "
        f"SELECT {staging.names(COMMITTEE_COLUMNS)} FROM staged_committees"
    )
    meetings = {
        m.meeting_id: (
            council,
            m.meeting_id,
            m.committee_id,
            clean_text(m.committee_title),
            m.meeting_date,
            clean_text(m.meeting_time),
            m.status,
            m.url,
            batch.route,
        )
        for m in batch.meetings
    }
    staging.stage(con, "staged_meetings", MEETING_COLUMNS, list(meetings.values()))
    con.execute(f"""
        INSERT INTO meetings ({staging.names(MEETING_COLUMNS)}) SELECT {staging.names(MEETING_COLUMNS)} FROM staged_meetings
        ON CONFLICT (council, meeting_id) DO UPDATE SET committee_title = excluded.committee_title,
            meeting_date = excluded.meeting_date, meeting_time = excluded.meeting_time,
            status = excluded.status, url = excluded.url, route = excluded.route""")
    documents = {}
    for m in batch.meetings:
        for d in m.documents:
            documents.setdefault((m.meeting_id, d.url), (council, m.meeting_id, d.url, clean_text(d.title)))
    staging.stage(con, "staged_meeting_documents", MEETING_DOCUMENT_COLUMNS, list(documents.values()))
    con.execute(
        f"INSERT OR IGNORE INTO meeting_documents ({staging.names(MEETING_DOCUMENT_COLUMNS)}) "
        f"SELECT {staging.names(MEETING_DOCUMENT_COLUMNS)} FROM staged_meeting_documents"
    )
    staging.drop(con, "staged_committees", "staged_meetings", "staged_meeting_documents")


def _load_read_state(con, batch: CouncilBatch) -> None:
    """The meetings read tonight and when each is next due; what the site's feed and lists said."""
    if batch.read_on is not None:
        rows = {
            m.meeting_id: (batch.council, m.meeting_id, batch.read_on, batch.next_reads.get(m.meeting_id))
            for m in batch.meetings
        }
        staging.stage(con, "staged_reads", READ_COLUMNS, list(rows.values()))
        con.execute("""UPDATE meetings SET last_read_on = s.last_read_on, next_read_on = s.next_read_on
                       FROM staged_reads s WHERE meetings.council = s.council AND meetings.meeting_id = s.meeting_id""")
        staging.drop(con, "staged_reads")
    if batch.site_state is not None:
        st = batch.site_state
        con.execute(
            """INSERT OR REPLACE INTO moderngov_revisits (council, feed_status, feed_checked_on, listings_read_on)
                       VALUES (?, ?, ?, ?)""",
            [batch.council, st.feed_status, st.feed_checked_on, st.listings_read_on],
        )


@dataclass
class _Publication:
    """One agenda item or press release as stored, with the documents and links it carries."""

    url: str
    row: tuple
    kind: str  # agenda_item | press_release
    document_urls: list[str] = field(default_factory=list)
    documents: list[tuple] = field(default_factory=list)  # item_documents rows
    links: list[tuple] = field(default_factory=list)  # item_links rows


ITEM_COLUMNS = (
    ("url", "VARCHAR"),
    ("council", "VARCHAR"),
    ("meeting_id", "VARCHAR"),
    ("item_id", "VARCHAR"),
    ("item_number", "VARCHAR"),
    ("title", "VARCHAR"),
    ("description", "VARCHAR"),
    ("minutes", "VARCHAR"),
    ("decision", "VARCHAR"),
    ("content_sha", "VARCHAR"),
    ("key", "VARCHAR"),
)
ITEM_DOCUMENT_COLUMNS = (("item_url", "VARCHAR"), ("document_url", "VARCHAR"), ("role", "VARCHAR"))
ITEM_LINK_COLUMNS = (
    ("item_url", "VARCHAR"),
    ("url", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("title", "VARCHAR"),
    ("council", "VARCHAR"),
)
PRESS_COLUMNS = (
    ("url", "VARCHAR"),
    ("council", "VARCHAR"),
    ("title", "VARCHAR"),
    ("published_date", "DATE"),
    ("published_raw", "VARCHAR"),
    ("text", "VARCHAR"),
    ("source", "VARCHAR"),
    ("content_sha", "VARCHAR"),
    ("key", "VARCHAR"),
)


def _publication_steps(batch: CouncilBatch) -> list[list[_Publication]]:
    council, publications = batch.council, {}
    for m in batch.meetings:
        for i in m.items:
            sha = content_sha(i.title, i.description, i.minutes, i.decision, *sorted(d.url for d in i.documents))
            row = (
                i.url,
                council,
                m.meeting_id,
                i.item_id,
                clean_text(i.number),
                clean_text(i.title),
                clean_text(i.description),
                clean_text(i.minutes),
                clean_text(i.decision),
                sha,
                identity.agenda_item_key(council, i.url, i.item_id),
            )
            documents = list({d.url: (i.url, d.url, d.role) for d in reversed(i.documents)}.values())[::-1]
            # webcasts, restricted reports, …: recorded, never fetched as documents
            links = list({link.url: (i.url, link.url, link.kind, link.title, council) for link in i.links}.values())
            publications[i.url] = _Publication(
                i.url, row, "agenda_item", [d.url for d in i.documents], documents, links
            )
    for p in batch.press_releases:
        row = (
            p.url,
            council,
            clean_text(p.title),
            p.published,
            clean_text(p.published_raw),
            clean_text(p.text),
            p.source,
            content_sha(p.title, p.text),
            identity.press_key(council, p.url),
        )
        publications[p.url] = _Publication(p.url, row, "press_release")
    return list(staging.chunks(publications.values(), LOAD_STEP_PUBLICATIONS))


def _load_publications(con, council: str, step: list[_Publication]) -> int:
    """One step's publications, their documents and links; the number that were new."""
    items = [p for p in step if p.kind == "agenda_item"]
    press = [p for p in step if p.kind == "press_release"]
    staging.stage(con, "staged_items", ITEM_COLUMNS, [p.row for p in items])
    staging.stage(con, "staged_press", PRESS_COLUMNS, [p.row for p in press])
    new = con.execute("""SELECT (SELECT count(*) FROM staged_items WHERE url NOT IN (SELECT url FROM agenda_items))
                              + (SELECT count(*) FROM staged_press WHERE url NOT IN (SELECT url FROM press_releases))
                      """).fetchone()[0]
    con.execute(f"""
        INSERT INTO agenda_items ({staging.names(ITEM_COLUMNS)}) SELECT {staging.names(ITEM_COLUMNS)} FROM staged_items
        ON CONFLICT (url) DO UPDATE SET title = excluded.title, description = excluded.description,
            minutes = excluded.minutes, decision = excluded.decision, item_number = excluded.item_number,
            content_sha = excluded.content_sha, key = excluded.key, updated_at = now()""")
    con.execute(f"""
        INSERT INTO press_releases ({staging.names(PRESS_COLUMNS)}) SELECT {staging.names(PRESS_COLUMNS)} FROM staged_press
        ON CONFLICT (url) DO UPDATE SET title = excluded.title, published_date = excluded.published_date,
            text = excluded.text, content_sha = excluded.content_sha, key = excluded.key""")
    staging.stage(con, "staged_item_documents", ITEM_DOCUMENT_COLUMNS, [d for p in items for d in p.documents])
    con.execute(
        f"INSERT OR IGNORE INTO item_documents ({staging.names(ITEM_DOCUMENT_COLUMNS)}) "
        f"SELECT {staging.names(ITEM_DOCUMENT_COLUMNS)} FROM staged_item_documents"
    )
    staging.stage(con, "staged_item_links", ITEM_LINK_COLUMNS, [link for p in items for link in p.links])
    con.execute(f"""
        INSERT INTO item_links ({staging.names(ITEM_LINK_COLUMNS)}) SELECT {staging.names(ITEM_LINK_COLUMNS)}
        FROM staged_item_links ON CONFLICT (item_url, url) DO UPDATE SET kind = excluded.kind, title = excluded.title""")
    staging.drop(con, "staged_items", "staged_press", "staged_item_documents", "staged_item_links")
    return new


DOCUMENT_COLUMNS = (
    ("url", "VARCHAR"),
    ("council", "VARCHAR"),
    ("title", "VARCHAR"),
    ("attachment_id", "VARCHAR"),
    ("sha256", "VARCHAR"),
    ("bytes", "BIGINT"),
    ("extract_status", "VARCHAR"),
    ("extract_error", "VARCHAR"),
    ("pages", "INTEGER"),
    ("text", "VARCHAR"),
    ("layout_text", "VARCHAR"),
    ("key", "VARCHAR"),
)


def _load_documents(con, council: str, documents: list[DocumentRow]) -> None:
    if not documents:
        return
    base = _council_address(con, council)
    rows = {
        d.url: (
            d.url,
            council,
            clean_text(d.title),
            d.attachment_id,
            d.sha256,
            d.bytes,
            d.extraction.status,
            clean_text(d.extraction.error),
            d.extraction.pages,
            clean_document_text(d.extraction.text),
            clean_document_text(d.extraction.layout_text),
            identity.document_key(council, d.url, base),
        )
        for d in documents
    }
    staging.stage(con, "staged_documents", DOCUMENT_COLUMNS, list(rows.values()))
    con.execute(f"""
        INSERT INTO documents ({staging.names(DOCUMENT_COLUMNS)}, fetch_attempts, next_fetch_after)
        SELECT {staging.names(DOCUMENT_COLUMNS)}, CASE WHEN extract_status = 'unavailable' THEN 1 ELSE 0 END,
               CASE WHEN extract_status = 'unavailable' THEN now() + to_hours(22) END
        FROM staged_documents
        ON CONFLICT (url) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes,
            extract_status = excluded.extract_status, extract_error = excluded.extract_error,
            pages = excluded.pages, text = excluded.text, layout_text = excluded.layout_text,
            key = excluded.key, fetched_at = now(),
            -- an answer that may heal is asked for again after 1, 2, 4 … up to 32 days (less 2 hours, so
            -- the nightly run on that day is not a few minutes early)
            fetch_attempts = CASE WHEN excluded.extract_status = 'unavailable'
                                  THEN coalesce(documents.fetch_attempts, 0) + 1 ELSE 0 END,
            next_fetch_after = CASE WHEN excluded.extract_status = 'unavailable'
                THEN now() + to_hours(CAST(least(pow(2, coalesce(documents.fetch_attempts, 0)), 32) * 24 - 2
                                           AS BIGINT)) END""")
    staging.drop(con, "staged_documents")


FETCH_LOG_COLUMNS = (
    ("url", "VARCHAR"),
    ("council", "VARCHAR"),
    ("status", "INTEGER"),
    ("error", "VARCHAR"),
    ("error_class", "VARCHAR"),
    ("fetched_at", "TIMESTAMPTZ"),
    ("bytes", "BIGINT"),
    ("sha256", "VARCHAR"),
    ("from_cache", "BOOLEAN"),
    ("attempts", "INTEGER"),
    ("run_id", "VARCHAR"),
)
HTTP_CACHE_COLUMNS = (("url", "VARCHAR"), ("etag", "VARCHAR"), ("last_modified", "VARCHAR"), ("sha256", "VARCHAR"))


def _load_fetch_log(con, batch: CouncilBatch, run_id: str) -> None:
    rows = [
        (
            clean_text(e.url),
            e.council,
            e.status,
            clean_text(e.error),
            e.error_class,
            e.fetched_at,
            e.bytes,
            e.sha256,
            e.from_cache,
            e.attempts,
            run_id,
        )
        for e in batch.fetch_log
    ]
    staging.stage(con, "staged_fetch_log", FETCH_LOG_COLUMNS, rows)
    con.execute(
        f"INSERT INTO fetch_log ({staging.names(FETCH_LOG_COLUMNS)}) "
        f"SELECT {staging.names(FETCH_LOG_COLUMNS)} FROM staged_fetch_log"
    )
    staging.drop(con, "staged_fetch_log")


def _load_validators(con, batch: CouncilBatch) -> None:
    rows = [(url, v.etag, v.last_modified, v.sha256) for url, v in batch.validators.items()]
    staging.stage(con, "staged_http_cache", HTTP_CACHE_COLUMNS, rows)
    con.execute(
        f"INSERT OR REPLACE INTO http_cache ({staging.names(HTTP_CACHE_COLUMNS)}) "
        f"SELECT {staging.names(HTTP_CACHE_COLUMNS)} FROM staged_http_cache"
    )
    staging.drop(con, "staged_http_cache")


def _meetings_held(con, batch: CouncilBatch) -> int | None:
    """Meetings already in the warehouse for the dates this run asked the site about."""
    if batch.window is None:
        return None
    return con.execute(
        "SELECT count(*) FROM meetings WHERE council = ? AND meeting_date BETWEEN ? AND ?",
        [batch.council, *batch.window],
    ).fetchone()[0]


def _update_health(con, batch: CouncilBatch, new_publications: int) -> None:
    held = _meetings_held(con, batch)
    for source, error in batch.source_errors.items():
        # A site that answers but lists no meetings for dates where we hold meetings it listed before
        # is more likely broken than quiet: say so. Comparing with the same dates (not with the last
        # run's count) keeps a back-fill's wide window from making the next ordinary night look empty.
        # A revisit night that reads no lists (count None) leaves the warning as it was.
        count = None
        if source == "moderngov":
            count = (
                len(batch.meetings)
                if batch.meetings_listed is None and batch.read_on is None
                else batch.meetings_listed
            )
        con.execute(
            """
            INSERT INTO source_health (council, source, last_attempt, last_success, last_new_publication,
                                       consecutive_failed_runs, last_error, route, last_item_count, warning, empty_runs,
                                       limit_warning)
            VALUES ($council, $source, now(), CASE WHEN $error IS NULL THEN now() END,
                    CASE WHEN $new > 0 THEN now() END, CASE WHEN $error IS NULL THEN 0 ELSE 1 END,
                    $error, $route, $count, NULL, CASE WHEN $error IS NULL AND $count = 0 THEN 1 ELSE 0 END, $limit)
            ON CONFLICT (council, source) DO UPDATE SET last_attempt = now(),
                last_success = CASE WHEN $error IS NULL THEN now() ELSE source_health.last_success END,
                last_new_publication = CASE WHEN $new > 0 THEN now() ELSE source_health.last_new_publication END,
                consecutive_failed_runs = CASE WHEN $error IS NULL THEN 0 ELSE source_health.consecutive_failed_runs + 1 END,
                last_error = $error, route = coalesce($route, source_health.route),
                warning = CASE WHEN $source = 'moderngov' AND $count IS NULL THEN source_health.warning
                               WHEN $error IS NULL AND $count = 0 AND coalesce($held, source_health.last_item_count) > 0
                               THEN 'site answered but listed no meetings for ' || (coalesce(source_health.empty_runs, 0) + 1)
                                    || CASE WHEN coalesce(source_health.empty_runs, 0) = 0 THEN ' night' ELSE ' nights' END
                                    || ', though ' || coalesce($held, source_health.last_item_count)
                                    || ' meeting(s) it listed before fall in the dates read: check that moderngov_url '
                                    || 'still opens the council''s committee list' END,
                empty_runs = CASE WHEN $source = 'moderngov' AND $count IS NULL THEN source_health.empty_runs
                                  WHEN $error IS NULL AND $count = 0 THEN coalesce(source_health.empty_runs, 0) + 1
                                  WHEN $error IS NULL THEN 0 ELSE source_health.empty_runs END,
                last_item_count = CASE WHEN $error IS NULL THEN coalesce($count, source_health.last_item_count)
                                       ELSE source_health.last_item_count END,
                limit_warning = $limit
        """,
            {
                "council": batch.council,
                "source": source,
                "error": clean_text(error),
                "new": new_publications,
                "route": (batch.route or None) if source == "moderngov" else None,
                "count": count,
                "held": held,
                "limit": (clean_text("; ".join(batch.limits.get(source, []))) or "")[:2000] or None,
            },
        )


WARNING_KEYS = ["council", "source", "warning", "warning_kind", "last_error"]


def source_warnings(con) -> list[dict]:
    rows = con.execute(
        "SELECT council, source, warning, warning_kind, last_error FROM quiet_sources ORDER BY council, source"
    ).fetchall()
    return [dict(zip(WARNING_KEYS, r)) for r in rows]


def unsent_source_warnings(con) -> list[dict]:
    """Warnings whose kind has not been sent yet: a researcher hears once that a source went quiet, not nightly."""
    # A source that recovered may go quiet again later, and that deserves a new message.
    con.execute("""UPDATE source_health SET notified_warning = NULL
                   WHERE notified_warning IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM quiet_sources q
                       WHERE q.council = source_health.council AND q.source = source_health.source)""")
    rows = con.execute("""SELECT q.council, q.source, q.warning, q.warning_kind, q.last_error
                          FROM quiet_sources q JOIN source_health h USING (council, source)
                          WHERE h.notified_warning IS DISTINCT FROM q.warning_kind
                          ORDER BY q.council, q.source""").fetchall()
    return [dict(zip(WARNING_KEYS, r)) for r in rows]


def mark_warnings_sent(con, warnings: list[dict]) -> None:
    for w in warnings:
        con.execute(
            "UPDATE source_health SET notified_warning = ? WHERE council = ? AND source = ?",
            [w["warning_kind"], w["council"], w["source"]],
        )


CLASSIFICATION_COLUMNS = (
    ("url", "VARCHAR"),
    ("council", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("is_review", "BOOLEAN"),
    ("review_types", "VARCHAR[]"),
    ("service_area", "VARCHAR"),
    ("stage", "VARCHAR"),
    ("in_alert_scope", "BOOLEAN"),
    ("rule", "VARCHAR"),
    ("evidence", "VARCHAR[]"),
)


def load_analyses(con, council: str, analyses: list[Analysis], run_id: str, found_by: str = "harvest") -> list[dict]:
    """Store publications' classifications and reviews; return the alerts raised for the first time.

    found_by says how the alerts came about: the nightly harvest, or `reprocess` re-reading the archive.
    """
    if not analyses:
        return []
    rows = {
        a.url: (
            a.url,
            council,
            a.kind,
            a.classification.is_review,
            a.classification.review_types,
            a.classification.service_area,
            a.classification.stage,
            a.classification.in_alert_scope,
            a.classification.rule,
            a.classification.evidence,
        )
        for a in analyses
    }
    staging.stage(con, "staged_classifications", CLASSIFICATION_COLUMNS, list(rows.values()))
    con.execute(
        f"INSERT OR REPLACE INTO classifications ({staging.names(CLASSIFICATION_COLUMNS)}) "
        f"SELECT {staging.names(CLASSIFICATION_COLUMNS)} FROM staged_classifications"
    )
    staging.drop(con, "staged_classifications")
    for a in analyses:
        for record in a.reviews:  # few: only publications that report a review have records
            link_review(con, record, a.url, a.kind)
    return alerts.record_alerts(con, council, analyses, run_id, found_by)


def load_analysis(con, council: str, a: Analysis, run_id: str, found_by: str = "harvest") -> dict | None:
    """One publication's `load_analyses`: its alert if this is the first time it alerts."""
    made = load_analyses(con, council, [a], run_id, found_by)
    return made[0] if made else None


# -- one review, many publications ------------------------------------------------------------------
def _compatible(row, record: ReviewRecord) -> bool:
    """Same council and type; fieldwork periods that overlap, or that cannot contradict each other."""
    _, service_area, start, end, precision, first_reported = row
    if service_area and record.service_area and service_area != record.service_area:
        return False
    fw = record.fieldwork
    if start is not None and fw is not None and fw.start is not None:
        return fw.start <= end + timedelta(days=3) and start <= fw.end + timedelta(days=3)
    # One side has no usable dates: link when the reports are close in time.
    a, b = first_reported, record.reported_date
    return a is None or b is None or abs((a - b).days) <= LINK_WINDOW.days


def link_review(con, record: ReviewRecord, url: str, kind: str) -> str:
    # A progress review is a review of its own (it has its own visit and report), never merged into the first.
    progress = record.stage == "progress_review"
    rows = con.execute(
        """
        SELECT review_id, service_area, fieldwork_start, fieldwork_end, fieldwork_precision, first_reported_date
        FROM reviews WHERE council = ? AND review_type = ? AND (stage = 'progress_review') = ?
        ORDER BY first_reported_date DESC NULLS LAST
    """,
        [record.council, record.review_type, progress],
    ).fetchall()
    existing = next((r for r in rows if _compatible(r, record)), None)
    fw = record.fieldwork
    if existing is None:
        anchor = (
            fw.start.isoformat()
            if fw and fw.start
            else record.reported_date.isoformat()
            if record.reported_date
            else url
        )
        review_id = review_id_for(record.council, record.review_type + ("/progress" if progress else ""), anchor)
        con.execute(
            """
            INSERT INTO reviews (review_id, council, review_type, service_area, fieldwork_start, fieldwork_end,
                                 fieldwork_precision, fieldwork_raw, first_reported_date, first_reported_where, stage,
                                 follows_review_id, fieldwork_document, fieldwork_page, fieldwork_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_id) DO NOTHING
        """,
            [
                review_id,
                record.council,
                record.review_type,
                record.service_area,
                fw and fw.start,
                fw and fw.end,
                fw.precision if fw else None,
                fw.raw if fw else None,
                record.reported_date,
                record.reported_where,
                record.stage,
                _followed_review(con, record) if progress else None,
                *_fieldwork_source(record),
            ],
        )
        if not progress:
            _adopt_progress_reviews(con, record, review_id)
    else:
        review_id = existing[0]
        if fw and PRECISION_RANK.get(fw.precision, 0) > PRECISION_RANK.get(existing[4], 0):
            con.execute(
                """UPDATE reviews SET fieldwork_start = ?, fieldwork_end = ?, fieldwork_precision = ?,
                           fieldwork_raw = ?, fieldwork_document = ?, fieldwork_page = ?, fieldwork_line = ?,
                           updated_at = now() WHERE review_id = ?""",
                [fw.start, fw.end, fw.precision, fw.raw, *_fieldwork_source(record), review_id],
            )
        con.execute(
            """UPDATE reviews SET service_area = coalesce(service_area, ?),
                       first_reported_date = CASE WHEN first_reported_date IS NULL OR ? < first_reported_date
                                                  THEN ? ELSE first_reported_date END,
                       first_reported_where = CASE WHEN first_reported_date IS NULL OR ? < first_reported_date
                                                  THEN ? ELSE first_reported_where END
                       WHERE review_id = ?""",
            [
                record.service_area,
                record.reported_date,
                record.reported_date,
                record.reported_date,
                record.reported_where,
                review_id,
            ],
        )
    con.execute(
        "INSERT OR REPLACE INTO review_sources VALUES (?, ?, ?, ?, ?, ?)",
        [review_id, url, kind, record.stage, record.reported_date, record.reported_where],
    )
    _load_judgements(con, review_id, record, url)
    findings = {(k, text): (review_id, k, text, url) for k, text in reversed(record.findings)}  # first wins
    staging.stage(con, "staged_findings", FINDING_COLUMNS, list(findings.values()))
    con.execute(
        f"INSERT OR IGNORE INTO review_findings ({staging.names(FINDING_COLUMNS)}) "
        f"SELECT {staging.names(FINDING_COLUMNS)} FROM staged_findings"
    )
    team = {member[0]: (review_id, *member) for member in reversed(record.team)}
    staging.stage(con, "staged_team", TEAM_COLUMNS, list(team.values()))
    con.execute(
        f"INSERT OR IGNORE INTO review_team ({staging.names(TEAM_COLUMNS)}) "
        f"SELECT {staging.names(TEAM_COLUMNS)} FROM staged_team"
    )
    staging.drop(con, "staged_findings", "staged_team")
    return review_id


JUDGEMENT_COLUMNS = (
    ("review_id", "VARCHAR"),
    ("area", "VARCHAR"),
    ("grade", "VARCHAR"),
    ("grade_raw", "VARCHAR"),
    ("source_url", "VARCHAR"),
    ("source_document", "INTEGER"),
    ("source_page", "INTEGER"),
    ("source_line", "VARCHAR"),
)
FINDING_COLUMNS = (("review_id", "VARCHAR"), ("kind", "VARCHAR"), ("text", "VARCHAR"), ("source_url", "VARCHAR"))
TEAM_COLUMNS = (("review_id", "VARCHAR"), ("name", "VARCHAR"), ("role", "VARCHAR"), ("organisation", "VARCHAR"))


def _load_judgements(con, review_id: str, record: ReviewRecord, url: str) -> None:
    """A real grade beats not_judged; otherwise the first source to state a grade keeps it (within one record
    too: its first real grade for an area, else its first row)."""
    rows: dict[str, tuple] = {}
    for area, grade, raw in stored_judgements(record):
        at = record.judgement_sources.get(area)
        if area not in rows or (rows[area][2] == "not_judged" and grade != "not_judged"):
            rows[area] = (review_id, area, grade, raw, url, *((at.document, at.page, at.line) if at else (None,) * 3))
    staging.stage(con, "staged_judgements", JUDGEMENT_COLUMNS, list(rows.values()))
    con.execute(f"""INSERT INTO review_judgements ({staging.names(JUDGEMENT_COLUMNS)})
                    SELECT {staging.names(JUDGEMENT_COLUMNS)} FROM staged_judgements
                    ON CONFLICT (review_id, area) DO UPDATE SET grade = excluded.grade, grade_raw = excluded.grade_raw,
                        source_url = excluded.source_url, source_document = excluded.source_document,
                        source_page = excluded.source_page, source_line = excluded.source_line
                    WHERE review_judgements.grade = 'not_judged' AND excluded.grade <> 'not_judged'""")
    staging.drop(con, "staged_judgements")


def _fieldwork_source(record: ReviewRecord) -> tuple:
    at = record.fieldwork_source if record.fieldwork else None
    return (at.document, at.page, at.line) if at else (None, None, None)


def _followed_review(con, record: ReviewRecord) -> str | None:
    """The latest earlier review of the same kind that a progress review returns to."""
    row = con.execute(
        """
        SELECT review_id FROM reviews
        WHERE council = ? AND review_type = ? AND coalesce(stage, '') <> 'progress_review'
          AND (? IS NULL OR first_reported_date IS NULL OR first_reported_date <= ?)
        ORDER BY first_reported_date DESC NULLS LAST LIMIT 1
    """,
        [record.council, record.review_type, record.reported_date, record.reported_date],
    ).fetchone()
    return row[0] if row else None


def _adopt_progress_reviews(con, record: ReviewRecord, review_id: str) -> None:
    """A first review found after its progress review (another run, another source) still gets it linked.

    A progress review follows the latest earlier review of its kind, so the new review takes over any
    later progress review that follows nothing or follows an older review.
    """
    if record.reported_date is None:
        return
    con.execute(
        """
        UPDATE reviews SET follows_review_id = $new, updated_at = now()
        WHERE council = $council AND review_type = $type AND stage = 'progress_review'
          AND first_reported_date > $reported
          AND (follows_review_id IS NULL OR follows_review_id IN (
                SELECT review_id FROM reviews WHERE first_reported_date < $reported))
    """,
        {"new": review_id, "council": record.council, "type": record.review_type, "reported": record.reported_date},
    )


def known_press_urls(con) -> set[str]:
    """Stored articles' addresses, and the same paths on the council's current newsroom host."""
    from scrapers.press import canonical_url

    rows = con.execute("""SELECT p.url, coalesce(c.news_url, c.news_feed_url) FROM press_releases p
                          LEFT JOIN councils c ON c.slug = p.council""").fetchall()
    known = {url for url, _ in rows}
    for url, newsroom in rows:
        moved = identity.rebase(url, newsroom)
        if moved:
            known.add(canonical_url(moved))
    return known


def mark_notified(con, urls: list[str]) -> None:
    if urls:
        con.execute("UPDATE alerts SET notified_at = now() WHERE url IN (SELECT unnest(?))", [urls])


def record_run(
    con,
    run_id: str,
    started_at,
    finished_at,
    status: str,
    councils: int,
    new_publications: int,
    new_alerts: int,
    downloaded: int,
    errors: int,
) -> None:
    con.execute(
        "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, started_at, finished_at, status, councils, new_publications, new_alerts, downloaded, errors],
    )
