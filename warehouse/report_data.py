"""The researcher's report's data: every figure of every page, read by SQL a researcher can run themselves.

Each page shows the SQL behind its tables. So that what is shown is what was run, every query here is a
`Query`: one SQL text with a `{where}` slot. A page shows it with its own filter written in
(`WHERE r.council = 'barnsley'`); the report runs it once with no filter (`WHERE TRUE`) and splits the rows by
that column, which is how a whole report of thousands of pages costs a dozen queries. A test runs the SQL shown
on each page and compares its rows with the page's.

Values are made plain in SQL (dates as DATE, times as 'YYYY-MM-DD HH:MM' text in UTC, lists joined) so the
page, the SQL and the test see the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warehouse.db import connect

INSPECTION_TYPES = ("ofsted_ilacs", "ofsted_sif")
PEER_REVIEW_TYPES = ("lga_peer_challenge", "lga_corporate_peer_challenge", "other_peer_review")
GRADED = ("outstanding", "good", "requires_improvement", "inadequate")
JUDGEMENT_BASE_COLUMNS = ("review_id", "area", "grade", "grade_raw", "source_url")
FIELDWORK_PROVENANCE = ("fieldwork_document", "fieldwork_page", "fieldwork_line")
LIST_LIMIT = 500  # the alerts feed page lists this many, newest first; the SQL gives the rest
HOME_LIMIT = 100  # the home page lists this many of the newest alerts of each period


def sql_literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


@dataclass(frozen=True)
class Query:
    """One SQL text, run whole for the report and shown filtered to one page's subject on that page."""

    name: str
    template: str
    key: str | None = None  # the column (as written in the SQL) a page filters on, e.g. r.council

    def sql(self, value=None) -> str:
        """The SQL a researcher runs for one page: the filter written in as a literal."""
        if self.key is None:
            return self.template.format(where="").strip()
        if value is None:  # every page's rows at once: no filter
            text = self.template.format(where="WHERE TRUE")
            return text.replace("WHERE TRUE AND ", "WHERE ").replace("WHERE TRUE\n", "").strip()
        return self.template.format(where=f"WHERE {self.key} = {sql_literal(value)}").strip()


@dataclass
class Table:
    """Rows of a query: columns and plain values, as the page shows them."""

    query: Query
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def dicts(self) -> list[dict]:
        return [dict(zip(self.columns, r)) for r in self.rows]

    def split(self, column: str) -> dict[str, Table]:
        """The rows for each value of `column`, each as its own Table (one page's share)."""
        i = self.columns.index(column)
        parts: dict[str, list[tuple]] = defaultdict(list)
        for row in self.rows:
            parts[row[i]].append(row)
        return {k: Table(self.query, self.columns, v) for k, v in parts.items()}

    def empty(self) -> Table:
        return Table(self.query, self.columns, [])


# -- the queries -----------------------------------------------------------------------------------
REVIEW_DATE = "coalesce(r.fieldwork_start, r.first_reported_date)"
JUDGED_ON = "coalesce(r.fieldwork_end, r.fieldwork_start, r.first_reported_date)"

QUARTERLY = Query(
    "reviews_per_quarter",
    f"""
SELECT year({REVIEW_DATE}) || '-Q' || quarter({REVIEW_DATE}) AS quarter, r.review_type, count(*) AS reviews
FROM reviews r
WHERE {REVIEW_DATE} IS NOT NULL
GROUP BY ALL
ORDER BY quarter, r.review_type
""",
)

YEAR_REVIEWS = Query(
    "reviews_of_the_year",
    f"""
SELECT year({REVIEW_DATE}) AS year, year({REVIEW_DATE}) || '-Q' || quarter({REVIEW_DATE}) AS quarter,
       r.review_type, r.review_id, r.council, c.name AS council_name, {REVIEW_DATE} AS review_date, r.stage
FROM reviews r LEFT JOIN councils c ON c.slug = r.council
{{where}}
ORDER BY quarter, r.review_type, review_date, r.review_id
""",
    key=f"year({REVIEW_DATE})",
)

