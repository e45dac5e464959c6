"""Judgements and fieldwork in forms the third held-out round found missing (issue 12), each in our own words.

The classification is given, not computed: these tests are about extraction only.
"""

from datetime import date

import pytest

from transforms.classify import Classification
from transforms.reviews import extract_reviews


def _record(review_type, body, title="Committee report", when=date(2024, 9, 10), stage="outcome"):
    c = Classification(True, [review_type], "childrens_services", stage, True, "given")
    (r,) = extract_reviews("x", c, title, body, [], when, "Committee")
    return r


def _grades(review_type, body, **kw):
    return {a: g for a, g, _ in _record(review_type, body, **kw).judgements}


def _fieldwork(review_type, body, **kw):
    r = _record(review_type, body, **kw)
    return (r.fieldwork.start, r.fieldwork.end, r.fieldwork.precision) if r.fieldwork else None


# -- judgements ---------------------------------------------------------------------------------------------------
def test_a_table_headed_by_its_label_column_a_previous_column_and_a_month_and_year():
    table = (
        "Area\tLast inspection (2019)\tMarch 2024\n"
        "Overall effectiveness\tInadequate\tRequires improvement to be good\n"
        "The experiences and progress of care leavers\tRequires improvement to be good\tGood"
    )
    assert _grades("ofsted_ilacs", table) == {"overall_effectiveness": "requires_improvement", "care_leavers": "good"}


def test_a_grade_awarded_for_an_area_named_after_it():
    body = "Outstanding was given for the experiences and progress of care leavers, and the overall judgement was good."
    assert _grades("ofsted_ilacs", body) == {"care_leavers": "outstanding", "overall_effectiveness": "good"}


@pytest.mark.parametrize(
    "title",
    ["Borough children's services escape inadequate rating", "Council climbs out of 'requires improvement' at last"],
)
def test_a_grade_left_behind_in_the_headline_is_not_the_outcome(title):
    body = "Ofsted says the borough's children's services are now good."
    assert _grades("ofsted_ilacs", body, title=title) == {"overall_effectiveness": "good"}


def test_care_leavers_is_an_area_not_a_grade_left_behind():
    assert _grades("ofsted_ilacs", "Care leavers: Outstanding. Overall effectiveness: Good.") == {
        "care_leavers": "outstanding",
        "overall_effectiveness": "good",
    }


def test_an_area_found_wanting_right_after_the_services_were_rated():
    body = (
        "Ofsted rated the council's services for children inadequate. The impact of leaders was also found to be "
        "inadequate."
    )
    assert _grades("ofsted_ilacs", body) == {"overall_effectiveness": "inadequate", "impact_of_leaders": "inadequate"}


def test_a_send_outcome_given_after_the_scale_is_named():
    body = (
        "The report puts the partnership in the lowest of the three possible outcomes: there are widespread and "
        "systemic failings that cause significant concerns."
    )
    assert _grades("send_area_inspection", body) == {"send_area_outcome": "widespread_systemic_failings"}
    explainer = (
        "Of the three possible outcomes, a partnership could be told: its arrangements lead to inconsistent "
        "experiences and outcomes."
    )
    assert _grades("send_area_inspection", explainer) == {}


# -- fieldwork ----------------------------------------------------------------------------------------------------
def test_the_original_team_that_returned_dates_the_progress_review():
    body = (
        "The corporate peer challenge took place over 6-9 February 2023. Three of the original peer team returned "
        "on 14 and 15 November 2023 to look at progress."
    )
    assert _fieldwork("lga_corporate_peer_challenge", body, when=date(2024, 1, 16), stage="progress_review") == (
        date(2023, 11, 14),
        date(2023, 11, 15),
        "day",
    )


def test_a_peer_review_that_was_led_by_the_lga_in_a_month():
    body = (
        "Peers praised the partnership's work with schools. The review was led by the LGA in September 2024 at "
        "the partnership's request."
    )
    assert _fieldwork("lga_peer_challenge", body, when=date(2024, 12, 3)) == (
        date(2024, 9, 1),
        date(2024, 9, 30),
        "month",
    )


def test_days_written_without_their_month_take_the_month_told_before():
    body = (
        "Ofsted made a focused visit to the council in October. Inspectors were on site on the 8th and 9th and "
        "met twelve social workers."
    )
    assert _fieldwork("ofsted_focused_visit", body, when=date(2024, 11, 19)) == (
        date(2024, 10, 8),
        date(2024, 10, 9),
        "day",
    )


def test_days_without_any_month_told_are_not_dated():
    body = "Ofsted made a focused visit to the council. Inspectors were on site on the 8th and 9th."
    assert _fieldwork("ofsted_focused_visit", body, when=date(2024, 11, 19)) is None


