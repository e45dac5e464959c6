"""Idempotent loads into the warehouse: one council's harvest in one transaction.

Loading the same harvest twice changes nothing; a publication alerts once (keyed on its
canonical URL); every publication that reports a review joins that review's sources.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb

from scrapers.http import FetchLogEntry, Validators
from scrapers.models import Committee, Meeting, PressRelease
from transforms.classify import Classification
from transforms.pdf_text import Extraction
from transforms.reviews import ReviewRecord, review_id_for

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
class Analysis:
    url: str
    kind: str                     # agenda_item | press_release
    title: str
    classification: Classification
    reviews: list[ReviewRecord]


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
    new_publications: int = 0


@dataclass
class LoadResult:
    new_alerts: list[dict] = field(default_factory=list)
    new_publications: int = 0


def content_sha(*parts: str | None) -> str:
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()


# -- reads the flow needs before harvesting ------------------------------------------------
def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT url, extract_status FROM documents").fetchall())


def http_validators(con: duckdb.DuckDBPyConnection) -> dict[str, Validators]:
    rows = con.execute("SELECT url, etag, last_modified, sha256 FROM http_cache").fetchall()
    return {u: Validators(e, lm, s) for u, e, lm, s in rows}


def stored_texts(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, tuple[str, str]]:
    if not urls:
        return {}
    rows = con.execute("SELECT url, coalesce(text, ''), coalesce(layout_text, '') FROM documents WHERE url IN "
                       "(SELECT unnest(?))", [urls]).fetchall()
    return {u: (t, l) for u, t, l in rows}


def document_shas(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, str]:
    """SHA-256 of stored documents (their bytes are in the raw store under it)."""
    if not urls:
        return {}
    rows = con.execute("SELECT url, sha256 FROM documents WHERE sha256 IS NOT NULL AND url IN (SELECT unnest(?))",
                       [urls]).fetchall()
    return dict(rows)


def item_content_shas(con: duckdb.DuckDBPyConnection, council: str) -> dict[str, str]:
    rows = con.execute("SELECT url, content_sha FROM agenda_items WHERE council = ? UNION ALL "
                       "SELECT url, content_sha FROM press_releases WHERE council = ?", [council, council]).fetchall()
    return dict(rows)


# -- writes ---------------------------------------------------------------------------------------
def upsert_councils(con: duckdb.DuckDBPyConnection, councils: list[dict]) -> None:
    from warehouse.local_authorities import match_council

    for c in councils:
        la = match_council(c["name"])
        if la:
            c = {**c, "gss_code": la.gss_code, "la_type": la.la_type, "region": la.region, "la_code": la.code}
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


def load_council_batch(con: duckdb.DuckDBPyConnection, batch: CouncilBatch, run_id: str) -> LoadResult:
    result = LoadResult()
    con.execute("BEGIN")
    try:
        _load_structure(con, batch)
        result.new_publications = _load_publications(con, batch)
        _load_documents(con, batch)
        for analysis in batch.analyses:
            alert = _load_analysis(con, batch.council, analysis, run_id)
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


def _load_structure(con, batch: CouncilBatch) -> None:
    for c in batch.committees:
        con.execute("INSERT OR REPLACE INTO committees VALUES (?, ?, ?)", [batch.council, c.committee_id, c.title])
    for m in batch.meetings:
        con.execute("""
            INSERT INTO meetings (council, meeting_id, committee_id, committee_title, meeting_date, meeting_time,
                                  status, url, route)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (council, meeting_id) DO UPDATE SET committee_title = excluded.committee_title,
                meeting_date = excluded.meeting_date, meeting_time = excluded.meeting_time,
                status = excluded.status, url = excluded.url, route = excluded.route
        """, [batch.council, m.meeting_id, m.committee_id, m.committee_title, m.meeting_date, m.meeting_time,
              m.status, m.url, batch.route])
        for d in m.documents:
            con.execute("INSERT OR IGNORE INTO meeting_documents VALUES (?, ?, ?, ?)",
                        [batch.council, m.meeting_id, d.url, d.title])


def _load_publications(con, batch: CouncilBatch) -> int:
    new = 0
    for m in batch.meetings:
        for i in m.items:
            sha = content_sha(i.title, i.description, i.minutes, i.decision, *sorted(d.url for d in i.documents))
            existed = con.execute("SELECT 1 FROM agenda_items WHERE url = ?", [i.url]).fetchone()
            new += 0 if existed else 1
            con.execute("""
                INSERT INTO agenda_items (url, council, meeting_id, item_id, item_number, title, description, minutes,
                                          decision, content_sha)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET title = excluded.title, description = excluded.description,
                    minutes = excluded.minutes, decision = excluded.decision, item_number = excluded.item_number,
                    content_sha = excluded.content_sha, updated_at = now()
            """, [i.url, batch.council, m.meeting_id, i.item_id, i.number, i.title, i.description, i.minutes,
                  i.decision, sha])
            for d in i.documents:
                con.execute("INSERT OR IGNORE INTO item_documents VALUES (?, ?, ?)", [i.url, d.url, d.role])
    for p in batch.press_releases:
        existed = con.execute("SELECT 1 FROM press_releases WHERE url = ?", [p.url]).fetchone()
        new += 0 if existed else 1
        con.execute("""
            INSERT INTO press_releases (url, council, title, published_date, published_raw, text, source, content_sha)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (url) DO UPDATE SET title = excluded.title, published_date = excluded.published_date,
                text = excluded.text, content_sha = excluded.content_sha
        """, [p.url, batch.council, p.title, p.published, p.published_raw, p.text, p.source,
              content_sha(p.title, p.text)])
    return new


def _load_documents(con, batch: CouncilBatch) -> None:
    for d in batch.documents:
        e = d.extraction
        con.execute("""
            INSERT INTO documents (url, council, title, attachment_id, sha256, bytes, extract_status, extract_error,
                                   pages, text, layout_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (url) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes,
                extract_status = excluded.extract_status, extract_error = excluded.extract_error,
                pages = excluded.pages, text = excluded.text, layout_text = excluded.layout_text,
                fetched_at = now()
        """, [d.url, batch.council, d.title, d.attachment_id, d.sha256, d.bytes, e.status, e.error, e.pages,
              e.text, e.layout_text])


def _load_fetch_log(con, batch: CouncilBatch, run_id: str) -> None:
    rows = [[e.url, e.council, e.status, e.error, e.error_class, e.fetched_at, e.bytes, e.sha256, e.from_cache,
             e.attempts, run_id] for e in batch.fetch_log]
    if rows:
        con.executemany("INSERT INTO fetch_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _update_health(con, batch: CouncilBatch, new_publications: int) -> None:
    for source, error in batch.source_errors.items():
        # A date-searchable source that answered but returned nothing, after returning meetings last
        # run, is more likely broken than quiet: say so rather than treat it as "nothing new".
        count = len(batch.meetings) if source == "moderngov" else None
        con.execute("""
            INSERT INTO source_health (council, source, last_attempt, last_success, last_new_publication,
                                       consecutive_failed_runs, last_error, route, last_item_count, warning)
            VALUES ($council, $source, now(), CASE WHEN $error IS NULL THEN now() END,
                    CASE WHEN $new > 0 THEN now() END, CASE WHEN $error IS NULL THEN 0 ELSE 1 END,
                    $error, $route, $count, NULL)
            ON CONFLICT (council, source) DO UPDATE SET last_attempt = now(),
                last_success = CASE WHEN $error IS NULL THEN now() ELSE source_health.last_success END,
                last_new_publication = CASE WHEN $new > 0 THEN now() ELSE source_health.last_new_publication END,
                consecutive_failed_runs = CASE WHEN $error IS NULL THEN 0 ELSE source_health.consecutive_failed_runs + 1 END,
                last_error = $error, route = coalesce($route, source_health.route),
                warning = CASE WHEN $error IS NULL AND $count = 0 AND source_health.last_item_count > 0
                               THEN 'answered but returned no meetings (' || source_health.last_item_count
                                    || ' last run)' END,
                last_item_count = CASE WHEN $error IS NULL THEN $count ELSE source_health.last_item_count END
        """, {"council": batch.council, "source": source, "error": error, "new": new_publications,
              "route": batch.route if source == "moderngov" else None, "count": count})


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


def _load_analysis(con, council: str, a: Analysis, run_id: str) -> dict | None:
    c = a.classification
    con.execute("""
        INSERT OR REPLACE INTO classifications (url, council, kind, is_review, review_types, service_area, stage,
                                                in_alert_scope, rule, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """, [a.url, council, a.kind, c.is_review, c.review_types, c.service_area, c.stage, c.in_alert_scope, c.rule,
          c.evidence])
    for record in a.reviews:
        link_review(con, record, a.url, a.kind)
    if not (c.is_review and c.in_alert_scope):
        return None
    inserted = con.execute("""
        INSERT INTO alerts (url, council, title, review_type, reason, stage, evidence, run_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING RETURNING url
    """, [a.url, council, a.title, c.primary_type, c.reason(), c.stage, c.evidence, run_id]).fetchall()
    if not inserted:
        return None
    return {"url": a.url, "council": council, "title": a.title, "review_type": c.primary_type,
            "reason": c.reason(), "stage": c.stage}


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
                                 follows_review_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_id) DO NOTHING
        """, [review_id, record.council, record.review_type, record.service_area, fw and fw.start, fw and fw.end,
              fw.precision if fw else None, fw.raw if fw else None, record.reported_date, record.reported_where,
              record.stage, _followed_review(con, record) if progress else None])
        if not progress:
            _adopt_progress_reviews(con, record, review_id)
    else:
        review_id = existing[0]
        if fw and PRECISION_RANK.get(fw.precision, 0) > PRECISION_RANK.get(existing[4], 0):
            con.execute("""UPDATE reviews SET fieldwork_start = ?, fieldwork_end = ?, fieldwork_precision = ?,
                           fieldwork_raw = ?, updated_at = now() WHERE review_id = ?""",
                        [fw.start, fw.end, fw.precision, fw.raw, review_id])
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
    for area, grade, raw in record.judgements:
        # A real grade beats not_judged; otherwise the first source to state a grade keeps it.
        con.execute("""INSERT INTO review_judgements VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT (review_id, area) DO UPDATE SET grade = excluded.grade, grade_raw = excluded.grade_raw,
                           source_url = excluded.source_url
                       WHERE review_judgements.grade = 'not_judged' AND excluded.grade <> 'not_judged'""",
                    [review_id, area, grade, raw, url])
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
    return {r[0] for r in con.execute("SELECT url FROM press_releases").fetchall()}


def mark_notified(con, urls: list[str]) -> None:
    if urls:
        con.execute("UPDATE alerts SET notified_at = now() WHERE url IN (SELECT unnest(?))", [urls])


def record_run(con, run_id: str, started_at, finished_at, status: str, councils: int, new_publications: int,
               new_alerts: int, downloaded: int, errors: int) -> None:
    con.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [run_id, started_at, finished_at, status, councils, new_publications, new_alerts, downloaded, errors])
