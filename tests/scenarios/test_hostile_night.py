"""Issue 9 at flow level: nothing one site sends stops the night; no orphaned Prefect server.

Flow runs cost seconds each, so row 2 (a poisoned PDF, a council whose analysis raises) is checked inside the
"all at once" night, beside every other hostile answer.
"""

from __future__ import annotations

from datetime import date

import duckdb

from flows.nightly import nightly_harvest
from replica.moderngov_site import Response
from tests.support.hostile import pdf_with_lone_surrogate


def serve_instead(replica, host: str, path_part: str, query_part: str, response: Response) -> None:
    """The replica host answers `response` for matching requests and as before for the rest."""
    app = replica.hosts[host].app
    inner = app.handle
    app.handle = lambda path, query: (
        response if path_part in path.lower() and query_part in query else inner(path, query)
    )


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
    harvest = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "harvest",
            "--councils",
            str(councils),
            "--db",
            str(tmp_path / "w.duckdb"),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = None
    try:
        deadline = time.monotonic() + 120
        while server is None and harvest.poll() is None and time.monotonic() < deadline:
            servers = [c for c in psutil.Process(harvest.pid).children() if "uvicorn" in " ".join(c.cmdline())]
            server = servers[0] if servers else None
            time.sleep(0.1)
        assert server is not None, "the harvest never started its temporary Prefect server"
        time.sleep(1)  # let it get going, as a real night's would be
        os.kill(harvest.pid, signal.SIGKILL)  # the harvest alone, as the OOM killer does
        harvest.wait()
        gone, alive = psutil.wait_procs([server], timeout=10)
        assert alive == [], "the temporary Prefect server outlived the killed harvest"
    finally:
        if harvest.poll() is None:
            harvest.kill()
            harvest.wait()
        if server is not None and server.is_running():
            server.kill()


# -- all at once -------------------------------------------------------------------------------------
class TreePeakRSS:
    """Samples the resident memory of a process (this one unless `pid` is given) and all its children (PDF
    workers, Prefect server)."""

    def __init__(self, every: float = 0.1, pid: int | None = None):
        import threading

        self.peak, self.every, self.pid = 0, every, pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process(self.pid)
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def hostile_councils(h1, h2, h3) -> str:
    return "".join(
        f'\n[[council]]\nslug = "{slug}"\nname = "{name}"\nmoderngov_url = "{mg}"\n'
        f'news_feed_url = "{feed}"\nmax_requests_per_second = 100\n'
        for slug, name, mg, feed in [
            ("hostile-a", "Hostile Alpha Council", h1.root, h1.root + "/feed.rss"),
            ("hostile-b", "Hostile Beta Council", h2.root, h3.root + "/feed.rss"),
        ]
    )


