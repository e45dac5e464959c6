"""The nightly schedule against a real `prefect server start`: `peerwatch serve` registers the cron
deployment, the scheduler books its 02:30 Europe/London runs (the scheduler silently stops with
SQLAlchemy 2.1, hence the pin), and a run of the deployment harvests the replica into the warehouse and
delivers its digest to the channel set in the serving process's environment, whose URL the Prefect API
never holds."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import duckdb
import pytest
import requests

FLOW, DEPLOYMENT = "nightly_harvest", "peerwatch-nightly"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except requests.RequestException:
            value = None
        if value:
            return value
        time.sleep(1)
    pytest.fail(f"timed out waiting for {what}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture
def prefect_server(tmp_path):
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_LOGGING_LEVEL": "ERROR",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def healthy():
        try:
            return requests.get(f"{api}/health", timeout=2).ok
        except requests.RequestException:
            return False

    try:
        wait_for(healthy, 120, "prefect server start")
        yield api, env
    finally:
        stop(server)


def test_serve_books_the_nightly_runs_and_a_run_harvests_the_replica(prefect_server, replica, tmp_path):
    from tests.support.channels import Receiver

    api, env = prefect_server
    councils, db = tmp_path / "councils.toml", tmp_path / "w.duckdb"
    councils.write_text(replica.councils_toml(requests_per_second=100))
    secret = "tok-3f9a71c2e8"  # stands for a webhook token or a mail password
    hook = Receiver(path=f"/hook/{secret}")
    serve_errors = tmp_path / "serve.err"
    errors_file = serve_errors.open("wb")  # the child keeps its own copy of the file
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "serve",
            "--councils",
            str(councils),
            "--db",
            str(db),
            "--data-dir",
            str(tmp_path / "data"),
            "--cron",
            "30 2 * * *",
        ],
        env={**env, "PEERWATCH_NOTIFY": hook.url},
        stdout=subprocess.DEVNULL,
        stderr=errors_file,
        start_new_session=True,
    )
    errors_file.close()
    try:

        def deployment():
            r = requests.get(f"{api}/deployments/name/{FLOW}/{DEPLOYMENT}", timeout=5)
            return r.json() if r.ok else None

        dep = wait_for(deployment, 120, "the deployment to be registered")
        (schedule,) = [s["schedule"] for s in dep["schedules"]]
        assert (schedule["cron"], schedule["timezone"]) == ("30 2 * * *", "Europe/London")

        def booked():
            r = requests.post(
                f"{api}/flow_runs/filter",
                timeout=5,
                json={
                    "flow_runs": {"deployment_id": {"any_": [dep["id"]]}, "state": {"type": {"any_": ["SCHEDULED"]}}}
                },
            )
            return [run for run in r.json() if run["auto_scheduled"]] if r.ok else None

        scheduled = wait_for(booked, 60, "the scheduler to book nightly runs")
        assert all(run["expected_start_time"][11:16] in ("02:30", "01:30") for run in scheduled)  # 02:30 London, in UTC

        # Run it now, over the replica's years, as `prefect deployment run` would.
        # A busy SQLite-backed server answers 503 now and then: ask again, as Prefect's own client does.
        def create_run():
            r = requests.post(
                f"{api}/deployments/{dep['id']}/create_flow_run",
                timeout=5,
                json={"parameters": {"since": "2014-01-01", "until": "2026-12-31"}},
            )
            return r.json() if r.ok else None

        run = wait_for(create_run, 60, "the run to be created")

        def finished():
            r = requests.get(f"{api}/flow_runs/{run['id']}", timeout=5)
            state = r.json()["state"] if r.ok else None
            return state if state and state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        state = wait_for(finished, 240, "the served run to finish")
        assert state["type"] == "COMPLETED", state
        assert "new alerts" in state["message"]
        seen_by_prefect = _everything_prefect_holds(api, dep["id"], run["id"])
    finally:
        stop(serve)
        hook.close()
    # SIGTERM (a service manager stopping it) ends `serve` by itself, with its documented code and line
    assert serve.returncode == 143, serve_errors.read_text()[-2000:]
    assert "peerwatch serve: stopped" in serve_errors.read_text()
    with duckdb.connect(str(db), read_only=True) as con:
        alerts = con.execute("SELECT count(*) FROM alerts").fetchone()[0]
        assert alerts >= 9
        assert con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NULL").fetchone()[0] == 0
    (digest,) = hook.received  # delivered through PEERWATCH_NOTIFY, read by the run at run time
    assert len(digest["alerts"]) == alerts
    assert secret not in seen_by_prefect and hook.url.split("/hook")[0] not in seen_by_prefect
    assert "peerwatch-new-alerts" in seen_by_prefect and "nightly 20" in seen_by_prefect


def _everything_prefect_holds(api: str, deployment_id: str, run_id: str) -> str:
    """The deployment, the run (name, parameters, state), its logs and artifacts, as the API serves them."""
    get = lambda path: requests.get(f"{api}{path}", timeout=10).text
    post = lambda path, body: requests.post(f"{api}{path}", json=body, timeout=10).text
    return "\n".join(
        [
            get(f"/deployments/{deployment_id}"),
            get(f"/flow_runs/{run_id}"),
            post("/logs/filter", {"logs": {"flow_run_id": {"any_": [run_id]}}}),
            post("/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}}),
            post("/variables/filter", {}),
        ]
    )
