"""Kinds of wording the third held-out round found missing (issue 12), each in our own words.

The held-out set itself (transforms/evaluation_holdout_3.toml) is not quoted here: these sentences are invented
anew for each kind, so a test passes only if the rule holds beyond the case that showed the gap.
"""
from datetime import date

import pytest

from transforms.classify import HAPPENED, Classification, classify


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


# -- outcomes spread over a story ------------------------------------------------------------------------------------
def test_the_education_watchdog_grading_the_service_named_in_the_opening_sentence_alerts():
    body = ("A report has criticised the way Stanmoor Council's children's social care handles referrals.\n\n"
            "Inspectors spent two weeks at the council in January. They read more than 100 case files.\n\n"
            "The education watchdog rated the service inadequate, its lowest grade.")
    c = classify("Families 'let down' by council, report says", body, published=date(2024, 3, 1))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


@pytest.mark.parametrize("body", [
    # the two inspectorates and SEND, with no word "inspection"
    "Ofsted and the CQC spent a fortnight finding out how well health, care and schools support children with SEND "
    "in Lowmoor. Their report was published yesterday.",
    # an outcome only the 2023 area SEND framework gives
    "The partnership's report was published on Friday. It says that its arrangements lead to inconsistent experiences "
    "and outcomes for children and young people.",
])
def test_the_send_inspectorates_or_a_2023_send_outcome_make_an_area_send_inspection(body):
    c = classify("Report on support for children with additional needs", body, published=date(2025, 2, 1))
    assert alert(c) and c.primary_type == "send_area_inspection", c.reason()


# -- which review is the subject ---------------------------------------------------------------------------------------
def test_a_review_named_only_as_an_earlier_one_is_not_the_subject():
    body = ("When Ofsted inspected our children's services in June 2024 they judged them good. Inspectors noted the "
            "progress made since the monitoring visit in 2022.")
    c = classify("Our plan for children 2024-27", body, published=date(2024, 10, 1))
    assert c.primary_type == "ofsted_ilacs", c.reason()


def test_a_visit_told_beside_some_other_earlier_inspection_is_still_the_subject():
    body = ("Following a focused visit on 4 and 5 March, Ofsted said practice had improved since its last inspection "
            "in 2021, when services were judged to require improvement.")
    c = classify("Ofsted letter", body, published=date(2025, 4, 1))
    assert c.primary_type == "ofsted_focused_visit", c.reason()


# -- stages ---------------------------------------------------------------------------------------------------------
def test_a_report_whose_purpose_is_to_approve_the_plan_is_the_action_plan_stage():
    body = ("1. Purpose\n1.1 This report seeks Cabinet's agreement to adopt the action plan that answers the LGA "
            "corporate peer challenge held from 13 to 16 May 2024.\n\n2. Background\n2.1 The peer team made eight "
            "recommendations.")
    c = classify("Corporate peer challenge: our response", body, published=date(2024, 9, 3))
    assert alert(c) and c.stage == "action_plan", c.reason()


def test_an_outcome_report_that_also_asks_for_a_plan_to_be_endorsed_later_is_the_outcome():
    body = ("1. Purpose\n1.1 To tell Cabinet the outcome of the LGA corporate peer challenge held from 13 to 16 May "
            "2024.\n\n2. Findings\n2.1 The peer team found strong leadership.\n\n3. Next steps\n3.1 An action plan "
            "will be brought to Cabinet for approval in the autumn.")
    c = classify("Corporate peer challenge feedback", body, published=date(2024, 7, 2))
    assert alert(c) and c.stage == "outcome", c.reason()


# -- the fourth probe's kinds ------------------------------------------------------------------------------------------
def test_a_joint_inspection_of_the_multi_agency_response_is_a_jtai():
    c = classify("Findings of the joint inspection",
                 "Four inspectorates carried out a joint inspection of the multi-agency response to children missing "
                 "from home in March 2023. Their letter was published in May.", published=date(2023, 6, 6))
    assert alert(c) and c.primary_type == "jtai", c.reason()


