"""docs/outcomes.md names every area and grade the readers record, and its SQL runs on a warehouse holding a real
reading (docs that run)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.support.report_pages import SIF_2016_ROWS
from transforms.reviews import classify_and_extract
from transforms.vocabulary.areas import AREAS_BY_FRAMEWORK, FRAMEWORK_AREAS, TABLE_LABELS
from transforms.vocabulary.grades import GRADE_CELLS, GRADE_NAMES
from warehouse import load as wl
from warehouse.db import open_warehouse

DOC = Path(__file__).resolve().parents[1] / "docs" / "outcomes.md"


def test_every_area_and_grade_is_documented():
    text = DOC.read_text(encoding="utf-8")
    areas = (
        {a for areas in AREAS_BY_FRAMEWORK.values() for a in areas}
        | {a for areas in FRAMEWORK_AREAS.values() for a in areas}
        | {row[2] for row in TABLE_LABELS}
    )
    grades = set(GRADE_NAMES) | {row[1] for row in GRADE_CELLS}
    missing = sorted(n for n in areas | grades if f"`{n}`" not in text)
    assert not missing, f"not in docs/outcomes.md: {missing}"


def _statements() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return [s.strip() for block in blocks for s in block.split(";") if s.strip()]


@pytest.mark.parametrize("sql", _statements(), ids=lambda s: s.splitlines()[0][:50])
def test_each_query_runs_and_gives_the_sif_reading_with_its_page(sql, tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    c, records = classify_and_extract(
        "northby", "Appendix 1", "", [(SIF_2016_ROWS, SIF_2016_ROWS)], date(2016, 5, 20), "Children's Scrutiny"
    )
    for record in records:
        wl.link_review(con, record, "https://example.org/item/1", "agenda_item")
    rows = con.execute(sql).fetchall()
    con.close()
    assert rows
    flat = [str(x) for row in rows for x in row]
    assert "ofsted_sif" in flat and "requires_improvement" in flat
