"""mgWebService.asmx readers on saved XML, and the checks that send a site to the HTML route."""

from datetime import date

import pytest

from scrapers.models import Meeting
from scrapers.moderngov import webservice
from tests.support.fixtures import fixture_bytes

BASE = "http://moderngov.example-council.gov.uk"


def test_committees_counts_with_leading_space_and_whitespace_empties():
    committees = webservice.parse_committees(fixture_bytes("ws_GetCommittees.xml"))
    assert [(c.committee_id, c.title) for c in committees] == [
        ("128", "Children and Young People's Scrutiny Panel"),
        ("110", "Cabinet"),
    ]


def test_meetings_dates_and_status():
    meetings = webservice.parse_meetings(fixture_bytes("ws_GetMeetings.xml"))
    assert [(m.meeting_id, m.meeting_date, m.status) for m in meetings] == [("10021", date(2023, 1, 16), "confirmed")]


def test_meeting_items_unescape_word_html_and_link_documents():
    meeting = webservice.parse_meeting(fixture_bytes("ws_GetMeeting.xml"), BASE, Meeting("10021", "128", "Panel", None))
    item = next(i for i in meeting.items if i.item_id == "74888")
    assert item.url == BASE + "/mgAi.aspx?ID=74888"
    assert item.minutes.startswith("Ms Hendricks presented the outcome")
    assert "<p" not in item.minutes and "&lt;" not in item.minutes
    work = next(i for i in meeting.items if i.item_id == "74890")
    assert work.documents[0].url == BASE + "/mgConvert2PDF.aspx?ID=90311"


def test_html_error_page_with_status_200_is_not_the_service():
    with pytest.raises(webservice.UnexpectedResponse, match="expected <committees>"):
        webservice.parse_committees(fixture_bytes("ws_error_page_200.html"))


def test_xml_bomb_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><committees>&b;</committees>'
    )
    with pytest.raises(webservice.UnexpectedResponse, match="unsafe XML"):
        webservice.parse_committees(bomb)


def test_xml_cut_short_is_not_the_service():
    body = fixture_bytes("ws_GetMeeting.xml")
    with pytest.raises(webservice.UnexpectedResponse, match="not XML"):
        webservice.parse_meeting(body[: len(body) // 2], BASE, Meeting("10021", "128", "Panel", None))


def test_restricted_linked_document_is_a_restricted_link_never_a_document():
    body = fixture_bytes("ws_GetMeeting.xml").replace(
        b"<isrestricted>False</isrestricted>\n          <restrictionsRef>",
        b"<isrestricted>True</isrestricted>\n          <restrictionsRef>",
    )
    meeting = webservice.parse_meeting(body, BASE, Meeting("10021", "128", "Panel", None))
    work = next(i for i in meeting.items if i.item_id == "74890")
    assert work.documents == []
    assert [(link.kind, link.title) for link in work.links] == [("restricted", "Work Programme 2022-23")]