def test_inspectors_who_will_be_in_the_borough_to_carry_out_a_jtai_announce_it():
    c = classify("Joint targeted area inspection",
                 "Inspectors will be in the county from 10 to 14 March to carry out a joint targeted area inspection "
                 "of the response to neglect.", published=date(2025, 3, 4))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


@pytest.mark.parametrize("title, body", [
    ("Youth Offending Team inspection",
     "HMI Probation has judged the borough's Youth Offending Team good. Inspectors praised its links with children's "
     "social care."),
    ("What the chief inspector says about children's services",
     "Ofsted's annual report says more councils than ever have children's services judged good, and the chief "
     "inspector warns about the cost of placements."),
])
def test_probation_inspections_and_ofsteds_national_report_are_not_alerts(title, body):
    c = classify(title, body, published=date(2024, 12, 1))
    assert not alert(c), c.reason()


# -- the fifth probe's kinds -------------------------------------------------------------------------------------------
def test_an_inspection_carried_out_between_its_dates_after_a_comma_happened():
    assert HAPPENED.search("The inspection, carried out between 4 and 15 March, was thorough.")


def test_following_an_inspection_of_its_own_services_is_one_councils_outcome():
    c = classify("Harle rated outstanding",
                 "Harle Council has been rated outstanding by Ofsted following an inspection of its children's services "
                 "in May.", published=date(2024, 7, 2))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_ofsted_and_the_cqc_returning_to_check_a_written_statement_of_action_is_a_send_revisit():
    c = classify("Update to the Schools Forum",
                 "Ofsted and the CQC came back in May 2022 to check progress on the written statement of action, "
                 "and found it sufficient in every area.", published=date(2022, 7, 5))
    assert alert(c) and c.primary_type == "send_area_inspection", c.reason()


def test_an_early_help_peer_challenge_is_about_childrens_services():
    c = classify("Early Help Peer Challenge feedback",
                 "The LGA early help peer challenge took place in January 2025 and made five recommendations.",
                 published=date(2025, 3, 4))
    assert alert(c) and c.service_area == "childrens_services", c.reason()


def test_a_peer_challenge_listed_among_sources_of_assurance_is_not_an_alert():
    c = classify("Annual Governance Statement",
                 "Our sources of assurance include the external auditor's report and the corporate peer challenge "
                 "held in 2023, with its follow-up visit.", published=date(2024, 6, 25))
    assert not alert(c), c.reason()


# -- the seventh probe's kinds -----------------------------------------------------------------------------------------
def test_a_headline_that_gives_the_grade_over_a_pointer_to_the_report_alerts():
    c = classify("Ofsted: Children's Services Good", "The full inspection report is on the Ofsted website.",
                 published=date(2024, 2, 1))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_a_regional_alliance_team_that_reviewed_the_councils_work_is_another_peer_review():
    c = classify("Improvement alliance peer review of children's social care",
                 "A team of two directors from neighbouring councils reviewed the council's work with care leavers in "
                 "June 2024. Their feedback was shared with managers.", published=date(2024, 9, 3))
    assert alert(c) and c.primary_type == "other_peer_review", c.reason()


def test_a_safeguarding_adults_peer_challenge_is_adult_social_care():
    c = classify("Safeguarding adults peer challenge: feedback",
                 "The LGA peer challenge of safeguarding adults took place in March 2024 and made four "
                 "recommendations.", published=date(2024, 6, 4))
    assert c.is_review and c.service_area == "adult_social_care" and not alert(c), c.reason()


def test_a_fostering_event_quoting_the_councils_grade_is_not_an_alert():
    c = classify("Adoption and fostering open evening",
                 "Find out about adopting with Brook Council, whose children's services are rated Outstanding by "
                 "Ofsted.", published=date(2024, 5, 1))
    assert not c.is_review, c.reason()


# -- the eighth probe's kinds ------------------------------------------------------------------------------------------
def test_an_inspection_that_will_begin_on_a_date_is_announced():
    c = classify("Ofsted inspection of children's services",
                 "Ofsted has told the council that its inspection of local authority children's services will begin "
                 "on 3 November.", published=date(2025, 10, 28))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


