"""A council that has never answered is news the night it fails, not three nights later: the run's summary
names it and `peerwatch councils` says it never succeeded (it said "ok")."""

from __future__ import annotations

import socket
from datetime import date

from flows.nightly import nightly_harvest
from warehouse.health import council_health


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_council_is_named_the_first_night(replica, tmp_path, monkeypatch):
    monkeypatch.setenv("PEERWATCH_BACKOFF_SECONDS", "0.05")  # a refused connection is retried: quickly here
    councils = tmp_path / "councils.toml"
    councils.write_text(
        replica.councils_toml(requests_per_second=100).split("[[council]]")[0]
        + "[[council]]"
        + replica.councils_toml(requests_per_second=100).split("[[council]]")[1]
        + f'\n[[council]]\nslug = "closed"\nname = "Closed Borough Council"\n'
        f'moderngov_url = "http://127.0.0.1:{closed_port()}/"\n'
    )
    summary = nightly_harvest(
        councils_file=str(councils),
        db=str(tmp_path / "w.duckdb"),
        data_dir=str(tmp_path / "data"),
        since=date(2014, 1, 1),
        until=date(2026, 12, 31),
    )
    assert any(
        line.startswith("closed ModernGov site could not be read (never read successfully)")
        for line in summary["failing"]
    ), summary["failing"]
    _, rows = council_health(str(tmp_path / "w.duckdb"))
    said = {r[0]: r[-1] for r in rows}
    assert said["closed"].startswith("never succeeded"), said
    assert "ok" in said.values()
