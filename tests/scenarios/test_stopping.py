"""Ctrl-C and SIGTERM stop a real harvest quickly and safely, and the next run completes it.

A `peerwatch harvest` process (its own Prefect server, its PDF workers) over the loopback replica is
signalled, as a terminal does, on its whole process group: once early, while the councils are being read,
and once after the first council was loaded. Each time it must end within 10 s with one line and exit
130/143, leaving no process behind; a last run completes the rest, and every alert reaches the channel
exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import psutil
import pytest

from flows import stopping
from flows.nightly import nightly_harvest
from tests.support.channels import Receiver

ROOT = Path(__file__).resolve().parents[2]
STOP_WITHIN = 10.0


class Harvest:
    """`peerwatch harvest` in its own process group, its stderr read line by line."""

    def __init__(self, tmp_path: Path, councils: Path, channel: Receiver):
        env = dict(
            os.environ,
            PREFECT_HOME=str(tmp_path / "prefect"),
            PREFECT_LOGGING_LEVEL="INFO",
            PEERWATCH_PROGRESS="plain",
            PEERWATCH_NOTIFY=channel.url,
            PYTHONUNBUFFERED="1",
        )
        self.process = subprocess.Popen(
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
                "--councils-at-once",
                "2",
                "--since",
                "2014-01-01",
                "--until",
                "2026-12-31",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 240.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in self.lines):
                return
            if self.process.poll() is not None:
                pytest.fail(f"the harvest ended before {text!r}:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        pytest.fail(f"no {text!r} within {timeout} s:\n" + "\n".join(self.lines[-30:]))

    def signal_group(self, signum: int) -> tuple[int, float, list[psutil.Process]]:
        """Signal the process group as a terminal's Ctrl-C does; (exit code, seconds to end, its children)."""
        children = psutil.Process(self.process.pid).children(recursive=True)
        sent = time.monotonic()
        os.killpg(self.process.pid, signum)
        try:
            code = self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
        took = time.monotonic() - sent
        self.reader.join(5)
        return code, took, children

    def closing(self) -> list[str]:
        """The command's own closing line(s) (Prefect's log lines aside)."""
        return [line for line in self.lines if line.startswith("peerwatch harvest: stopped; ")]

    def finish(self, timeout: float = 300.0) -> int:
        code = self.process.wait(timeout=timeout)
        self.reader.join(5)
        return code


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    end = time.monotonic() + 3
    while time.monotonic() < end:
        left = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not left:
            return []
        time.sleep(0.1)
    return left


def loaded_councils(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT DISTINCT council FROM fetch_log").fetchall()}
    finally:
        con.close()


def test_signals_stop_a_real_harvest_quickly_and_the_next_run_completes_it(fresh_replica, tmp_path, monkeypatch):
    councils = tmp_path / "councils.toml"
    # slow enough that the councils are still being read when the signals come
    councils.write_text(fresh_replica.councils_toml(requests_per_second=2))
    channel = Receiver()
    try:
        # 1. Ctrl-C while the first councils are being read: nothing loaded yet
        first = Harvest(tmp_path, councils, channel)
        first.wait_for("Beginning flow run")
        code, took, children = first.signal_group(signal.SIGINT)
        said = "\n".join(first.lines)
        assert code == 130, said
        assert took < STOP_WITHIN, f"took {took:.1f} s to stop:\n{said}"
        assert "Traceback" not in said and "internal error" not in said, said
        assert first.closing() == ["peerwatch harvest: stopped; 0 councils loaded, the next run completes the rest"], (
            said
        )
        assert children and not alive(children), "the Prefect server or a PDF worker outlived the harvest"

        # 2. SIGTERM once a council is in: that council stays, the others are read by the next run
        second = Harvest(tmp_path, councils, channel)
        second.wait_for("new publications,")
        code, took, children = second.signal_group(signal.SIGTERM)
        said = "\n".join(second.lines)
        assert code == 143, said
        assert took < STOP_WITHIN, f"took {took:.1f} s to stop:\n{said}"
        assert "Traceback" not in said, said
        loaded = int(second.closing()[0].split("stopped; ")[1].split(" council")[0])
        assert loaded >= 1, said
        assert not alive(children)
        assert len(loaded_councils(tmp_path / "w.duckdb")) < len(fresh_replica.sites), "the stop came too late"
        assert channel.keys == [], "a stopped run sent alerts (the next run sends them)"

        # 3. The next run completes the rest, and every alert reaches the channel once
        # (in this process: Prefect's server is already up here, a third one costs the suite time)
        councils.write_text(fresh_replica.councils_toml(requests_per_second=100))
        monkeypatch.setenv("PEERWATCH_NOTIFY", channel.url)
        stopping.reset()
        last = nightly_harvest(
            councils_file=str(councils),
            db=str(tmp_path / "w.duckdb"),
            data_dir=str(tmp_path / "data"),
            since=date(2014, 1, 1),
            until=date(2026, 12, 31),
        )
        assert not last.get("stopped") and last["councils"] == len(fresh_replica.sites)
    finally:
        channel.close()
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        alert_keys = [
            r[0] for r in con.execute("SELECT coalesce(key, url) FROM alerts WHERE tier = 'alert'").fetchall()
        ]
        runs = dict(con.execute("SELECT status, count(*) FROM runs GROUP BY 1").fetchall())
    finally:
        con.close()
    assert loaded_councils(tmp_path / "w.duckdb") == set(fresh_replica.sites)
    assert len(alert_keys) >= 10
    sent = Counter(channel.keys)
    assert set(sent) >= set(alert_keys) and max(sent.values()) == 1, sent
    assert runs.get("stopped") == 2 and runs.get("completed") == 1, runs
