"""Read-side helpers for the CLI: SQL, full-text search, export, review overview.

Every reader opens the warehouse read-only (waiting briefly while a harvest writes a council), so
queries work during a nightly run. A mistake in the user's SQL or names becomes a QueryError whose
message is DuckDB's first line and what to try.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.db import connect
from warehouse.errors import UserError

EXPORT_FORMATS = {
    ".csv": "FORMAT CSV, HEADER",
    ".parquet": "FORMAT PARQUET",
    ".json": "FORMAT JSON, ARRAY true",
    ".jsonl": "FORMAT JSON",
    ".ndjson": "FORMAT JSON",
}
XLSX_CELL_LIMIT = 32767  # Excel refuses longer cells


class QueryError(UserError):
    """The SQL, or a table name in it, is wrong (exit 2). Shown whole: DuckDB's "Did you mean …", candidate
    columns and the caret under the mistake are the most useful part."""

    whole_message = True


def _sql_error(exc: duckdb.Error) -> QueryError:
    whole = str(exc).strip() or exc.__class__.__name__
    hint = ""
    if isinstance(exc, duckdb.CatalogException):
        hint = "\n(`peerwatch schema` lists the tables and their columns)"
    elif isinstance(exc, duckdb.InvalidInputException) and "read-only" in whole:
        whole = "the warehouse is opened read-only here: queries can read but not change it"
    return QueryError(f"SQL error: {whole}{hint}")


def _execute(con, sql: str, params: list | None = None):
    try:
        return con.execute(sql, params) if params is not None else con.execute(sql)
    except (duckdb.ProgrammingError, duckdb.DataError, duckdb.ConversionException, duckdb.InvalidInputException) as exc:
        raise _sql_error(exc) from exc


def run_sql(db: str, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
    con = connect(db, read_only=True)
    try:
        cur = _execute(con, sql, params)
        columns = [d[0] for d in cur.description] if cur.description else []
        return columns, cur.fetchall() if columns else []
    finally:
        con.close()


def search(
    db: str, terms: str, limit: int = 10, council: str | None = None, review_type: str | None = None, since=None
) -> tuple[list[str], list[tuple]]:
    """Ranked full-text search (the tantivy index beside the warehouse; see warehouse/search.py). A council or
    type the warehouse does not know is refused, naming the nearest (warehouse/filters.py)."""
    from warehouse.search import search as search_index

    filters = resolved_filters(db, council=council, review_type=review_type)
    return search_index(db, terms, limit, council=filters.council, review_type=filters.review_type, since=since)


def resolved_filters(db: str, **given):
    from warehouse.filters import resolve

    con = connect(db, read_only=True)
    try:
        return resolve(con, **given)
    finally:
        con.close()


def run_sql_params(db: str, sql: str, params: list) -> tuple[list[str], list[tuple]]:
    return run_sql(db, sql, params)


ALERT_COLUMNS = ["created_at", "council", "review_type", "published_date", "title", "reason", "url", "found_by"]


def alerts(
    db: str,
    limit: int = 20,
    worth_a_look: bool = False,
    council: str | None = None,
    review_type: str | None = None,
    since=None,
    region: str | None = None,
    tier: str | None = None,
) -> tuple[list[str], list[tuple]]:
    """Alerts, newest first, with the publication's date and why it was flagged; or the worth-a-look tier
    (strong but incomplete signals). Filters by council, review type, publication date (on or after), the
    council's region and tier (county, unitary, …); an unknown value is refused naming the nearest."""
    f = resolved_filters(db, council=council, review_type=review_type, region=region, tier=tier)
    return run_sql(
        db,
        f"""
        SELECT {", ".join("p.published_date" if c == "published_date" else f"a.{c}" for c in ALERT_COLUMNS)}
        FROM alerts a LEFT JOIN publications p ON p.url = a.url LEFT JOIN councils c ON c.slug = a.council
        WHERE coalesce(a.tier, 'alert') = $tier_wanted
          AND ($council IS NULL OR a.council = $council) AND ($type IS NULL OR a.review_type = $type)
          AND ($since IS NULL OR p.published_date >= $since) AND ($region IS NULL OR c.region = $region)
          AND ($la_type IS NULL OR c.la_type = $la_type)
        ORDER BY a.created_at DESC, p.published_date DESC NULLS LAST, a.url LIMIT $limit""",
        {
            "tier_wanted": "worth_a_look" if worth_a_look else "alert",
            "council": f.council,
            "type": f.review_type,
            "since": since,
            "region": f.region,
            "la_type": f.tier,
            "limit": limit,
        },
    )


HISTORY_COLUMNS = ["fieldwork", "first_reported", "review_type", "service_area", "stage", "grades", "sources"]


