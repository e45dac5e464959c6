"""Output for people and tools: nothing cut, scores without float noise, csv/json/markdown that parse."""

import csv
import io
import json
from datetime import date

from flows.output import _rich_table, render, text_of

URL = "https://democracy.example.gov.uk/mgAi.aspx?ID=" + "1234567890" * 12
COLUMNS = ["score", "council", "published_date", "title", "url"]
ROWS = [(1.6012345678901234, "worcs", date(2015, 6, 25), "Peer review | findings", URL)]


def test_scores_are_printed_without_sixteen_digits():
    assert text_of(1.6012345678901234) == "1.601" and text_of(2.0) == "2" and text_of(["a", "b"]) == "a; b"


def test_a_table_on_a_narrow_terminal_never_cuts_or_folds_a_url():
    out = io.StringIO()
    _rich_table(COLUMNS, ROWS, out)  # rich's default width for a non-terminal: 80 columns
    lines = out.getvalue().splitlines()
    assert any(line.rstrip().endswith(URL) for line in lines)  # whole, on one line
    assert max(len(line.rstrip()) for line in lines if URL not in line) <= 80


def test_piped_table_output_is_one_row_a_line_at_full_length():
    out = io.StringIO()
    render(COLUMNS, ROWS, "table", out=out)
    assert any(line.rstrip().endswith(URL) for line in out.getvalue().splitlines())


def test_csv_json_and_markdown_parse():
    out = io.StringIO()
    render(COLUMNS, ROWS, "csv", out=out)
    assert list(csv.DictReader(io.StringIO(out.getvalue())))[0]["url"] == URL
    out = io.StringIO()
    render(COLUMNS, ROWS, "json", out=out)
    assert json.loads(out.getvalue()) == [
        {
            "score": 1.6012345678901234,
            "council": "worcs",
            "published_date": "2015-06-25",
            "title": "Peer review | findings",
            "url": URL,
        }
    ]
    out = io.StringIO()
    render(COLUMNS, ROWS, "markdown", out=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "| score | council | published_date | title | url |"
    assert "Peer review \\| findings" in lines[2] and lines[2].count(" | ") == 4