_LATEST = f"""
WITH inspections AS (
    SELECT r.review_id, c.la_code, r.review_type, {JUDGED_ON} AS inspected,
           (SELECT j.grade FROM review_judgements j
             WHERE j.review_id = r.review_id AND j.area = 'overall_effectiveness') AS overall_grade,
           (SELECT string_agg(j.area || '=' || j.grade, '; ' ORDER BY j.area) FROM review_judgements j
             WHERE j.review_id = r.review_id) AS grades
    FROM reviews r JOIN councils c ON c.slug = r.council
    WHERE r.review_type IN {INSPECTION_TYPES} AND c.la_code IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY c.la_code ORDER BY inspected DESC NULLS LAST, r.review_id) = 1),
peer_reviews AS (
    SELECT r.review_id, c.la_code, r.review_type, {JUDGED_ON} AS reviewed
    FROM reviews r JOIN councils c ON c.slug = r.council
    WHERE r.review_type IN {PEER_REVIEW_TYPES} AND c.la_code IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY c.la_code ORDER BY reviewed DESC NULLS LAST, r.review_id) = 1),
national AS (
    SELECT la.gss_code, la.nice_name AS authority, la.region, la.la_type,
           (SELECT min(c.slug) FROM councils c WHERE c.la_code = la.code) AS council,
           i.review_id AS inspection_id, i.review_type AS framework, i.inspected AS inspection_date,
           i.overall_grade, i.grades,
           p.review_id AS peer_review_id, p.review_type AS peer_review_type, p.reviewed AS peer_review_date
    FROM local_authorities la
    LEFT JOIN inspections i ON i.la_code = la.code
    LEFT JOIN peer_reviews p ON p.la_code = la.code
    WHERE la.childrens_services AND la.end_date IS NULL)"""

NATIONAL = Query(
    "national_table",
    _LATEST
    + """
SELECT * FROM national ORDER BY region, authority
""",
)

REGION_GRADES = Query(
    "latest_grade_by_region",
    _LATEST
    + """
SELECT region,
       CASE WHEN inspection_id IS NULL THEN 'no_inspection_held'
            WHEN overall_grade IS NULL THEN 'no_overall_grade'
            ELSE overall_grade END AS latest_grade,
       count(*) AS authorities
FROM national
GROUP BY ALL
ORDER BY region, latest_grade
""",
)

LAST_RUN = Query(
    "last_run",
    """
SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M') AS started, strftime(finished_at, '%Y-%m-%d %H:%M') AS finished,
       councils, new_publications, new_alerts, documents_downloaded, errors
FROM runs
ORDER BY started_at DESC
LIMIT 1
""",
)

_ALERT_COLUMNS = """strftime(a.created_at, '%Y-%m-%d %H:%M') AS raised, a.council, coalesce(a.tier, 'alert') AS tier,
       a.review_type, a.stage, a.title, a.reason, a.url,
       (SELECT min(s.review_id) FROM review_sources s WHERE s.url = a.url) AS review_id"""

ALERTS_SINCE_LAST_RUN = Query(
    "alerts_since_last_run",
    f"""
SELECT {_ALERT_COLUMNS}
FROM alerts a
WHERE a.run_id = (SELECT arg_max(run_id, started_at) FROM runs)
ORDER BY a.created_at DESC, a.url
LIMIT {HOME_LIMIT}
""",
)

ALERTS_30_DAYS = Query(
    "alerts_last_30_days",
    f"""
SELECT {_ALERT_COLUMNS}
FROM alerts a
WHERE a.created_at >= (SELECT max(started_at) FROM runs) - INTERVAL 30 DAY
ORDER BY a.created_at DESC, a.url
LIMIT {HOME_LIMIT}
""",
)

ALERT_COUNTS = Query(
    "alert_counts",
    """
SELECT 'since the last run' AS period, coalesce(a.tier, 'alert') AS tier, count(*) AS publications
FROM alerts a WHERE a.run_id = (SELECT arg_max(run_id, started_at) FROM runs) GROUP BY ALL
UNION ALL
SELECT 'last 30 days', coalesce(a.tier, 'alert'), count(*)
FROM alerts a WHERE a.created_at >= (SELECT max(started_at) FROM runs) - INTERVAL 30 DAY GROUP BY ALL
ORDER BY period DESC, tier
""",
)

ALERTS_FEED = Query(
    "alerts_feed",
    f"""
SELECT {_ALERT_COLUMNS}, a.found_by
FROM alerts a
ORDER BY a.created_at DESC, a.url
LIMIT {LIST_LIMIT}
""",
)

# A healthy source's last success is every night's date: shown only when the source is failing, so that a night in
# which every council answered does not rewrite every council's page.
HEALTH = Query(
    "harvest_health",
    """
SELECT h.council, h.source, h.route,
       CASE WHEN h.consecutive_failed_runs > 0 OR q.warning_kind IS NOT NULL
            THEN strftime(h.last_success, '%Y-%m-%d') END AS last_success,
       strftime(h.last_new_publication, '%Y-%m-%d') AS last_new_publication, h.consecutive_failed_runs,
       q.warning_kind, q.warning, h.last_error
FROM source_health h LEFT JOIN quiet_sources q USING (council, source)
{where}
ORDER BY h.council, h.source
""",
    key="h.council",
)

