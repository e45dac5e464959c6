"""Each council's health at a glance (`peerwatch councils`), and source warnings in words a researcher can act on."""

from __future__ import annotations

import re

from warehouse.db import connect

SOURCE_WORDS = {"moderngov": ("ModernGov site", "moderngov_url"), "news": ("news page", "news_url or news_feed_url")}

HEALTH_SQL = """
WITH pubs AS (SELECT council, count(*) AS n FROM publications GROUP BY council),
     revs AS (SELECT council, count(*) AS n FROM reviews GROUP BY council),
     last_run AS (SELECT council, arg_max(run_id, fetched_at) AS run_id FROM fetch_log GROUP BY council),
     errs AS (SELECT f.council, count(*) AS n FROM fetch_log f JOIN last_run l USING (council)
              WHERE f.run_id = l.run_id AND f.error IS NOT NULL GROUP BY f.council),
     health AS (SELECT council, max(last_success) AS last_success, max(last_new_publication) AS last_new,
                       max(consecutive_failed_runs) AS failed_runs,
                       max(CASE WHEN source = 'moderngov' THEN route END) AS route
                FROM source_health GROUP BY council)
SELECT c.slug, h.route, h.last_success, h.last_new, coalesce(pubs.n, 0), coalesce(revs.n, 0),
       coalesce(h.failed_runs, 0), coalesce(errs.n, 0)
FROM councils c LEFT JOIN health h ON h.council = c.slug LEFT JOIN pubs ON pubs.council = c.slug
     LEFT JOIN revs ON revs.council = c.slug LEFT JOIN errs ON errs.council = c.slug
ORDER BY c.slug
"""
COLUMNS = [
    "council",
    "route",
    "last_success",
    "last_new",
    "publications",
    "reviews",
    "failed_runs",
    "errors",
    "warning",
]  # last_new: last new publication; errors: fetch errors in its last run
ROUTE_WORDS = {"webservice": "web service", "html": "HTML pages"}


def council_health(db: str) -> tuple[list[str], list[tuple]]:
    """One row per configured council: route, last success, last new publication, what is held, failures, warning."""
    con = connect(db, read_only=True)
    try:
        rows = con.execute(HEALTH_SQL).fetchall()
        warnings: dict[str, list[str]] = {}
        for council, source, warning, kind, last_error in con.execute(
            "SELECT council, source, warning, warning_kind, last_error FROM quiet_sources ORDER BY council, source"
        ).fetchall():
            warnings.setdefault(council, []).append(
                plain_warning({"source": source, "warning": warning, "warning_kind": kind, "last_error": last_error})
            )
    finally:
        con.close()
    out = []
    for slug, route, last_success, last_new, pubs, revs, failed, errors in rows:
        out.append(
            (
                slug,
                ROUTE_WORDS.get(route, route or "-"),
                _day(last_success),
                _day(last_new),
                pubs,
                revs,
                failed,
                errors,
                " / ".join(warnings.get(slug, [])) or health_word(last_success, failed),
            )
        )
    return COLUMNS, out


def health_word(last_success, failed_runs: int) -> str:
    """ "ok" only for a council whose latest run succeeded; otherwise what is known, in words."""
    if last_success is None:
        return (
            f"never succeeded ({failed_runs} failed run{'s' if failed_runs != 1 else ''})"
            if failed_runs
            else "not read yet"
        )
    if failed_runs:
        return f"failed its last {failed_runs} run{'s' if failed_runs != 1 else ''} (last success {_day(last_success)})"
    return "ok"


def failing_sources(con) -> list[dict]:
    """Sources whose latest run failed, whatever the warning threshold: a site unreachable tonight is news tonight."""
    rows = con.execute("""SELECT council, source, consecutive_failed_runs, last_error, last_success FROM source_health
                          WHERE consecutive_failed_runs > 0 ORDER BY council, source""").fetchall()
    return [
        {"council": c, "source": s, "failed_runs": n, "last_error": e, "last_success": ok} for c, s, n, e, ok in rows
    ]


def failing_words(f: dict) -> str:
    source = SOURCE_WORDS.get(f["source"], (f["source"], ""))[0]
    since = "never read successfully" if f["last_success"] is None else f"last read {_day(f['last_success'])}"
    error = f": {f['last_error']}" if f.get("last_error") else ""
    return f"{f['council']} {source} could not be read ({since}){error}"


def _day(value) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else "never"


def plain_warning(w: dict) -> str:
    """A source warning (a quiet_sources row as a dict) as what happened and what to do about it."""
    source, key = SOURCE_WORDS.get(w.get("source"), (w.get("source") or "source", "its URL"))
    kind, text = w.get("warning_kind"), w.get("warning") or ""
    number = re.search(r"\d+", text)
    if kind == "failing":
        nights = number.group() if number else "several"
        error = f" (last error: {w['last_error']})" if w.get("last_error") else ""
        return (
            f"{source} failed {nights} nights in a row{error}: open {key} in a browser; if the site has moved "
            "or blocks us, update the councils file or ask the council to allow PeerWatch"
        )
    if kind == "returned_nothing":
        if text.startswith("site answered"):
            return text
        return (
            f"{source} answered but listed no meetings where it listed some before: check that {key} still "
            "opens the council's committee list"
        )
    if kind == "limit_reached":
        return f"{source} sent more than PeerWatch reads in a night: {text}"
    if kind == "silent":
        days = f"{number.group()} days" if number else "a long time"
        return (
            f"{source}: no new publication for {days}; if the council has published since, check that {key} "
            "still lists its latest papers or news"
        )
    return text
