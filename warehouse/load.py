"""Idempotent loads into the warehouse: one council's harvest in one transaction.

Loading the same harvest twice changes nothing; a publication alerts once (keyed on its stable
key, `warehouse/identity.py`, so a council moving host, scheme or port changes nothing either);
every publication that reports a review joins that review's sources.
"""
from __future__ import annotations

import hashlib
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
from warehouse import identity

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
    source_errors: dict[str, str | None] = field(default_factory=dict)   # source -> last error (None = fine)
    window: tuple[date, date] | None = None      # the meeting dates the site was asked for
    new_publications: int = 0
    meetings_listed: int | None = None       # in-window meetings the lists showed; None = lists not read tonight
    read_on: date | None = None              # the night the meetings were read (None: no revisit schedule kept)
    next_reads: dict[str, date | None] = field(default_factory=dict)   # meeting id -> next night due
    site_state: SiteState | None = None


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
            moved = identity.rebase_document(url, key[len(prefix):], base)
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
        new_url = identity.rebase_document(url, key[len(prefix):], base) if key and key.startswith(prefix) else None
        if new_url:
            validators.setdefault(new_url, validators[url])
    return validators


def revisit_schedules(con: duckdb.DuckDBPyConnection, since: date, until: date
                      ) -> dict[str, tuple[dict[str, ScheduledMeeting], SiteState]]:
    """Per council: its stored meetings in the window with their revisit dates, and what we know of its feed."""
    out: dict[str, tuple[dict[str, ScheduledMeeting], SiteState]] = {}
    for council, status, checked, listed in con.execute(
            "SELECT council, feed_status, feed_checked_on, listings_read_on FROM moderngov_revisits").fetchall():
        out[council] = ({}, SiteState(status, checked, listed))
    # A meeting holding a document whose answer may heal (`unavailable`) and whose backoff has passed is due
    # now: the document is asked for again when its meeting is read.
    rows = con.execute("""SELECT council, meeting_id, committee_id, committee_title, meeting_date, meeting_time, status,
                                  url, route, last_read_on,
                                  CASE WHEN EXISTS (
                                      SELECT 1 FROM agenda_items i JOIN item_documents x ON x.item_url = i.url
                                      JOIN documents d ON d.url = x.document_url
                                      WHERE i.council = m.council AND i.meeting_id = m.meeting_id
                                        AND d.extract_status = 'unavailable' AND d.next_fetch_after <= now())
                                       THEN least(coalesce(next_read_on, current_date), current_date)
                                       ELSE next_read_on END
                           FROM meetings m WHERE meeting_date BETWEEN ? AND ?""", [since, until]).fetchall()
    for council, mid, cid, ctitle, mdate, mtime, status, url, route, last, nxt in rows:
        stub = Meeting(mid, cid, ctitle or "", mdate, mtime or "", status or "confirmed", url or "")
        out.setdefault(council, ({}, SiteState()))[0][mid] = ScheduledMeeting(stub, last, nxt, route)
    return out


def stored_texts(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, tuple[str, str]]:
    """Stored text of these documents, found by address or (after a council moved) by stable key."""
    if not urls:
        return {}
    keys = _document_keys_for(con, urls)
    rows = con.execute("SELECT url, key, coalesce(text, ''), coalesce(layout_text, '') FROM documents "
                       "WHERE url IN (SELECT unnest(?)) OR key IN (SELECT unnest(?))",
                       [urls, list(set(keys.values()))]).fetchall()
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
    for slug, base in con.execute("SELECT slug, moderngov_url FROM councils WHERE moderngov_url IS NOT NULL").fetchall():
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
    rows = con.execute("SELECT url, sha256 FROM documents WHERE sha256 IS NOT NULL AND url IN (SELECT unnest(?))",
                       [urls]).fetchall()
    return dict(rows)


