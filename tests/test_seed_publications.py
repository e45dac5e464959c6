"""The seed publications yield the records the seeds README expects; hard negatives stay quiet."""

import html
from datetime import date

import pytest

from replica import content, pdfs
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
    assert (r.fieldwork.start, r.fieldwork.end, r.fieldwork.precision) == (
        date(2022, 11, 1),
        date(2022, 11, 30),
        "month",
    )
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
    assert sif == {
        "overall_effectiveness": "requires_improvement",
        "children_looked_after": "good",
        "adoption": "good",
        "care_leavers": "good",
        "leadership_management_governance": "good",
        "lscb": "good",
    }


def test_barnsley_team_of_six_no_recommendations_and_unresolved_leap_day():
    c, (r,) = analyse("barnsley", 92470)
    assert r.service_area == "childrens_social_care"
    assert r.fieldwork.start is None and r.fieldwork.precision == "unresolved"
    assert "29th February to 4th March" in r.fieldwork.raw
    assert len(r.team) == 6
    assert (
        "Sally Robinson",
        "Director, Children and Joint Commissioning Services",
        "Hartlepool Borough Council",
    ) in r.team
    assert ("Jonathan Trubshaw", "LGA Manager", "LGA") in r.team
    assert any(k == "no_recommendations" for k, _ in r.findings)


def test_ilacs_slide_deck_four_judgements_read_by_position():
    c, (r,) = analyse("eastmoor", 61001)
    assert r.review_type == "ofsted_ilacs" and r.fieldwork is None
    assert {a: g for a, g, _ in r.judgements} == {
        "impact_of_leaders": "requires_improvement",
        "help_and_protection": "requires_improvement",
        "children_in_care_and_care_leavers": "requires_improvement",
        "overall_effectiveness": "requires_improvement",
    }
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


@pytest.mark.parametrize(
    "site,item_id",
    [
        ("haringey", 74889),  # peer on peer abuse
        ("barnsley", 92480),  # polling districts review
        ("eastmoor", 61002),  # school inspections, one "monitoring visit"
        ("eastmoor", 61003),  # Regulation 44 visits to children's homes
        ("eastmoor", 62002),  # inspection readiness quoting an old grade
    ],
)
def test_hard_negatives(site, item_id):
    c, reviews = analyse(site, item_id)
    assert not c.is_review and reviews == []


def test_planning_peer_review_recorded_but_not_alerted():
    c, (r,) = analyse("brighton-hove", 52300)
    assert c.is_review and not c.in_alert_scope
    assert r.service_area == "planning"


def test_announcement_is_not_an_outcome():
    c = classify(
        "Children's services peer challenge",
        "The LGA peer challenge of children's services will take place in March. The team will visit front-line teams.",
    )
    assert c.is_review and c.stage == "announced" and not c.in_alert_scope


@pytest.mark.parametrize(
    "raw,grade",
    [
        ("Requires improvement to be good", "requires_improvement"),
        ("RI", "requires_improvement"),
        ("require improvement", "requires_improvement"),
        ("Good", "good"),
        ("Inadequate", "inadequate"),
        ("Outstanding", "outstanding"),
    ],
)
def test_grades(raw, grade):
    assert normalise_grade(raw) == grade


def test_a_one_day_visit_is_the_fieldwork_not_the_earlier_month_mentioned():
    body = (
        "The LGA peer team returned on 24 March 2023 for the progress review following the corporate peer "
        "challenge held in June 2022. The team found good progress against four of the six recommendations."
    )
    c = classify("Corporate Peer Challenge Progress Review", body)
    (r,) = extract_reviews("x", c, "Corporate Peer Challenge Progress Review", body, [], date(2023, 5, 16), "Cabinet")
    assert c.stage == "progress_review"
    assert (r.fieldwork.start, r.fieldwork.end, r.fieldwork.precision) == (date(2023, 3, 24), date(2023, 3, 24), "day")


def test_a_self_assessment_quoting_the_last_inspection_grade_is_not_an_outcome():
    c = classify(
        "Inspection readiness: self-assessment of practice",
        "Our last ILACS inspection in 2019 judged the service requires improvement to be good. This "
        "self-assessment sets out the progress made since then.",
    )
    assert not c.is_review


@pytest.mark.parametrize(
    "sentence,outcome",
    [
        (
            "The local area partnership's SEND arrangements typically lead to positive experiences and outcomes for "
            "children and young people with SEND.",
            "positive_experiences",
        ),
        (
            "The local area partnership's arrangements lead to inconsistent experiences and outcomes for children and "
            "young people with SEND.",
            "inconsistent_experiences",
        ),
        (
            "There are widespread and/or systemic failings leading to significant concerns about the experiences and "
            "outcomes of children and young people with SEND.",
            "widespread_systemic_failings",
        ),
    ],
)
def test_send_area_inspection_outcome_statements(sentence, outcome):
    title = "Area SEND inspection outcome"
    body = f"Ofsted and the CQC carried out an area SEND inspection of the local area partnership in March 2024. {sentence}"
    c = classify(title, body)
    (r,) = extract_reviews("x", c, title, body, [], date(2024, 6, 1), "Scrutiny")
    assert [(a, g) for a, g, _ in r.judgements] == [("send_area_outcome", outcome)]


def _one(title, body, when=date(2024, 6, 1)):
    c = classify(title, body)
    reviews = extract_reviews("x", c, title, body, [], when, "Cabinet")
    return c, (reviews[0] if reviews else None)


