"""Every SQL block in the README and in docs/ runs against the warehouse schema (docs that run)."""

import re
from pathlib import Path

import pytest

from tests.support.batches import batch_with_item_and_press_release
from warehouse import load as wl
from warehouse.db import open_warehouse

ROOT = Path(__file__).resolve().parents[1]


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def sql_statements(text: str) -> list[str]:
    """The statements of a Markdown text's ```sql blocks, comment-only pieces left out."""
    blocks = re.findall(r"```sql\n(.*?)```", text, re.S)
    statements = [s.strip() for block in blocks for s in block.split(";")]
    return [s for s in statements if re.sub(r"--[^\n]*", "", s).strip()]


def docs_statements() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT)), sql)
        for path in documents()
        for sql in sql_statements(path.read_text(encoding="utf-8"))
    ]


def test_the_docs_have_example_queries():
    assert len(docs_statements()) >= 5
    assert any(name == "docs/warehouse.md" for name, _ in docs_statements())


def test_statements_are_found_in_each_block_and_comments_alone_are_not():
    text = "x\n```sql\n-- first\nSELECT 1;\n-- only a comment;\nSELECT 2\n```\n```sh\nls\n```\n"
    assert sql_statements(text) == ["-- first\nSELECT 1", "SELECT 2"]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    con = open_warehouse(tmp_path_factory.mktemp("docs") / "w.duckdb")
    wl.upsert_councils(con, [{"slug": "worcs", "name": "Worcestershire County Council"}])
    wl.load_council_batch(con, batch_with_item_and_press_release(), "run1")
    yield con
    con.close()


@pytest.mark.parametrize("name, sql", docs_statements(), ids=lambda v: v.splitlines()[0][:60])
def test_each_documented_query_runs(name, sql, loaded):
    loaded.execute(sql).fetchall()
