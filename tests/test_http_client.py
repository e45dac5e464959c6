"""The polite client against the replica over real sockets: retries, answers, refusals, validators."""

import pytest

from scrapers.http import ClientSettings, MemoryValidatorStore, PoliteClient, host_key
from transforms.rawstore import RawStore


@pytest.fixture
def client(tmp_path, replica):
    replica.clear_faults()
    c = PoliteClient(
        RawStore(tmp_path),
        MemoryValidatorStore(),
        settings=ClientSettings(backoff_seconds=0.01, read_timeout=2, max_retry_after=1.5),
        allowed_hosts={host_key(h.root) for h in replica.hosts.values()},
    )
    for h in replica.hosts.values():
        c.rate_limiter.set_rate(host_key(h.root), 200)
    yield c
    replica.clear_faults()


def url(replica, path, council="haringey"):
    return replica.moderngov_url(council) + path


def test_honest_user_agent_reaches_the_server(client, replica):
    client.get(url(replica, "/mgListCommittees.aspx"))
    assert replica.requests[-1].user_agent.startswith("PeerWatch/")
    assert "python-requests" not in replica.requests[-1].user_agent


def test_transient_500_and_429_are_retried(client, replica):
    replica.set_fault("haringey-moderngov", "mglistcommittees", "500", times=2)
    r = client.get(url(replica, "/mgListCommittees.aspx"))
    assert r.ok and r.attempts == 3
    replica.set_fault("haringey-moderngov", "mglistcommittees", "429", times=1)
    r = client.get(url(replica, "/mgListCommittees.aspx"))
    assert r.ok and r.attempts == 2


def test_persistent_500_is_recorded_not_raised(client, replica):
    replica.set_fault("haringey-moderngov", "mglistcommittees", "500", times=-1)
    r = client.get(url(replica, "/mgListCommittees.aspx"), council="haringey")
    assert not r.ok and r.error_class == "server_error" and r.attempts == 4
    assert client.log[-1].error == "HTTP 500" and client.log[-1].council == "haringey"


def test_404_is_an_answer_without_retries(client, replica):
    r = client.get(url(replica, "/nothing-here.aspx"))
    assert r.status == 404 and r.error_class == "not_found" and r.attempts == 1


def test_connection_reset_and_truncated_body_are_retried(client, replica):
    replica.set_fault("haringey-moderngov", "mglistcommittees", "reset", times=1)
    assert client.get(url(replica, "/mgListCommittees.aspx")).ok
    replica.set_fault("haringey-moderngov", "mgconvert2pdf", "truncate", times=1)
    r = client.get(url(replica, "/mgConvert2PDF.aspx?ID=90311"), expect="pdf")
    assert r.ok and r.body.startswith(b"%PDF") and r.attempts == 2


def test_redirect_to_another_host_is_refused(client, replica):
    replica.set_fault("haringey-moderngov", "mglistcommittees", "redirect_offsite", times=1)
    r = client.get(url(replica, "/mgListCommittees.aspx"))
    assert r.error_class == "offsite_redirect"


def test_unconfigured_host_is_never_contacted(client):
    r = client.get("http://127.0.0.2:9/anything")
    assert r.error_class == "host_not_allowed" and r.attempts == 0


def test_robots_disallow_is_obeyed(client, replica):
    r = client.get(replica.news_url("worcestershire") + "/search")
    assert r.error_class == "robots_disallowed"
    assert not any(q.path.startswith("/news/search") for q in replica.requests)


def test_html_where_a_pdf_was_expected_is_recorded(client, replica):
    replica.set_fault("haringey-moderngov", "mgconvert2pdf", "html_for_pdf", times=1)
    r = client.get(url(replica, "/mgConvert2PDF.aspx?ID=90311"), expect="pdf")
    assert r.error_class == "unexpected_content_type" and "HTML" in r.error


def test_conditional_get_answers_304_from_the_store(client, replica):
    target = url(replica, "/mgConvert2PDF.aspx?ID=90311")  # documents carry validators
    first = client.get(target, expect="pdf")
    second = client.get(target, expect="pdf")
    assert second.status == 304 and second.from_cache and second.body == first.body
    assert replica.requests[-1].conditional


def test_html_pages_carry_no_validators_so_are_read_again_in_full(client, replica):
    # Like real ASP.NET ModernGov pages: a revisit of a page costs a full answer, hence the revisit schedule.
    target = url(replica, "/mgListCommittees.aspx")
    client.get(target)
    second = client.get(target)
    assert second.status == 200 and not second.from_cache
    assert not replica.requests[-1].conditional


def test_size_cap(tmp_path, replica):
    c = PoliteClient(RawStore(tmp_path), settings=ClientSettings(max_bytes=100, backoff_seconds=0.01))
    r = c.get(url(replica, "/mgConvert2PDF.aspx?ID=90311"))
    assert r.error_class == "too_large"


def test_hanging_page_times_out_and_is_recorded(tmp_path, replica):
    replica.set_fault("haringey-moderngov", "mglistcommittees", "hang", times=1, hang_seconds=2)
    c = PoliteClient(RawStore(tmp_path), settings=ClientSettings(read_timeout=0.5, retries=0, backoff_seconds=0.01))
    r = c.get(url(replica, "/mgListCommittees.aspx"))
    assert r.error_class == "timeout"


@pytest.mark.parametrize("kind", ["huge_declared", "huge_stream"])
def test_a_2gb_response_is_refused_without_reading_it(tmp_path, replica, kind):
    replica.set_fault("haringey-moderngov", "mgconvert2pdf", kind, times=1)
    c = PoliteClient(RawStore(tmp_path), settings=ClientSettings(max_bytes=5 * 1024 * 1024, retries=0))
    r = c.get(url(replica, "/mgConvert2PDF.aspx?ID=90311"), expect="pdf")
    assert r.error_class == "too_large" and r.body is None


def test_settings_from_environment():
    s = ClientSettings.from_env(
        {
            "PEERWATCH_USER_AGENT": "PeerWatch/0.1 (+mailto:team@example.org)",
            "PEERWATCH_READ_TIMEOUT": "5",
            "PEERWATCH_RETRIES": "1",
        }
    )
    assert (s.user_agent, s.read_timeout, s.retries, s.connect_timeout) == (
        "PeerWatch/0.1 (+mailto:team@example.org)",
        5.0,
        1,
        10.0,
    )