def test_the_sif_long_title_graded_as_a_whole_is_the_overall_judgement():
    body = (
        "Ofsted found the council's services for children in need of help and protection, children looked after "
        "and care leavers to require improvement. Adoption performance was judged good."
    )
    assert _grades("ofsted_sif", body, when=date(2016, 5, 1)) == {
        "overall_effectiveness": "requires_improvement",
        "adoption": "good",
    }


def test_a_headline_grade_straight_after_the_service():
    assert _grades(
        "ofsted_ilacs", "The report is on the Ofsted website.", title="Ofsted: Children's Services Requires Improvement"
    ) == {"overall_effectiveness": "requires_improvement"}
    assert _grades(
        "ofsted_ilacs", "The report is on the Ofsted website.", title="Ofsted: Children's Services Outstanding"
    ) == {"overall_effectiveness": "outstanding"}


def test_days_joined_by_an_ampersand():
    assert _fieldwork(
        "ofsted_focused_visit", "Ofsted made a focused visit on 2nd & 3rd October 2024.", when=date(2024, 11, 5)
    ) == (date(2024, 10, 2), date(2024, 10, 3), "day")


def test_the_review_dated_by_its_own_noun_after_a_meeting_verb():
    body = "The Committee noted that the ILACS inspection in March 2024 had found services to be good."
    assert _fieldwork("ofsted_ilacs", body, when=date(2024, 6, 4)) == (date(2024, 3, 1), date(2024, 3, 31), "month")
    recalled = "The Committee noted the previous inspection in March 2021."
    assert _fieldwork("ofsted_ilacs", recalled, when=date(2024, 6, 4)) is None


def test_a_meeting_item_number_is_not_a_numbered_list_of_outcomes():
    body = (
        "Health and Wellbeing Board (Item 4) The Board noted that the area SEND inspection found that the "
        "partnership's arrangements lead to inconsistent experiences and outcomes for children with SEND."
    )
    assert _grades("send_area_inspection", body) == {"send_area_outcome": "inconsistent_experiences"}


# -- the ninth probe's kinds -------------------------------------------------------------------------------------------
def test_a_range_of_dotted_dates_with_two_digit_years():
    body = "Ofsted's inspectors were with the service 4.3.24 - 15.3.24 and their letter follows."
    assert _fieldwork("ofsted_ilacs", body) == (date(2024, 3, 4), date(2024, 3, 15), "day")


def test_paragraph_numbers_in_dotted_form_are_not_dates():
    from transforms.dates import find_ranges

    assert find_ranges("See paragraphs 2.1.10 - 2.1.12 of the report.") == []


def test_a_grade_told_as_a_move_in_the_press_is_the_current_one():
    # no "Ofsted", "rated" or "judged" anywhere: "branded" is the press's judging word
    body = "Children's services in Lowmoor have climbed to 'good', three years after they were branded inadequate."
    assert _grades("ofsted_ilacs", body, title="News from Lowmoor") == {"overall_effectiveness": "good"}


def test_a_peer_review_dated_where_the_council_invited_its_reviewers():
    body = (
        "In May 2024 the council invited two assistant directors from nearby authorities to review its "
        "arrangements for care leavers. The peer review found strong personal advisers."
    )
    assert _fieldwork("other_peer_review", body) == (date(2024, 5, 1), date(2024, 5, 31), "month")


# -- the eleventh probe's kinds ----------------------------------------------------------------------------------------
def test_two_weeks_commencing_a_date_is_a_two_week_visit():
    body = "Ofsted inspectors were on site for two weeks commencing 3 March 2025 and the report followed in April."
    assert _fieldwork("ofsted_ilacs", body) == (date(2025, 3, 3), date(2025, 3, 14), "day")


def test_good_across_the_board_does_not_reach_forward_to_an_area_in_another_clause():
    body = (
        "Ofsted judged the service good across the board, although inspectors asked for quicker help for "
        "children in care."
    )
    assert _grades("ofsted_ilacs", body) == {"overall_effectiveness": "good"}


# -- the twelfth probe's kinds -----------------------------------------------------------------------------------------
def test_a_curly_quoted_grade_is_read():
    body = (
        "Amberley Council’s children’s services were judged ‘requires improvement to be good’ by Ofsted’s inspectors."
    )
    assert _grades("ofsted_ilacs", body) == {"overall_effectiveness": "requires_improvement"}


