"""ModernGov HTML readers on saved pages (one fixture per page type)."""
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from flows.cli import main
from scrapers.models import Committee, Meeting
from scrapers.moderngov import pages
from scrapers.moderngov.links import is_document_url
from scrapers.moderngov.urls import absolute, query_param
from tests.conftest import FIXTURES, fixture_bytes

TOOLBAR_TEXT = re.compile(r"This matters|Share this item|View the (background|decision|reasons)|Webcast for|"
                          r"PDF \d+ [KM]B", re.IGNORECASE)

BASE = "https://democracy.example-council.gov.uk"


def test_committee_list_reads_ids_and_decodes_titles():
    committees = pages.parse_committee_list(fixture_bytes("moderngov_mgListCommittees.html"), BASE + "/mgListCommittees.aspx")
    assert [c.committee_id for c in committees] == ["186", "118"]
    assert committees[0].title == "Children, Young People & Skills Committee"


def test_meeting_list_reads_upper_case_mid_dates_and_cancellations():
    meetings = pages.parse_meeting_list(fixture_bytes("moderngov_ieListMeetings.html"),
                                        BASE + "/ieListMeetings.aspx?CId=186&Year=0", Committee("186", "CYPS"))
    by_id = {m.meeting_id: m for m in meetings}
    assert set(by_id) == {"6145", "6146"}
    assert by_id["6145"].meeting_date == date(2016, 11, 21)
    assert by_id["6146"].status == "cancelled"
    assert by_id["6145"].status == "confirmed"


def test_meeting_page_items_documents_and_truncated_minutes():
    meeting = pages.parse_meeting_page(fixture_bytes("moderngov_ieListDocuments.html"),
                                       BASE + "/ieListDocuments.aspx?CId=186&MID=6145", BASE,
                                       Meeting("6145", "186", "CYPS", date(2016, 11, 21)))
    titles = [i.title for i in meeting.items]
    assert titles[0] == "Chair's Communications"          # double-encoded on the page
    item = meeting.items[1]
    assert item.url == BASE + "/mgAi.aspx?ID=52105"
    assert item.number == "45."
    assert item.minutes_truncated
    assert "view the full minutes text" not in item.minutes
    doc = item.documents[0]
    assert doc.url == BASE + "/documents/s96110/LGA%20Safeguarding%20Peer%20Review%20update%20report.pdf"
    assert doc.attachment_id == "96110" and doc.role == "report"
    assert "PDF" not in doc.title
    assert any("Printed minutes" in d.title for d in meeting.documents)


def test_cancelled_meeting_page_has_no_items():
    meeting = pages.parse_meeting_page(fixture_bytes("moderngov_ieListDocuments_cancelled.html"), BASE + "/x", BASE,
                                       Meeting("6146", "186", "CYPS", None))
    assert meeting.status == "cancelled"
    assert meeting.items == []
    assert meeting.meeting_date == date(2016, 12, 12)


def test_agenda_item_page_gives_full_minutes_and_documents():
    title, description, minutes, docs = pages.parse_agenda_item_page(fixture_bytes("moderngov_mgAi.html"),
                                                                     BASE + "/mgAi.aspx?ID=52105")
    assert title == "Local Government Association Safeguarding Peer Review update report"
    assert minutes.endswith("that the council will take forward.")
    assert len(minutes) > 1000
    assert docs[0].attachment_id == "96110"


def test_urls_keep_sub_path_encode_spaces_and_drop_session_segments():
    base = "https://www.example.gov.uk/moderngov/"
    assert absolute(base, "documents/s1/A B.pdf") == "https://www.example.gov.uk/moderngov/documents/s1/A%20B.pdf"
    assert absolute("https://x.gov.uk/(S(abc123))/mgAi.aspx?ID=1", "mgAi.aspx?ID=2") == "https://x.gov.uk/mgAi.aspx?ID=2"
    assert query_param("ieListDocuments.aspx?CId=1&MID=7", "MId") == "7"


def test_meeting_page_cut_short_keeps_the_items_before_the_cut():
    whole = fixture_bytes("moderngov_ieListDocuments.html")
    cut = whole[: whole.index(b"Members welcomed")]      # inside item 45's minutes, tables left open
    meeting = pages.parse_meeting_page(cut, BASE + "/ieListDocuments.aspx?CId=186&MID=6145", BASE,
                                       Meeting("6145", "186", "CYPS", date(2016, 11, 21)))
    assert [i.item_id for i in meeting.items] == ["52101", "52105"]
    assert meeting.items[1].title == "Local Government Association Safeguarding Peer Review update report"


