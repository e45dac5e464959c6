"""Researchers can query while a harvest runs; a second harvest started meanwhile stops at once with exit 3.

A real `peerwatch harvest` process reads the replica; one council's web service hangs, which keeps the run
going while the other councils are already loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from flows.cli import main

ROOT = Path(__file__).resolve().parents[2]


def councils_loaded(db: Path, capsys) -> tuple[int, set[str], str]:
    code = main(["query", "--db", str(db), "SELECT DISTINCT council FROM agenda_items", "--format", "json"])
    out, err = capsys.readouterr()
    return code, ({r["council"] for r in json.loads(out)} if code == 0 else set()), err


def test_query_returns_rows_while_a_harvest_is_running(fresh_replica, tmp_path, capsys):
    councils, db = tmp_path / "councils.toml", tmp_path / "w.duckdb"
    councils.write_text(fresh_replica.councils_toml(requests_per_second=100))
    fresh_replica.set_fault("worcestershire-moderngov", "getmeeting", "hang", times=-1, hang_seconds=2)
    harvest = subprocess.Popen(
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
            str(tmp_path / "data"),
            "--since",
            "2014-01-01",
            "--until",
            "2026-12-31",
        ],
        cwd=ROOT,
        env={**os.environ, "PREFECT_LOGGING_LEVEL": "ERROR"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        seen: set[str] = set()
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and harvest.poll() is None and len(seen) < 2:
            time.sleep(0.5)
            if not db.exists():
                continue
            code, seen, err = councils_loaded(db, capsys)
            assert code == 0, err
        assert harvest.poll() is None, "the harvest ended before the warehouse could be read during it"
        # Read mid-run: the harvest is still going (a loaded machine may already have finished the slow council).
        assert len(seen) >= 2

        second = main(["harvest", "--councils", str(councils), "--db", str(db), "--data-dir", str(tmp_path / "d2")])
        assert second == 3 and "another harvest is running" in capsys.readouterr().err
    finally:
        fresh_replica.clear_faults()
        output = harvest.communicate(timeout=240)[0]
    assert harvest.returncode == 0, output
    code, final, _ = councils_loaded(db, capsys)
    assert code == 0 and "worcestershire" in final
