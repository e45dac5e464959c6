"""Documents whose answer may heal are asked for on their schedule whatever the nightly window, and a 0-byte
answer says so in plain words (issue 22, item 7). Over loopback, through the harvest's own functions."""

from __future__ import annotations

from datetime import date, timedelta

from flows.config import CouncilConfig
from flows.harvest import analyse_council, harvest_council, revisits_for
from tests.scenarios.test_hostile import make_client
from tests.support.hostile import HostileServer, pdf_with_lone_surrogate, plain
from transforms.pdf_text import extract_pdf_bytes
from warehouse import load as wl
from warehouse.db import open_warehouse

SETTLE = timedelta(weeks=12)

COMMITTEES = b'<html><body><a href="mgCommitteeDetails.aspx?ID=7">Scrutiny Committee</a></body></html>'
MEETINGS = (
    b'<html><body><a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId=7&amp;MId=1">3 Mar 2026 '
    b"6.30 pm</a></body></html>"
)
MEETING = (
    b"<html><head><title>Scrutiny Committee - Tuesday, 3rd March, 2026 6.30 pm</title></head><body>"
    b'<table class="mgItemTable"><tr><td><p class="mgAiTitleTxt"><a name="AI1"></a>1.</p></td><td>'
    b'<p class="mgAiTitleTxt">Annual report</p><p class="mgSubItemTitleTxt">Supporting documents:</p><ul>'
    b'<li><a href="mgConvert2PDF.aspx?ID=11">Annual report PDF 100 KB</a></li></ul></td></tr></table>'
    b"</body></html>"
)


def test_an_unavailable_document_is_asked_again_on_its_schedule_after_its_meeting_left_the_window(tmp_path):
    with HostileServer() as site:
        for path, body in (
            ("/mgListCommittees.aspx", COMMITTEES),
            ("/ieListMeetings.aspx", MEETINGS),
            ("/ieListDocuments.aspx", MEETING),
        ):
            site.answer(path, plain(body))
        site.answer("/mgConvert2PDF.aspx", plain(b"", content_type="application/pdf"))  # 0 bytes
        council = CouncilConfig(slug="c", name="Council c", moderngov_url=site.root)
        con = open_warehouse(str(tmp_path / "w.duckdb"))
        wl.upsert_councils(con, [council.model_dump()])

        def night(today: date) -> None:
            since, until = today - SETTLE, today + timedelta(weeks=8)
            plan = revisits_for(
                wl.revisit_schedules(con, since, until),
                "c",
                today,
                SETTLE,
                wl.retry_meetings(con, since, until).get("c", []),
            )
            harvest = harvest_council(
                council, make_client(tmp_path, site), since, until, wl.known_documents(con), set(), plan
            )
            extractions = {d.ref.url: extract_pdf_bytes(d.result.body) for d in harvest.documents if d.result.ok}
            wl.load_council_batch(con, analyse_council(harvest, extractions, {}, wl.item_content_shas(con, "c")), "run")

        night(date(2026, 3, 4))
        status, error = con.execute("SELECT extract_status, extract_error FROM documents").fetchone()
        assert status == "unavailable"
        assert error.startswith("empty answer: HTTP 200 with 0 bytes") and "got application/pdf" not in error
        site.answer("/mgConvert2PDF.aspx", plain(pdf_with_lone_surrogate(), content_type="application/pdf"))
        site.hits.clear()
        night(date(2026, 9, 1))  # the meeting is long out of the window; the document's retry is not yet due
        assert not any(h.startswith("/mgConvert2PDF") for h in site.hits)
        con.execute("UPDATE documents SET next_fetch_after = now() - INTERVAL 1 HOUR")  # its day has come
        night(date(2026, 9, 2))
        assert any(h.startswith("/mgConvert2PDF") for h in site.hits)
        assert con.execute("SELECT extract_status FROM documents").fetchone() == ("ok",)
        con.close()