def item_content_shas(con: duckdb.DuckDBPyConnection, council: str) -> dict[str, str]:
    """Content hash of each stored publication, by address and by its address under the current base URL."""
    from scrapers.moderngov.urls import agenda_item_url

    rows = con.execute("SELECT url, content_sha FROM agenda_items WHERE council = ? UNION ALL "
                       "SELECT url, content_sha FROM press_releases WHERE council = ?", [council, council]).fetchall()
    shas = dict(rows)
    base = con.execute("SELECT moderngov_url FROM councils WHERE slug = ?", [council]).fetchone()
    if base and base[0]:
        for item_id, sha in con.execute("SELECT item_id, content_sha FROM agenda_items WHERE council = ? "
                                        "AND coalesce(item_id, '') <> ''", [council]).fetchall():
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
        con.execute("""
            INSERT INTO councils (slug, name, moderngov_url, news_url, news_feed_url, gss_code, la_type, region, la_code)
            VALUES ($slug, $name, $moderngov_url, $news_url, $news_feed_url, $gss_code, $la_type, $region, $la_code)
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name, moderngov_url = excluded.moderngov_url,
                news_url = excluded.news_url, news_feed_url = excluded.news_feed_url,
                gss_code = coalesce(excluded.gss_code, councils.gss_code),
                la_type = coalesce(excluded.la_type, councils.la_type),
                region = coalesce(excluded.region, councils.region),
                la_code = coalesce(excluded.la_code, councils.la_code), updated_at = now()
        """, {k: c.get(k) for k in ("slug", "name", "moderngov_url", "news_url", "news_feed_url", "gss_code",
                                    "la_type", "region", "la_code")})


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
        urls = con.execute(f"SELECT url FROM {table} WHERE council = ? AND starts_with(url, ?)",
                           [council, old_root]).fetchall()
        return {u: new_root + u[len(old_root):] for (u,) in urls}

    con.execute("BEGIN")
    try:
        identity.readdress(con, moved("agenda_items"), identity.PUBLICATION_URL_COLUMNS)
        identity.readdress(con, moved("documents"), identity.DOCUMENT_URL_COLUMNS)
        con.execute("UPDATE meetings SET url = ? || substr(url, ?) WHERE council = ? AND starts_with(url, ?)",
                    [new_root, len(old_root) + 1, council, old_root])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def load_council_batch(con: duckdb.DuckDBPyConnection, batch: CouncilBatch, run_id: str) -> LoadResult:
    result = LoadResult()
    con.execute("BEGIN")
    try:
        _follow_moved_addresses(con, batch)
        _load_structure(con, batch)
        result.new_publications = _load_publications(con, batch)
        _load_documents(con, batch)
        for analysis in batch.analyses:
            alert = load_analysis(con, batch.council, analysis, run_id)
            if alert:
                result.new_alerts.append(alert)
        _load_fetch_log(con, batch, run_id)
        for url, v in batch.validators.items():
            con.execute("INSERT OR REPLACE INTO http_cache (url, etag, last_modified, sha256) VALUES (?, ?, ?, ?)",
                        [url, v.etag, v.last_modified, v.sha256])
        _update_health(con, batch, result.new_publications)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return result


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
        stored = con.execute("SELECT url FROM meeting_documents WHERE council = ? AND meeting_id = ?",
                             [batch.council, m.meeting_id]).fetchall()
        stale = [url for (url,) in stored
                 if incoming.get(identity.document_key(batch.council, url, base), url) != url]
        if stale:
            con.execute("DELETE FROM meeting_documents WHERE council = ? AND meeting_id = ? AND url IN (SELECT unnest(?))",
                        [batch.council, m.meeting_id, stale])


def _moves(con, table: str, council: str, incoming: dict[str, str]) -> dict[str, str]:
    if not incoming:
        return {}
    stored = con.execute(f"SELECT key, url FROM {table} WHERE council = ? AND key IN (SELECT unnest(?))",
                         [council, list(incoming)]).fetchall()
    return {url: incoming[key] for key, url in stored if incoming[key] != url}


