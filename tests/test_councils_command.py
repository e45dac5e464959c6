"""`peerwatch councils`: one line per council with its health, and warnings a researcher can act on."""

import json

from flows.cli import main
from tests.support.batches import batch_with_item_and_press_release
from warehouse import load as wl
from warehouse.db import open_warehouse
from warehouse.health import plain_warning


def test_councils_lists_each_council_with_counts_and_a_plain_warning(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    con = open_warehouse(db)
    wl.upsert_councils(
        con, [{"slug": "worcs", "name": "Worcestershire County Council"}, {"slug": "gone", "name": "Barnsley MBC"}]
    )
    wl.load_council_batch(con, batch_with_item_and_press_release(), "run1")
    for n in range(3):
        wl.load_council_batch(
            con, wl.CouncilBatch(council="gone", source_errors={"moderngov": "connection refused"}), f"run{n}"
        )
    con.close()
    assert main(["councils", "--db", str(db), "--format", "json"]) == 0
    rows = {r["council"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["worcs"]["route"] == "web service" and rows["worcs"]["publications"] == 2
    assert rows["worcs"]["reviews"] == 1 and rows["worcs"]["warning"] == "ok"
    assert rows["gone"]["failed_runs"] == 3
    assert rows["gone"]["warning"].startswith(
        "ModernGov site failed 3 nights in a row (last error: connection refused)"
    )
    assert "moderngov_url" in rows["gone"]["warning"]
    assert main(["councils", "--db", str(db), "--wide"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len([line for line in lines if line.startswith(("worcs", "gone"))]) == 2  # one line per council


def test_warnings_say_what_to_do():
    silent = plain_warning({"source": "news", "warning": "no new publication for 75 days", "warning_kind": "silent"})
    assert silent.startswith("news page: no new publication for 75 days") and "news_url" in silent
    old = plain_warning(
        {
            "source": "moderngov",
            "warning": "answered but returned no meetings (1 last run)",
            "warning_kind": "returned_nothing",
        }
    )
    assert "check that moderngov_url" in old