# -- the ninth probe's kinds -------------------------------------------------------------------------------------------
def test_a_press_story_with_the_grade_told_as_a_move_and_the_watchdog_alerts():
    c = classify("Lowmoor children's services climb a grade",
                 "Children's services in Lowmoor have climbed to 'good', three years after being branded inadequate.\n\n"
                 "The watchdog's verdict follows a fortnight of visits in January. Staff turnover has fallen sharply.",
                 published=date(2025, 3, 4))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


@pytest.mark.parametrize("body", [
    "Partner news - colleagues in Ashcombe have had their children's services judged requires improvement to be good "
    "by Ofsted. The multi-agency audit programme restarts in January.",
    "Our neighbours in Tollbridge were inspected by Ofsted in June and their children's services rated good overall.",
    "Around the region: Ofsted has judged Winsford's children's services outstanding after a three-week inspection.",
])
def test_a_newsletter_telling_another_councils_outcome_is_not_an_alert(body):
    c = classify("Partnership bulletin - winter edition", body, published=date(2024, 12, 3))
    assert not alert(c), c.reason()


def test_our_own_outcome_told_beside_a_neighbours_still_alerts():
    c = classify("Children's services rated good",
                 "Ofsted has rated our children's services good, a year after neighbouring Dunmore received the same "
                 "grade. Inspectors visited in May.", published=date(2024, 7, 2))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


# -- the tenth probe's kinds -------------------------------------------------------------------------------------------
def test_a_councils_own_improvement_programme_titling_an_outcome_is_not_an_explainer():
    c = classify("Family help transformation programme - progress",
                 "After Ofsted's inspection in October 2024 the council's children's services went from inadequate "
                 "to good. The programme board will close in March.", published=date(2025, 1, 14))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_a_programme_of_peer_challenges_is_still_not_one_councils_review():
    c = classify("Regional peer challenge programme",
                 "Each council in the region hosts a peer challenge every three years; the programme's findings are "
                 "shared at the directors' network.", published=date(2024, 5, 7))
    assert not alert(c), c.reason()


def test_a_round_up_of_several_councils_is_typed_by_its_lead_not_the_visit_named_last():
    c = classify("Inspection round-up: two councils rated good",
                 "Ofsted has rated the children's services of Pelham and Drayfield good in reports out this week. "
                 "Pelham's leaders were praised for stable teams.\n\n"
                 "Elsewhere, a monitoring visit to Cresswick found that progress since its inadequate grade has slowed.",
                 published=date(2024, 6, 11))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


# -- the eleventh probe's kinds ----------------------------------------------------------------------------------------
def test_a_jtai_told_by_its_four_inspectorates_jointly_inspecting():
    c = classify("Joint inspection letter",
                 "In November 2024 Ofsted, the CQC, HMICFRS and HM Inspectorate of Probation jointly inspected how "
                 "agencies in Rendle protect children from serious youth violence. The letter praises the youth hub.",
                 published=date(2025, 1, 21))
    assert alert(c) and c.primary_type == "jtai", c.reason()


@pytest.mark.parametrize("title, body", [
    ("Area SEND inspection", "Ofsted and the CQC will carry out the area SEND inspection of the partnership from Monday."),
    ("Children's services inspection", "Ofsted's inspection of local authority children's services is starting on 9 June."),
    ("Corporate Peer Challenge - briefing pack",
     "This pack was written for the peer team ahead of their visit and describes the council's finances."),
])
def test_a_review_that_will_be_carried_out_or_is_prepared_for_is_announced(title, body):
    c = classify(title, body, published=date(2025, 6, 2))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


def test_a_grade_table_with_bare_year_columns_reports_an_outcome():
    c = classify("Ofsted inspection of children's services - Members' summary",
                 "Area | 2018 | 2025\nOverall effectiveness | Requires improvement | Outstanding\n"
                 "Help and protection | Good | Outstanding", published=date(2025, 5, 6))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_a_grade_for_the_councils_care_leavers_is_a_childrens_services_outcome():
    c = classify("Reflections from the director",
                 "Inspectors judged us good in every area this spring, and they were right to push us on housing "
                 "for care leavers.", published=date(2025, 7, 1))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_supported_accommodation_for_care_leavers_is_a_regulated_service():
    c = classify("Housing news",
                 "Ofsted has rated the council's supported accommodation for care leavers good after its first "
                 "inspection.", published=date(2025, 7, 1))
    assert not alert(c), c.reason()