@pytest.mark.parametrize(
    "body, grade",
    [
        ("Ofsted gave the council's children's services the second-highest of its four grades.", "good"),
        ("The service received the second highest rating from Ofsted.", "good"),
        ("Inspectors gave the council's children's services the second-lowest grade.", "requires_improvement"),
    ],
)
def test_second_highest_and_second_lowest_grades_on_ofsteds_four_point_scale(body, grade):
    assert _grades("ofsted_ilacs", body) == {"overall_effectiveness": grade}


def test_plain_punctuation_straightens_quotes_and_drops_soft_hyphens():
    from transforms.clean import plain_punctuation

    assert plain_punctuation("Council’s “good”\u00ad") == 'Council\'s "good"'


# -- the fifteenth probe's kinds ---------------------------------------------------------------------------------------
def test_days_joined_by_a_slash_in_minutes():
    body = "The Director said Ofsted had carried out a focused visit on 12th/13th March 2024 on the front door."
    assert _fieldwork("ofsted_focused_visit", body) == (date(2024, 3, 12), date(2024, 3, 13), "day")


def test_days_in_brackets_take_the_month_told_before():
    body = "The peer challenge took place in June 2024. Over three days (4th-6th) peers met 30 staff."
    assert _fieldwork("lga_peer_challenge", body) == (date(2024, 6, 4), date(2024, 6, 6), "day")


def test_a_report_that_judges_services_good_in_every_area_gives_the_overall_grade():
    body = "In its report Ofsted judges children's services in the borough to be good in every area."
    assert _grades("ofsted_ilacs", body) == {"overall_effectiveness": "good"}


# -- the seventeenth probe's kinds -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Ofsted gave outstanding grades in two areas and good in the others.",
        "Inspectors awarded outstanding judgements for three areas; the remaining area was judged good.",
    ],
)
def test_grades_for_unnamed_areas_are_not_an_overall_judgement(body):
    assert _grades("ofsted_ilacs", body) == {}


# -- the eighteenth probe's kinds --------------------------------------------------------------------------------------
def test_rows_with_the_grade_first_then_one_area():
    body = (
        "The judgements were:\nInadequate – the experiences and progress of care leavers\n"
        "Requires improvement to be good – overall effectiveness\n"
        "Requires improvement to be good – the experiences and progress of children in care"
    )
    assert _grades("ofsted_ilacs", body) == {
        "care_leavers": "inadequate",
        "overall_effectiveness": "requires_improvement",
        "children_in_care": "requires_improvement",
    }


def test_the_week_of_the_ordinal_date():
    body = "The LGA peer challenge took place in the week of the 9th September 2024 and found strong partnerships."
    assert _fieldwork("lga_peer_challenge", body) == (date(2024, 9, 9), date(2024, 9, 13), "day")


# -- the nineteenth probe's kinds --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, outcome",
    [
        ("The partnership was given the most positive of the three outcomes.", "positive_experiences"),
        ("The local area received the lowest of the three possible outcomes.", "widespread_systemic_failings"),
    ],
)
def test_a_send_outcome_told_by_its_place_on_the_scale(body, outcome):
    assert _grades("send_area_inspection", body) == {"send_area_outcome": outcome}


def test_the_scale_of_three_outcomes_explained_gives_no_outcome():
    body = "A partnership could receive the most positive of the three outcomes if its arrangements work well."
    assert _grades("send_area_inspection", body) == {}


# -- the twentieth probe's kinds ---------------------------------------------------------------------------------------
def test_abbreviated_area_labels_are_read():
    body = "Ofsted report published 2 June 2025. Overall: Outstanding. H&P: Good. CiC: Outstanding. CL: Requires improvement."
    assert _grades("ofsted_ilacs", body) == {
        "overall_effectiveness": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "outstanding",
        "care_leavers": "requires_improvement",
    }


def test_a_month_straight_after_report_is_the_reports_date():
    body = "Corporate peer challenge report (June 2025). The peer team was on site in March 2025."
    assert _fieldwork("lga_corporate_peer_challenge", body, title="Corporate peer challenge report (June 2025)") == (
        date(2025, 3, 1),
        date(2025, 3, 31),
        "month",
    )


# -- the twenty-first probe's kinds ------------------------------------------------------------------------------------
def test_an_inspection_of_services_dated_after_its_complement_beside_a_meeting_verb():
    body = (
        "The Panel considered the findings of Ofsted's inspection of local authority children's services in June 2025."
    )
    assert _fieldwork("ofsted_ilacs", body) == (date(2025, 6, 1), date(2025, 6, 30), "month")


# -- the twenty-second probe's kinds -----------------------------------------------------------------------------------
def test_a_month_after_the_short_name_and_a_comma():
    assert _fieldwork("ofsted_ilacs", "Ofsted judgement (ILACS, March 2025): Outstanding.") == (
        date(2025, 3, 1),
        date(2025, 3, 31),
        "month",
    )
