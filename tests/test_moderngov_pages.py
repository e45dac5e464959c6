"""ModernGov HTML readers on saved pages (one fixture per page type)."""

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from flows.cli import main
from scrapers.models import Committee, Meeting
from scrapers.moderngov import meeting_page, pages
from scrapers.moderngov.links import is_document_url, link_kind
from scrapers.moderngov.urls import absolute, query_param
from tests.support.fixtures import FIXTURES, fixture_bytes

TOOLBAR_TEXT = re.compile(
    r"This matters|Share this item|View the (background|decision|reasons)|Webcast for|"
    r"PDF \d+ [KM]B",
    re.IGNORECASE,
)

BASE = "https://democracy.example-council.gov.uk"


def test_committee_list_reads_ids_and_decodes_titles():
    committees = pages.parse_committee_list(
        fixture_bytes("moderngov_mgListCommittees.html"), BASE + "/mgListCommittees.aspx"
    )
    assert [c.committee_id for c in committees] == ["186", "118"]
    assert committees[0].title == "Children, Young People & Skills Committee"


def test_meeting_list_reads_upper_case_mid_dates_and_cancellations():
    meetings = pages.parse_meeting_list(
        fixture_bytes("moderngov_ieListMeetings.html"),
        BASE + "/ieListMeetings.aspx?CId=186&Year=0",
        Committee("186", "CYPS"),
    )
    by_id = {m.meeting_id: m for m in meetings}
    assert set(by_id) == {"6145", "6146"}
    assert by_id["6145"].meeting_date == date(2016, 11, 21)
    assert by_id["6146"].status == "cancelled"
    assert by_id["6145"].status == "confirmed"


def test_meeting_page_items_documents_and_truncated_minutes():
    meeting = pages.parse_meeting_page(
        fixture_bytes("moderngov_ieListDocuments.html"),
        BASE + "/ieListDocuments.aspx?CId=186&MID=6145",
        BASE,
        Meeting("6145", "186", "CYPS", date(2016, 11, 21)),
    )
    titles = [i.title for i in meeting.items]
    assert titles[0] == "Chair's Communications"  # double-encoded on the page
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
    meeting = pages.parse_meeting_page(
        fixture_bytes("moderngov_ieListDocuments_cancelled.html"),
        BASE + "/x",
        BASE,
        Meeting("6146", "186", "CYPS", None),
    )
    assert meeting.status == "cancelled"
    assert meeting.items == []
    assert meeting.meeting_date == date(2016, 12, 12)


def test_agenda_item_page_gives_full_minutes_and_documents():
    title, description, minutes, docs = pages.parse_agenda_item_page(
        fixture_bytes("moderngov_mgAi.html"), BASE + "/mgAi.aspx?ID=52105"
    )
    assert title == "Local Government Association Safeguarding Peer Review update report"
    assert minutes.endswith("that the council will take forward.")
    assert len(minutes) > 1000
    assert docs[0].attachment_id == "96110"


def test_urls_keep_sub_path_encode_spaces_and_drop_session_segments():
    base = "https://www.example.gov.uk/moderngov/"
    assert absolute(base, "documents/s1/A B.pdf") == "https://www.example.gov.uk/moderngov/documents/s1/A%20B.pdf"
    assert (
        absolute("https://x.gov.uk/(S(abc123))/mgAi.aspx?ID=1", "mgAi.aspx?ID=2") == "https://x.gov.uk/mgAi.aspx?ID=2"
    )
    assert query_param("ieListDocuments.aspx?CId=1&MID=7", "MId") == "7"


def test_meeting_page_cut_short_keeps_the_items_before_the_cut():
    whole = fixture_bytes("moderngov_ieListDocuments.html")
    cut = whole[: whole.index(b"Members welcomed")]  # inside item 45's minutes, tables left open
    meeting = pages.parse_meeting_page(
        cut, BASE + "/ieListDocuments.aspx?CId=186&MID=6145", BASE, Meeting("6145", "186", "CYPS", date(2016, 11, 21))
    )
    assert [i.item_id for i in meeting.items] == ["52101", "52105"]
    assert meeting.items[1].title == "Local Government Association Safeguarding Peer Review update report"


