"""The temporary Prefect server dies with the harvest that started it.

`peerwatch harvest` runs its flow against a temporary Prefect server, a uvicorn child process that
Prefect 3 starts with `subprocess.Popen` (`SubprocessASGIServer._run_uvicorn_command`) and stops
from an `atexit` hook. A harvest killed with SIGKILL (the OOM killer's signal) runs no hook, so the
server kept running (about 190 MB, and it ignores SIGTERM). Linux can deliver a signal to a child
when its parent dies (`prctl(PR_SET_PDEATHSIG)`); we ask for SIGKILL in the child, between fork and
exec, for the processes Prefect's server module starts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import threading
import types

PR_SET_PDEATHSIG = 1


def _prctl():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl
    except (OSError, AttributeError):
        return None  # not Linux: the atexit hook is all there is


_PRCTL = _prctl()  # looked up before any fork: a child between fork and exec should only make the call


def _die_with_parent(parent_pid: int):
    def preexec() -> None:
        # Its own process group: Ctrl-C in the terminal (or a SIGTERM to the harvest's group) goes to the harvest,
        # which stops in order and then stops the server; the server dying first left the flow hanging on it.
        os.setpgid(0, 0)
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent_pid:  # the parent died before the call above: nothing would tell us
            os._exit(1)

    return preexec


class _SubprocessTiedToParent(types.ModuleType):
    """`subprocess` for Prefect's server module: the same, except that its children die with this process."""

    def __getattr__(self, name):
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args, **kwargs):  # noqa: N802 (the name Prefect calls)
        # The signal follows the thread that forked: tie only children of the main thread, which lives as
        # long as the process. A child started from a passing thread keeps Prefect's own clean-up.
        if _PRCTL is not None and threading.current_thread() is threading.main_thread():
            kwargs.setdefault("preexec_fn", _die_with_parent(os.getpid()))
        return subprocess.Popen(*args, **kwargs)


def tie_temporary_server_to_this_process() -> None:
    """Make the temporary Prefect server started by this process die with it, even on SIGKILL."""
    from prefect.server.api import server

    if not isinstance(server.subprocess, _SubprocessTiedToParent):
        server.subprocess = _SubprocessTiedToParent("subprocess")