def test_a_night_with_every_hostile_answer_at_once_completes_bounded_and_the_next_night_completes_the_rest(
    fresh_replica, tmp_path, monkeypatch
):
    import time

    from tests.support.fixtures import fixture_bytes
    from tests.support.hostile import HostileServer, MiB, drip, gzip_bomb, plain

    for name, value in {
        "PEERWATCH_REQUEST_DEADLINE": "2",
        "PEERWATCH_READ_TIMEOUT": "2",
        "PEERWATCH_RETRIES": "1",
        "PEERWATCH_BACKOFF_SECONDS": "0.05",
        "PEERWATCH_COUNCIL_BUDGET_SECONDS": "90",
    }.items():
        monkeypatch.setenv(name, value)
    h1, h2, h3 = HostileServer().start(), HostileServer().start(), HostileServer().start()
    canary, canary_local = HostileServer("127.0.0.2").start(), HostileServer().start()
    c, lc = canary.port, canary_local.port
    h1.answer("/robots.txt", gzip_bomb(256 * MiB))
    h1.answer("/mgWebService.asmx/GetCommittees", plain(fixture_bytes("ws_GetCommittees.xml"), content_type="text/xml"))
    h1.answer("/mgWebService.asmx/GetMeetings", plain(b"<getmeetings><committee><meeting>", content_type="text/xml"))
    entries = [
        f"http://127.0.0.2:{c}\\@{h1.root[7:]}/x",
        f"//127.0.0.2:{c}/x",
        f"http://{h1.root[7:]}@127.0.0.2:{c}/x",
        f"http://127.0.0.1:{lc}/x",
        f"http://2130706434:{c}/x",
        h1.root + "/drip",
    ]
    items = "".join(f"<item><title>t{i}</title><link>{u}</link></item>" for i, u in enumerate(entries))
    h1.answer(
        "/feed.rss",
        plain(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>{items}</channel></rss>'.encode(),
            content_type="application/rss+xml",
        ),
    )
    h1.answer("/drip", drip(total_bytes=100_000, every_seconds=0.05, content_type="text/html"))
    h2.answer("/robots.txt", plain(b"User-agent: *\nCrawl-delay: 86400\n", content_type="text/plain"))
    h3.answer("/feed.rss", plain(b"slow down", 429, headers={"Retry-After": "86400"}))
    serve_instead(
        fresh_replica,
        "barnsley-moderngov",
        "mgconvert2pdf",
        "92471",
        Response(200, pdf_with_lone_surrogate(), "application/pdf"),
    )
    import flows.nightly as nightly

    real_analyse = nightly.analyse_council

    def analyse(harvest, *args):
        if harvest.council.slug == "worcestershire":
            raise RuntimeError("a reader bug met a page it did not expect")
        return real_analyse(harvest, *args)

    monkeypatch.setattr(nightly, "analyse_council", analyse)
    fresh_replica.set_fault("haringey-moderngov", "mgconvert2pdf.aspx?id=90311", "html_for_pdf", times=-1)

    councils, db = tmp_path / "councils.toml", tmp_path / "w.duckdb"
    councils.write_text(fresh_replica.councils_toml(requests_per_second=100) + hostile_councils(h1, h2, h3))
    run = lambda: nightly_harvest(
        councils_file=str(councils),
        db=str(db),
        data_dir=str(tmp_path / "data"),
        since=date(2014, 1, 1),
        until=date(2026, 12, 31),
    )
    try:
        started = time.monotonic()
        with TreePeakRSS() as rss:
            run()
        elapsed = time.monotonic() - started
    finally:
        for s in (h1, h2, h3, canary, canary_local):
            s.stop()
    print(f"hostile night: {elapsed:.0f} s, process tree peak RSS {rss.peak / 1024**2:.0f} MiB")
    assert canary.hits == [] and canary_local.hits == []  # nothing outside the councils file
    assert rss.peak < 1024**3  # the whole process tree (issue 22: 1 GB)
    assert elapsed < 90 + 60  # within the council budget, with slack
    con = duckdb.connect(str(db))
    classes = lambda council: {
        r[0]
        for r in con.execute(
            "SELECT error_class FROM fetch_log WHERE council = ? AND error IS NOT NULL", [council]
        ).fetchall()
    }
    assert {"unexpected_response", "unsafe_url", "host_not_allowed", "timeout"} <= classes("hostile-a")
    assert classes("hostile-b") == {"host_skipped"}
    health = dict(
        ((c, s), e) for c, s, e in con.execute("SELECT council, source, last_error FROM source_health").fetchall()
    )
    assert health["hostile-a", "moderngov"].startswith("web service answer unusable")
    assert "Crawl-delay of 86400 s" in health["hostile-b", "moderngov"]
    assert "Retry-After of 86400 s" in health["hostile-b", "news"]
    docs = dict(con.execute("SELECT regexp_extract(url, 'ID=(\\d+)', 1), extract_status FROM documents").fetchall())
    assert docs["92471"] == "ok" and docs["90311"] == "unavailable"
    text = con.execute("SELECT text FROM documents WHERE url LIKE '%ID=92471'").fetchone()[0]
    assert "Peer challenge report" in text and "\ud800" not in text  # row 2: stored, cleaned
    assert all(
        health["worcestershire", s].startswith("analyse/load failed: RuntimeError: a reader bug")
        for s in ("moderngov", "news")
    )  # row 2: the failing council…
    assert con.execute("SELECT count(*) FROM fetch_log WHERE council = 'worcestershire'").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM agenda_items WHERE council = 'worcestershire'").fetchone()[0] == 0
    loaded = {r[0] for r in con.execute("SELECT DISTINCT council FROM agenda_items").fetchall()}
    assert {"barnsley", "haringey", "brighton-hove"} <= loaded  # …and the rest loaded
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 1

    # The next night: the hostile councils gone from the file, the replica healed, the backoff passed.
    del fresh_replica.hosts["barnsley-moderngov"].app.handle
    monkeypatch.setattr(nightly, "analyse_council", real_analyse)
    fresh_replica.clear_faults()
    con.execute("UPDATE documents SET next_fetch_after = now() - INTERVAL 1 HOUR WHERE extract_status = 'unavailable'")
    con.close()
    councils.write_text(fresh_replica.councils_toml(requests_per_second=100))
    run()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT extract_status FROM documents WHERE url LIKE '%ID=90311'").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 2
    failing = con.execute(
        "SELECT council, source, last_error FROM source_health WHERE last_error IS NOT NULL "
        "AND council NOT LIKE 'hostile-%'"
    ).fetchall()
    assert failing == []
    assert con.execute("SELECT count(*) FROM agenda_items WHERE council = 'worcestershire'").fetchone()[0] > 0
    con.close()
