"""docs/schema.md is generated from the migrations, and every public column has a description."""

from pathlib import Path

from warehouse.schema_docs import NO_DESCRIPTION, public_relations, schema_markdown, undocumented

DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
REGENERATE = "regenerate it with: .venv/bin/peerwatch schema --markdown > docs/schema.md"


def test_every_public_table_and_column_has_a_description():
    missing = undocumented()
    assert not missing, (
        f"no description for {', '.join(missing)}: add them to TABLES in warehouse/schema_docs.py "
        f"(or list an internal table in INTERNAL), then {REGENERATE}"
    )


def test_docs_schema_md_is_in_step_with_the_migrations():
    assert DOC.exists(), f"docs/schema.md is missing; {REGENERATE}"
    assert DOC.read_text(encoding="utf-8") == schema_markdown(), f"docs/schema.md is out of date; {REGENERATE}"
    assert NO_DESCRIPTION not in DOC.read_text(encoding="utf-8")


def test_the_reference_covers_the_contract_tables_and_the_provenance_chain():
    names = public_relations()
    assert {"reviews", "review_sources", "documents", "alerts", "publications", "review_overview"} <= set(names)
    assert "http_cache" not in names and "schema_migrations" not in names
    text = schema_markdown()
    assert "documents.sha256" in text and "<data-dir>/raw/" in text  # review → sources → documents → raw file
