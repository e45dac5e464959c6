"""Entry point of one PDF worker process: `python -m transforms.pdf_worker TASK_FD RESULT_FD MEMORY_MB`.

A module of its own so that `transforms.pdf_pool` and `transforms.pdf_text` are imported under their real
names in the worker (the results it pickles must be `transforms.pdf_text.Extraction` and
`transforms.pdf_pool.CallFailed` objects for the parent)."""

import sys
from multiprocessing.connection import Connection


class _Duplex:
    """Receive tasks on one pipe, send results on the other."""

    def __init__(self, task_fd: int, result_fd: int):
        self._in = Connection(task_fd, writable=False)
        self._out = Connection(result_fd, readable=False)

    def recv(self):
        return self._in.recv()

    def send(self, obj) -> None:
        self._out.send(obj)


def main() -> None:
    import signal

    from transforms.pdf_pool import serve

    # Ctrl-C in the terminal, or a SIGTERM to the whole process group, reaches the workers too: the harvest
    # decides how its run ends and stops them itself (closing their task pipe), never half way through a task.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

    task_fd, result_fd, memory_mb = (int(a) for a in sys.argv[1:4])
    serve(_Duplex(task_fd, result_fd), memory_mb or None)


if __name__ == "__main__":
    main()