NEEDS_ATTENTION = Query(
    "sources_needing_attention",
    """
SELECT h.council, h.source, h.route, strftime(h.last_success, '%Y-%m-%d') AS last_success,
       strftime(h.last_new_publication, '%Y-%m-%d') AS last_new_publication, h.consecutive_failed_runs,
       q.warning_kind, q.warning, h.last_error
FROM source_health h LEFT JOIN quiet_sources q USING (council, source)
WHERE q.warning_kind IS NOT NULL OR h.consecutive_failed_runs > 0
ORDER BY h.council, h.source
""",
)

LAST_RUN_ERRORS = Query(
    "last_run_errors",
    """
SELECT f.council, f.error_class, count(*) AS requests
FROM fetch_log f
{where} AND f.run_id = (SELECT arg_max(run_id, started_at) FROM runs) AND f.error IS NOT NULL
GROUP BY ALL
ORDER BY f.council, f.error_class
""",
    key="f.council",
)

COUNCILS = Query(
    "councils",
    """
SELECT c.slug, c.name, c.gss_code, c.la_type, c.region, c.moderngov_url, coalesce(c.news_feed_url, c.news_url) AS news,
       (SELECT count(*) FROM reviews r WHERE r.council = c.slug) AS reviews
FROM councils c
ORDER BY c.name
""",
)

COUNCIL_REVIEWS = Query(
    "council_reviews",
    f"""
SELECT r.council, r.review_id, r.review_type, r.service_area, r.stage, r.fieldwork_start, r.fieldwork_end,
       r.fieldwork_precision, r.first_reported_date, r.first_reported_where,
       (SELECT count(*) FROM review_sources s WHERE s.review_id = r.review_id) AS sources,
       (SELECT string_agg(j.area || '=' || j.grade, '; ' ORDER BY j.area) FROM review_judgements j
         WHERE j.review_id = r.review_id) AS judgements
FROM reviews r
{{where}}
ORDER BY {REVIEW_DATE} NULLS LAST, r.review_id
""",
    key="r.council",
)

COUNCIL_GRADES = Query(
    "council_grades",
    f"""
SELECT r.council, {JUDGED_ON} AS judged_on, r.review_type, r.review_id, j.area, j.grade
FROM review_judgements j JOIN reviews r USING (review_id)
{{where}} AND j.grade <> 'not_judged' AND {JUDGED_ON} IS NOT NULL
ORDER BY judged_on, r.review_id, j.area
""",
    key="r.council",
)

COUNCIL_SOURCES = Query(
    "council_sources",
    """
SELECT r.council, s.reported_date, s.review_id, s.kind, s.stage, s.reported_where, p.title, s.url,
       (SELECT string_agg(d.document_url, ' ' ORDER BY d.document_url) FROM item_documents d
         WHERE d.item_url = s.url) AS documents
FROM review_sources s JOIN reviews r USING (review_id) LEFT JOIN publications p ON p.url = s.url
{where}
ORDER BY s.reported_date, s.review_id, s.url
""",
    key="r.council",
)


def review_query(provenance: tuple[str, ...] = ()) -> Query:
    """One line per review; with the columns saying where its fieldwork dates were read, when it has them."""
    extra = "".join(f', r."{c}"' for c in provenance)
    return Query(
        "review",
        f"""
SELECT r.review_id, r.council, c.name AS council_name, r.review_type, r.service_area, r.stage,
       r.fieldwork_start, r.fieldwork_end, r.fieldwork_precision, r.fieldwork_raw{extra},
       r.first_reported_date, r.first_reported_where, r.follows_review_id
FROM reviews r LEFT JOIN councils c ON c.slug = r.council
{{where}}
ORDER BY r.review_id
""",
        key="r.review_id",
    )


REVIEW = review_query()


def judgements_query(provenance: tuple[str, ...]) -> Query:
    extra = "".join(f', j."{c}"' for c in provenance)
    return Query(
        "review_judgements",
        f"""
SELECT j.review_id, j.area, j.grade, j.grade_raw{extra}, j.source_url
FROM review_judgements j
{{where}}
ORDER BY j.review_id, j.area
""",
        key="j.review_id",
    )


FINDINGS = Query(
    "review_findings",
    """
SELECT f.review_id, f.kind, f.text, f.source_url
FROM review_findings f
{where}
ORDER BY f.review_id, f.kind, f.text
""",
    key="f.review_id",
)

TEAM = Query(
    "review_team",
    """
SELECT t.review_id, t.name, t.role, t.organisation
FROM review_team t
{where}
ORDER BY t.review_id, t.name
""",
    key="t.review_id",
)

SOURCES = Query(
    "review_sources",
    """
SELECT s.review_id, s.reported_date, s.kind, s.stage, s.reported_where, p.title, s.url,
       (SELECT string_agg(d.document_url, ' ' ORDER BY d.document_url) FROM item_documents d
         WHERE d.item_url = s.url) AS documents
FROM review_sources s LEFT JOIN publications p ON p.url = s.url
{where}
ORDER BY s.review_id, s.reported_date, s.url
""",
    key="s.review_id",
)

