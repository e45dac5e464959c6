"""`peerwatch reprocess` never reads less than the night did: on a fresh demo warehouse it keeps every review,
date, judgement and source, says what changed per table, and `--dry-run` writes nothing."""

from __future__ import annotations

import shutil

import duckdb

from flows.cli import main

COUNTS = {
    "reviews": "SELECT count(*) FROM reviews",
    "dated reviews": "SELECT count(*) FROM reviews WHERE fieldwork_start IS NOT NULL",
    "judgements": "SELECT count(*) FROM review_judgements",
    "sources": "SELECT count(*) FROM review_sources",
    "findings": "SELECT count(*) FROM review_findings",
}
JUDGEMENTS = (
    "SELECT r.council, r.review_type, j.area, j.grade FROM review_judgements j JOIN reviews r USING (review_id)"
)


def read(db) -> tuple[dict, set]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return (
            {name: con.execute(sql).fetchone()[0] for name, sql in COUNTS.items()},
            set(con.execute(JUDGEMENTS).fetchall()),
        )
    finally:
        con.close()


def test_reprocess_without_flags_keeps_every_judgement_of_a_fresh_demo_warehouse(demo_warehouse, tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    shutil.copy(demo_warehouse[0], db)
    counts, judgements = read(db)
    assert ("eastmoor", "ofsted_ilacs", "overall_effectiveness", "requires_improvement") in judgements

    assert main(["reprocess", "--db", str(db), "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "nothing was written" in said and "review_judgements +0 ~0 -0" not in said
    assert read(db) == (counts, judgements)

    assert main(["reprocess", "--db", str(db)]) == 0
    said = capsys.readouterr().out
    after, judgements_after = read(db)
    assert judgements <= judgements_after, judgements - judgements_after
    assert all(after[k] >= counts[k] for k in counts), (counts, after)
    assert "-1" not in said and "changed:" in said, said


def test_reprocess_with_the_raw_store_reads_review_papers_again_by_layout(demo_warehouse, tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    shutil.copy(demo_warehouse[0], db)
    counts, judgements = read(db)
    assert main(["reprocess", "--db", str(db), "--data-dir", str(demo_warehouse[1])]) == 0
    after, judgements_after = read(db)
    assert judgements <= judgements_after and all(after[k] >= counts[k] for k in counts), (counts, after)
