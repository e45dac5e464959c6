"""The example SQL in the README runs against the warehouse schema (docs that run)."""
import re
from pathlib import Path

import pytest

from tests.support.batches import batch_with_item_and_press_release
from warehouse import load as wl
from warehouse.db import open_warehouse

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_statements() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    statements = [s.strip() for block in blocks for s in block.split(";")]
    return [s for s in statements if re.sub(r"--[^\n]*", "", s).strip()]


def test_the_readme_has_example_queries():
    assert len(readme_statements()) >= 5


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    con = open_warehouse(tmp_path_factory.mktemp("readme") / "w.duckdb")
    wl.upsert_councils(con, [{"slug": "worcs", "name": "Worcestershire County Council"}])
    wl.load_council_batch(con, batch_with_item_and_press_release(), "run1")
    yield con
    con.close()


@pytest.mark.parametrize("sql", readme_statements(), ids=lambda s: s.splitlines()[0][:60])
def test_each_readme_query_runs(sql, loaded):
    loaded.execute(sql).fetchall()
