"""Reliability suite: the replica's fault mode, and kill -9 of a real harvest process then a re-run.

What "nothing lost" means here: the warehouse after faults (or a crash) and a clean re-run holds
the same publications, documents, alerts and reviews as one uninterrupted run, with no duplicates.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly_harvest

SINCE, UNTIL = date(2014, 1, 1), date(2026, 12, 31)


def harvest(replica, workdir: Path) -> dict:
    councils = workdir / "councils.toml"
    councils.write_text(replica.councils_toml(requests_per_second=100))
    return nightly_harvest(
        councils_file=str(councils),
        db=str(workdir / "w.duckdb"),
        data_dir=str(workdir / "data"),
        since=SINCE,
        until=UNTIL,
    )


def snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    q = lambda sql: sorted(con.execute(sql).fetchall())
    try:
        return {
            "items": q("SELECT url, title FROM agenda_items"),
            "press": q("SELECT url FROM press_releases"),
            "documents": q("SELECT url, sha256, extract_status FROM documents"),
            "alerts": q("SELECT url, review_type FROM alerts"),
            "reviews": q(
                "SELECT council, review_type, service_area, fieldwork_start, fieldwork_end, fieldwork_raw FROM reviews"
            ),
            "sources": q(
                "SELECT r.council, r.review_type, s.url FROM review_sources s JOIN reviews r USING (review_id)"
            ),
            "judgements": q(
                "SELECT r.council, r.review_type, j.area, j.grade FROM review_judgements j JOIN reviews r USING (review_id)"
            ),
            "team": q(
                "SELECT r.council, t.name, t.role, t.organisation FROM review_team t JOIN reviews r USING (review_id)"
            ),
            "findings": q("SELECT r.council, f.kind, f.text FROM review_findings f JOIN reviews r USING (review_id)"),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """One uninterrupted, fault-free run: what every other run must end up equal to."""
    from replica.server import Replica

    replica = Replica().start()
    workdir = tmp_path_factory.mktemp("baseline")
    mark = len(replica.requests)
    harvest(replica, workdir)
    yield replica, snapshot(workdir / "w.duckdb"), len(replica.requests) - mark
    replica.stop()


def test_fault_mode_run_completes_records_every_failure_and_the_next_run_loses_nothing(baseline, tmp_path, monkeypatch):
    replica, expected, _ = baseline
    for name, value in {
        "PEERWATCH_READ_TIMEOUT": "1",
        "PEERWATCH_BACKOFF_SECONDS": "0.05",
        "PEERWATCH_RETRIES": "2",
        "PEERWATCH_MAX_RETRY_AFTER": "1",
    }.items():
        monkeypatch.setenv(name, value)
    faults = [  # (host, path, kind, times): transient ones recover within the run, the rest persist
        ("haringey-moderngov", "getcommittees", "429", 1),
        ("haringey-moderngov", "getmeetings", "500", 1),
        ("barnsley-moderngov", "getmeeting?", "reset", 1),
        ("worcestershire-moderngov", "getmeeting?", "truncate", 1),
        ("barnsley-moderngov", "mgconvert2pdf.aspx?id=92471", "cut_pdf", 1),
        ("brighton-hove-moderngov", "mid=6145", "hang", -1),
        ("eastmoor-moderngov", "mglistcommittees", "waf403", -1),
        ("worcestershire-www", "peer-review-findings-published", "redirect_offsite", -1),
    ]
    replica.clear_faults()
    for host, path, kind, times in faults:
        replica.set_fault(host, path, kind, times=times, hang_seconds=3)
    try:
        summary = harvest(replica, tmp_path)
    finally:
        replica.clear_faults()
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    failures = set(con.execute("SELECT council, error_class FROM fetch_log WHERE error IS NOT NULL").fetchall())
    retried = con.execute("SELECT count(*) FROM fetch_log WHERE error IS NULL AND attempts > 1").fetchone()[0]
    cut = con.execute("SELECT extract_status FROM documents WHERE url LIKE '%ID=92471'").fetchone()
    con.close()
    assert summary["errors"] > 0
    assert {("brighton-hove", "timeout"), ("eastmoor", "blocked"), ("worcestershire", "offsite_redirect")} <= failures
    assert retried >= 4  # 429, 500, reset and truncated body each recovered by a retry
    assert cut == ("corrupt",)  # a PDF cut short behind a clean 200 reads as corrupt…

    again = harvest(replica, tmp_path)  # …and the next run, faults gone, completes the rest
    assert snapshot(tmp_path / "w.duckdb") == expected
    assert len({a["url"] for a in again["new_alerts"]}) == len(again["new_alerts"])


@pytest.fixture(scope="module")
def prefect_home_template(tmp_path_factory):
    """A migrated Prefect home to copy for each killed process, so each starts in seconds."""
    template = tmp_path_factory.mktemp("prefect-template")
    env = {**os.environ, "PREFECT_HOME": str(template)}
    subprocess.run(
        [sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return template


def run_and_kill(replica, workdir: Path, home: Path, after_requests: int) -> bool:
    """Start `peerwatch harvest` as a real process; SIGKILL its whole process group after N requests."""
    councils = workdir / "councils.toml"
    councils.write_text(replica.councils_toml(requests_per_second=100))
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_LOGGING_LEVEL": "ERROR"}
    cmd = [
        sys.executable,
        "-m",
        "flows.cli",
        "harvest",
        "--councils",
        str(councils),
        "--db",
        str(workdir / "w.duckdb"),
        "--data-dir",
        str(workdir / "data"),
        "--since",
        SINCE.isoformat(),
        "--until",
        UNTIL.isoformat(),
        "--councils-at-once",
        "2",
    ]
    start = len(replica.requests)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 180
    while proc.poll() is None and time.monotonic() < deadline:
        if len(replica.requests) - start >= after_requests:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return False


@pytest.mark.parametrize("fraction", [0.15, 0.5, 0.95])
def test_kill_9_then_rerun_gives_the_same_warehouse(baseline, prefect_home_template, tmp_path, fraction):
    replica, expected, total_requests = baseline
    home = tmp_path / "prefect-home"
    shutil.copytree(prefect_home_template, home)
    killed = run_and_kill(replica, tmp_path, home, max(1, int(total_requests * fraction)))
    assert killed, "the harvest finished before the kill point"
    harvest(replica, tmp_path)
    assert snapshot(tmp_path / "w.duckdb") == expected
