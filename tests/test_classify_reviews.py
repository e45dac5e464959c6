"""The seed publications yield the records the seeds README expects; hard negatives stay quiet."""
import html
from datetime import date

import pytest

from tests.replica import content, pdfs
from transforms.classify import classify
from transforms.pdf_text import extract_pdf_bytes
from transforms.reviews import extract_reviews, normalise_grade


def _item(site_slug, item_id):
    site = next(s for s in content.SITES if s.slug == site_slug)
    for m in site.meetings:
        for i in m.items:
            if i.item_id == item_id:
                return site, m, i
    raise KeyError(item_id)


def analyse(site_slug, item_id):
    site, meeting, item = _item(site_slug, item_id)
    docs = []
    for d in ([item.report] if item.report else []) + item.additional:
        e = extract_pdf_bytes(pdfs.render(d.kind, d.key))
        docs.append((e.text, e.layout_text))
    title = html.unescape(html.unescape(item.title))
    body = f"{item.description}\n\n{item.minutes}"
    c = classify(title, body, [d[0] for d in docs])
    return c, extract_reviews(site_slug, c, title, body, docs, meeting.when, "committee")


def test_haringey_peer_challenge_month_only_with_strengths():
    c, reviews = analyse("haringey", 74888)
    assert c.is_review and c.in_alert_scope and c.stage == "outcome"
    (r,) = reviews
    assert (r.review_type, r.service_area) == ("lga_peer_challenge", "childrens_social_care")
    assert (r.fieldwork.start, r.fieldwork.end, r.fieldwork.precision) == (date(2022, 11, 1), date(2022, 11, 30), "month")
    kinds = {k for k, _ in r.findings}
    assert {"strength", "area_for_consideration"} <= kinds


def test_brighton_safeguarding_peer_review_and_sif_restatement():
    c, reviews = analyse("brighton-hove", 52105)
    by_type = {r.review_type: r for r in reviews}
    assert set(by_type) == {"lga_peer_challenge", "ofsted_sif"}
    peer = by_type["lga_peer_challenge"]
    assert peer.service_area == "safeguarding"
    assert (peer.fieldwork.start, peer.fieldwork.end) == (date(2016, 9, 26), date(2016, 9, 30))
    assert sum(1 for k, _ in peer.findings if k == "key_finding") == 5
    sif = dict((a, g) for a, g, _ in by_type["ofsted_sif"].judgements)
    assert sif == {"overall_effectiveness": "requires_improvement", "children_looked_after": "good",
                   "adoption": "good", "care_leavers": "good", "leadership_management_governance": "good",
                   "lscb": "good"}


def test_barnsley_team_of_six_no_recommendations_and_unresolved_leap_day():
    c, (r,) = analyse("barnsley", 92470)
    assert r.service_area == "childrens_social_care"
    assert r.fieldwork.start is None and r.fieldwork.precision == "unresolved"
    assert "29th February to 4th March" in r.fieldwork.raw
    assert len(r.team) == 6
    assert ("Sally Robinson", "Director, Children and Joint Commissioning Services", "Hartlepool Borough Council") in r.team
    assert ("Jonathan Trubshaw", "LGA Manager", "LGA") in r.team
    assert any(k == "no_recommendations" for k, _ in r.findings)


def test_ilacs_slide_deck_four_judgements_read_by_position():
    c, (r,) = analyse("eastmoor", 61001)
    assert r.review_type == "ofsted_ilacs" and r.fieldwork is None
    assert {a: g for a, g, _ in r.judgements} == {
        "impact_of_leaders": "requires_improvement", "help_and_protection": "requires_improvement",
        "children_in_care_and_care_leavers": "requires_improvement", "overall_effectiveness": "requires_improvement"}
    assert sum(1 for k, _ in r.findings if k == "area_for_improvement") == 4


def test_generic_title_hides_a_focused_visit():
    c, (r,) = analyse("eastmoor", 62001)
    assert c.review_types == ["ofsted_focused_visit"] and c.rule == "text reports the review"
    assert r.judgements == [("overall_effectiveness", "not_judged", "")]