def test_garbage_and_unclosed_markup_read_as_empty_not_as_a_crash():
    for body in [b"", b"\x00\xff\xfe garbage", b"<html><body><table><tr><td><a href='mgAi.aspx?ID=", b"<<<>>>"]:
        assert pages.parse_committee_list(body, BASE + "/mgListCommittees.aspx") == []
        assert pages.parse_meeting_list(body, BASE + "/ieListMeetings.aspx?CId=1", Committee("1", "C")) == []
        assert pages.parse_meeting_page(body, BASE + "/x", BASE, Meeting("1", "1", "C", None)).items == []


# -- Real meeting pages (../shared, not copied into the project) -------------------------------------------------
SHARED_MEETINGS = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "moderngov" / "meetings"


def _inspect_json(capsys, path: Path, page_url: str) -> dict:
    capsys.readouterr()
    assert main(["inspect", str(path), "--url", page_url, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _compare_page(page: dict, got: dict) -> list[str]:
    """Every difference between expected.json's page and what `peerwatch inspect` printed: missing, wrong, extra."""
    want, meeting, problems = page["expected"], got["meeting"], []

    def check(where, expected, actual):
        if expected != actual:
            problems.append(f"wrong {where}: expected {expected!r}, got {actual!r}")

    decoded = lambda urls: [unquote(u) for u in urls]
    if want["status"] is not None:  # MId 9982: cancelled by the calendar only, so left unset
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


# -- Template families (our fixtures: the replica's words, the real structures) ----------------------------------
def _read(name: str, url: str, base: str = BASE):
    return meeting_page.read_meeting_page(fixture_bytes(name), url, base)


def _clean(item) -> bool:
    return not TOOLBAR_TEXT.search(item.description + item.minutes + item.decision)


def test_unbalanced_toolbar_family_finds_supporting_documents_and_minutes_outside_the_toolbar():
    # The toolbar list is opened twice and closed once: every parser nests the rest of the cell inside it.
    reading = _read(
        "moderngov_ieListDocuments_unbalanced_toolbar.html", BASE + "/ieListDocuments.aspx?CId=410&MId=5120"
    )
    items = {i.item_id: i for i in reading.meeting.items}
    assert list(items) == ["33101", "33102", "33103"]
    peer = items["33102"]
    assert [d.attachment_id for d in peer.documents] == ["83102", "83103"]
    assert [d.role for d in peer.documents] == ["report", "additional"]
    assert peer.has_minutes and peer.minutes_truncated  # so the harvest fetches mgAi.aspx for the rest
    assert peer.minutes.startswith("Presenting the findings of the Local Government Association peer challenge")
    assert peer.description.startswith("The Director of Children's Services presents")
    assert sorted(link.kind for link in peer.links) == ["background", "decision"]
    assert all(_clean(i) for i in items.values())
    assert items["33101"].minutes.startswith("Apologies were received")


def test_toolbar_family_drops_share_and_rating_widgets_and_keeps_background_links():
    reading = _read("moderngov_ieListDocuments_toolbar.html", BASE + "/ieListDocuments.aspx?CId=301&MId=7701")
    items = {i.item_id: i for i in reading.meeting.items}
    ilacs = items["61001"]
    assert [d.attachment_id for d in ilacs.documents] == ["71001"]
    assert [(link.kind, link.url) for link in ilacs.links] == [
        ("background", BASE + "/mgIssueHistoryHome.aspx?IId=1904")
    ]
    assert ilacs.description == "Presentation on the outcome of the recent inspection of children's services."
    assert all(_clean(i) and i.has_minutes for i in items.values())
    assert reading.meeting.meeting_date == date(2019, 7, 25) and reading.facts.date_source == "heading"


def test_undated_family_dates_from_the_title_and_keeps_webcasts_and_restricted_reports_as_links():
    reading = _read("moderngov_ieListDocuments_undated.html", BASE + "/ieListDocuments.aspx?CId=520&MId=9410")
    meeting, facts = reading.meeting, reading.facts
    assert facts.heading == "Agenda and minutes"
    assert (meeting.meeting_date, facts.date_source, meeting.status) == (date(2026, 1, 20), "title", "confirmed")
    assert [i.item_id for i in meeting.items] == ["44501", "44503", "44505"]  # the heading row is no item
    assert any("ITEMS FOR DECISION" in note for note in reading.ignored)
    send = meeting.items[1]
    assert [d.attachment_id for d in send.documents] == ["94503", "94504"]
    kinds = {link.kind: link for link in send.links}
    assert set(kinds) == {"restricted", "webcast"}
    assert kinds["restricted"].title == "Restricted enclosure 3"
    assert "mg_bounce.php" in kinds["webcast"].url
    assert [link.kind for link in meeting.items[2].links] == ["restricted", "webcast"]  # the exempt item
    assert all(_clean(i) for i in meeting.items)
    assert any("Agenda frontsheet" in d.title for d in meeting.documents)


def test_date_from_meeting_document_names_when_heading_and_title_carry_none():
    body = fixture_bytes("moderngov_ieListDocuments_undated.html").replace(b"on Tuesday, 20th January, 2026, ", b"")
    reading = meeting_page.read_meeting_page(body, BASE + "/ieListDocuments.aspx?MId=9410", BASE)
    assert (reading.meeting.meeting_date, reading.facts.date_source) == (date(2026, 1, 20), "meeting documents")


def test_heading_date_is_the_meetings_not_an_earlier_date_it_mentions():
    assert meeting_page.last_date(
        "Moved from 9 February 2026, Licensing Committee - Wednesday 25 February 2026 6.30 pm"
    ) == date(2026, 2, 25)
    assert meeting_page.last_date(
        "Agenda for Housing Scrutiny Sub-Committee on Thursday, 12th March, 2026, 7.30 p.m."
    ) == date(2026, 3, 12)
    assert meeting_page.last_date("Printed minutes 12th-Mar-2026 19.30 Housing Scrutiny Sub-Committee.pdf") == date(
        2026, 3, 12
    )


def test_meeting_cancelled_only_in_the_list_is_cancelled_in_the_harvest():
    stubs = pages.parse_meeting_list(
        fixture_bytes("moderngov_ieListMeetings_status_wrapped.html"),
        BASE + "/ieListMeetings.aspx?CId=520&Year=0",
        Committee("520", "Cabinet"),
    )
    by_id = {m.meeting_id: m for m in stubs}
    assert (by_id["9425"].status, by_id["9410"].status) == ("cancelled", "confirmed")
    body = fixture_bytes("moderngov_ieListDocuments_cancelled_by_list.html")
    alone = meeting_page.read_meeting_page(body, BASE + "/ieListDocuments.aspx?CId=520&MId=9425", BASE)
    assert alone.meeting.status == "confirmed" and alone.facts.no_documents_message  # the page says nothing
    assert alone.meeting.meeting_date == date(2026, 2, 17)
    harvested = pages.parse_meeting_page(body, by_id["9425"].url, BASE, by_id["9425"])
    assert harvested.status == "cancelled" and harvested.items == []


def test_meeting_the_list_gives_no_date_for_is_dated_by_its_page():
    stubs = pages.parse_meeting_list(
        fixture_bytes("moderngov_ieListMeetings_status_wrapped.html"),
        BASE + "/ieListMeetings.aspx?CId=520&Year=0",
        Committee("520", "Cabinet"),
    )
    stub = next(m for m in stubs if m.meeting_id == "9410")
    assert stub.meeting_date is None
    meeting = pages.parse_meeting_page(fixture_bytes("moderngov_ieListDocuments_undated.html"), stub.url, BASE, stub)
    assert meeting.meeting_date == date(2026, 1, 20)


def test_labels_are_read_by_meaning_and_unknown_labels_stay_text():
    assert {
        label: meeting_page.label_meaning(label)
        for label in [
            "Additional documents:",
            "Supporting documents:",
            "Background papers:",
            "Background documents :",
            "Minutes:",
            "Draft minutes:",
            "Decision:",
            "Resolved:",
            "Purpose of report:",
        ]
    } == {
        "Additional documents:": "documents",
        "Supporting documents:": "documents",
        "Background papers:": "documents",
        "Background documents :": "documents",
        "Minutes:": "minutes",
        "Draft minutes:": "minutes",
        "Decision:": "decision",
        "Resolved:": "decision",
        "Purpose of report:": "unknown",
    }
    html = (
        '<table class="mgItemTable"><tr><td><p class="mgAiTitleTxt"><a name="AI5"></a>5.</p></td><td>'
        '<p class="mgAiTitleTxt">Budget</p><p class="mgSubItemTitleTxt">Purpose of report:</p>'
        '<ul><li><a href="documents/s9/Annex.pdf">Annex</a> sets the figures</li></ul>'
        '<p class="mgSubItemTitleTxt">Resolved:</p><p>Agreed.</p></td></tr></table>'
    )
    item = meeting_page.read_meeting_page(html, BASE + "/ieListDocuments.aspx?MId=1", BASE).meeting.items[0]
    assert item.documents == []  # unknown label: never documents
    assert item.description == "Purpose of report:\nAnnex sets the figures"
    assert item.decision == "Agreed." and not item.has_minutes
    assert [link.kind for link in item.links] == ["document"]  # recorded, not fetched


def test_only_documents_are_documents():
    kinds = {
        url: link_kind(url)
        for url in [
            BASE + "/documents/s1/Report.pdf",
            BASE + "/documents/b2/Supplement.pdf?T=9",
            BASE + "/documents/g3/Pack.pdf?T=10",
            BASE + "/mgConvert2PDF.aspx?ID=4",
            "https://x.public-i.tv/site/mg_bounce.php?mg_a_id=1&mg_m_id=2",
            BASE + "/mgReasonsRestricted.aspx?ID=5&OID=6&OT=A",
            BASE + "/ieDecisionDetails.aspx?AIId=7",
            BASE + "/mgIssueHistoryHome.aspx?IId=8",
            BASE + "/mgListRecordedVotesShort.aspx?AIID=9&MID=1",
            BASE + "/mgChooseDocPack.aspx?ID=1",
            "mailto:clerk@example.gov.uk",
        ]
    }
    assert list(kinds.values()) == [
        "document",
        "document",
        "document",
        "document",
        "webcast",
        "restricted",
        "decision",
        "background",
        "votes",
        "other",
        "email",
    ]
    assert link_kind("https://video.example.org/live/123", "Watch the webcast") == "webcast"


# Markup that tag-soup parsers disagree on, in our own words. The reader uses html.parser because it never moves
# content: html5lib foster-parents anything found between table cells to before the table (so minutes written after
# a stray </td> leave their item), and a stray </table> must not cut the items after it off.
SOUP_HEAD = (
    '<html><head><title>x</title></head><body><div id="modgov"><div class="mgContent"><table class="mgItemTable">'
)


def _soup_row(n: int, cell: str) -> str:
    return (
        f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt"><a name="AI{n}"></a>{n}.</p></td>'
        f'<td><p class="mgAiTitleTxt">Item {n}</p>{cell}'
    )


def _soup_items(markup: str, parser: str) -> list[tuple[str, str]]:
    original = meeting_page.PARSER
    meeting_page.PARSER = parser
    try:
        items = meeting_page.read_meeting_page(markup, BASE + "/ieListDocuments.aspx?MId=1", BASE).meeting.items
    finally:
        meeting_page.PARSER = original
    return [(i.item_id, i.minutes) for i in items]


def test_reader_parser_keeps_document_order_where_others_reorder():
    between_cells = (
        SOUP_HEAD
        + _soup_row(1, '<p>papers</p></td><p class="mgSubItemTitleTxt">Minutes:</p><p>first minutes</p></tr>')
        + _soup_row(2, '<p class="mgSubItemTitleTxt">Minutes:</p><p>second minutes</p></td></tr>')
        + '</table></div></div></body></html>'
    )
    stray_close = (
        SOUP_HEAD
        + _soup_row(1, '<p class="mgSubItemTitleTxt">Minutes:</p><p>first minutes</p></table></td></tr>')
        + _soup_row(2, '<p class="mgSubItemTitleTxt">Minutes:</p><p>second minutes</p></td></tr>')
        + '</table></div></div><div class="mgFooter">site footer</div></body></html>'
    )
    wanted = [("1", "first minutes"), ("2", "second minutes")]
    assert meeting_page.PARSER == "html.parser"
    assert _soup_items(between_cells, "html.parser") == wanted
    assert _soup_items(between_cells, "html5lib") == [("1", ""), ("2", "second minutes")]  # why not html5lib
    assert _soup_items(stray_close, "html.parser") == wanted
    for name in (
        "moderngov_ieListDocuments_unbalanced_toolbar.html",
        "moderngov_ieListDocuments_toolbar.html",
        "moderngov_ieListDocuments_undated.html",
        "moderngov_ieListDocuments.html",
    ):
        body = fixture_bytes(name).decode()
        assert _soup_items(body, "html.parser") == _soup_items(body, "lxml")  # lxml agrees on every family


def test_inspect_a_live_page_over_http(replica, capsys):
    url = replica.moderngov_url("greyhaven") + "/ieListDocuments.aspx?CId=520&MId=9410"
    capsys.readouterr()
    assert main(["inspect", url, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["meeting"]["date"] == "2026-01-20" and got["meeting"]["status"] == "confirmed"
    assert [len(i["documents"]) for i in got["items"]] == [0, 2, 0]
    assert {link["kind"] for i in got["items"] for link in i["links"]} == {"webcast", "restricted"}
    assert all(u.startswith(replica.moderngov_url("greyhaven")) for i in got["items"] for u in i["documents"])


def test_template_without_item_anchors_starts_items_at_their_title_links():
    row = lambda n, i, body: (
        f'<tr><td class="mgItemNumberCell">{n}.</td><td><p class="mgAiTitleTxt">'
        f'<a href="mgAi.aspx?ID={i}">Item {n} title</a></p>{body}</td></tr>'
    )
    html = (
        '<div id="modgov"><table class="mgItemTable">'
        + row(1, 701, '<p class="mgSubItemTitleTxt">Minutes:</p><p>Noted.</p>')
        + row(
            2,
            702,
            '<p class="mgSubItemTitleTxt">Supporting documents:</p><ul><li><a href="documents/s5/R.pdf">R</a></li></ul>',
        )
        + '</table></div>'
    )
    items = meeting_page.read_meeting_page(html, BASE + "/ieListDocuments.aspx?MId=7", BASE).meeting.items
    assert [(i.item_id, i.number, i.title, i.minutes, len(i.documents)) for i in items] == [
        ("701", "1.", "Item 1 title", "Noted.", 0),
        ("702", "2.", "Item 2 title", "", 1),
    ]


def test_papers_listed_without_a_label_in_the_products_list_are_documents():
    html = (
        '<div id="modgov"><table class="mgItemTable"><tr><td><p class="mgAiTitleTxt"><a name="AI8"></a>8.</p></td>'
        '<td><p class="mgAiTitleTxt">Annual report</p><ul class="mgBulletList"><li><a href="documents/s81/Annual.pdf">'
        'Annual report</a></li><li><a href="https://w.example/site/mg_bounce.php?mg_a_id=8">Webcast for 8.</a></li></ul>'
        '<div class="mgWordPara"><p>See the <a href="documents/s99/Old.pdf">earlier report</a>.</p></div>'
        '</td></tr></table></div>'
    )
    item = meeting_page.read_meeting_page(html, BASE + "/ieListDocuments.aspx?MId=1", BASE).meeting.items[0]
    assert [d.attachment_id for d in item.documents] == ["81"]
    assert [link.kind for link in item.links] == ["webcast", "document"]  # a paper mentioned in text: a link
    assert item.description == "See the earlier report."


def test_inspect_reads_a_calendar_page_as_a_list_of_meetings(capsys):
    calendar = SHARED_MEETINGS.parent / "southwark_mgCalendarMonthView_May2026.html"
    if not calendar.is_file():
        pytest.skip(f"real ModernGov calendar page not present at {calendar} (it is not part of the project)")
    got = _inspect_json(capsys, calendar, "https://moderngov.southwark.gov.uk/mgCalendarMonthView.aspx?M=5&DD=2026")
    assert got["page_type"] == "calendar"
    assert got["meetings"] and all(m["date"] for m in got["meetings"])  # dated from each link's title


def test_deeply_nested_tag_soup_is_read_whole():
    # Thousands of never-closed tags nest ever deeper under html.parser; nothing may walk the whole ancestry per link.
    spans = "".join(f'<span><a href="documents/s{i}/P{i}.pdf">paper {i}</a>' for i in range(3000))
    html = (
        SOUP_HEAD
        + _soup_row(1, '<p class="mgSubItemTitleTxt">Supporting documents:</p>' + spans)
        + '</td></tr></table></div></div></body></html>'
    )
    item = meeting_page.read_meeting_page(html, BASE + "/ieListDocuments.aspx?MId=1", BASE).meeting.items[0]
    assert len(item.documents) == 3000 and item.documents[-1].title == "paper 2999"


def test_site_walk_records_a_meeting_dated_nowhere_as_an_error(tmp_path):
    import copy

    from replica.content import GREYHAVEN
    from replica.server import Replica
    from scrapers.http import PoliteClient
    from scrapers.moderngov.site import ModernGovScraper
    from transforms.rawstore import RawStore

    with Replica(sites=[copy.deepcopy(GREYHAVEN)], newsrooms=[]) as replica:
        app = replica.hosts["greyhaven-moderngov"].app
        app._page_title = lambda meeting, committee_title: "Agenda"  # no date in <title>
        app._meeting_doc_href = lambda *args: "documents/g1/Agenda frontsheet.pdf?T=0"  # nor in document names
        client = PoliteClient(RawStore(tmp_path))
        url = replica.moderngov_url("greyhaven")
        client.allow_host_of(url)
        site = ModernGovScraper(client, "greyhaven", url).harvest(date(2014, 1, 1), date(2026, 12, 31))
    assert [m.meeting_id for m in site.meetings] == ["9425"]  # the list dates the cancelled one
    assert [(e.url.endswith("MId=9410&Ver=4"), e.message) for e in site.errors] == [
        (True, "no meeting date in the meeting list or on its page")
    ]


def test_saved_fixtures_are_what_the_replica_serves_today(tmp_path):
    """The parser tests read saved pages; regenerating them from the replica must give the committed files, so a
    replica change that would alter a fixture shows up here (run `python -m tests.fixtures.regenerate`)."""
    from tests.fixtures.regenerate import HERE, main

    main(tmp_path)
    regenerated = sorted(p.name for p in tmp_path.iterdir())
    assert len(regenerated) >= 20
    assert [n for n in regenerated if (tmp_path / n).read_bytes() != (HERE / n).read_bytes()] == []
