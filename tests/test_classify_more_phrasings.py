"""Kinds of wording the third held-out round found missing (issue 12), each in our own words.

The held-out set itself (transforms/evaluation_holdout_3.toml) is not quoted here: these sentences are invented
anew for each kind, so a test passes only if the rule holds beyond the case that showed the gap.
"""
from datetime import date

import pytest

from transforms.classify import Classification, classify


def alert(c: Classification) -> bool:
    return c.is_review and c.in_alert_scope


# -- what the text says happened --------------------------------------------------------------------------------
@pytest.mark.parametrize("title, body", [
    # a report told in the present tense, in a paragraph of its own
    ("Redbank's help for families recognised",
     "Two Ofsted inspectors spent a fortnight with Redbank's social workers over the summer.\n\n"
     "Services for children in Redbank are good, the report finds, and the front door is described as a strength."),
    # a team that "was on site", and the grade in the next sentence
    ("Corbridge children's services",
     "Ofsted inspectors were on site for two weeks in March. Services for children in Corbridge are good overall."),
    # an inspection held on its dates
    ("Inspectors confirm Alderley children's services are still outstanding",
     "Alderley's services for children remain outstanding after a short inspection by Ofsted held from 3 to 7 June 2024."),
])
def test_an_outcome_told_in_the_present_tense_or_by_its_dates_alerts(title, body):
    c = classify(title, body, published=date(2024, 7, 1))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_a_meeting_held_on_a_date_is_not_a_review_that_happened():
    c = classify("Minutes of the last meeting",
                 "The minutes of the meeting held on 3 March 2024, which discussed the LGA peer challenge, were approved.")
    assert not c.is_review, c.reason()


# -- announcements --------------------------------------------------------------------------------------------------
def test_an_inspection_just_begun_with_its_report_expected_later_is_announced():
    c = classify("Ofsted inspection of children's services begins",
                 "Inspectors from Ofsted arrived at County Hall this morning to begin a two-week inspection of children's "
                 "services. Their report is expected to be published in the new year.", published=date(2024, 10, 7))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


def test_a_council_that_has_agreed_to_host_a_peer_challenge_announces_it():
    c = classify("LGA Corporate Peer Challenge 2026",
                 "The council has agreed to host a corporate peer challenge from 9 to 12 March 2026, led by the LGA.",
                 published=date(2025, 12, 2))
    assert c.is_review and c.primary_type == "lga_corporate_peer_challenge" and c.stage == "announced", c.reason()


# -- hard negatives -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("title, body", [
    # a special school's own inspection, however close "SEND" and "inspection" sit
    ("Ferndale School judged outstanding",
     "Ferndale, the county's special school for pupils with SEND, was judged outstanding after its inspection in May."),
    # research about many councils' grades
    ("Ofsted grades and social work caseloads: a panel study",
     "Drawing on inspection judgements for 148 English councils, we estimate whether children's services rated "
     "inadequate reduce caseloads after a peer challenge."),
    # an audit of how ready a service is for an inspection
    ("Internal Audit Report: Children's Social Care",
     "Internal Audit examined how the service is preparing for an inspection of local authority children's services. "
     "Evidence packs were found to be complete."),
])
def test_a_school_research_or_a_readiness_audit_is_not_an_alert(title, body):
    c = classify(title, body, published=date(2024, 9, 1))
    assert not c.is_review, c.reason()


def test_a_job_advert_quoting_the_councils_grade_is_at_most_worth_a_look():
    c = classify("Senior practitioners - family safeguarding teams",
                 "Join a Good-rated children's services team. Ofsted judged our children's services Good in 2023. "
                 "Closing date: 12 May.", published=date(2025, 4, 1))
    assert not c.is_review, c.reason()
