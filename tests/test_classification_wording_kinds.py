"""Kinds of wording the third held-out round found missing (issue 12), each in our own words.

The held-out set itself (evaluation/sets/r03-forms-councils-and-press-use.toml) is not quoted here: these sentences are invented
anew for each kind, so a test passes only if the rule holds beyond the case that showed the gap.
"""

from datetime import date

import pytest

from tests.support.classify_expect import check, wording_cases
from transforms.classify import HAPPENED, classify


# -- what the text says happened --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title, body",
    [
        # a report told in the present tense, in a paragraph of its own
        (
            "Redbank's help for families recognised",
            "Two Ofsted inspectors spent a fortnight with Redbank's social workers over the summer.\n\n"
            "Services for children in Redbank are good, the report finds, and the front door is described as a strength.",
        ),
        # a team that "was on site", and the grade in the next sentence
        (
            "Corbridge children's services",
            "Ofsted inspectors were on site for two weeks in March. Services for children in Corbridge are good overall.",
        ),
        # an inspection held on its dates
        (
            "Inspectors confirm Alderley children's services are still outstanding",
            "Alderley's services for children remain outstanding after a short inspection by Ofsted held from 3 to 7 June 2024.",
        ),
    ],
)
def test_an_outcome_told_in_the_present_tense_or_by_its_dates_alerts(title, body):
    c = classify(title, body, published=date(2024, 7, 1))
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()


# -- hard negatives -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title, body",
    [
        # a special school's own inspection, however close "SEND" and "inspection" sit
        (
            "Ferndale School judged outstanding",
            "Ferndale, the county's special school for pupils with SEND, was judged outstanding after its inspection in May.",
        ),
        # research about many councils' grades
        (
            "Ofsted grades and social work caseloads: a panel study",
            "Drawing on inspection judgements for 148 English councils, we estimate whether children's services rated "
            "inadequate reduce caseloads after a peer challenge.",
        ),
        # an audit of how ready a service is for an inspection
        (
            "Internal Audit Report: Children's Social Care",
            "Internal Audit examined how the service is preparing for an inspection of local authority children's services. "
            "Evidence packs were found to be complete.",
        ),
    ],
)
def test_a_school_research_or_a_readiness_audit_is_not_an_alert(title, body):
    c = classify(title, body, published=date(2024, 9, 1))
    assert not c.is_review, c.reason()


# -- outcomes spread over a story ------------------------------------------------------------------------------------
def test_the_education_watchdog_grading_the_service_named_in_the_opening_sentence_alerts():
    body = (
        "A report has criticised the way Stanmoor Council's children's social care handles referrals.\n\n"
        "Inspectors spent two weeks at the council in January. They read more than 100 case files.\n\n"
        "The education watchdog rated the service inadequate, its lowest grade."
    )
    c = classify("Families 'let down' by council, report says", body, published=date(2024, 3, 1))
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()


@pytest.mark.parametrize(
    "body",
    [
        # the two inspectorates and SEND, with no word "inspection"
        "Ofsted and the CQC spent a fortnight finding out how well health, care and schools support children with SEND "
        "in Lowmoor. Their report was published yesterday.",
        # an outcome only the 2023 area SEND framework gives
        "The partnership's report was published on Friday. It says that its arrangements lead to inconsistent experiences "
        "and outcomes for children and young people.",
    ],
)
def test_the_send_inspectorates_or_a_2023_send_outcome_make_an_area_send_inspection(body):
    c = classify("Report on support for children with additional needs", body, published=date(2025, 2, 1))
    assert c.is_alert and c.primary_type == "send_area_inspection", c.reason()


# -- which review is the subject ---------------------------------------------------------------------------------------
def test_a_review_named_only_as_an_earlier_one_is_not_the_subject():
    body = (
        "When Ofsted inspected our children's services in June 2024 they judged them good. Inspectors noted the "
        "progress made since the monitoring visit in 2022."
    )
    c = classify("Our plan for children 2024-27", body, published=date(2024, 10, 1))
    assert c.primary_type == "ofsted_ilacs", c.reason()


def test_a_visit_told_beside_some_other_earlier_inspection_is_still_the_subject():
    body = (
        "Following a focused visit on 4 and 5 March, Ofsted said practice had improved since its last inspection "
        "in 2021, when services were judged to require improvement."
    )
    c = classify("Ofsted letter", body, published=date(2025, 4, 1))
    assert c.primary_type == "ofsted_focused_visit", c.reason()


