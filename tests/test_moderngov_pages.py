"""ModernGov HTML readers on saved pages (one fixture per page type)."""
from datetime import date

from scrapers.models import Committee, Meeting
from scrapers.moderngov import pages
from scrapers.moderngov.urls import absolute, query_param
from tests.conftest import fixture_bytes

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
