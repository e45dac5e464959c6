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
