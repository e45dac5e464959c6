"""A quiet night is quiet: a second `peerwatch demo` over the same replica finds its councils where they were,
writes nothing to the search index, says "No new alerts." and knows every council's route."""

from __future__ import annotations

import json

import duckdb

from flows.cli import main


def index_files(db) -> dict[str, float]:
    folder = db.parent / (db.name + ".search")
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_a_second_demo_night_writes_nothing_and_says_so(tmp_path, capsys):
    db, data = tmp_path / "demo.duckdb", tmp_path / "raw"
    assert main(["demo", "--db", str(db), "--data-dir", str(data)]) == 0
    first = capsys.readouterr().out
    assert "new alerts:" in first
    before = index_files(db)
    con = duckdb.connect(str(db), read_only=True)
    keys = con.execute("SELECT url, index_key FROM search_index ORDER BY url").fetchall()
    con.close()

    assert main(["demo", "--db", str(db), "--data-dir", str(data)]) == 0
    second = capsys.readouterr().out
    assert "No new alerts." in second and "0 new alert" not in second
    assert "0 new publications" in second
    assert index_files(db) == before, "a quiet night rewrote the search index"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT url, index_key FROM search_index ORDER BY url").fetchall() == keys
    finally:
        con.close()
    assert main(["councils", "--db", str(db), "--format", "json"]) == 0
    routes = {r["council"]: r["route"] for r in json.loads(capsys.readouterr().out)}
    assert len(routes) == 7 and "-" not in routes.values(), routes
