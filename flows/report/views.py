"""Tables of the report as the templates render them: each row keeps the SQL's values, each cell knows its kind.

A row carries its query's values (`data-row`, JSON) so the test can compare the page with the SQL shown on it;
its cells carry words, grade colours and links for people.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from flows.report.words import (
    ERROR_CLASSES,
    GRADES,
    PRECISION,
    REVIEW_TYPES,
    STAGES,
    TIERS,
    area_words,
    grade_rank,
    words,
)
from warehouse.report_data import Table, plain

REVIEW_COLUMNS = {"review_id", "inspection_id", "peer_review_id", "follows_review_id"}
GRADE_COLUMNS = {"grade", "overall_grade", "latest_grade"}
TYPE_COLUMNS = {"review_type", "framework", "peer_review_type"}
SOURCE_COLUMNS = {"url", "source_url", "document_url"}
LABELS = {
    "review_id": "review",
    "inspection_id": "inspection",
    "peer_review_id": "peer review",
    "gss_code": "GSS code",
    "la_type": "type",
    "la_code": "authority code",
    "grade_raw": "read from",
    "raw_line": "line read",
    "raw": "line read",
    "line": "line read",
    "url": "source",
    "source_url": "source",
    "document_url": "document",
    "follows_review_id": "returns to",
    "first_reported_where": "first reported at",
    "first_reported_date": "first reported",
    "consecutive_failed_runs": "failed runs in a row",
    "judged_on": "date",
    "flagged_as": "flagged as",
    "flagged_at": "flagged at",
    "latest_grade": "latest overall grade",
    "overall_grade": "overall grade",
    "source_document": "document no.",
    "source_page": "page",
    "source_line": "line read",
    "fieldwork_document": "fieldwork document no.",
    "fieldwork_page": "fieldwork page",
    "fieldwork_line": "fieldwork line read",
}


def safe_name(text: str) -> str:
    """A council slug or review id as a file name (slugs come from the user's councils file)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-") or "x"


@dataclass
class Cell:
    column: str
    kind: str
    text: str
    value: object = None
    href: str | None = None
    sort: str | None = None
    grade: str | None = None
    chips: list[tuple[str, str, str]] = field(default_factory=list)  # (area words, grade, grade words)
    links: list[tuple[str, str | None]] = field(default_factory=list)  # (text, outside address or None)
    filter: str | None = None  # the value a table filter matches (the SQL's word, not the shown words)


@dataclass
class RowView:
    data: str
    cells: list[Cell]


@dataclass
class TableView:
    name: str
    sql: str
    headers: list[tuple[str, str]]
    rows: list[RowView]
    caption: str = ""
    sortable: bool = False
    hidden: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.rows)


def chips(text: str | None) -> list[tuple[str, str, str]]:
    """'area=grade; area=grade' as (area words, grade, grade words)."""
    out = []
    for part in (text or "").split("; "):
        if "=" in part:
            area, grade = part.split("=", 1)
            out.append((area_words(area), grade, words(GRADES, grade)))
    return out


def short_address(url: str) -> str:
    """An address as a reader recognises it: the file's name for a document, the path for a page."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url) or url
    name = unquote(path.rsplit("/", 1)[-1])
    tail = name if re.search(r"\.(?:pdf|docx?|xlsx?|odt)$", name, re.I) else unquote(path)
    return tail if len(tail) <= 60 else tail[:57] + "…"


def followable(url: str) -> bool:
    """Only web addresses become links: an address a site gave us in another scheme stays text."""
    return url.startswith(("http://", "https://"))


def source_links(urls) -> list[tuple[str, str | None]]:
    return [(short_address(u), u if followable(u) else None) for u in urls]


def make_cell(column: str, value, links: dict[str, Callable[[dict], str | None]], row: dict, root: str) -> Cell:
    text = "—" if value is None else str(value)
    href = links[column](row) if column in links else None
    if column in REVIEW_COLUMNS:
        return Cell(
            column,
            "link",
            value[:8] if value else "—",
            value,
            href or (f"{root}reviews/{safe_name(value)}.html" if value else None),
        )
    if column == "council" and value is not None:
        return Cell(column, "link", text, value, href or f"{root}councils/{safe_name(value)}.html")
    if column in GRADE_COLUMNS:
        return Cell(
            column,
            "grade",
            words(GRADES, value),
            value,
            href,
            sort=f"{grade_rank(value):02d}",
            grade=value or "none",
            filter=value or "",
        )
    if column in TYPE_COLUMNS:
        return Cell(column, "text", words(REVIEW_TYPES, value), value, href, filter=value or "")
    if column == "stage":
        return Cell(column, "text", words(STAGES, value), value, href)
    if column == "tier":
        return Cell(column, "text", words(TIERS, value), value, href)
    if column == "fieldwork_precision":
        return Cell(column, "text", words(PRECISION, value), value, href)
    if column == "error_class":
        return Cell(column, "text", words(ERROR_CLASSES, value), value, href)
    if column == "area":
        return Cell(column, "text", area_words(value), value, href)
    if column in ("judgements", "grades"):
        return Cell(column, "chips", text, value, href, chips=chips(value))
    if column in SOURCE_COLUMNS and value:
        return Cell(column, "sources", text, value, links=source_links([value]))
    if column == "documents":
        return Cell(column, "sources", text, value, links=source_links((value or "").split()))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Cell(column, "number", text, value, href, sort=f"{value:012d}" if isinstance(value, int) else text)
    return Cell(column, "text", text, value, href, sort=plain(value))


def table_view(
    table: Table,
    sql_value=None,
    root: str = "",
    links: dict | None = None,
    hidden: tuple[str, ...] = (),
    caption: str = "",
    sortable: bool = False,
) -> TableView:
    """The rows of `table` for one page; `sql_value` is the page's filter as written into the SQL it shows."""
    links = links or {}
    headers = [(c, LABELS.get(c, c.replace("_", " "))) for c in table.columns if c not in hidden]
    rows = []
    for raw in table.rows:
        row = dict(zip(table.columns, raw))
        cells = [make_cell(c, row[c], links, row, root) for c in table.columns if c not in hidden]
        rows.append(RowView(json.dumps([plain(v) for v in raw], ensure_ascii=False), cells))
    return TableView(table.query.name, table.query.sql(sql_value), headers, rows, caption, sortable, hidden)