def test_press_release_seed_004():
    a = content.WORCS_PEER_REVIEW
    body = "\n\n".join([a.published_prose, *a.paragraphs, *("• " + b for b in a.bullets), *a.closing])
    c = classify(a.title, body)
    (r,) = extract_reviews("worcestershire", c, a.title, body, [], a.published, "press release")
    assert (r.review_type, r.service_area) == ("lga_peer_challenge", "safeguarding")
    assert (r.fieldwork.start, r.fieldwork.precision) == (date(2015, 4, 1), "month")
    assert sum(1 for k, _ in r.findings if k == "strength") == 5


@pytest.mark.parametrize("site,item_id", [
    ("haringey", 74889),     # peer on peer abuse
    ("barnsley", 92480),     # polling districts review
    ("eastmoor", 61002),     # school inspections, one "monitoring visit"
    ("eastmoor", 61003),     # Regulation 44 visits to children's homes
    ("eastmoor", 62002),     # inspection readiness quoting an old grade
])
def test_hard_negatives(site, item_id):
    c, reviews = analyse(site, item_id)
    assert not c.is_review and reviews == []


def test_planning_peer_review_recorded_but_not_alerted():
    c, (r,) = analyse("brighton-hove", 52300)
    assert c.is_review and not c.in_alert_scope
    assert r.service_area == "planning"


def test_announcement_is_not_an_outcome():
    c = classify("Children's services peer challenge",
                 "The LGA peer challenge of children's services will take place in March. The team will visit "
                 "front-line teams.")
    assert c.is_review and c.stage == "announced" and not c.in_alert_scope


@pytest.mark.parametrize("raw,grade", [("Requires improvement to be good", "requires_improvement"), ("RI", "requires_improvement"),
                                       ("require improvement", "requires_improvement"), ("Good", "good"),
                                       ("Inadequate", "inadequate"), ("Outstanding", "outstanding")])
def test_grades(raw, grade):
    assert normalise_grade(raw) == grade


def test_a_one_day_visit_is_the_fieldwork_not_the_earlier_month_mentioned():
    body = ("The LGA peer team returned on 24 March 2023 for the progress review following the corporate peer "
            "challenge held in June 2022. The team found good progress against four of the six recommendations.")
    c = classify("Corporate Peer Challenge Progress Review", body)
    (r,) = extract_reviews("x", c, "Corporate Peer Challenge Progress Review", body, [], date(2023, 5, 16), "Cabinet")
    assert c.stage == "progress_review"
    assert (r.fieldwork.start, r.fieldwork.end, r.fieldwork.precision) == (date(2023, 3, 24), date(2023, 3, 24), "day")


def test_a_self_assessment_quoting_the_last_inspection_grade_is_not_an_outcome():
    c = classify("Inspection readiness: self-assessment of practice",
                 "Our last ILACS inspection in 2019 judged the service requires improvement to be good. This "
                 "self-assessment sets out the progress made since then.")
    assert not c.is_review


@pytest.mark.parametrize("sentence,outcome", [
    ("The local area partnership's SEND arrangements typically lead to positive experiences and outcomes for "
     "children and young people with SEND.", "positive_experiences"),
    ("The local area partnership's arrangements lead to inconsistent experiences and outcomes for children and "
     "young people with SEND.", "inconsistent_experiences"),
    ("There are widespread and/or systemic failings leading to significant concerns about the experiences and "
     "outcomes of children and young people with SEND.", "widespread_systemic_failings"),
])
def test_send_area_inspection_outcome_statements(sentence, outcome):
    title = "Area SEND inspection outcome"
    body = f"Ofsted and the CQC carried out an area SEND inspection of the local area partnership in March 2024. {sentence}"
    c = classify(title, body)
    (r,) = extract_reviews("x", c, title, body, [], date(2024, 6, 1), "Scrutiny")
    assert [(a, g) for a, g, _ in r.judgements] == [("send_area_outcome", outcome)]
