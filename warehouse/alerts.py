"""Alerts as researchers read them, and their delivery per channel.

An alert is delivered to each configured channel once: `alert_deliveries` holds one row per alert
and channel (`sent`, `filtered_out` by the channel's filters, or `failed`, retried next run). An
alert is `notified_at` once every configured channel has it; with no channel configured nothing is
marked, so alerts wait for the first channel instead of being dropped.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from warehouse import identity, staging

DONE = ("sent", "filtered_out")
# Older than the window a nightly run re-reads: found by a back-fill or a reprocess, not newly published.
ARCHIVE_AGE = timedelta(days=91)

# An alert written without a key (code that predates migration 9) is delivered under its URL.
_COLUMNS = [
    "key",
    "url",
    "council",
    "council_name",
    "region",
    "title",
    "review_type",
    "stage",
    "reason",
    "evidence",
    "created_at",
    "notified_at",
    "tier",
    "published_date",
    "published_where",
    "kind",
    "run_id",
    "found_by",
]


# -- making alerts ------------------------------------------------------------------------------------------
ALERT_COLUMNS = (
    ("url", "VARCHAR"),
    ("council", "VARCHAR"),
    ("title", "VARCHAR"),
    ("review_type", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("stage", "VARCHAR"),
    ("evidence", "VARCHAR[]"),
    ("run_id", "VARCHAR"),
    ("key", "VARCHAR"),
    ("found_by", "VARCHAR"),
    ("tier", "VARCHAR"),
)


def record_alerts(con, council: str, analyses: list, run_id: str, found_by: str = "harvest") -> list[dict]:
    """Alert (or list as worth a look) the analysed publications that call for it, once per publication.

    An alert is keyed on the publication's stable key (`warehouse/identity.py`), so a council moving host,
    scheme or port raises nothing again. A publication first listed as worth a look that now reads as an
    alert becomes one, once, and is delivered again to every channel. Returns the alerts new tonight, in
    the order of `analyses` (a worth-a-look row is listed in its own section but is not an alert of the run).
    """
    wanted: dict[str, object] = {}
    for a in analyses:
        c = a.classification
        if (c.is_review and c.in_alert_scope) or c.worth_a_look:
            wanted.setdefault(identity.publication_key(council, a.kind, a.url), a)
    if not wanted:
        return []
    rows = [_alert_row(council, a, key, run_id, found_by) for key, a in wanted.items()]
    staging.stage(con, "staged_alerts", ALERT_COLUMNS, rows)
    raised = {
        k
        for (k,) in con.execute("""
        UPDATE alerts SET tier = 'alert', review_type = s.review_type, reason = s.reason, stage = s.stage,
                          evidence = s.evidence, run_id = s.run_id, found_by = s.found_by, created_at = now(),
                          notified_at = NULL
        FROM staged_alerts s WHERE alerts.key = s.key AND s.tier = 'alert' AND alerts.tier = 'worth_a_look'
        RETURNING alerts.key""").fetchall()
    }
    if raised:
        con.execute("DELETE FROM alert_deliveries WHERE alert_key IN (SELECT unnest(?))", [list(raised)])
    inserted = {
        u
        for (u,) in con.execute(f"""
        INSERT INTO alerts ({staging.names(ALERT_COLUMNS)}) SELECT {staging.names(ALERT_COLUMNS, "s.")}
        FROM staged_alerts s WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.key = s.key)
        ON CONFLICT (url) DO NOTHING RETURNING url""").fetchall()
    }
    staging.drop(con, "staged_alerts")
    return [
        _alert_dict(a, key, council, found_by)
        for key, a in wanted.items()
        if a.classification.is_review and a.classification.in_alert_scope and (key in raised or a.url in inserted)
    ]


def _alert_row(council: str, a, key: str, run_id: str, found_by: str) -> tuple:
    c = a.classification
    alerting = c.is_review and c.in_alert_scope
    return (
        a.url,
        council,
        a.title,
        c.primary_type,
        c.reason(),
        c.stage,
        c.evidence if alerting else c.look_evidence,
        run_id,
        key,
        found_by,
        "alert" if alerting else "worth_a_look",
    )


def _alert_dict(a, key: str, council: str, found_by: str) -> dict:
    c = a.classification
    return {
        "url": a.url,
        "key": key,
        "council": council,
        "title": a.title,
        "review_type": c.primary_type,
        "reason": c.reason(),
        "stage": c.stage,
        "found_by": found_by,
    }


# -- reading alerts -------------------------------------------------------------------------------------------
def alert_details(
    con, where: str = "true", params: list | None = None, order: str = "a.created_at, a.key", limit: int | None = None
) -> list[dict]:
    """Every field a digest block shows: council and region, dates, fieldwork, judgements, why flagged."""
    rows = con.execute(
        f"""
        SELECT coalesce(a.key, a.url), a.url, a.council, c.name, c.region, a.title, a.review_type, a.stage, a.reason, a.evidence,
               a.created_at, a.notified_at, coalesce(a.tier, 'alert'), p.published_date, p.published_where, p.kind,
               a.run_id, a.found_by
        FROM alerts a LEFT JOIN councils c ON c.slug = a.council LEFT JOIN publications p ON p.url = a.url
        WHERE {where} ORDER BY {order}"""
        + (f" LIMIT {int(limit)}" if limit else ""),
        params or [],
    ).fetchall()
    alerts = [dict(zip(_COLUMNS, r)) for r in rows]
    _attach_reviews(con, alerts)
    _attach_documents(con, alerts)
    for a in alerts:
        a["evidence"] = list(a["evidence"] or [])
        a["section"] = section_of(a)
    return alerts


def section_of(alert: dict) -> str:
    if alert.get("tier") == "worth_a_look":
        return "worth_a_look"
    if alert.get("found_by") == "reprocess":  # today's rules found it in what was already stored
        return "archive"
    published, created = alert.get("published_date"), alert.get("created_at")
    if published and created:
        found = created.date() if isinstance(created, datetime) else created
        if isinstance(published, date) and published < found - ARCHIVE_AGE:
            return "archive"
    return "new"


def _attach_reviews(con, alerts: list[dict]) -> None:
    """Fieldwork dates and judgements of the review each alerted publication reports."""
    for a in alerts:
        a.update(
            fieldwork_start=None,
            fieldwork_end=None,
            fieldwork_precision=None,
            fieldwork_raw=None,
            judgements=[],
            review_id=None,
        )
    if not alerts:
        return
    by_url = {a["url"]: a for a in alerts}
    rows = con.execute(
        """
        SELECT s.url, r.review_id, r.review_type, r.fieldwork_start, r.fieldwork_end, r.fieldwork_precision,
               r.fieldwork_raw
        FROM review_sources s JOIN reviews r USING (review_id) WHERE s.url IN (SELECT unnest(?))
        ORDER BY s.url, r.fieldwork_start NULLS LAST, r.review_id""",
        [list(by_url)],
    ).fetchall()
    candidates: dict[str, list[tuple]] = {}
    for row in rows:
        candidates.setdefault(row[0], []).append(row[1:])
    chosen: dict[str, str] = {}
    for url, reviews in candidates.items():
        alert = by_url[url]
        # the review of the alert's own type wins over another one the same paper mentions
        review_id, _, start, end, precision, raw = next(
            (r for r in reviews if r[1] == alert["review_type"]), reviews[0]
        )
        chosen[url] = review_id
        alert.update(
            review_id=review_id,
            fieldwork_start=start,
            fieldwork_end=end,
            fieldwork_precision=precision,
            fieldwork_raw=raw,
        )
    grades = con.execute(
        """SELECT review_id, area, grade, source_document, source_page, source_line
                            FROM review_judgements WHERE review_id IN (SELECT unnest(?))
                            ORDER BY review_id, area""",
        [list(set(chosen.values()))],
    ).fetchall()
    for url, review_id in chosen.items():
        # where each grade was read (document, page, raw line): a researcher checks the reading in seconds
        by_url[url]["judgements"] = [
            {"area": area, "grade": grade, "document": doc, "page": page, "line": line}
            for rid, area, grade, doc, page, line in grades
            if rid == review_id
        ]


def _attach_documents(con, alerts: list[dict]) -> None:
    """The documents (the report PDFs) of each alerted agenda item, in the order the page listed them."""
    for a in alerts:
        a["documents"] = []
    if not alerts:
        return
    by_url = {a["url"]: a for a in alerts}
    rows = con.execute(
        """
        SELECT x.item_url, d.url, coalesce(d.title, '') FROM item_documents x JOIN documents d ON d.url = x.document_url
        WHERE x.item_url IN (SELECT unnest(?)) ORDER BY x.item_url, d.url""",
        [list(by_url)],
    ).fetchall()
    for item_url, url, title in rows:
        by_url[item_url]["documents"].append({"url": url, "title": title})


def recent_alerts(con, limit: int = 200) -> list[dict]:
    return alert_details(con, order="a.created_at DESC, a.key", limit=limit)


def alerts_by_keys(con, keys: list[str]) -> list[dict]:
    return alert_details(con, "coalesce(a.key, a.url) IN (SELECT unnest(?))", [keys]) if keys else []


def pending_for_channel(con, channel: str) -> list[dict]:
    """Alerts this channel has not had yet (a failed delivery is tried again)."""
    return alert_details(
        con,
        """a.notified_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM alert_deliveries d WHERE d.alert_key = coalesce(a.key, a.url) AND d.channel = ? AND d.status IN ('sent', 'filtered_out'))""",
        [channel],
    )


def last_digest_at(con, channel: str):
    """When this channel was last sent a digest (None: never)."""
    return con.execute(
        "SELECT max(delivered_at) FROM alert_deliveries WHERE channel = ? AND status = 'sent'", [channel]
    ).fetchone()[0]


def count_unnotified(con) -> int:
    return con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NULL").fetchone()[0]


def record_deliveries(
    con, keys: list[str], channel: str, status: str, error: str | None = None, at: datetime | None = None
) -> None:
    """`at`: when the digest was sent (default now; a daily or weekly digest counts its period from it)."""
    if not keys:
        return
    con.executemany(
        """
        INSERT INTO alert_deliveries (alert_key, channel, status, attempts, last_error, delivered_at, updated_at)
        VALUES (?, ?, ?, 1, ?, CASE WHEN ? = 'sent' THEN coalesce(?::TIMESTAMPTZ, now()) END, now())
        ON CONFLICT (alert_key, channel) DO UPDATE SET status = excluded.status,
            attempts = alert_deliveries.attempts + 1, last_error = excluded.last_error,
            delivered_at = excluded.delivered_at, updated_at = now()
    """,
        [[k, channel, status, error, status, at] for k in keys],
    )


def mark_notified_where_delivered(con, channels: list[str]) -> int:
    """Alerts every configured channel has (sent or filtered out) stop being pending. No channel: none."""
    if not channels:
        return 0
    return (
        con.execute(
            """
        UPDATE alerts SET notified_at = now() WHERE notified_at IS NULL AND (
            SELECT count(DISTINCT d.channel) FROM alert_deliveries d
            WHERE d.alert_key = coalesce(alerts.key, alerts.url) AND d.status IN ('sent', 'filtered_out') AND d.channel IN (SELECT unnest(?))
        ) = ? RETURNING key""",
            [channels, len(set(channels))],
        )
        .fetchall()
        .__len__()
    )


def deliveries(con) -> list[tuple]:
    return con.execute("SELECT alert_key, channel, status, attempts FROM alert_deliveries ORDER BY 1, 2").fetchall()
