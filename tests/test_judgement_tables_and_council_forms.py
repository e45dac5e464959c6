"""Judgements and fieldwork dates in the forms real councils write them (our own words for each kind).

The classification is given, not computed: these tests are about extraction only.
"""

from datetime import date

import pytest

from transforms.classify import Classification
from transforms.judgements import ILACS_AREAS, judgements_from_rows
from transforms.reviews import extract_reviews


def _record(review_type, body, title="Committee report", when=date(2024, 9, 10), stage="outcome", documents=()):
    c = Classification(True, [review_type], "childrens_services", stage, True, "given")
    (r,) = extract_reviews("x", c, title, body, list(documents), when, "Committee")
    return r


def _grades(review_type, body, **kw):
    return {a: g for a, g, _ in _record(review_type, body, **kw).judgements}


# -- judgements ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body,expected",
    [
        # grade before the areas it covers, two groups in one sentence
        (
            "Members heard that Good ratings were given for overall effectiveness and for the experiences and progress of "
            "children who need help and protection; and an Outstanding rating for the impact of leaders.",
            {"overall_effectiveness": "good", "help_and_protection": "good", "impact_of_leaders": "outstanding"},
        ),
        # area before grade, several areas sharing one grade
        (
            "Inspectors judged the impact of leaders and the experiences and progress of care leavers to be outstanding.",
            {"impact_of_leaders": "outstanding", "care_leavers": "outstanding"},
        ),
        # "good in its overall effectiveness"
        ("Ofsted rated the service good in its overall effectiveness.", {"overall_effectiveness": "good"}),
        # a grade for the service as a whole, quoted, no area named
        ("Ofsted has told the council its help for families is 'Good'.", {"overall_effectiveness": "good"}),
        (
            "After the inspection in May the council's children's services retained their Outstanding judgement.",
            {"overall_effectiveness": "outstanding"},
        ),
        (
            "Ofsted inspectors awarded the borough's social work teams the top grade.",
            {"overall_effectiveness": "outstanding"},
        ),
        # "last month" is when this inspection happened, not an earlier one
        (
            "Inspectors spent the last two weeks with our teams and Ofsted rated the service good.",
            {"overall_effectiveness": "good"},
        ),
        ("The Ofsted inspection outcome for the department was RI.", {"overall_effectiveness": "requires_improvement"}),
        # "good in all areas" is the overall judgement; areas the text does not name are not invented
        ("Ofsted judged the service good in all areas.", {"overall_effectiveness": "good"}),
        # "with outstanding features" describes the grade, it is not a second one
        (
            "Ofsted rated the county's children's services Good with outstanding features.",
            {"overall_effectiveness": "good"},
        ),
    ],
)
def test_ilacs_grades_in_prose(body, expected):
    assert _grades("ofsted_ilacs", body) == expected


def test_area_colon_grade_lines_and_area_grade_lists():
    body = (
        "Overall effectiveness: Inadequate\nThe impact of leaders on social work practice: Requires improvement "
        "to be good\nThe experiences and progress of care leavers: Good"
    )
    assert _grades("ofsted_ilacs", body) == {
        "overall_effectiveness": "inadequate",
        "impact_of_leaders": "requires_improvement",
        "care_leavers": "good",
    }
    sif = (
        "The report lists the judgements: 1. Children who need help and protection Requires improvement "
        "2. Children looked after and achieving permanence Good 2.1 Adoption performance Outstanding"
    )
    assert _grades("ofsted_sif", sif, when=date(2016, 3, 1)) == {
        "help_and_protection": "requires_improvement",
        "children_looked_after": "good",
        "adoption": "outstanding",
    }


def test_the_previous_grade_is_not_the_review_s_grade():
    body = (
        "The inspection took place in March 2024. Since the previous inspection in 2019 found services "
        "inadequate, leaders have rebuilt the service. Ofsted now rates the service as good."
    )
    assert _grades("ofsted_ilacs", body) == {"overall_effectiveness": "good"}
    moved = "The county has moved from a judgement of 'inadequate' to 'requires improvement' at this inspection."
    assert _grades("ofsted_ilacs", moved) == {"overall_effectiveness": "requires_improvement"}
    earlier_year = (
        "The inspection took place between 3 and 14 June 2024. In March 2021 services were judged "
        "'Inadequate'. The June inspection rated them 'Good'."
    )
    assert _grades("ofsted_ilacs", earlier_year) == {"overall_effectiveness": "good"}