def council_history(db: str, council: str) -> tuple[list[str], list[tuple]]:
    """A council's reviews over time (oldest first): when, what, how far it went, its grades and where it was
    reported."""
    slug = resolved_filters(db, council=council).council
    columns, rows = run_sql(
        db,
        """
        SELECT CASE WHEN r.fieldwork_start IS NULL THEN r.fieldwork_raw
                    WHEN r.fieldwork_precision = 'month' THEN strftime(r.fieldwork_start, '%B %Y')
                    WHEN r.fieldwork_start = r.fieldwork_end THEN strftime(r.fieldwork_start, '%Y-%m-%d')
                    ELSE strftime(r.fieldwork_start, '%Y-%m-%d') || ' to ' || strftime(r.fieldwork_end, '%Y-%m-%d')
               END,
               r.first_reported_date, r.review_type, r.service_area, r.stage,
               (SELECT string_agg(j.area || '=' || j.grade, '; ' ORDER BY j.area) FROM review_judgements j
                WHERE j.review_id = r.review_id AND j.grade <> 'not_judged'),
               (SELECT list(s.url ORDER BY s.reported_date NULLS LAST, s.url) FROM review_sources s
                WHERE s.review_id = r.review_id)
        FROM reviews r WHERE r.council = ?
        ORDER BY coalesce(r.fieldwork_start, r.first_reported_date) NULLS LAST, r.review_type""",
        [slug],
    )
    return HISTORY_COLUMNS, rows


# -- export --------------------------------------------------------------------------------------
def _relation_exists(con, name: str) -> bool:
    return (
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?", [name]
        ).fetchone()[0]
        > 0
    )


def _relations(con) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
        ).fetchall()
    ]


def _source_sql(con, what: str) -> str:
    if re.match(r"^\s*(select|with|from)\b", what, re.I):
        return what.strip().rstrip(";")  # it is wrapped in COPY (…): a closing semicolon would end it early
    if not _relation_exists(con, what):
        raise UserError(
            f"no table or view named {what!r} in the warehouse; give one of "
            f"{', '.join(_relations(con))}, or a SELECT statement"
        )
    return 'SELECT * FROM "' + what.replace('"', '""') + '"'


def _sql_string(text: str) -> str:
    """A SQL string literal: COPY takes its file name as a literal, not a parameter."""
    return "'" + text.replace("'", "''") + "'"


def check_output_path(out: Path, suffixes) -> str:
    suffix = out.suffix.lower()
    if suffix not in suffixes:
        raise UserError(f"--out {out}: the name must end in {', '.join(suffixes)} (it sets the format)")
    if out.is_dir():
        raise UserError(f"--out {out} is a folder; give a file name inside it")
    if not out.parent.is_dir():
        raise UserError(f"--out {out}: the folder {out.parent} does not exist; create it first")
    return suffix


def export(db: str, what: str, out: str) -> int:
    """Write a table, view or SELECT to `out`; the format follows the suffix. Returns the row count."""
    out_path = Path(out)
    suffix = check_output_path(out_path, [*EXPORT_FORMATS, ".xlsx"])
    con = connect(db, read_only=True)
    try:
        source = _source_sql(con, what)
        if suffix == ".xlsx":
            return _export_xlsx(con, source, out_path)
        count = _execute(con, f"SELECT count(*) FROM ({source})").fetchone()[0]
        _execute(con, f"COPY ({source}) TO {_sql_string(str(out_path))} ({EXPORT_FORMATS[suffix]})")
        return count
    finally:
        con.close()


def export_all(db: str, folder: str) -> list[tuple[str, int]]:
    """Every public table and view as <folder>/<name>.parquet; returns (name, rows) for each."""
    from warehouse.schema_docs import public_relations

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise UserError(f"--all {target} is a file; give a folder (it is created if missing)")
    if not target.parent.is_dir():
        raise UserError(f"--all {target}: the folder {target.parent} does not exist; create it first")
    target.mkdir(exist_ok=True)
    con = connect(db, read_only=True)
    written = []
    try:
        present = set(_relations(con))
        for name in public_relations():
            if name not in present:
                continue
            path = target / f"{name}.parquet"
            count = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            con.execute(f'COPY (SELECT * FROM "{name}") TO {_sql_string(str(path))} (FORMAT PARQUET)')
            written.append((name, count))
        return written
    finally:
        con.close()


def _export_xlsx(con, source: str, out: Path) -> int:
    from openpyxl import Workbook

    from transforms.clean import clean_text

    cur = _execute(con, source)
    columns = [d[0] for d in cur.description]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("export")
    sheet.append(columns)
    count = 0
    while batch := cur.fetchmany(1000):
        for row in batch:
            sheet.append([_xlsx_cell(v, clean_text) for v in row])
            count += 1
    book.save(out)
    return count


def _xlsx_cell(value, clean_text):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; warehouse times are UTC
    if isinstance(value, (list, tuple)):
        value = "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        value = str(value)
    if isinstance(value, str):
        value = clean_text(value)
        return value if len(value) <= XLSX_CELL_LIMIT else value[: XLSX_CELL_LIMIT - 1] + "…"
    return value


def review_overview(db: str) -> list[dict]:
    columns, rows = run_sql(db, "SELECT * FROM review_overview ORDER BY council, first_reported_date")
    out = []
    for row in rows:
        r = dict(zip(columns, row))
        if r["fieldwork_start"]:
            r["fieldwork"] = f"fieldwork {r['fieldwork_start']}–{r['fieldwork_end']}" + (
                " (month)" if r["fieldwork_precision"] == "month" else ""
            )
        elif r["fieldwork_raw"]:
            r["fieldwork"] = f"fieldwork unresolved: “{r['fieldwork_raw']}”"
        else:
            r["fieldwork"] = None
        out.append(r)
    return out
