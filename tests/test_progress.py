"""Progress of a harvest: plain log lines off a terminal, with councils, requests, documents, alerts and an estimate."""

import logging

from flows.progress import HarvestProgress


class FakeClient:
    def __init__(self):
        self.log = []


def test_plain_progress_logs_a_line_per_council_with_counts_and_an_estimate(caplog):
    client, logger = FakeClient(), logging.getLogger("peerwatch-test-progress")
    caplog.set_level(logging.INFO, logger=logger.name)
    with HarvestProgress(4, client, logger, mode="plain") as progress:
        client.log.extend(range(7))  # requests still waiting to be loaded count too
        progress.council_done(requests=0, documents=3, alerts=1)
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith("progress: 1/4 councils, 7 requests, 3 documents read, 1 alerts; 0:00:00 elapsed, about")


def test_a_long_council_still_gets_a_line_now_and_then(caplog):
    client, logger = FakeClient(), logging.getLogger("peerwatch-test-heartbeat")
    caplog.set_level(logging.INFO, logger=logger.name)
    import time

    with HarvestProgress(2, client, logger, mode="plain", heartbeat=0.2):
        time.sleep(1.2)
    assert any("(still reading)" in r.getMessage() for r in caplog.records)


def test_the_request_count_never_goes_down_while_a_council_is_drained():
    client = FakeClient()
    progress = HarvestProgress(2, client, logging.getLogger("x"), mode="off")
    client.log.extend(range(5))
    assert progress.requests == 5
    client.log.clear()  # drained by the flow before council_done adds them
    assert progress.requests == 5
    progress.council_done(requests=5, documents=0, alerts=0)
    assert progress.requests == 5
