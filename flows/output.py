"""Rows printed for people or for tools: `--format table|csv|json|markdown`, `--wide`.

A table is fitted to the terminal by folding long cells onto more lines (rich), never cutting them; a
URL is never folded (a terminal could not open half of one): when the URLs do not fit beside the other
columns, each row is printed as `column | value` lines instead. `--wide` prints each row on one line at
full length. Cells are shown as text, never as markup (search's [highlights] stay), and control characters
a council's text may hold (an escape sequence could rewrite the terminal) are shown escaped.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import IO

FORMATS = ("table", "csv", "json", "markdown")


def add_format_options(parser) -> None:
    """The output options every listing command shares."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table for reading (default), csv/json for tools, markdown for notes",
    )
    parser.add_argument("--wide", action="store_true", help="table rows on one line each, nothing folded")


def render(
    columns: list[str], rows: list[tuple], fmt: str = "table", wide: bool = False, out: IO[str] | None = None
) -> None:
    out = out or sys.stdout
    if not columns:
        return
    if fmt == "table" and not wide and not _is_terminal(out):
        wide = True  # piped or redirected: one row a line, nothing folded, easy to grep
    {"table": _wide_table if wide else _rich_table, "csv": _csv, "json": _json, "markdown": _markdown}[fmt](
        columns, rows, out
    )


def _is_terminal(out) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def text_of(value) -> str:
    """A cell as text: numbers without float noise, lists joined, nothing cut."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1e12 else f"{value:.3g}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M")
            if value.second == 0 and not value.microsecond
            else value.strftime("%Y-%m-%d %H:%M:%S")
        )
    if isinstance(value, (list, tuple)):
        return "; ".join(text_of(v) for v in value)
    return str(value)


def _json_value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


SHORT = 12  # values up to this long (dates, counts, slugs) are never folded
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_URL = re.compile(r"^https?://\S+$")


def for_terminal(text: str) -> str:
    """Text safe to print on a terminal: control characters (ESC and the rest) shown as \\xNN, lines joined."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\r\n", " ").replace("\n", " "))


def rows_caption(n: int) -> str:
    return f"({n} row{'s' if n != 1 else ''})"


def _is_url_column(cells: list[list[str]], i: int) -> bool:
    values = [r[i] for r in cells if r[i]]
    return bool(values) and all(_URL.match(v) for v in values)


def _rich_table(columns, rows, out) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False)
    cells = [[for_terminal(text_of(v)) for v in row] for row in rows]
    longest = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    urls = [_is_url_column(cells, i) for i in range(len(columns))]
    floor = [
        n if n <= SHORT or url else max(SHORT, len(c) if len(c) <= 20 else SHORT)
        for n, c, url in zip(longest, columns, urls)
    ]
    if sum(floor) + 3 * len(columns) > console.width:
        _records(columns, cells, out)  # too wide for this terminal (or a URL would fold): one block per row
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for c, width, url in zip(columns, floor, urls):
        # Short columns and URLs keep their width; long text (titles, snippets) folds onto more lines, never cut.
        table.add_column(c, overflow="ignore" if url else "fold", no_wrap=url, min_width=width)
    for row in cells:
        table.add_row(*(Text(v) for v in row))  # as text: "[peer]" is a highlight, not markup
    console.print(table)
    print(rows_caption(len(rows)), file=out)  # below the table, never folded to a narrow table's width


def _records(columns, cells, out) -> None:
    """Each row as `column: value` lines: for results wider than the terminal, like psql's expanded mode."""
    width = max(len(c) for c in columns)
    for n, row in enumerate(cells, 1):
        print(f"-[ row {n} ]" + "-" * max(0, width - 6), file=out)
        for c, v in zip(columns, row):
            print(f"{c.ljust(width)} | {v}", file=out)
    print(rows_caption(len(cells)), file=out)


def _wide_table(columns, rows, out) -> None:
    cells = [[for_terminal(text_of(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip(), file=out)
    print(rows_caption(len(rows)), file=out)


def _csv(columns, rows, out) -> None:
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                ""
                if v is None
                else (str(v) if isinstance(v, (datetime, date)) else text_of(v) if isinstance(v, (list, tuple)) else v)
                for v in row
            ]
        )


def _json(columns, rows, out) -> None:
    json.dump([{c: _json_value(v) for c, v in zip(columns, row)} for row in rows], out, ensure_ascii=False, indent=1)
    out.write("\n")


def _markdown(columns, rows, out) -> None:
    def cell(value) -> str:
        return text_of(value).replace("\n", " ").replace("|", "\\|")

    print("| " + " | ".join(columns) + " |", file=out)
    print("|" + "|".join("---" for _ in columns) + "|", file=out)
    for row in rows:
        print("| " + " | ".join(cell(v) for v in row) + " |", file=out)
