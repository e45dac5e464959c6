"""Issue 9, row 2, at flow level: nothing one site sends stops the night (one real Prefect run)."""
from __future__ import annotations

from datetime import date

import duckdb

from flows.nightly import nightly_harvest
from tests.hostile import pdf_with_lone_surrogate
from tests.replica.moderngov_site import Response


def serve_instead(replica, host: str, path_part: str, query_part: str, response: Response) -> None:
    """The replica host answers `response` for matching requests and as before for the rest."""
    app = replica.hosts[host].app
    inner = app.handle
    app.handle = lambda path, query: (response if path_part in path.lower() and query_part in query
                                      else inner(path, query))


def test_a_poisoned_pdf_and_a_failing_council_do_not_stop_the_night(fresh_replica, tmp_path, monkeypatch):
    import flows.nightly as nightly

    serve_instead(fresh_replica, "barnsley-moderngov", "mgconvert2pdf", "92471",
                  Response(200, pdf_with_lone_surrogate(), "application/pdf"))
    real_analyse = nightly.analyse_council

    def analyse(harvest, *args):
        if harvest.council.slug == "worcestershire":
            raise RuntimeError("a reader bug met a page it did not expect")
        return real_analyse(harvest, *args)

    monkeypatch.setattr(nightly, "analyse_council", analyse)
    councils = tmp_path / "councils.toml"
    councils.write_text(fresh_replica.councils_toml(requests_per_second=100))
    summary = nightly_harvest(councils_file=str(councils), db=str(tmp_path / "w.duckdb"),
                              data_dir=str(tmp_path / "data"), since=date(2014, 1, 1), until=date(2026, 12, 31))

    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    one = lambda sql: con.execute(sql).fetchone()
    assert one("SELECT count(*) FROM runs")[0] == 1 and summary["errors"] >= 1
    status, text = one("SELECT extract_status, text FROM documents WHERE url LIKE '%ID=92471'")
    assert status == "ok" and "Peer challenge report" in text and "\ud800" not in text
    health = dict(con.execute("SELECT source, last_error FROM source_health WHERE council = 'worcestershire'").fetchall())
    assert set(health) == {"moderngov", "news"}
    assert all(e.startswith("analyse/load failed: RuntimeError: a reader bug") for e in health.values())
    assert one("SELECT count(*) FROM fetch_log WHERE council = 'worcestershire'")[0] > 0
    assert one("SELECT count(*) FROM agenda_items WHERE council = 'worcestershire'")[0] == 0
    loaded = {r[0] for r in con.execute("SELECT DISTINCT council FROM agenda_items").fetchall()}
    assert {"barnsley", "haringey", "brighton-hove"} <= loaded
    con.close()


# -- row 12: no orphans ------------------------------------------------------------------------------
def test_the_temporary_prefect_server_dies_with_a_harvest_killed_by_sigkill(replica, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import psutil

    councils = tmp_path / "councils.toml"
    councils.write_text(replica.councils_toml(requests_per_second=5))
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_LOGGING_LEVEL": "ERROR"}
    harvest = subprocess.Popen([sys.executable, "-m", "flows.cli", "harvest", "--councils", str(councils),
                                "--db", str(tmp_path / "w.duckdb"), "--data-dir", str(tmp_path / "data")],
                               cwd=Path(__file__).resolve().parents[1], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    server = None
    try:
        deadline = time.monotonic() + 120
        while server is None and harvest.poll() is None and time.monotonic() < deadline:
            servers = [c for c in psutil.Process(harvest.pid).children()
                       if "uvicorn" in " ".join(c.cmdline())]
            server = servers[0] if servers else None
            time.sleep(0.1)
        assert server is not None, "the harvest never started its temporary Prefect server"
        time.sleep(1)                                      # let it get going, as a real night's would be
        os.kill(harvest.pid, signal.SIGKILL)                # the harvest alone, as the OOM killer does
        harvest.wait()
        gone, alive = psutil.wait_procs([server], timeout=10)
        assert alive == [], "the temporary Prefect server outlived the killed harvest"
    finally:
        if harvest.poll() is None:
            harvest.kill()
            harvest.wait()
        if server is not None and server.is_running():
            server.kill()
