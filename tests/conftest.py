"""Test set-up: Prefect never touches ~/.prefect and never phones home; the replica is shared."""

from __future__ import annotations

import os
import tempfile

os.environ.pop("PREFECT_API_URL", None)
os.environ.update(
    PREFECT_HOME=tempfile.mkdtemp(prefix="peerwatch-prefect-"),
    DO_NOT_TRACK="1",
    PREFECT_SERVER_ANALYTICS_ENABLED="false",
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90",
    PREFECT_LOGGING_LEVEL="WARNING",
    PREFECT_SERVER_UI_ENABLED="false",
)

import pytest


@pytest.fixture(scope="session")
def replica():
    from replica.server import Replica

    with Replica() as r:
        yield r


@pytest.fixture
def fresh_replica():
    from replica.server import Replica

    with Replica() as r:
        yield r


@pytest.fixture(scope="session")
def demo_warehouse(replica, tmp_path_factory):
    """The warehouse `peerwatch demo` makes: one night over the whole replica (read it, or copy it to change it).
    Returns (db path, data dir)."""
    from datetime import date

    from flows.nightly import nightly_harvest

    root = tmp_path_factory.mktemp("demo")
    councils = root / "demo-councils.toml"
    councils.write_text(replica.councils_toml(requests_per_second=100))
    nightly_harvest(
        councils_file=str(councils),
        db=str(root / "demo.duckdb"),
        data_dir=str(root / "data"),
        since=date(2014, 1, 1),
        until=date(2026, 12, 31),
        workers=2,
    )
    return root / "demo.duckdb", root / "data"
