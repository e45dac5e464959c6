"""When the work in flight will not end (a download that drips, a huge council being written), a stop still
ends the command within the grace period: its children killed, one line, exit 130/143; a second Ctrl-C at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
STUCK = """
import subprocess, time
from flows import stopping
child = subprocess.Popen(["sleep", "300"])
with stopping.on_signals():
    print(child.pid, flush=True)   # (once the handlers are in place: the test signals as soon as it reads this)
    while True:          # work that never looks at stopping.requested()
        time.sleep(0.1)
"""


def start(grace: str) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PEERWATCH_STOP_GRACE": grace},
    )
    return process, int(process.stdout.readline())


def test_stuck_work_ends_after_the_grace_period_with_its_children(tmp_path):
    process, child = start("1")
    sent = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 143
    assert time.monotonic() - sent < 5
    assert "stopped; 0 councils loaded" in process.stderr.read()
    time.sleep(0.2)
    assert not psutil.pid_exists(child) or psutil.Process(child).status() == psutil.STATUS_ZOMBIE


def test_a_second_ctrl_c_ends_at_once():
    process, _ = start("60")
    process.send_signal(signal.SIGINT)
    time.sleep(0.3)
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 130 and time.monotonic() - sent < 3