def test_garbage_and_unclosed_markup_read_as_empty_not_as_a_crash():
    for body in [b"", b"\x00\xff\xfe garbage", b"<html><body><table><tr><td><a href='mgAi.aspx?ID=", b"<<<>>>"]:
        assert pages.parse_committee_list(body, BASE + "/mgListCommittees.aspx") == []
        assert pages.parse_meeting_list(body, BASE + "/ieListMeetings.aspx?CId=1", Committee("1", "C")) == []
        assert pages.parse_meeting_page(body, BASE + "/x", BASE, Meeting("1", "1", "C", None)).items == []


# -- Real meeting pages (../shared, not copied into the project) -------------------------------------------------
SHARED_MEETINGS = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "moderngov" / "meetings"

# expected.json says item 8 of Lambeth MId 17451 is not cut short, but its minutes end "… view the full minutes text
# for item 8." linking mgAi.aspx?ID=67132, exactly like items 5-7 it marks as cut short; only there the link text
# wraps over a line in the markup. The reader is right and the label is an erratum. Each erratum must still be in
# the file (so a corrected expected.json makes this test fail until the entry is removed).
ERRATA = {("lambeth_ieListDocuments_MId17451.html", "67132", "minutes_truncated"): (False, True)}


def _inspect_json(capsys, path: Path, page_url: str) -> dict:
    capsys.readouterr()
    assert main(["inspect", str(path), "--url", page_url, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _compare_page(page: dict, got: dict) -> list[str]:
    """Every difference between expected.json's page and what `peerwatch inspect` printed: missing, wrong, extra."""
    want, meeting, problems = page["expected"], got["meeting"], []

    def check(where, expected, actual):
        erratum = ERRATA.get((page["file"], *where))
        if erratum:
            assert expected == erratum[0], f"erratum {where} no longer in expected.json: remove it"
            expected = erratum[1]
        if expected != actual:
            problems.append(f"wrong {where}: expected {expected!r}, got {actual!r}")

    decoded = lambda urls: [unquote(u) for u in urls]
    if want["status"] is not None:        # MId 9982: cancelled by the calendar only, so left unset
        check(("status",), want["status"], meeting["status"])
    check(("date",), want["date_from_page"], meeting["date"])
    check(("heading_carries_date",), want["heading_carries_date"], meeting["date_source"] == "heading")
    check(("no_documents_message",), want["no_documents_message"], meeting["no_documents_message"])
    check(("meeting documents",), decoded(want["meeting_documents"]), decoded(meeting["documents"]))
    got_items = {i["item_id"]: i for i in got["items"]}
    want_ids = [i["item_id"] for i in want["items"]]
    problems += [f"missing item {i}" for i in want_ids if i not in got_items]
    problems += [f"extra item {i}" for i in got_items if i not in want_ids]
    for w in want["items"]:
        g = got_items.get(w["item_id"])
        if g is None:
            continue
        for key in ("number", "title", "has_minutes", "minutes_truncated"):
            check((w["item_id"], key), w[key], g[key])
        check((w["item_id"], "documents"), decoded(w["documents"]), decoded(g["documents"]))
    return problems


def test_inspect_reads_every_shared_real_meeting_page_as_expected(capsys):
    if not (SHARED_MEETINGS / "expected.json").is_file():
        pytest.skip(f"real ModernGov meeting pages not present at {SHARED_MEETINGS} (they are not part of the project)")
    pages_ = json.loads((SHARED_MEETINGS / "expected.json").read_text())["pages"]
    assert len(pages_) == 11
    problems = {}
    for page in pages_:
        got = _inspect_json(capsys, SHARED_MEETINGS / page["file"], page["page_url"])
        assert got["page_type"] == page["page_type"]
        found = _compare_page(page, got)
        if found:
            problems[page["file"]] = found
        toolbar = [i["item_id"] for i in got["items"] if TOOLBAR_TEXT.search(i["description"] + i["minutes"])]
        assert not toolbar, f"{page['file']}: toolbar text in items {toolbar}"
        for i in got["items"]:
            assert all(is_document_url(u) for u in i["documents"])
    assert problems == {}


def test_inspect_prints_a_saved_page_for_people(capsys):
    path = FIXTURES / "moderngov_ieListDocuments.html"
    assert main(["inspect", str(path), "--url", BASE + "/ieListDocuments.aspx?CId=186&MID=6145"]) == 0
    out = capsys.readouterr().out
    assert "page type: ieListDocuments" in out and "date: 2016-11-21 (from the heading)" in out
    assert "45. Local Government Association Safeguarding Peer Review update report" in out
    assert "cut short" in out


def test_inspect_of_a_missing_file_is_a_clear_user_mistake(capsys):
    assert main(["inspect", "no-such-page.html"]) == 2
    assert "no such file: no-such-page.html" in capsys.readouterr().err
