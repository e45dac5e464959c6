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
    from transforms.pdf_pool import serve

    task_fd, result_fd, memory_mb = (int(a) for a in sys.argv[1:4])
    serve(_Duplex(task_fd, result_fd), memory_mb or None)


if __name__ == "__main__":
    main()