# -- stages ---------------------------------------------------------------------------------------------------------
def test_a_report_whose_purpose_is_to_approve_the_plan_is_the_action_plan_stage():
    body = (
        "1. Purpose\n1.1 This report seeks Cabinet's agreement to adopt the action plan that answers the LGA "
        "corporate peer challenge held from 13 to 16 May 2024.\n\n2. Background\n2.1 The peer team made eight "
        "recommendations."
    )
    c = classify("Corporate peer challenge: our response", body, published=date(2024, 9, 3))
    assert c.is_alert and c.stage == "action_plan", c.reason()


def test_an_outcome_report_that_also_asks_for_a_plan_to_be_endorsed_later_is_the_outcome():
    body = (
        "1. Purpose\n1.1 To tell Cabinet the outcome of the LGA corporate peer challenge held from 13 to 16 May "
        "2024.\n\n2. Findings\n2.1 The peer team found strong leadership.\n\n3. Next steps\n3.1 An action plan "
        "will be brought to Cabinet for approval in the autumn."
    )
    c = classify("Corporate peer challenge feedback", body, published=date(2024, 7, 2))
    assert c.is_alert and c.stage == "outcome", c.reason()


@pytest.mark.parametrize(
    "title, body",
    [
        (
            "Youth Offending Team inspection",
            "HMI Probation has judged the borough's Youth Offending Team good. Inspectors praised its links with children's "
            "social care.",
        ),
        (
            "What the chief inspector says about children's services",
            "Ofsted's annual report says more councils than ever have children's services judged good, and the chief "
            "inspector warns about the cost of placements.",
        ),
    ],
)
def test_probation_inspections_and_ofsteds_national_report_are_not_alerts(title, body):
    c = classify(title, body, published=date(2024, 12, 1))
    assert not c.is_alert, c.reason()


# -- the fifth probe's kinds -------------------------------------------------------------------------------------------
def test_an_inspection_carried_out_between_its_dates_after_a_comma_happened():
    assert HAPPENED.search("The inspection, carried out between 4 and 15 March, was thorough.")


@pytest.mark.parametrize(
    "body",
    [
        "Partner news - colleagues in Ashcombe have had their children's services judged requires improvement to be good "
        "by Ofsted. The multi-agency audit programme restarts in January.",
        "Our neighbours in Tollbridge were inspected by Ofsted in June and their children's services rated good overall.",
        "Around the region: Ofsted has judged Winsford's children's services outstanding after a three-week inspection.",
    ],
)
def test_a_newsletter_telling_another_councils_outcome_is_not_an_alert(body):
    c = classify("Partnership bulletin - winter edition", body, published=date(2024, 12, 3))
    assert not c.is_alert, c.reason()


@pytest.mark.parametrize(
    "title, body",
    [
        (
            "Area SEND inspection",
            "Ofsted and the CQC will carry out the area SEND inspection of the partnership from Monday.",
        ),
        (
            "Children's services inspection",
            "Ofsted's inspection of local authority children's services is starting on 9 June.",
        ),
        (
            "Corporate Peer Challenge - briefing pack",
            "This pack was written for the peer team ahead of their visit and describes the council's finances.",
        ),
    ],
)
def test_a_review_that_will_be_carried_out_or_is_prepared_for_is_announced(title, body):
    c = classify(title, body, published=date(2025, 6, 2))
    assert c.is_review and c.stage == "announced" and not c.is_alert, c.reason()


# -- the twenty-second probe's kinds -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title, body",
    [
        (
            "Brimley verdict",
            "Brimley Council has been rated inadequate following its Ofsted inspection in "
            "May, with inspectors finding that children waited too long for help.",
        ),
        ("Verdict on Tarnside", "Ofsted says Tarnside Council is now good after inspecting its services for children."),
    ],
)
def test_a_council_itself_graded_by_ofsted_is_its_childrens_services(title, body):
    c = classify(title, body, published=date(2025, 7, 1))
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()


# -- found while testing the pool (session 4) --------------------------------------------------------------------------
def test_ofsted_as_the_subject_of_inspected_and_a_grade_given_to_a_pronoun():
    # "Ofsted inspected … and rated them Good": an active past tense and a grade given to "them"/"it".
    c = classify(
        "Children's services update",
        "During March Ofsted inspected the council's children's services and rated them Good.",
        published=date(2025, 5, 1),
    )
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()
    c = classify(
        "Cabinet member report",
        "Inspectors judged it to be requires improvement to be good after visiting "
        "our children's services in the spring.",
        published=date(2025, 7, 1),
    )
    assert c.is_alert, c.reason()


# -- one case a kind of wording; the table is data: tests/fixtures/wording/kinds_of_wording.toml
CASES = wording_cases("kinds_of_wording")


@pytest.mark.parametrize("title, body, documents, published, expect", CASES)
def test_kind_of_wording(title, body, documents, published, expect):
    check(classify(title, body, documents, published=published), expect)