# -- the twelfth probe's kinds -----------------------------------------------------------------------------------------
def test_curly_apostrophes_and_quotes_read_as_plain_ones():
    c = classify("Ofsted rates Amberley’s children’s services “outstanding”",
                 "Amberley Council’s children’s services were judged ‘outstanding’ after Ofsted’s inspection in "
                 "October 2025.", published=date(2025, 12, 2))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


# -- the thirteenth probe's kinds --------------------------------------------------------------------------------------
def test_a_report_published_after_a_dated_inspection_is_specific():
    c = classify("Ofsted report on children's services welcomed",
                 "Ofsted's report on the council's children's services came out today, following an inspection in "
                 "March.\n\n\"Being judged good means a great deal to our staff,\" said the leader.",
                 published=date(2025, 5, 6))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_councils_following_an_inspection_in_general_are_still_generic():
    c = classify("Action planning guide",
                 "Councils following an inspection must send Ofsted a plan within 70 working days.",
                 published=date(2025, 5, 6))
    assert not alert(c), c.reason()


def test_terse_minutes_abbreviating_a_monitoring_visit():
    c = classify("Improvement Board notes",
                 "3. Ofsted MV4 (2-3 May): letter rec'd. Front door progress noted.", published=date(2024, 6, 4))
    assert alert(c) and c.primary_type == "ofsted_monitoring_visit", c.reason()


def test_a_financial_strategy_recalling_a_grade_as_a_priority_is_not_an_alert():
    c = classify("Medium-Term Financial Plan 2026-2029",
                 "Children's services were judged outstanding by Ofsted in 2023 and keeping that grade is a priority "
                 "for investment.", published=date(2026, 2, 10))
    assert not alert(c), c.reason()


def test_a_council_notified_of_an_inspection_announces_it():
    c = classify("Chief Executive's update",
                 "Ofsted notified us yesterday of a standard inspection of local authority children's services. "
                 "Inspectors arrive next Monday.", published=date(2025, 5, 21))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


# -- the fourteenth probe's kinds --------------------------------------------------------------------------------------
def test_a_progress_review_still_to_come_under_its_own_title_is_announced():
    c = classify("LGA Corporate Peer Challenge - Progress Review",
                 "The progress review of the 2025 corporate peer challenge will take place on 12 May 2026. Peers will "
                 "speak to cabinet members and partners.", published=date(2026, 4, 7))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


def test_a_plan_agreed_after_a_review_that_says_what_it_will_do_is_still_a_plan():
    c = classify("Peer Challenge - Action Plan",
                 "Following the LGA corporate peer challenge in March 2025 the council agreed this plan, which says "
                 "how it will act on each recommendation.", published=date(2025, 6, 3))
    assert alert(c) and c.stage == "action_plan", c.reason()


# -- the fifteenth probe's kinds ---------------------------------------------------------------------------------------
def test_a_flattened_table_row_with_a_capitalised_grade_reports_an_outcome():
    c = classify("Annex 2 - ILACS judgements",
                 "Overall effectiveness\tGood\nThe experiences and progress of care leavers\tOutstanding",
                 published=date(2025, 3, 4))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_the_press_telling_one_unnamed_councils_downgrade_is_specific():
    c = classify("Services for children slip to 'requires improvement'",
                 "A council's children's services have been judged to require improvement by Ofsted, four years after "
                 "an outstanding rating.", published=date(2025, 3, 4))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_inspectors_with_the_partnership_this_week_are_under_way():
    c = classify("Area SEND inspection", "Ofsted and CQC inspectors are with the partnership this week for the area "
                 "SEND inspection.", published=date(2025, 3, 4))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


def test_progress_against_recommendations_in_a_title_is_the_plan_stage():
    c = classify("Progress on the JTAI recommendations",
                 "This report sets out progress on the recommendations from the JTAI carried out in May 2024.",
                 published=date(2025, 1, 7))
    assert alert(c) and c.stage == "action_plan", c.reason()


