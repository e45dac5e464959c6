"""Progress of a harvest: councils done of total, requests, documents read, alerts, elapsed and estimate.

On a terminal it is a live rich progress line (Prefect's log lines print above it); elsewhere (under a
Prefect deployment, in cron, piped to a file) it is a plain log line per council, and a line every
minute while a long council (a back-fill) is still being read. PEERWATCH_PROGRESS=rich|plain|off
overrides the choice.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from datetime import timedelta

HEARTBEAT_SECONDS = 60.0


def progress_mode() -> str:
    mode = os.environ.get("PEERWATCH_PROGRESS", "").strip().lower()
    if mode in ("rich", "plain", "off"):
        return mode
    return "rich" if sys.stderr.isatty() else "plain"


def _duration(seconds: float) -> str:
    return str(timedelta(seconds=int(seconds)))


class HarvestProgress:
    """Counts a run's work; `council_done` after each council's load. Use as a context manager."""

    def __init__(self, total: int, client, logger, mode: str | None = None, heartbeat: float = HEARTBEAT_SECONDS):
        self.total, self.client, self.logger = total, client, logger
        self.mode = mode or progress_mode()
        self.heartbeat = heartbeat
        self.done = self.requests_drained = self.documents = self.alerts = 0
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._rich = None
        self._task = None
        self._swapped: list = []
        self._requests_seen = 0
        self._last_line = time.monotonic()

    # -- what is counted ------------------------------------------------------------------
    @property
    def requests(self) -> int:
        """Requests answered so far: those already loaded plus those waiting in the client's log."""
        # A council's entries move from the client's log to requests_drained between two reads: never count down.
        self._requests_seen = max(self._requests_seen, self.requests_drained + len(getattr(self.client, "log", [])))
        return self._requests_seen

    def council_done(self, requests: int, documents: int, alerts: int) -> None:
        self.done += 1
        self.requests_drained += requests
        self.documents += documents
        self.alerts += alerts
        if self.mode == "rich" and self._rich is not None:
            self._rich.update(self._task, completed=self.done, stats=self._stats())
        elif self.mode == "plain":
            self.logger.info("progress: %s", self.line())
            self._last_line = time.monotonic()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        left = ""
        if 0 < self.done < self.total:
            left = f", about {_duration(elapsed / self.done * (self.total - self.done))} left"
        return f"{self.done}/{self.total} councils, {self._stats()}; {_duration(elapsed)} elapsed{left}"

    def _stats(self) -> str:
        return f"{self.requests} requests, {self.documents} documents read, {self.alerts} alerts"

    # -- display --------------------------------------------------------------------------
    def __enter__(self) -> HarvestProgress:
        self.started = time.monotonic()
        if self.mode == "rich":
            self._start_rich()
        if self.mode != "off":
            self._thread = threading.Thread(target=self._tick, name="peerwatch-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)
        if self._rich is not None:
            self._rich.update(self._task, completed=self.done, stats=self._stats())
            self._rich.stop()
            for handler, console in self._swapped:
                handler.console = console

    def _start_rich(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True)
        self._rich = Progress(
            TextColumn("councils"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[stats]}"),
            TimeElapsedColumn(),
            TextColumn("elapsed,"),
            TimeRemainingColumn(),
            TextColumn("left"),
            console=console,
        )
        self._task = self._rich.add_task("harvest", total=self.total, stats=self._stats())
        # Prefect's console handler writes straight to stderr; through our console its lines print above the bar.
        for handler in _rich_log_handlers():
            self._swapped.append((handler, handler.console))
            handler.console = console
        self._rich.start()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            if self._rich is not None:
                self._rich.update(self._task, stats=self._stats())
            elif self.mode == "plain" and time.monotonic() - self._last_line >= self.heartbeat:
                self.logger.info("progress: %s (still reading)", self.line())
                self._last_line = time.monotonic()


def _rich_log_handlers() -> list:
    from rich.console import Console

    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    found = []
    for lg in loggers:
        for handler in getattr(lg, "handlers", []):
            if isinstance(getattr(handler, "console", None), Console) and handler not in found:
                found.append(handler)
    return found
