"""Functions the pool tests run in PDF workers (they must be importable by name there)."""

import os
import time


def double(x: int) -> int:
    return 2 * x


def pid_of_worker(_: int) -> int:
    time.sleep(0.05)
    return os.getpid()


def refuse(word: str) -> str:
    raise ValueError(f"no {word}")


def slow_in_workers_only(parent_pid: int, seconds: float) -> str:
    """Sleeps in a worker (to hit its time limit), answers at once in the caller's own process."""
    if os.getpid() != parent_pid:
        time.sleep(seconds)
    return "answered"


def die_in_workers_only(parent_pid: int) -> str:
    if os.getpid() != parent_pid:
        os._exit(9)
    return "answered here"