def test_an_annual_report_recalling_an_inspection_years_ago_is_not_news():
    c = classify("Corporate Parenting Annual Report 2025",
                 "Recruitment of carers rose by a tenth. Our last Ofsted inspection of children's services, in 2021, "
                 "judged them good. Training for carers moved online.", published=date(2025, 6, 3))
    assert not alert(c), c.reason()


def test_our_last_inspection_this_spring_is_news():
    c = classify("Director's update",
                 "Our last Ofsted inspection of children's services, in March 2025, judged them good. Thank you all.",
                 published=date(2025, 6, 3))
    assert alert(c), c.reason()


# -- the sixteenth probe's kinds ---------------------------------------------------------------------------------------
def test_a_send_report_that_is_out_with_both_inspectorates_finding():
    c = classify("Parent carer news",
                 "The area SEND inspection report is out. Ofsted and the CQC concluded that the partnership's "
                 "arrangements lead to inconsistent experiences and outcomes for children with SEND.",
                 published=date(2025, 9, 2))
    assert alert(c) and c.primary_type == "send_area_inspection", c.reason()


def test_a_new_directors_previous_council_is_not_the_publishers_review():
    c = classify("Interim director named",
                 "Tom Reyes has been appointed interim director. He joined us from Marbury, where children's services "
                 "were judged good by Ofsted last year.", published=date(2025, 9, 2))
    assert not alert(c), c.reason()


# -- the seventeenth probe's kinds -------------------------------------------------------------------------------------
def test_inspectors_who_arrived_to_inspect_are_under_way():
    c = classify("Inspection begins", "Ofsted inspectors arrived this morning to inspect the council's children's "
                 "services. The inspection will last two weeks.", published=date(2025, 10, 20))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


# -- the eighteenth probe's kinds --------------------------------------------------------------------------------------
def test_a_peer_challenge_booked_for_dates_is_announced():
    c = classify("Corporate peer challenge 2026",
                 "The corporate peer challenge has been booked for 9 to 12 June 2026.", published=date(2026, 1, 13))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


# -- the nineteenth probe's kinds --------------------------------------------------------------------------------------
def test_a_good_rating_given_by_the_regulator():
    c = classify("Top marks for Orton", "Orton's children's services have been awarded a 'good' rating by the "
                 "regulator after inspectors spent three weeks in the borough.", published=date(2025, 4, 1))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_inspectors_who_will_be_with_us_to_inspect_services_for_children_are_to_come():
    c = classify("Inspection news", "Ofsted rang this morning: inspectors will be with us from Monday to inspect our "
                 "services for children and families.", published=date(2025, 9, 15))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


def test_a_briefing_that_explains_the_framework_is_not_an_outcome():
    c = classify("Managers' briefing - the ILACS framework",
                 "The session explains how the judgement areas are graded, from outstanding to inadequate.",
                 published=date(2024, 1, 16))
    assert not alert(c), c.reason()


def test_an_ordinal_mv_in_terse_notes_is_a_monitoring_visit():
    c = classify("Improvement Board", "Third MV held 2-3 April 2025 (Ofsted); letter published 2 May: progress noted.",
                 published=date(2025, 5, 13))
    assert alert(c) and c.primary_type == "ofsted_monitoring_visit", c.reason()


# -- the twentieth probe's kinds ---------------------------------------------------------------------------------------
def test_an_outcome_line_after_the_inspection_named():
    c = classify("ILACS 2025", "Inspection of local authority children's services, 3-14 March 2025.\n"
                 "Overall judgement: Good.", published=date(2025, 4, 8))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_a_schools_forum_minutes_item_on_the_area_send_inspection_alerts():
    c = classify("Schools Forum - minutes",
                 "4. De-delegation\nAgreed.\n\n5. Area SEND inspection\nOfficers said that Ofsted and the CQC had "
                 "inspected the local area partnership in March and found widespread and/or systemic failings.",
                 published=date(2025, 5, 6))
    assert alert(c) and c.primary_type == "send_area_inspection", c.reason()


