"""Run one measurement in a fresh interpreter, so its peak memory and imports are its own."""

from __future__ import annotations

import multiprocessing


def result_of(target, *args):
    """target(*args, queue) runs in a spawned process and puts its result on the queue."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    p = ctx.Process(target=target, args=(*args, queue))
    p.start()
    while True:  # the child's answer, or its death: a crash must not leave us waiting
        try:
            result = queue.get(timeout=5)
            break
        except Exception:
            if not p.is_alive():
                raise SystemExit(f"the measured process died (exit {p.exitcode}); its traceback is above") from None
    p.join()
    return result