@pytest.mark.parametrize(
    "body",
    [
        # the scale explained: a list of possible outcomes is not an outcome
        "Each local authority can be judged outstanding, good, requires improvement to be good or inadequate.",
        "Under the framework, services are graded Outstanding, Good, Requires Improvement or Inadequate by Ofsted.",
        # hopes, ambitions and near misses
        "Ofsted will return next year and our ambition is to be rated outstanding.",
        "Inspectors said the council still has work to do before it can be rated good.",
        "Any service judged 'inadequate' in one area would automatically be rated 'inadequate' overall as well.",
        # the old scale's "adequate" has no equivalent
        "Ofsted's annual rating judged the council's services for children adequate.",
        # grades of many councils in a national table
        "Ofsted's figures show that 40 local authorities were rated good and 12 councils inadequate.",
        "Nationally, one in four children's services departments inspected by Ofsted were judged inadequate.",
    ],
)
def test_no_grade_that_the_text_does_not_give(body):
    assert _grades("ofsted_ilacs", body) == {}


def test_a_table_with_previous_and_current_grade_columns_reads_the_current_one():
    flattened = (
        "The inspection report gave these judgements:\n\n2023 Grade\n\n2019 Grade\n\nOverall effectiveness\n\n"
        "Good\n\nInadequate\n\nThe experiences and progress of children in care\n\nOutstanding\n\n"
        "Requires improvement to be good"
    )
    assert _grades("ofsted_ilacs", flattened) == {"overall_effectiveness": "good", "children_in_care": "outstanding"}
    older_first = "Judgement | Previous grade | Current grade\nOverall effectiveness | Inadequate | Good"
    assert {a: g for a, g, _ in judgements_from_rows(older_first, ILACS_AREAS)} == {"overall_effectiveness": "good"}
    one_column = "Judgement | Grade\nOverall effectiveness | Requires improvement to be good"
    assert {a: g for a, g, _ in judgements_from_rows(one_column, ILACS_AREAS)} == {
        "overall_effectiveness": "requires_improvement"
    }


@pytest.mark.parametrize(
    "sentence,outcome",
    [
        (
            "Inspectors concluded that the partnership's arrangements led to inconsistent experiences and outcomes for "
            "children with SEND.",
            "inconsistent_experiences",
        ),
        (
            "The letter says the partnership's work typically leads to positive experiences and outcomes for young people.",
            "positive_experiences",
        ),
    ],
)
def test_send_outcome_told_in_any_tense(sentence, outcome):
    assert _grades("send_area_inspection", sentence) == {"send_area_outcome": outcome}


def test_an_explainer_of_send_outcomes_gives_no_outcome():
    body = (
        "An area SEND inspection ends in one of three outcomes. The partnership's arrangements typically lead to "
        "positive experiences and outcomes; or its arrangements lead to inconsistent experiences and outcomes; or "
        "there are widespread or systemic failings."
    )
    assert _grades("send_area_inspection", body) == {}
    listed = (
        "Possible outcomes: arrangements typically lead to positive experiences and outcomes for children and "
        "young people with SEND."
    )
    assert _grades("send_area_inspection", listed) == {}


# -- fieldwork ----------------------------------------------------------------------------------------------------
def _fieldwork(review_type, body, **kw):
    r = _record(review_type, body, **kw)
    return (r.fieldwork.start, r.fieldwork.end, r.fieldwork.precision) if r.fieldwork else None


def test_a_day_range_beats_the_month_it_falls_in():
    body = (
        "The LGA peer challenge of children's services took place in April 2018. The peer team was on site "
        "24-27 April 2018 and met over 90 people."
    )
    assert _fieldwork("lga_peer_challenge", body) == (date(2018, 4, 24), date(2018, 4, 27), "day")


def test_the_previous_inspection_s_dates_lose_to_this_one_s():
    body = (
        "The report noted that the last inspection of 2 to 20 March 2015 was carried out under the single "
        "inspection framework and that the recent inspection of 9 to 20 September 2019 was an ILACS."
    )
    assert _fieldwork("ofsted_ilacs", body) == (date(2019, 9, 9), date(2019, 9, 20), "day")
    month = (
        "Children's services were last inspected, as a trust, in June 2017. In May 2023 the council's "
        "children's services were inspected by Ofsted over three weeks."
    )
    assert _fieldwork("ofsted_ilacs", month, when=date(2023, 9, 1)) == (date(2023, 5, 1), date(2023, 5, 31), "month")


def test_a_follow_up_visit_gets_its_own_dates():
    body = (
        "The corporate peer challenge was held on 5-8 March 2019. The peer team's follow-up visit took place "
        "on 12 and 13 November 2019 and found good progress."
    )
    assert _fieldwork(
        "lga_corporate_peer_challenge", body, title="Corporate Peer Challenge follow-up visit", stage="progress_review"
    ) == (date(2019, 11, 12), date(2019, 11, 13), "day")
    # the same text reported as the original challenge keeps the challenge's dates
    assert _fieldwork("lga_corporate_peer_challenge", body) == (date(2019, 3, 5), date(2019, 3, 8), "day")