def test_abbreviated_judgement_areas_in_an_internal_briefing():
    c = classify("SMT note", "Ofsted report published 2 June 2025. Overall: Outstanding. H&P: Good. CiC: Outstanding.",
                 published=date(2025, 6, 9))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


# -- the twenty-first probe's kinds ------------------------------------------------------------------------------------
def test_a_named_regulator_of_something_else_is_not_ofsted():
    c = classify("Tenancy news",
                 "The Regulator of Social Housing has judged the council's services to tenants good overall. Care "
                 "leavers keep their priority for council homes.", published=date(2024, 6, 18))
    assert not alert(c), c.reason()


# -- the twenty-second probe's kinds -----------------------------------------------------------------------------------
@pytest.mark.parametrize("title, body", [
    ("Brimley verdict", "Brimley Council has been rated inadequate following its Ofsted inspection in "
                                    "May, with inspectors finding that children waited too long for help."),
    ("Verdict on Tarnside", "Ofsted says Tarnside Council is now good after inspecting its services for children."),
])
def test_a_council_itself_graded_by_ofsted_is_its_childrens_services(title, body):
    c = classify(title, body, published=date(2025, 7, 1))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


def test_a_councils_named_service_graded_by_ofsted_is_not_read_as_the_council():
    c = classify("Adult learning", "The Council's adult learning service has been rated good by Ofsted.",
                 published=date(2025, 7, 1))
    assert not alert(c), c.reason()


def test_a_council_that_has_invited_the_lga_to_carry_out_a_challenge_announces_it():
    c = classify("Peer challenge 2026", "The council has invited the LGA to carry out a corporate peer challenge in "
                 "the autumn.", published=date(2026, 1, 13))
    assert c.is_review and c.stage == "announced" and not alert(c), c.reason()


def test_a_one_line_judgement_with_its_framework_and_month_in_brackets():
    c = classify("Children's services", "Ofsted judgement (ILACS, March 2025): Outstanding.", published=date(2025, 5, 6))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


# -- the twenty-third probe's kinds ------------------------------------------------------------------------------------
def test_a_performance_target_for_the_next_inspection_is_not_an_outcome():
    c = classify("Directorate plan 2026",
                 "Objective: children's services judged good or better at the next Ofsted inspection.",
                 published=date(2026, 2, 3))
    assert not alert(c), c.reason()


# -- the twenty-fourth probe's kinds -----------------------------------------------------------------------------------
def test_an_inline_outcome_naming_the_service_before_its_grade():
    c = classify("Director's annual report", "Inspection outcome: Children's Social Care - Outstanding (Ofsted, June "
                 "2025). The inspection recognised the stability of the workforce.", published=date(2025, 10, 7))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()


# -- the twenty-fifth probe's kinds ------------------------------------------------------------------------------------
def test_peers_named_by_their_councils_before_what_they_did():
    c = classify("Peer challenge of early help",
                 "Peers from Hollowmere and Brackley Vale councils, with an LGA challenge manager, spent three days "
                 "looking at our early help in May 2025.", published=date(2025, 7, 1))
    assert alert(c) and c.primary_type == "lga_peer_challenge", c.reason()


# -- found while testing the pool (session 4) --------------------------------------------------------------------------
def test_ofsted_as_the_subject_of_inspected_and_a_grade_given_to_a_pronoun():
    # "Ofsted inspected … and rated them Good": an active past tense and a grade given to "them"/"it".
    c = classify("Children's services update", "During March Ofsted inspected the council's children's services and "
                 "rated them Good.", published=date(2025, 5, 1))
    assert alert(c) and c.primary_type == "ofsted_ilacs", c.reason()
    c = classify("Cabinet member report", "Inspectors judged it to be requires improvement to be good after visiting "
                 "our children's services in the spring.", published=date(2025, 7, 1))
    assert alert(c), c.reason()


def test_a_school_inspected_and_judged_good_is_still_not_a_review():
    c = classify("Schools news", "Ofsted inspected Larkfield Primary in March and judged it good.",
                 published=date(2025, 5, 1))
    assert not alert(c), c.reason()