def test_ilacs_judgements_written_as_area_colon_grade_identify_the_inspection():
    c, r = _one(
        "Report of the Director",
        "Inspection dates: 13 to 24 January 2025. Overall effectiveness: Requires "
        "Improvement to be Good. The impact of leaders on social work practice with children and families: "
        "Good. The experiences and progress of children in care and care leavers: Outstanding.",
    )
    assert c.primary_type == "ofsted_ilacs" and c.in_alert_scope
    assert dict((a, g) for a, g, _ in r.judgements) == {
        "overall_effectiveness": "requires_improvement",
        "impact_of_leaders": "good",
        "children_in_care_and_care_leavers": "outstanding",
    }
    assert (r.fieldwork.start, r.fieldwork.end) == (date(2025, 1, 13), date(2025, 1, 24))


@pytest.mark.parametrize(
    "sentence,overall",
    [
        (
            "The inspectors judged our services to be good overall, with the impact of leaders judged outstanding.",
            "good",
        ),
        (
            "Ofsted published its report on the inspection of the council's children's services, which judged services to "
            "be inadequate.",
            "inadequate",
        ),
    ],
)
def test_a_grade_for_the_whole_service_is_the_overall_judgement(sentence, overall):
    c, r = _one("Statement from the Leader", f"In January Ofsted inspected our children's services. {sentence}")
    assert c.primary_type == "ofsted_ilacs"
    assert dict((a, g) for a, g, _ in r.judgements)["overall_effectiveness"] == overall


def test_sif_wording_about_children_looked_after_is_not_ilacs():
    c, _ = _one(
        "Ofsted Inspection Reports",
        "Inspectors judged the experiences and progress of children looked after "
        "and achieving permanence to be good under the single inspection framework.",
        date(2015, 4, 1),
    )
    assert c.review_types == ["ofsted_sif"]


def test_a_send_revisit_is_a_send_area_inspection():
    c, r = _one(
        "SEND Local Area Revisit Outcome Letter",
        "Ofsted and the Care Quality Commission revisited the local "
        "area between 13 and 15 September 2021. The outcome letter confirms sufficient progress.",
    )
    assert (c.primary_type, c.service_area, c.in_alert_scope) == ("send_area_inspection", "send", True)


def test_a_dcs_peer_challenge_is_childrens_services_and_alerts():
    c, _ = _one(
        "DCS Peer Challenge",
        "Officers from two neighbouring authorities carried out the DCS peer challenge "
        "under the South East Sector Led Improvement Programme on 29 and 30 January 2019. The report sets out "
        "the strengths the peers found.",
    )
    assert (c.primary_type, c.service_area, c.in_alert_scope) == ("other_peer_review", "childrens_services", True)


def test_the_safeguarding_children_peer_review_is_the_lgas():
    c, _ = _one(
        "Safeguarding Children Peer Review - Final Report",
        "The peer review was carried out from 16th - 20th "
        "September 2013. Key recommendations include improving the timeliness of assessments.",
        date(2013, 12, 9),
    )
    assert c.primary_type == "lga_peer_challenge"


def test_a_generic_peer_review_headline_over_a_corporate_peer_challenge_is_the_corporate_one():
    c, _ = _one(
        "Peer review praises council's financial management",
        "A corporate peer challenge carried out by the "
        "Local Government Association has praised the council's financial management. The peer team spent "
        "four days at the council in January 2024.",
    )
    assert c.review_types == ["lga_corporate_peer_challenge"] and c.in_alert_scope


def test_ofsted_rating_childrens_services_in_plain_words_is_ilacs():
    c, r = _one(
        "Children's services rated Good by Ofsted",
        "Inspectors from Ofsted spent two weeks with the council's "
        "children's services team in June, and have rated the service as Good.",
        date(2024, 7, 26),
    )
    assert c.primary_type == "ofsted_ilacs" and c.in_alert_scope
    assert dict((a, g) for a, g, _ in r.judgements) == {"overall_effectiveness": "good"}
    assert (r.fieldwork.start, r.fieldwork.precision) == (date(2024, 6, 1), "month")


def test_sif_named_as_inspected_services_for_children_in_need_of_help():
    c, _ = _one(
        "Ofsted Inspection Report",
        "Ofsted inspected services for children in need of help and protection, "
        "children looked after and care leavers between 1 and 23 March 2016. The overall judgement is that "
        "children's services require improvement to be good.",
        date(2016, 5, 10),
    )
    assert c.primary_type == "ofsted_sif"


@pytest.mark.parametrize(
    "title,body",
    [
        (
            "Director of Public Health Annual Report",
            "The report draws on peer-reviewed research on childhood obesity and "
            "sets out the director's recommendations.",
        ),
        (
            "Preparing for ILACS",
            "Ofsted's next inspection of local authority children's services is expected within the "
            "next 12 months. This report sets out the council's preparation, including a mock inspection of the front door.",
        ),
    ],
)
def test_peer_reviewed_research_and_preparing_for_an_inspection_are_not_reviews(title, body):
    c, _ = _one(title, body)
    assert not c.is_review


@pytest.mark.parametrize(
    "published,review_type", [(date(2016, 6, 1), "ofsted_sif"), (date(2019, 6, 1), "ofsted_ilacs")]
)
def test_an_inspection_named_in_plain_words_takes_the_framework_of_its_time(published, review_type):
    title, body = (
        "Statement from the Leader",
        ("In March Ofsted inspected our children's services. The inspectors judged our services to be good overall."),
    )
    c = classify(title, body, published=published)
    (r,) = extract_reviews("x", c, title, body, [], published, "Council")
    assert c.review_types == [review_type] and r.review_type == review_type
    assert (r.fieldwork.start, r.fieldwork.precision) == (date(published.year, 3, 1), "month")