EVIDENCE = Query(
    "review_evidence",
    """
SELECT s.review_id, k.url, k.rule, array_to_string(k.evidence, ' | ') AS evidence, a.tier AS flagged_as,
       strftime(a.created_at, '%Y-%m-%d %H:%M') AS flagged_at
FROM review_sources s JOIN classifications k ON k.url = s.url LEFT JOIN alerts a ON a.url = s.url
{where}
ORDER BY s.review_id, k.url
""",
    key="s.review_id",
)

PAGE_QUERIES = (
    QUARTERLY,
    YEAR_REVIEWS,
    NATIONAL,
    REGION_GRADES,
    LAST_RUN,
    ALERTS_SINCE_LAST_RUN,
    ALERTS_30_DAYS,
    ALERT_COUNTS,
    ALERTS_FEED,
    HEALTH,
    NEEDS_ATTENTION,
    LAST_RUN_ERRORS,
    COUNCILS,
    COUNCIL_REVIEWS,
    COUNCIL_GRADES,
    COUNCIL_SOURCES,
    REVIEW,
    FINDINGS,
    TEAM,
    SOURCES,
    EVIDENCE,
)


@dataclass
class ReportData:
    """Everything the report shows, read in one pass."""

    quarterly: Table
    national: Table
    region_grades: Table
    last_run: Table
    alert_counts: Table
    alerts_since_last_run: Table
    alerts_30_days: Table
    alerts_feed: Table
    health: Table
    needs_attention: Table
    last_run_errors: Table
    councils: Table
    year_reviews: Table
    council_reviews: Table
    council_grades: Table
    council_sources: Table
    reviews: Table
    judgements: Table
    findings: Table
    team: Table
    sources: Table
    evidence: Table


def _columns(con, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
        ).fetchall()
    ]


def judgement_provenance_columns(con) -> tuple[str, ...]:
    """Columns review_judgements has beyond the first schema's: where each grade was read (source_document,
    source_page, source_line since migration 15). The pages show whatever of them this warehouse has."""
    return tuple(c for c in _columns(con, "review_judgements") if c not in JUDGEMENT_BASE_COLUMNS)


def fieldwork_provenance_columns(con) -> tuple[str, ...]:
    """Where the fieldwork dates were read (fieldwork_document, fieldwork_page, fieldwork_line), when present."""
    return tuple(c for c in _columns(con, "reviews") if c in FIELDWORK_PROVENANCE)


def open_for_report(db: str | Path):
    """A read-only connection whose times read as UTC, as the pages (and the SQL they show) state them."""
    con = connect(db, read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    return con


def run_query(con, query: Query, value=None) -> Table:
    """The query's rows: for one page's subject (`value`), or for every page at once."""
    cur = con.execute(query.sql(value))
    return Table(query, [d[0] for d in cur.description], cur.fetchall())


def read_report_data(db: str | Path) -> ReportData:
    con = open_for_report(db)
    try:
        return ReportData(
            quarterly=run_query(con, QUARTERLY),
            national=run_query(con, NATIONAL),
            region_grades=run_query(con, REGION_GRADES),
            last_run=run_query(con, LAST_RUN),
            alert_counts=run_query(con, ALERT_COUNTS),
            alerts_since_last_run=run_query(con, ALERTS_SINCE_LAST_RUN),
            alerts_30_days=run_query(con, ALERTS_30_DAYS),
            alerts_feed=run_query(con, ALERTS_FEED),
            health=run_query(con, HEALTH),
            needs_attention=run_query(con, NEEDS_ATTENTION),
            last_run_errors=run_query(con, LAST_RUN_ERRORS),
            councils=run_query(con, COUNCILS),
            year_reviews=run_query(con, YEAR_REVIEWS),
            council_reviews=run_query(con, COUNCIL_REVIEWS),
            council_grades=run_query(con, COUNCIL_GRADES),
            council_sources=run_query(con, COUNCIL_SOURCES),
            reviews=run_query(con, review_query(fieldwork_provenance_columns(con))),
            judgements=run_query(con, judgements_query(judgement_provenance_columns(con))),
            findings=run_query(con, FINDINGS),
            team=run_query(con, TEAM),
            sources=run_query(con, SOURCES),
            evidence=run_query(con, EVIDENCE),
        )
    finally:
        con.close()


def run_shown_sql(db: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run SQL as a page shows it (for the tests and for anyone checking a page)."""
    con = open_for_report(db)
    try:
        cur = con.execute(sql)
        return [d[0] for d in cur.description], cur.fetchall()
    finally:
        con.close()


def plain(value):
    """A value as the page records it beside each row: text, or None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
