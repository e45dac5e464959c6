"""Read-side helpers for the CLI: SQL, full-text search, export, review overview."""
from __future__ import annotations

import re
from pathlib import Path

from warehouse.db import connect


def run_sql(db: str, sql: str) -> tuple[list[str], list[tuple]]:
    con = connect(db, read_only=True)
    try:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description] if cur.description else []
        return columns, cur.fetchall()
    finally:
        con.close()


def search(db: str, terms: str, limit: int = 10, council: str | None = None, review_type: str | None = None,
           since=None) -> tuple[list[str], list[tuple]]:
    """Ranked full-text search (the tantivy index beside the warehouse; see warehouse/search.py)."""
    from warehouse.search import search as search_index

    return search_index(db, terms, limit, council=council, review_type=review_type, since=since)


def run_sql_params(db: str, sql: str, params: list) -> tuple[list[str], list[tuple]]:
    con = connect(db, read_only=True)
    try:
        cur = con.execute(sql, params)
        return [d[0] for d in cur.description], cur.fetchall()
    finally:
        con.close()


def export(db: str, what: str, out: str) -> int:
    source = what if re.match(r"^\s*(select|with)\b", what, re.I) else f'SELECT * FROM "{what}"'
    fmt = {".csv": "CSV, HEADER", ".parquet": "PARQUET", ".json": "JSON"}.get(Path(out).suffix.lower())
    if fmt is None:
        raise SystemExit("peerwatch: --out must end in .csv, .parquet or .json")
    con = connect(db, read_only=True)
    try:
        count = con.execute(f"SELECT count(*) FROM ({source})").fetchone()[0]
        con.execute(f"COPY ({source}) TO '{out}' (FORMAT {fmt})")
        return count
    finally:
        con.close()


def review_overview(db: str) -> list[dict]:
    columns, rows = run_sql(db, "SELECT * FROM review_overview ORDER BY council, first_reported_date")
    out = []
    for row in rows:
        r = dict(zip(columns, row))
        if r["fieldwork_start"]:
            r["fieldwork"] = (f"fieldwork {r['fieldwork_start']}–{r['fieldwork_end']}"
                              + (" (month)" if r["fieldwork_precision"] == "month" else ""))
        elif r["fieldwork_raw"]:
            r["fieldwork"] = f"fieldwork unresolved: “{r['fieldwork_raw']}”"
        else:
            r["fieldwork"] = None
        out.append(r)
    return out


def print_table(columns: list[str], rows: list[tuple], width: int = 60) -> None:
    if not columns:
        return
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)))
    print(f"({len(rows)} rows)")


def _cell(value, width: int) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
