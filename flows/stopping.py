"""Stopping on Ctrl-C (SIGINT) or SIGTERM: quick, safe, and said in one line.

A long command (harvest, demo, serve, reprocess) installs `on_signals()`. The first signal only *asks* to
stop: the flow finishes the council it is writing (each council is one transaction), loads no other,
sends nothing, and the command prints one line and exits 130 (SIGINT) or 143 (SIGTERM). Whatever was not
loaded is fetched again by the next run, and alerts already loaded wait, unsent, for it, so nothing is
alerted twice. Work in flight is told to stop through the callbacks registered with `when_stopping`
(the HTTP client answers every further request "stopped").

If the command has not ended `GRACE_SECONDS` after the signal (a download that will not end, a huge
council still being written) or a second signal comes, it ends at once: its child processes (the PDF
workers, the temporary Prefect server) are killed and the process exits with the same code. DuckDB
rolls back the transaction that was open, so the council being written is then simply not loaded.

Child processes are kept out of the terminal's Ctrl-C (they ignore it, or run in their own process
group) so that only this process decides how the run ends.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

GRACE_SECONDS = float(os.environ.get("PEERWATCH_STOP_GRACE", "8"))
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}


class Stopped(BaseException):
    """Raised where a command cannot wait for its loop to notice (serve): ends the command with `exit_code`.
    A BaseException so that no `except Exception` on the way swallows it."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.signum, 128 + self.signum)


class _State:
    def __init__(self):
        self.event = threading.Event()
        self.signum: int | None = None
        self.loaded = 0  # councils loaded by this run (for the closing line)
        self.callbacks: list[Callable[[], None]] = []
        self.lock = threading.Lock()
        self.said = False  # the command has printed its closing line


_STATE = _State()


def requested() -> bool:
    return _STATE.event.is_set()


def exit_code() -> int:
    return EXIT_CODES.get(_STATE.signum or signal.SIGINT, 130)


def council_loaded() -> None:
    _STATE.loaded += 1


def councils_loaded() -> int:
    return _STATE.loaded


def stopped_line(loaded: int | None = None) -> str:
    """The one line a stopped command prints (saying it also tells the grace timer not to say it again)."""
    n = _STATE.loaded if loaded is None else loaded
    _STATE.said = True
    return f"stopped; {n} council{'s' if n != 1 else ''} loaded, the next run completes the rest"


def reset() -> None:
    """Forget an earlier stop (tests run several commands in one process)."""
    global _STATE
    _STATE = _State()


@contextmanager
def when_stopping(callback: Callable[[], None]) -> Iterator[None]:
    """Call `callback` (from the signal handler: it must be quick and never block) if a stop is asked while
    inside this block; at once if it was asked already."""
    with _STATE.lock:
        _STATE.callbacks.append(callback)
    if requested():
        callback()
    try:
        yield
    finally:
        with _STATE.lock:
            if callback in _STATE.callbacks:
                _STATE.callbacks.remove(callback)


def request(signum: int) -> None:
    """Ask the running command to stop, as the signal `signum` does."""
    if _STATE.event.is_set():
        return
    _STATE.signum = signum
    _STATE.event.set()
    for callback in list(_STATE.callbacks):
        try:
            callback()
        except Exception:  # noqa: BLE001  (a callback must not stop the others from being told)
            pass
    timer = threading.Timer(GRACE_SECONDS, _end_now)
    timer.daemon = True
    timer.start()


def _handler(signum, frame) -> None:
    if requested():  # a second signal: the person means it
        _end_now()
    request(signum)


def _end_now() -> None:
    """The grace period is over: kill our children, say so, and leave without running anything else."""
    _kill_children()
    try:
        sys.stdout.flush()
    except Exception:  # noqa: BLE001
        pass
    if not _STATE.said:  # (exiting after the line was printed: e.g. Prefect's server taking its time to stop)
        os.write(2, f"peerwatch: {stopped_line()} (ended without waiting for the work in flight)\n".encode())
    os._exit(exit_code())


def _kill_children() -> None:
    import psutil

    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return
    for child in children:
        try:
            child.kill()
        except psutil.Error:
            pass


@contextmanager
def on_signals(raise_at_once: bool = False) -> Iterator[None]:
    """SIGINT and SIGTERM ask this process to stop (see the module's docstring) while inside the block.

    `raise_at_once`: raise `Stopped` in the main thread instead (for a command that has no loop of its own
    to notice, such as `serve`). Outside the main thread this does nothing (signals go to the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        _handler(signum, frame)
        if raise_at_once:
            raise Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in EXIT_CODES}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def ignore_terminal_signals() -> None:
    """For a child process whose parent decides when it stops (a PDF worker): Ctrl-C in the terminal and a
    SIGTERM to the whole process group reach it too, and must not end it half way through a task."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
