"""What can go wrong for a user, and the exit code each kind of mistake gives.

Any command may raise these with a one-line message saying what is wrong and what to do;
`flows.cli.main` prints the message (never a traceback) and exits with the class's code:

| exit | meaning |
|---|---|
| 0 | done (a harvest is done even if some sources failed: failures are recorded) |
| 1 | an internal error (a bug): one line, the traceback only with `--debug` or PEERWATCH_DEBUG=1 |
| 2 | a user or configuration mistake: fix the command or the file and run it again |
| 3 | the warehouse cannot be used now: busy (another harvest) or not a warehouse we can open |
"""

from __future__ import annotations

EXIT_OK, EXIT_INTERNAL, EXIT_USER, EXIT_WAREHOUSE = 0, 1, 2, 3


class PeerWatchError(Exception):
    """An error whose message is meant for the person at the keyboard."""

    exit_code = EXIT_INTERNAL


class UserError(PeerWatchError, ValueError):
    """A mistake in the command, its arguments or a file it was given (exit 2)."""

    exit_code = EXIT_USER


class WarehouseUnusable(PeerWatchError):
    """The warehouse file exists but cannot be opened as a PeerWatch warehouse (exit 3)."""

    exit_code = EXIT_WAREHOUSE


class WarehouseBusy(WarehouseUnusable):
    """Another process holds the warehouse (a harvest writing, or a second harvest) (exit 3)."""
