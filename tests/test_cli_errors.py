"""Every command fails cleanly: one line saying what is wrong and what to do, the documented exit code
(2 user or config mistake, 3 warehouse unusable or busy, 1 internal error), never a traceback unless --debug."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.cli import COMMANDS, main
from tests.support.batches import batch_with_item_and_press_release
from warehouse import load as wl
from warehouse.db import harvest_lock, open_warehouse
from warehouse.search import update_search_index

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A small warehouse: one council, an agenda item and a press release about a review, a search index."""
    path = tmp_path_factory.mktemp("cli") / "w.duckdb"
    con = open_warehouse(path)
    wl.upsert_councils(con, [{"slug": "worcs", "name": "Worcestershire County Council"}])
    wl.load_council_batch(con, batch_with_item_and_press_release(), "run1")
    update_search_index(con)
    con.close()
    return str(path)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip() and "warning" not in line]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def held_by_another_process(db):
    """Another process writing the warehouse, as a harvest does while it loads a council."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({db!r}); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    yield
    holder.kill()
    holder.wait()


# -- query ---------------------------------------------------------------------------------------
def test_bad_sql_exits_2_with_duckdbs_whole_message(db, capsys):
    code, _, err = run(capsys, "query", "--db", db, "SELEC * FROM alerts")
    assert code == 2 and err.startswith("peerwatch query: SQL error: Parser Error") and "LINE 1: SELEC" in err


def test_unknown_table_exits_2_and_points_at_the_schema(db, capsys):
    code, _, err = run(capsys, "query", "--db", db, "SELECT * FROM reveiws")
    assert code == 2 and "reveiws" in err.splitlines()[0] and "peerwatch schema" in err
    assert 'Did you mean "reviews"' in err


def test_a_write_through_query_exits_2(db, capsys):
    code, _, err = run(capsys, "query", "--db", db, "DELETE FROM alerts")
    assert code == 2 and "read-only" in one_line(err)


def test_missing_db_file_exits_2_and_says_how_to_make_one(tmp_path, capsys):
    code, _, err = run(capsys, "query", "--db", str(tmp_path / "nope.duckdb"), "SELECT 1")
    assert code == 2 and "no warehouse at" in one_line(err) and "peerwatch harvest" in err
    assert not (tmp_path / "nope.duckdb").exists()


def test_a_folder_as_db_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "alerts", "--db", str(tmp_path))
    assert code == 2 and "is a folder" in one_line(err)


def test_a_file_that_is_not_a_warehouse_exits_3(tmp_path, capsys):
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database " * 100)
    code, _, err = run(capsys, "query", "--db", str(junk), "SELECT 1")
    assert code == 3 and "cannot open" in one_line(err)


def test_query_and_alerts_while_another_process_writes_exit_3_after_waiting(
    db, held_by_another_process, capsys, monkeypatch
):
    monkeypatch.setenv("PEERWATCH_READ_WAIT", "0.5")
    for argv in (["query", "--db", db, "SELECT count(*) FROM alerts"], ["alerts", "--db", db]):
        code, _, err = run(capsys, *argv)
        assert code == 3 and "in use by another" in one_line(err)


def test_search_limit_below_one_exits_2(db, capsys):
    code, _, err = run(capsys, "search", "--db", db, "peer review", "--limit", "-1")
    assert code == 2 and "--limit" in one_line(err)


# -- export --------------------------------------------------------------------------------------
def test_export_to_a_missing_folder_exits_2(db, tmp_path, capsys):
    code, _, err = run(capsys, "export", "alerts", "--db", db, "--out", str(tmp_path / "no" / "such" / "a.csv"))
    assert code == 2 and "does not exist" in one_line(err)


def test_export_to_a_path_with_a_quote_writes_the_file(db, tmp_path, capsys):
    folder = tmp_path / "O'Brien's exports"
    folder.mkdir()
    code, out, _ = run(capsys, "export", "alerts", "--db", db, "--out", str(folder / "it's.csv"))
    assert code == 0 and "wrote 2 rows" in out
    assert (folder / "it's.csv").read_text().count("\n") == 3


def test_export_of_an_unknown_table_or_suffix_exits_2(db, tmp_path, capsys):
    code, _, err = run(capsys, "export", "reveiws", "--db", db, "--out", str(tmp_path / "a.csv"))
    assert code == 2 and "no table or view named 'reveiws'" in one_line(err)
    code, _, err = run(capsys, "export", "alerts", "--db", db, "--out", str(tmp_path / "a.txt"))
    assert code == 2 and ".csv" in one_line(err)


def test_export_json_is_one_array_and_jsonl_one_object_a_line(db, tmp_path, capsys):
    assert run(capsys, "export", "alerts", "--db", db, "--out", str(tmp_path / "a.json"))[0] == 0
    rows = json.loads((tmp_path / "a.json").read_text())
    assert isinstance(rows, list) and len(rows) == 2 and rows[0]["council"] == "worcs"
    assert run(capsys, "export", "SELECT url FROM alerts;", "--db", db, "--out", str(tmp_path / "a.jsonl"))[0] == 0
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["url"] for line in lines)


def test_export_xlsx_opens_in_openpyxl(db, tmp_path, capsys):
    from openpyxl import load_workbook

    assert run(capsys, "export", "alerts", "--db", db, "--out", str(tmp_path / "a.xlsx"))[0] == 0
    sheet = load_workbook(tmp_path / "a.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("url", "council", "title") and len(rows) == 3


def test_export_all_writes_every_public_table_as_parquet(db, tmp_path, capsys):
    code, out, _ = run(capsys, "export", "--db", db, "--all", str(tmp_path / "dump"))
    assert code == 0
    written = {p.stem for p in (tmp_path / "dump").glob("*.parquet")}
    assert {"alerts", "reviews", "review_sources", "documents", "publications", "review_overview"} <= written
    assert "http_cache" not in written
    count = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'dump' / 'alerts.parquet'}'").fetchone()[0]
    assert count == 2


# -- starter-councils, evaluate, serve, harvest ----------------------------------------------------
def test_starter_councils_with_a_missing_file_exits_2(tmp_path, capsys):
    code, _, err = run(
        capsys, "starter-councils", "--list", str(tmp_path / "none.csv"), "--out", str(tmp_path / "c.toml")
    )
    assert code == 2 and "no such file" in one_line(err)


def test_starter_councils_with_the_wrong_columns_exits_2_and_writes_nothing(tmp_path, capsys):
    wrong = tmp_path / "sites.csv"
    wrong.write_text("authority,site\nBarnsley MBC,https://barnsley.moderngov.co.uk\n")
    code, _, err = run(capsys, "starter-councils", "--list", str(wrong), "--out", str(tmp_path / "c.toml"))
    assert code == 2 and "council_or_body" in one_line(err) and "authority, site" in err
    assert not (tmp_path / "c.toml").exists()


def test_starter_councils_from_the_bundled_list_works_from_a_clone(tmp_path, capsys):
    code, out, _ = run(capsys, "starter-councils", "--out", str(tmp_path / "c.toml"))
    assert code == 0 and "wrote 134 councils" in out
    assert (tmp_path / "c.toml").read_text() == (ROOT / "councils" / "england-childrens-services.toml").read_text()


def test_evaluate_with_a_missing_set_exits_2(capsys):
    code, _, err = run(capsys, "evaluate", "--set", "/nope.toml")
    assert code == 2 and "/nope.toml" in one_line(err)


def test_serve_with_a_bad_cron_exits_2_before_touching_prefect(tmp_path, capsys):
    councils = tmp_path / "c.toml"
    councils.write_text('[[council]]\nslug = "x"\nname = "Barnsley MBC"\nmoderngov_url = "https://x.gov.uk"\n')
    code, _, err = run(
        capsys,
        "serve",
        "--councils",
        str(councils),
        "--db",
        str(tmp_path / "w.duckdb"),
        "--data-dir",
        str(tmp_path),
        "--cron",
        "not a cron",
    )
    assert code == 2 and "not a cron schedule" in one_line(err)


def test_serve_without_a_prefect_server_exits_2_and_says_how_to_start_one(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    councils = tmp_path / "c.toml"
    councils.write_text('[[council]]\nslug = "x"\nname = "Barnsley MBC"\nmoderngov_url = "https://x.gov.uk"\n')
    code, _, err = run(
        capsys, "serve", "--councils", str(councils), "--db", str(tmp_path / "w.duckdb"), "--data-dir", str(tmp_path)
    )
    assert code == 2 and "prefect server start" in one_line(err)


def test_evaluate_with_a_set_that_is_not_toml_exits_2(tmp_path, capsys):
    bad = tmp_path / "set.toml"
    bad.write_text("[[case]\n")
    code, _, err = run(capsys, "evaluate", "--set", str(bad))
    assert code == 2 and "not valid TOML" in one_line(err)


def test_a_misspelt_council_name_is_a_warning_naming_the_nearest_authorities(tmp_path, capsys):
    from flows.cli import _preflight

    councils = tmp_path / "c.toml"
    councils.write_text(
        '[[council]]\nslug = "worcs"\nname = "Worcestershre County Council"\nmoderngov_url = "https://x.gov.uk"\n'
    )
    _preflight(str(councils), str(tmp_path / "w.duckdb"))
    err = capsys.readouterr().err
    assert "warning: council 'worcs'" in err and "did you mean 'Worcestershire County Council'" in err


def test_harvest_with_a_missing_councils_file_exits_2(tmp_path, capsys):
    code, _, err = run(
        capsys,
        "harvest",
        "--councils",
        str(tmp_path / "none.toml"),
        "--db",
        str(tmp_path / "w.duckdb"),
        "--data-dir",
        str(tmp_path),
    )
    assert code == 2 and "cannot read councils file" in one_line(err)


def test_harvest_dates_that_cannot_be_used_exit_2(tmp_path, capsys):
    base = [
        "harvest",
        "--councils",
        str(tmp_path / "c.toml"),
        "--db",
        str(tmp_path / "w.duckdb"),
        "--data-dir",
        str(tmp_path),
    ]
    code, _, err = run(capsys, *base, "--since", "2024-13-01")
    assert code == 2 and "expected YYYY-MM-DD" in one_line(err)
    code, _, err = run(capsys, *base, "--since", "2025-01-01", "--until", "2024-01-01")
    assert code == 2 and "is after --until" in one_line(err)


def test_harvest_on_dask_with_a_mistyped_task_runs_setting_exits_2_before_prefect_starts(tmp_path, capsys, monkeypatch):
    councils = tmp_path / "c.toml"
    councils.write_text('[[council]]\nslug = "x"\nname = "Barnsley MBC"\nmoderngov_url = "https://x.gov.uk"\n')
    monkeypatch.setenv("PEERWATCH_DASK_TASK_RUNS", "no")
    argv = ["harvest", "--councils", str(councils), "--db", str(tmp_path / "w.duckdb"), "--data-dir", str(tmp_path)]
    code, _, err = run(capsys, *argv, "--dask-address", "tcp://127.0.0.1:1")
    assert code == 2 and "PEERWATCH_DASK_TASK_RUNS must be 0 or 1, not 'no'" in one_line(err)


def test_the_dask_stage_sends_documents_as_plain_futures_unless_task_runs_are_asked_for(monkeypatch):
    from flows.nightly import _extractor

    monkeypatch.delenv("PEERWATCH_DASK_TASK_RUNS", raising=False)
    assert _extractor(2, "tcp://127.0.0.1:1").task_runs is False  # (no connection is made until it is used)
    monkeypatch.setenv("PEERWATCH_DASK_TASK_RUNS", "1")
    assert _extractor(2, "tcp://127.0.0.1:1").task_runs is True


def test_a_second_harvest_exits_3_before_prefect_starts(tmp_path):
    """The run lock is held by another process (a harvest in progress): the second stops at once."""
    db = tmp_path / "w.duckdb"
    councils = tmp_path / "c.toml"
    councils.write_text('[[council]]\nslug = "x"\nname = "Barnsley MBC"\nmoderngov_url = "https://x.gov.uk"\n')
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from warehouse.db import harvest_lock\n"
            f"with harvest_lock({str(db)!r}):\n    print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "harvest",
                "--councils",
                str(councils),
                "--db",
                str(db),
                "--data-dir",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode == 3, second.stderr
    assert "another harvest is running" in second.stderr and f"process {holder.pid}" in second.stderr
    assert "Traceback" not in second.stderr and "prefect" not in second.stderr.lower()


def test_the_run_lock_is_shared_within_one_process(tmp_path):
    """`peerwatch harvest` takes it before the flow, and the flow takes it again: the second take must pass."""
    with harvest_lock(tmp_path / "w.duckdb"), harvest_lock(tmp_path / "w.duckdb"):
        pass
    with harvest_lock(tmp_path / "w.duckdb"):  # released after both
        pass


# -- internal errors, --version -----------------------------------------------------------------
def test_an_internal_error_is_one_line_exit_1_and_debug_shows_the_traceback(db, capsys, monkeypatch):
    def broken(args):
        raise RuntimeError("something we did not expect")

    monkeypatch.setitem(COMMANDS, "alerts", broken)
    code, _, err = run(capsys, "alerts", "--db", db)
    assert code == 1 and "internal error: RuntimeError: something we did not expect" in one_line(err)
    assert "--debug" in err
    assert main(["--debug", "alerts", "--db", db]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("peerwatch ")


def test_the_real_command_prints_no_traceback(tmp_path):
    """The installed entry point, not only main(): a user mistake is one line on stderr and exit 2."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("peerwatch")), "query", "--db", str(tmp_path / "nope.duckdb"), "SELECT 1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