def _load_structure(con, batch: CouncilBatch) -> None:
    for c in batch.committees:
        con.execute("INSERT OR REPLACE INTO committees VALUES (?, ?, ?)", [batch.council, c.committee_id,
                                                                           clean_text(c.title)])
    for m in batch.meetings:
        con.execute("""
            INSERT INTO meetings (council, meeting_id, committee_id, committee_title, meeting_date, meeting_time,
                                  status, url, route, last_read_on, next_read_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (council, meeting_id) DO UPDATE SET committee_title = excluded.committee_title,
                meeting_date = excluded.meeting_date, meeting_time = excluded.meeting_time,
                status = excluded.status, url = excluded.url, route = excluded.route,
                last_read_on = coalesce(excluded.last_read_on, meetings.last_read_on),
                next_read_on = CASE WHEN excluded.last_read_on IS NULL THEN meetings.next_read_on
                                    ELSE excluded.next_read_on END
        """, [batch.council, m.meeting_id, m.committee_id, clean_text(m.committee_title), m.meeting_date,
              clean_text(m.meeting_time), m.status, m.url, batch.route, batch.read_on, batch.next_reads.get(m.meeting_id)])
        for d in m.documents:
            con.execute("INSERT OR IGNORE INTO meeting_documents VALUES (?, ?, ?, ?)",
                        [batch.council, m.meeting_id, d.url, clean_text(d.title)])


    if batch.site_state is not None:
        st = batch.site_state
        con.execute("""INSERT OR REPLACE INTO moderngov_revisits (council, feed_status, feed_checked_on, listings_read_on)
                       VALUES (?, ?, ?, ?)""", [batch.council, st.feed_status, st.feed_checked_on, st.listings_read_on])


def _load_publications(con, batch: CouncilBatch) -> int:
    new = 0
    for m in batch.meetings:
        for i in m.items:
            sha = content_sha(i.title, i.description, i.minutes, i.decision, *sorted(d.url for d in i.documents))
            existed = con.execute("SELECT 1 FROM agenda_items WHERE url = ?", [i.url]).fetchone()
            new += 0 if existed else 1
            con.execute("""
                INSERT INTO agenda_items (url, council, meeting_id, item_id, item_number, title, description, minutes,
                                          decision, content_sha, key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET title = excluded.title, description = excluded.description,
                    minutes = excluded.minutes, decision = excluded.decision, item_number = excluded.item_number,
                    content_sha = excluded.content_sha, key = excluded.key, updated_at = now()
            """, [i.url, batch.council, m.meeting_id, i.item_id, clean_text(i.number), clean_text(i.title),
                  clean_text(i.description), clean_text(i.minutes), clean_text(i.decision), sha,
                  identity.agenda_item_key(batch.council, i.url, i.item_id)])
            for d in i.documents:
                con.execute("INSERT OR IGNORE INTO item_documents VALUES (?, ?, ?)", [i.url, d.url, d.role])
            for link in i.links:     # webcasts, restricted reports, …: recorded, never fetched as documents
                con.execute("""
                    INSERT INTO item_links (item_url, url, kind, title, council) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (item_url, url) DO UPDATE SET kind = excluded.kind, title = excluded.title
                """, [i.url, link.url, link.kind, link.title, batch.council])
    for p in batch.press_releases:
        existed = con.execute("SELECT 1 FROM press_releases WHERE url = ?", [p.url]).fetchone()
        new += 0 if existed else 1
        con.execute("""
            INSERT INTO press_releases (url, council, title, published_date, published_raw, text, source, content_sha, key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (url) DO UPDATE SET title = excluded.title, published_date = excluded.published_date,
                text = excluded.text, content_sha = excluded.content_sha, key = excluded.key
        """, [p.url, batch.council, clean_text(p.title), p.published, clean_text(p.published_raw),
              clean_text(p.text), p.source, content_sha(p.title, p.text), identity.press_key(batch.council, p.url)])
    return new


