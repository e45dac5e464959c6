"""The nightly schedule: a cron deployment served from this machine.

Schedules need a running `prefect server start` (the temporary server started for a
one-off run does not schedule); PREFECT_API_URL must point at it.
"""
from __future__ import annotations

from prefect.schedules import Cron

from flows.nightly import nightly_flow


def serve_nightly(councils_file: str, db: str, data_dir: str, cron: str = "30 2 * * *",
                  councils_at_once: int = 4) -> None:
    # No channel URL here: parameters are shown by the Prefect UI and API. Each run reads its channels from
    # this process's environment (PEERWATCH_NOTIFY, PEERWATCH_CHANNELS), which the runs it starts inherit.
    nightly_flow(councils_at_once).serve(
        name="peerwatch-nightly",
        schedules=[Cron(cron, timezone="Europe/London")],
        parameters={"councils_file": councils_file, "db": db, "data_dir": data_dir},
        tags=["peerwatch"],
        limit=1,  # one harvest at a time: DuckDB has a single writer
    )