def test_the_year_of_an_undated_range_comes_from_the_meeting_date():
    body = "The council's most recent Ofsted inspection ran 27 February - 10 March and the report came out in May."
    assert _fieldwork("ofsted_ilacs", body, when=date(2023, 6, 20)) == (date(2023, 2, 27), date(2023, 3, 10), "day")


def test_an_inspection_under_way_spans_its_start_and_its_end():
    body = (
        "Ofsted are inspecting our children's services in a visit commencing 3 June. The inspectors "
        "will be on site in the week commencing Monday 10 June, completing their work on Friday 21 June."
    )
    assert _fieldwork("ofsted_ilacs", body, when=date(2019, 6, 5), stage="announced") == (
        date(2019, 6, 3),
        date(2019, 6, 21),
        "day",
    )


def test_a_publication_date_is_not_the_fieldwork():
    body = (
        "Ofsted inspected the council's children's services in January. The report was published in March 2022 "
        "and rated the service good."
    )
    assert _fieldwork("ofsted_ilacs", body, when=date(2022, 4, 1)) == (date(2022, 1, 1), date(2022, 1, 31), "month")


@pytest.mark.parametrize(
    "body,expected",
    [
        # the area in one sentence, its grade in the next
        (
            "Inspectors looked at the experiences and progress of care leavers. This was judged outstanding.",
            {"care_leavers": "outstanding"},
        ),
        # the grade in one sentence, who judged it in the one before
        (
            "Ofsted's inspectors spent two weeks with the council's teams in May. The service is now good.",
            {"overall_effectiveness": "good"},
        ),
        (
            "Ofsted sent its report on the borough's help for children last week. In short: 'Outstanding'.",
            {"overall_effectiveness": "outstanding"},
        ),
        # "all four areas" is the overall judgement, not expanded
        (
            "Ofsted rated the council 'requires improvement to be good' in all four areas.",
            {"overall_effectiveness": "requires_improvement"},
        ),
        # a second grade reaching forward to its area
        (
            "Ofsted judged the service good overall, with outstanding for the impact of leaders.",
            {"overall_effectiveness": "good", "impact_of_leaders": "outstanding"},
        ),
        # a school's or a children's home's grade is not the council's
        (
            "Ofsted rated the borough's children's services 'Good', while the council's own children's home was judged "
            "outstanding in a separate inspection.",
            {"overall_effectiveness": "good"},
        ),
    ],
)
def test_grades_across_sentences_and_beside_other_bodies(body, expected):
    assert _grades("ofsted_ilacs", body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "The Ofsted letter set out the areas that require improvement and the strengths inspectors found.",
        "At the time, Ofsted handed the council its second lowest rating.",
        "Having been found to be inadequate, the service is now subject to monitoring by Ofsted.",
        "Ofsted praised the adoption work two years after rating the county's services as inadequate.",
    ],
)
def test_findings_and_the_past_are_not_a_grade(body):
    assert _grades("ofsted_ilacs", body) == {}


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "Grades given. Good: overall effectiveness, help and protection. Outstanding: care leavers.",
            {"overall_effectiveness": "good", "help_and_protection": "good", "care_leavers": "outstanding"},
        ),
        (
            "Ofsted rated the borough's services for children 'good' with 'outstanding' leadership.",
            {"overall_effectiveness": "good", "impact_of_leaders": "outstanding"},
        ),
        (
            "The overall effectiveness judgement was requires improvement. Leaders were judged to be good.",
            {"overall_effectiveness": "requires_improvement", "impact_of_leaders": "good"},
        ),
        # "good in three areas" names no area and is not the overall judgement
        (
            "Inspectors judged the county good in three areas and outstanding for care leavers.",
            {"care_leavers": "outstanding"},
        ),
    ],
)
def test_grade_lists_adjectives_and_unnamed_areas(body, expected):
    assert _grades("ofsted_ilacs", body) == expected


def test_a_single_inspection_date_after_its_label_is_the_fieldwork():
    body = "Ofsted focused visit letter. Visit date: 14 November 2023. Inspectors looked at the front door."
    assert _fieldwork("ofsted_focused_visit", body, when=date(2024, 1, 9)) == (
        date(2023, 11, 14),
        date(2023, 11, 14),
        "day",
    )


def test_a_previous_inspection_named_in_passing_does_not_take_the_new_grade():
    body = (
        "The committee heard that the 2016 inspection had been carried out under the single inspection framework. "
        "The ILACS inspection of 4 to 15 March 2024 found a service that is 'Good'."
    )
    c = Classification(True, ["ofsted_ilacs", "ofsted_sif"], "childrens_services", "outcome", True, "given")
    ilacs, sif = extract_reviews("x", c, "ILACS outcome", body, [], date(2024, 6, 1), "Committee")
    assert {a: g for a, g, _ in ilacs.judgements} == {"overall_effectiveness": "good"}
    assert sif.judgements == []