def _load_documents(con, batch: CouncilBatch) -> None:
    base = _council_address(con, batch.council)
    for d in batch.documents:
        e = d.extraction
        con.execute("""
            INSERT INTO documents (url, council, title, attachment_id, sha256, bytes, extract_status, extract_error,
                                   pages, text, layout_text, fetch_attempts, next_fetch_after, key)
            VALUES ($url, $council, $title, $attachment_id, $sha256, $bytes, $status, $error, $pages, $text,
                    $layout_text, CASE WHEN $status = 'unavailable' THEN 1 ELSE 0 END,
                    CASE WHEN $status = 'unavailable' THEN now() + to_hours(22) END, $key)
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
                                               AS BIGINT)) END
        """, {"url": d.url, "council": batch.council, "title": clean_text(d.title), "attachment_id": d.attachment_id,
              "sha256": d.sha256, "bytes": d.bytes, "status": e.status, "error": clean_text(e.error),
              "pages": e.pages, "text": clean_document_text(e.text), "layout_text": clean_document_text(e.layout_text),
              "key": identity.document_key(batch.council, d.url, base)})


def _load_fetch_log(con, batch: CouncilBatch, run_id: str) -> None:
    rows = [[clean_text(e.url), e.council, e.status, clean_text(e.error), e.error_class, e.fetched_at, e.bytes,
             e.sha256, e.from_cache, e.attempts, run_id] for e in batch.fetch_log]
    if rows:
        con.executemany("INSERT INTO fetch_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _meetings_held(con, batch: CouncilBatch) -> int | None:
    """Meetings already in the warehouse for the dates this run asked the site about."""
    if batch.window is None:
        return None
    return con.execute("SELECT count(*) FROM meetings WHERE council = ? AND meeting_date BETWEEN ? AND ?",
                       [batch.council, *batch.window]).fetchone()[0]


def _update_health(con, batch: CouncilBatch, new_publications: int) -> None:
    held = _meetings_held(con, batch)
    for source, error in batch.source_errors.items():
        # A site that answers but lists no meetings for dates where we hold meetings it listed before
        # is more likely broken than quiet: say so. Comparing with the same dates (not with the last
        # run's count) keeps a back-fill's wide window from making the next ordinary night look empty.
        # A revisit night that reads no lists (count None) leaves the warning as it was.
        count = None
        if source == "moderngov":
            count = len(batch.meetings) if batch.meetings_listed is None and batch.read_on is None else batch.meetings_listed
        con.execute("""
            INSERT INTO source_health (council, source, last_attempt, last_success, last_new_publication,
                                       consecutive_failed_runs, last_error, route, last_item_count, warning, empty_runs)
            VALUES ($council, $source, now(), CASE WHEN $error IS NULL THEN now() END,
                    CASE WHEN $new > 0 THEN now() END, CASE WHEN $error IS NULL THEN 0 ELSE 1 END,
                    $error, $route, $count, NULL, CASE WHEN $error IS NULL AND $count = 0 THEN 1 ELSE 0 END)
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
                                       ELSE source_health.last_item_count END
        """, {"council": batch.council, "source": source, "error": clean_text(error), "new": new_publications,
              "route": (batch.route or None) if source == "moderngov" else None, "count": count, "held": held})


WARNING_KEYS = ["council", "source", "warning", "warning_kind", "last_error"]


def source_warnings(con) -> list[dict]:
    rows = con.execute("SELECT council, source, warning, warning_kind, last_error FROM quiet_sources "
                       "ORDER BY council, source").fetchall()
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
        con.execute("UPDATE source_health SET notified_warning = ? WHERE council = ? AND source = ?",
                    [w["warning_kind"], w["council"], w["source"]])


def load_analysis(con, council: str, a: Analysis, run_id: str, found_by: str = "harvest") -> dict | None:
    """Store one publication's classification and reviews; return its alert if this is the first time it alerts.

    found_by says how the alert came about: the nightly harvest, or `reprocess` re-reading the archive.
    """
    c = a.classification
    con.execute("""
        INSERT OR REPLACE INTO classifications (url, council, kind, is_review, review_types, service_area, stage,
                                                in_alert_scope, rule, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """, [a.url, council, a.kind, c.is_review, c.review_types, c.service_area, c.stage, c.in_alert_scope, c.rule,
          c.evidence])
    for record in a.reviews:
        link_review(con, record, a.url, a.kind)
    alerting = c.is_review and c.in_alert_scope
    if not (alerting or c.worth_a_look):
        return None
    key = identity.publication_key(council, a.kind, a.url)
    if alerting and _raise_from_worth_a_look(con, key, a, run_id, found_by):
        return _alert_dict(a, key, council, found_by)
    tier = "alert" if alerting else "worth_a_look"
    evidence = c.evidence if alerting else c.look_evidence
    inserted = con.execute("""
        INSERT INTO alerts (url, council, title, review_type, reason, stage, evidence, run_id, key, found_by, tier)
        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE key = ?)
        ON CONFLICT (url) DO NOTHING RETURNING url
    """, [a.url, council, a.title, c.primary_type, c.reason(), c.stage, evidence, run_id, key, found_by, tier,
          key]).fetchall()
    # A worth-a-look row is listed and delivered in its own section, but it is not an alert of the run.
    return _alert_dict(a, key, council, found_by) if inserted and alerting else None


def _raise_from_worth_a_look(con, key: str, a: Analysis, run_id: str, found_by: str) -> bool:
    """A publication first listed as worth a look that now reads as an alert becomes one, once: it is
    delivered again, as an alert, to every channel."""
    c = a.classification
    raised = con.execute("""
        UPDATE alerts SET tier = 'alert', review_type = ?, reason = ?, stage = ?, evidence = ?, run_id = ?,
                          found_by = ?, created_at = now(), notified_at = NULL
        WHERE key = ? AND tier = 'worth_a_look' RETURNING key""",
                         [c.primary_type, c.reason(), c.stage, c.evidence, run_id, found_by, key]).fetchall()
    if raised:
        con.execute("DELETE FROM alert_deliveries WHERE alert_key = ?", [key])
    return bool(raised)


def _alert_dict(a: Analysis, key: str, council: str, found_by: str) -> dict:
    c = a.classification
    return {"url": a.url, "key": key, "council": council, "title": a.title, "review_type": c.primary_type,
            "reason": c.reason(), "stage": c.stage, "found_by": found_by}


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
    rows = con.execute("""
        SELECT review_id, service_area, fieldwork_start, fieldwork_end, fieldwork_precision, first_reported_date
        FROM reviews WHERE council = ? AND review_type = ? AND (stage = 'progress_review') = ?
        ORDER BY first_reported_date DESC NULLS LAST
    """, [record.council, record.review_type, progress]).fetchall()
    existing = next((r for r in rows if _compatible(r, record)), None)
    fw = record.fieldwork
    if existing is None:
        anchor = (fw.start.isoformat() if fw and fw.start else
                  record.reported_date.isoformat() if record.reported_date else url)
        review_id = review_id_for(record.council, record.review_type + ("/progress" if progress else ""), anchor)
        con.execute("""
            INSERT INTO reviews (review_id, council, review_type, service_area, fieldwork_start, fieldwork_end,
                                 fieldwork_precision, fieldwork_raw, first_reported_date, first_reported_where, stage,
                                 follows_review_id, fieldwork_document, fieldwork_page, fieldwork_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_id) DO NOTHING
        """, [review_id, record.council, record.review_type, record.service_area, fw and fw.start, fw and fw.end,
              fw.precision if fw else None, fw.raw if fw else None, record.reported_date, record.reported_where,
              record.stage, _followed_review(con, record) if progress else None, *_fieldwork_source(record)])
        if not progress:
            _adopt_progress_reviews(con, record, review_id)
    else:
        review_id = existing[0]
        if fw and PRECISION_RANK.get(fw.precision, 0) > PRECISION_RANK.get(existing[4], 0):
            con.execute("""UPDATE reviews SET fieldwork_start = ?, fieldwork_end = ?, fieldwork_precision = ?,
                           fieldwork_raw = ?, fieldwork_document = ?, fieldwork_page = ?, fieldwork_line = ?,
                           updated_at = now() WHERE review_id = ?""",
                        [fw.start, fw.end, fw.precision, fw.raw, *_fieldwork_source(record), review_id])
        con.execute("""UPDATE reviews SET service_area = coalesce(service_area, ?),
                       first_reported_date = CASE WHEN first_reported_date IS NULL OR ? < first_reported_date
                                                  THEN ? ELSE first_reported_date END,
                       first_reported_where = CASE WHEN first_reported_date IS NULL OR ? < first_reported_date
                                                  THEN ? ELSE first_reported_where END
                       WHERE review_id = ?""",
                    [record.service_area, record.reported_date, record.reported_date, record.reported_date,
                     record.reported_where, review_id])
    con.execute("INSERT OR REPLACE INTO review_sources VALUES (?, ?, ?, ?, ?, ?)",
                [review_id, url, kind, record.stage, record.reported_date, record.reported_where])
    for area, grade, raw in stored_judgements(record):
        at = record.judgement_sources.get(area)
        # A real grade beats not_judged; otherwise the first source to state a grade keeps it.
        con.execute("""INSERT INTO review_judgements (review_id, area, grade, grade_raw, source_url, source_document,
                                                      source_page, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (review_id, area) DO UPDATE SET grade = excluded.grade, grade_raw = excluded.grade_raw,
                           source_url = excluded.source_url, source_document = excluded.source_document,
                           source_page = excluded.source_page, source_line = excluded.source_line
                       WHERE review_judgements.grade = 'not_judged' AND excluded.grade <> 'not_judged'""",
                    [review_id, area, grade, raw, url, *((at.document, at.page, at.line) if at else (None,) * 3)])
    for kind_, text in record.findings:
        con.execute("INSERT OR IGNORE INTO review_findings VALUES (?, ?, ?, ?)", [review_id, kind_, text, url])
    for name, role, org in record.team:
        con.execute("INSERT OR IGNORE INTO review_team VALUES (?, ?, ?, ?)", [review_id, name, role, org])
    return review_id


ALERT_KEYS = ["url", "council", "council_name", "title", "review_type", "reason", "created_at"]


def _alerts(con, where: str, order: str, limit: int | None = None) -> list[dict]:
    rows = con.execute(f"""SELECT a.url, a.council, c.name, a.title, a.review_type, a.reason, a.created_at
                           FROM alerts a LEFT JOIN councils c ON c.slug = a.council
                           WHERE {where} ORDER BY a.created_at {order}""" + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
    return [dict(zip(ALERT_KEYS, r)) for r in rows]


def _fieldwork_source(record: ReviewRecord) -> tuple:
    at = record.fieldwork_source if record.fieldwork else None
    return (at.document, at.page, at.line) if at else (None, None, None)


def _followed_review(con, record: ReviewRecord) -> str | None:
    """The latest earlier review of the same kind that a progress review returns to."""
    row = con.execute("""
        SELECT review_id FROM reviews
        WHERE council = ? AND review_type = ? AND coalesce(stage, '') <> 'progress_review'
          AND (? IS NULL OR first_reported_date IS NULL OR first_reported_date <= ?)
        ORDER BY first_reported_date DESC NULLS LAST LIMIT 1
    """, [record.council, record.review_type, record.reported_date, record.reported_date]).fetchone()
    return row[0] if row else None


def _adopt_progress_reviews(con, record: ReviewRecord, review_id: str) -> None:
    """A first review found after its progress review (another run, another source) still gets it linked.

    A progress review follows the latest earlier review of its kind, so the new review takes over any
    later progress review that follows nothing or follows an older review.
    """
    if record.reported_date is None:
        return
    con.execute("""
        UPDATE reviews SET follows_review_id = $new, updated_at = now()
        WHERE council = $council AND review_type = $type AND stage = 'progress_review'
          AND first_reported_date > $reported
          AND (follows_review_id IS NULL OR follows_review_id IN (
                SELECT review_id FROM reviews WHERE first_reported_date < $reported))
    """, {"new": review_id, "council": record.council, "type": record.review_type, "reported": record.reported_date})


def pending_notifications(con) -> list[dict]:
    return _alerts(con, "a.notified_at IS NULL", "ASC")


def recent_alerts(con, limit: int = 200) -> list[dict]:
    return _alerts(con, "true", "DESC", limit)


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


def record_run(con, run_id: str, started_at, finished_at, status: str, councils: int, new_publications: int,
               new_alerts: int, downloaded: int, errors: int) -> None:
    con.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [run_id, started_at, finished_at, status, councils, new_publications, new_alerts, downloaded, errors])
