"""The nightly schedule: a cron deployment served from this machine.

Schedules need a running `prefect server start` (the temporary server started for a
one-off run does not schedule); PREFECT_API_URL must point at it.
"""

from __future__ import annotations

import signal

from prefect.runner.runner import Runner
from prefect.schedules import Cron

from flows import stopping
from flows.nightly import nightly_flow


def _note_sigterm(handle_sigterm):
    """Prefect's runner answers SIGTERM by stopping its runs and exiting 0; note the signal first, so `serve`
    ends with the one line and exit code 143 every other command gives."""

    def handle(self, *args, **kwargs):
        stopping.request(signal.SIGTERM)
        return handle_sigterm(self, *args, **kwargs)

    handle.__wrapped__ = handle_sigterm
    return handle


if not hasattr(Runner.handle_sigterm, "__wrapped__"):
    Runner.handle_sigterm = _note_sigterm(Runner.handle_sigterm)


def serve_nightly(
    councils_file: str, db: str, data_dir: str, cron: str = "30 2 * * *", councils_at_once: int = 4
) -> None:
    # No channel URL here: parameters are shown by the Prefect UI and API. Each run reads its channels from
    # this process's environment (PEERWATCH_NOTIFY, PEERWATCH_CHANNELS), which the runs it starts inherit.
    nightly_flow(councils_at_once).serve(
        name="peerwatch-nightly",
        schedules=[Cron(cron, timezone="Europe/London")],
        parameters={"councils_file": councils_file, "db": db, "data_dir": data_dir},
        tags=["peerwatch"],
        limit=1,  # one harvest at a time: DuckDB has a single writer
    )