@pytest.mark.parametrize(
    "review_type,body,when,expected",
    [
        # a meeting's date is not the review's, even beside "held on"
        (
            "lga_peer_challenge",
            "The committee noted the Cabinet minute of its meeting held on 9 March 2023 about "
            "the LGA peer challenge of children's services.",
            date(2023, 4, 1),
            None,
        ),
        # "former" describes a person here, not an earlier review
        (
            "lga_corporate_peer_challenge",
            "The peer team, led by a former chief executive, spent four days at the council in October 2023.",
            date(2024, 1, 5),
            (date(2023, 10, 1), date(2023, 10, 31), "month"),
        ),
        # the report published after the inspection: the month is the inspection's
        (
            "ofsted_ilacs",
            "Ofsted today published its report following the inspection of the council's children's services in March.",
            date(2023, 5, 2),
            (date(2023, 3, 1), date(2023, 3, 31), "month"),
        ),
    ],
)
def test_dates_of_other_events_are_not_the_fieldwork(review_type, body, when, expected):
    assert _fieldwork(review_type, body, when=when) == expected


@pytest.mark.parametrize(
    "header",
    [
        "Judgement | 2019 | 2023",
        "Area | Last inspection (2019) | This inspection (2023)",
        "Judgement | Previous judgement | Current judgement",
    ],
)
def test_grade_columns_by_year_or_by_word(header):
    rows = f"{header}\nOverall effectiveness | Requires improvement to be good | Good"
    assert {a: g for a, g, _ in judgements_from_rows(rows, ILACS_AREAS)} == {"overall_effectiveness": "good"}


def test_send_outcome_named_by_its_short_title():
    body = "The area SEND inspection gave the partnership the 'inconsistent experiences and outcomes' judgement."
    assert _grades("send_area_inspection", body) == {"send_area_outcome": "inconsistent_experiences"}
    hoped = "Our plan aims for positive experiences and outcomes for every child with SEND."
    assert _grades("send_area_inspection", hoped) == {}


@pytest.mark.parametrize(
    "review_type,body,when,expected",
    [
        (
            "lga_peer_challenge",
            "The council hosted the challenge from 6-9 February 2023, with five peers from other councils.",
            date(2023, 4, 1),
            (date(2023, 2, 6), date(2023, 2, 9), "day"),
        ),
        (
            "ofsted_focused_visit",
            "The Ofsted focused visit letter was considered. The inspection was on 3 May 2022 and "
            "looked at children in care.",
            date(2022, 7, 1),
            (date(2022, 5, 3), date(2022, 5, 3), "day"),
        ),
        (
            "ofsted_ilacs",
            "Progress on the action plan agreed after the November 2021 ILACS inspection was noted on 12 April 2022.",
            date(2022, 4, 12),
            (date(2021, 11, 1), date(2021, 11, 30), "month"),
        ),
    ],
)
def test_more_ways_of_telling_when_the_review_happened(review_type, body, when, expected):
    assert _fieldwork(review_type, body, when=when) == expected


def test_a_revisit_named_in_the_title_is_dated_by_the_revisit():
    body = (
        "The local area was first inspected on 6-10 March 2017 under the SEND framework. Ofsted and the CQC came "
        "back on 3-5 December 2019 to see what had changed."
    )
    assert _fieldwork("send_area_inspection", body, title="SEND local area revisit", when=date(2020, 2, 1)) == (
        date(2019, 12, 3),
        date(2019, 12, 5),
        "day",
    )


def test_a_written_out_range_beats_a_period_pieced_from_other_work():
    body = (
        "The LGA peer challenge took place on 5-8 March 2024. Work on the peer team's recommendations started on "
        "12 March and will be completed by 30 April."
    )
    assert _fieldwork("lga_peer_challenge", body, when=date(2024, 5, 1)) == (date(2024, 3, 5), date(2024, 3, 8), "day")


@pytest.mark.parametrize(
    "body,expected",
    [
        # an earlier year after the grade, in another clause, does not make the grade the past
        (
            "The inspection ran from 6 to 17 November 2023. The council was judged 'Good' overall, an improvement on the "
            "inspection in 2019. Leaders said they aimed to be outstanding at the next inspection.",
            {"overall_effectiveness": "good"},
        ),
        # grades for areas the text leaves unnamed
        (
            "Ofsted found that help and protection required improvement to be good, while all other areas were good.",
            {"help_and_protection": "requires_improvement"},
        ),
    ],
)
def test_grades_beside_earlier_years_hopes_and_unnamed_areas(body, expected):
    assert _grades("ofsted_ilacs", body, when=date(2024, 1, 10)) == expected
