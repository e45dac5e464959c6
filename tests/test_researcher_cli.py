"""The command line a researcher expects (issue 23, items 4 and 7): each friction found in a week of use, on the
demo warehouse or a small real one, through `flows.cli.main` as a person types it."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.output import render
from warehouse import load as wl
from warehouse.db import open_warehouse
from warehouse.health import council_health

ROOT = Path(__file__).resolve().parents[1]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_terminal(columns, rows, width, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    out = Terminal()
    render(columns, rows, "table", False, out)
    return out.getvalue()


# -- search and tables ------------------------------------------------------------------------------------------
def test_search_keeps_its_highlights_on_a_terminal(demo_warehouse, monkeypatch, capsys):
    db = str(demo_warehouse[0])
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["search", '"peer challenge" children', "--db", db]) == 0
    table = capsys.readouterr().out
    assert (
        "[peer] [challenge]" in table
        and "feedback on [children]'s" in table.replace("\n", " ")
        or "[children]" in table
    ), table
    assert main(["search", '"peer challenge" children', "--db", db, "--format", "csv"]) == 0
    assert "[peer] [challenge]" in capsys.readouterr().out


def test_text_from_councils_cannot_drive_the_terminal(monkeypatch):
    table = on_terminal(["title"], [("Agenda \x1b]0;owned\x07 \x1b[2J item [b]bold[/b]",)], 120, monkeypatch)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", table)  # the table's own bold and dim aside
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b]0;owned\\x07" in table and "[b]bold[/b]" in table


@pytest.mark.parametrize("width", [110, 135, 160])
def test_urls_are_never_wrapped(width, monkeypatch):
    url = "https://democracy.eastmoor.example.gov.uk/documents/s71001/ILACS%20presentation%20to%20Scrutiny%20Panel.pdf"
    rows = [
        (
            "2026-12-06 10:07",
            "eastmoor",
            "ofsted_ilacs",
            "Ofsted Inspection of Local Authority Children's Services (ILACS) and what it found",
            url,
        )
    ] * 2
    table = on_terminal(["created_at", "council", "review_type", "title", "url"], rows, width, monkeypatch)
    assert sum(1 for line in table.splitlines() if url in line) == 2, table


def test_one_row_is_one_row(monkeypatch):
    assert "(1 row)" in on_terminal(["n"], [(1,)], 80, monkeypatch)
    out = io.StringIO()
    render(["n"], [(1,)], "table", True, out)
    assert out.getvalue().rstrip().endswith("(1 row)")


# -- filters ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv, named",
    [
        (["search", "ofsted", "--council", "eastmor"], "'eastmoor'"),
        (["search", "ofsted", "--type", "ILAC"], "ofsted_ilacs"),
        (["alerts", "--council", "Haringy"], "haringey"),
        (["alerts", "--type", "peer challange"], "peer challenge"),
        (["alerts", "--tier", "countee"], "county"),
    ],
)
def test_an_unknown_filter_exits_2_naming_the_nearest(demo_warehouse, capsys, argv, named):
    assert main([*argv, "--db", str(demo_warehouse[0])]) == 2
    err = capsys.readouterr().err
    assert "did you mean" in err and named in err and len(err.strip().splitlines()) == 1, err


def test_filters_take_names_and_short_forms(demo_warehouse, capsys):
    db = str(demo_warehouse[0])
    assert main(["search", "ofsted", "--council", "Eastmoor", "--db", db, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and {r["council"] for r in found} == {"eastmoor"}
    assert main(["alerts", "--type", "ILACS", "--db", db, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["review_type"] == "ofsted_ilacs" and row["published_date"] == "2019-07-25"
    assert row["reason"].startswith("title names the review")


def test_alerts_filter_by_region_tier_and_date(demo_warehouse, capsys):
    db = str(demo_warehouse[0])
    assert main(["alerts", "--region", "london", "--db", db, "--format", "json"]) == 0
    assert {r["council"] for r in json.loads(capsys.readouterr().out)} == {"haringey"}
    assert main(["alerts", "--tier", "county", "--since", "2015-06-20", "--db", db, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["council"] == "worcestershire" and row["published_date"] == "2015-06-25"


def test_history_lists_a_councils_reviews_over_time(demo_warehouse, capsys):
    assert main(["history", "eastmoor", "--db", str(demo_warehouse[0]), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["review_type"] for r in rows] == ["ofsted_ilacs", "ofsted_focused_visit"]
    assert "overall_effectiveness=requires_improvement" in rows[0]["grades"]
    assert rows[1]["fieldwork"] == "2021-02-09 to 2021-02-10" and rows[1]["sources"][0].endswith("ID=62001")
    assert main(["history", "eastmor", "--db", str(demo_warehouse[0])]) == 2


def test_peer_challenges_carry_no_not_judged_rows(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse[0]), read_only=True)
    try:
        peer = con.execute("""SELECT count(*) FROM review_judgements JOIN reviews USING (review_id)
                              WHERE review_type LIKE '%peer%' AND grade = 'not_judged'""").fetchone()[0]
        peer_reviews = con.execute("SELECT count(*) FROM reviews WHERE review_type LIKE '%peer%'").fetchone()[0]
    finally:
        con.close()
    assert peer_reviews >= 5 and peer == 0


# -- schema, query ----------------------------------------------------------------------------------------------
def test_schema_takes_db_like_every_command(demo_warehouse, capsys):
    assert main(["schema", "--db", str(demo_warehouse[0])]) == 0
    assert "review_judgements" in capsys.readouterr().out


def test_query_errors_are_shown_whole(demo_warehouse, capsys):
    assert main(["query", "SELECT titel FROM alerts", "--db", str(demo_warehouse[0])]) == 2
    err = capsys.readouterr().err
    assert "Candidate bindings" in err and '"title"' in err and "LINE 1: SELECT titel FROM alerts" in err
    assert main(["query", "SELECT * FROM alert", "--db", str(demo_warehouse[0])]) == 2
    assert 'Did you mean "alerts"' in capsys.readouterr().err


# -- health ------------------------------------------------------------------------------------------------------
def test_health_is_ok_only_after_a_success(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    wl.upsert_councils(
        con,
        [
            {"slug": s, "name": s.title(), "moderngov_url": f"http://{s}.example"}
            for s in ("closed", "fine", "fallen", "new")
        ],
    )
    con.execute("""INSERT INTO source_health (council, source, last_attempt, last_success, consecutive_failed_runs,
                   last_error) VALUES ('closed', 'moderngov', now(), NULL, 1, 'connection refused'),
                   ('fine', 'moderngov', now(), now(), 0, NULL),
                   ('fallen', 'moderngov', now(), TIMESTAMP '2026-11-01 02:30', 1, 'timeout')""")
    con.close()
    _, rows = council_health(str(tmp_path / "w.duckdb"))
    said = {r[0]: r[-1] for r in rows}
    assert said["fine"] == "ok"
    assert said["closed"].startswith("never succeeded") and said["new"] == "not read yet"
    assert said["fallen"].startswith("failed its last 1 run") and "2026-11-01" in said["fallen"]


# -- notify --test ----------------------------------------------------------------------------------------------
def run_notify(env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERWATCH_")} | env_extra
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", "notify", "--test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_notify_test_with_no_channel_exits_2():
    result = run_notify({})
    assert result.returncode == 2 and "no notification channel configured" in result.stderr
    assert "mailto://" in result.stderr  # with an example for an SMTP server without login


def test_notify_test_shows_the_channels_own_error():
    from aiosmtpd.controller import Controller

    class Refusing:
        async def handle_DATA(self, server, session, envelope):
            return "554 5.7.1 Message rejected: sender not allowed"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    smtp = Controller(Refusing(), hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        result = run_notify({"PEERWATCH_NOTIFY": f"mailto://127.0.0.1:{port}?from=a@example.org&to=b@example.org"})
    finally:
        smtp.stop()
    assert result.returncode == 1
    assert "FAILED" in result.stdout and "sender not allowed" in result.stdout and "554" in result.stdout


# -- the demo's closing hint ------------------------------------------------------------------------------------
def test_the_demo_hint_names_a_command_that_runs(monkeypatch, tmp_path):
    from flows.cli import command_name

    script = tmp_path / ".venv" / "bin" / "peerwatch"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setattr(sys, "argv", [str(script)])
    assert command_name() == ".venv/bin/peerwatch"
    assert re.fullmatch(r"(peerwatch|\.venv/bin/peerwatch|python\S* -m flows\.cli)", command_name())


def test_inspect_of_a_saved_page_without_its_address_says_how_to_give_it(capsys):
    page = ROOT / "tests" / "fixtures" / "moderngov_ieListDocuments.html"
    assert main(["inspect", str(page)]) == 0
    out = capsys.readouterr().out
    assert "meeting ?" in out and "--url" in out
