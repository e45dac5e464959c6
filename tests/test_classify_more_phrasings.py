"""Kinds of wording the third held-out round found missing (issue 12), each in our own words.

The held-out set itself (transforms/evaluation_holdout_3.toml) is not quoted here: these sentences are invented
anew for each kind, so a test passes only if the rule holds beyond the case that showed the gap.
"""
from datetime import date

import pytest

from tests.classify_expect import Expect, check

from transforms.classify import HAPPENED, classify


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
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()


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


# -- outcomes spread over a story ------------------------------------------------------------------------------------
def test_the_education_watchdog_grading_the_service_named_in_the_opening_sentence_alerts():
    body = ("A report has criticised the way Stanmoor Council's children's social care handles referrals.\n\n"
            "Inspectors spent two weeks at the council in January. They read more than 100 case files.\n\n"
            "The education watchdog rated the service inadequate, its lowest grade.")
    c = classify("Families 'let down' by council, report says", body, published=date(2024, 3, 1))
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()


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
    assert c.is_alert and c.primary_type == "send_area_inspection", c.reason()


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
    assert c.is_alert and c.stage == "action_plan", c.reason()


def test_an_outcome_report_that_also_asks_for_a_plan_to_be_endorsed_later_is_the_outcome():
    body = ("1. Purpose\n1.1 To tell Cabinet the outcome of the LGA corporate peer challenge held from 13 to 16 May "
            "2024.\n\n2. Findings\n2.1 The peer team found strong leadership.\n\n3. Next steps\n3.1 An action plan "
            "will be brought to Cabinet for approval in the autumn.")
    c = classify("Corporate peer challenge feedback", body, published=date(2024, 7, 2))
    assert c.is_alert and c.stage == "outcome", c.reason()


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
    assert not c.is_alert, c.reason()


# -- the fifth probe's kinds -------------------------------------------------------------------------------------------
def test_an_inspection_carried_out_between_its_dates_after_a_comma_happened():
    assert HAPPENED.search("The inspection, carried out between 4 and 15 March, was thorough.")


@pytest.mark.parametrize("body", [
    "Partner news - colleagues in Ashcombe have had their children's services judged requires improvement to be good "
    "by Ofsted. The multi-agency audit programme restarts in January.",
    "Our neighbours in Tollbridge were inspected by Ofsted in June and their children's services rated good overall.",
    "Around the region: Ofsted has judged Winsford's children's services outstanding after a three-week inspection.",
])
def test_a_newsletter_telling_another_councils_outcome_is_not_an_alert(body):
    c = classify("Partnership bulletin - winter edition", body, published=date(2024, 12, 3))
    assert not c.is_alert, c.reason()


@pytest.mark.parametrize("title, body", [
    ("Area SEND inspection", "Ofsted and the CQC will carry out the area SEND inspection of the partnership from Monday."),
    ("Children's services inspection", "Ofsted's inspection of local authority children's services is starting on 9 June."),
    ("Corporate Peer Challenge - briefing pack",
     "This pack was written for the peer team ahead of their visit and describes the council's finances."),
])
def test_a_review_that_will_be_carried_out_or_is_prepared_for_is_announced(title, body):
    c = classify(title, body, published=date(2025, 6, 2))
    assert c.is_review and c.stage == "announced" and not c.is_alert, c.reason()


# -- the twenty-second probe's kinds -----------------------------------------------------------------------------------
@pytest.mark.parametrize("title, body", [
    ("Brimley verdict", "Brimley Council has been rated inadequate following its Ofsted inspection in "
                                    "May, with inspectors finding that children waited too long for help."),
    ("Verdict on Tarnside", "Ofsted says Tarnside Council is now good after inspecting its services for children."),
])
def test_a_council_itself_graded_by_ofsted_is_its_childrens_services(title, body):
    c = classify(title, body, published=date(2025, 7, 1))
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()


# -- found while testing the pool (session 4) --------------------------------------------------------------------------
def test_ofsted_as_the_subject_of_inspected_and_a_grade_given_to_a_pronoun():
    # "Ofsted inspected … and rated them Good": an active past tense and a grade given to "them"/"it".
    c = classify("Children's services update", "During March Ofsted inspected the council's children's services and "
                 "rated them Good.", published=date(2025, 5, 1))
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()
    c = classify("Cabinet member report", "Inspectors judged it to be requires improvement to be good after visiting "
                 "our children's services in the spring.", published=date(2025, 7, 1))
    assert c.is_alert, c.reason()


# -- one case a kind of wording: title, body, documents, publication date, what the classification must say --------
CASES = [
    pytest.param(
        "Minutes of the last meeting",
        "The minutes of the meeting held on 3 March 2024, which discussed the LGA peer challenge, were approved.",
        None, None, Expect(review=False),
        id="a_meeting_held_on_a_date_is_not_a_review_that_happened"),
    # -- announcements -------------------------------------------------------------------------------------------------
    pytest.param(
        "Ofsted inspection of children's services begins",
        "Inspectors from Ofsted arrived at County Hall this morning to begin a two-week inspection of children's "
        "services. Their report is expected to be published in the new year.",
        None, date(2024, 10, 7), Expect(review=True, stage='announced', alert=False),
        id="an_inspection_just_begun_with_its_report_expected_later_is_announced"),
    pytest.param(
        "LGA Corporate Peer Challenge 2026",
        "The council has agreed to host a corporate peer challenge from 9 to 12 March 2026, led by the LGA.",
        None, date(2025, 12, 2), Expect(review=True, type='lga_corporate_peer_challenge', stage='announced'),
        id="a_council_that_has_agreed_to_host_a_peer_challenge_announces_it"),
    pytest.param(
        "Senior practitioners - family safeguarding teams",
        "Join a Good-rated children's services team. Ofsted judged our children's services Good in 2023. "
        "Closing date: 12 May.",
        None, date(2025, 4, 1), Expect(review=False),
        id="a_job_advert_quoting_the_councils_grade_is_at_most_worth_a_look"),
    # -- the fourth probe's kinds --------------------------------------------------------------------------------------
    pytest.param(
        "Findings of the joint inspection",
        "Four inspectorates carried out a joint inspection of the multi-agency response to children missing "
        "from home in March 2023. Their letter was published in May.",
        None, date(2023, 6, 6), Expect(alert=True, type='jtai'),
        id="a_joint_inspection_of_the_multi_agency_response_is_a_jtai"),
    pytest.param(
        "Joint targeted area inspection",
        "Inspectors will be in the county from 10 to 14 March to carry out a joint targeted area inspection "
        "of the response to neglect.",
        None, date(2025, 3, 4), Expect(review=True, stage='announced', alert=False),
        id="inspectors_who_will_be_in_the_borough_to_carry_out_a_jtai_announce_it"),
    pytest.param(
        "Harle rated outstanding",
        "Harle Council has been rated outstanding by Ofsted following an inspection of its children's services "
        "in May.",
        None, date(2024, 7, 2), Expect(alert=True, type='ofsted_ilacs'),
        id="following_an_inspection_of_its_own_services_is_one_councils_outcome"),
    pytest.param(
        "Update to the Schools Forum",
        "Ofsted and the CQC came back in May 2022 to check progress on the written statement of action, "
        "and found it sufficient in every area.",
        None, date(2022, 7, 5), Expect(alert=True, type='send_area_inspection'),
        id="ofsted_and_the_cqc_returning_to_check_a_written_statement_of_action_is_a_send_revisit"),
    pytest.param(
        "Early Help Peer Challenge feedback",
        "The LGA early help peer challenge took place in January 2025 and made five recommendations.",
        None, date(2025, 3, 4), Expect(alert=True, area='childrens_services'),
        id="an_early_help_peer_challenge_is_about_childrens_services"),
    pytest.param(
        "Annual Governance Statement",
        "Our sources of assurance include the external auditor's report and the corporate peer challenge "
        "held in 2023, with its follow-up visit.",
        None, date(2024, 6, 25), Expect(alert=False),
        id="a_peer_challenge_listed_among_sources_of_assurance_is_not_an_alert"),
    # -- the seventh probe's kinds -------------------------------------------------------------------------------------
    pytest.param(
        "Ofsted: Children's Services Good",
        "The full inspection report is on the Ofsted website.",
        None, date(2024, 2, 1), Expect(alert=True, type='ofsted_ilacs'),
        id="a_headline_that_gives_the_grade_over_a_pointer_to_the_report_alerts"),
    pytest.param(
        "Improvement alliance peer review of children's social care",
        "A team of two directors from neighbouring councils reviewed the council's work with care leavers in "
        "June 2024. Their feedback was shared with managers.",
        None, date(2024, 9, 3), Expect(alert=True, type='other_peer_review'),
        id="a_regional_alliance_team_that_reviewed_the_councils_work_is_another_peer_review"),
    pytest.param(
        "Safeguarding adults peer challenge: feedback",
        "The LGA peer challenge of safeguarding adults took place in March 2024 and made four "
        "recommendations.",
        None, date(2024, 6, 4), Expect(review=True, area='adult_social_care', alert=False),
        id="a_safeguarding_adults_peer_challenge_is_adult_social_care"),
    pytest.param(
        "Adoption and fostering open evening",
        "Find out about adopting with Brook Council, whose children's services are rated Outstanding by "
        "Ofsted.",
        None, date(2024, 5, 1), Expect(review=False),
        id="a_fostering_event_quoting_the_councils_grade_is_not_an_alert"),
    # -- the eighth probe's kinds --------------------------------------------------------------------------------------
    pytest.param(
        "Ofsted inspection of children's services",
        "Ofsted has told the council that its inspection of local authority children's services will begin "
        "on 3 November.",
        None, date(2025, 10, 28), Expect(review=True, stage='announced', alert=False),
        id="an_inspection_that_will_begin_on_a_date_is_announced"),
    # -- the ninth probe's kinds ---------------------------------------------------------------------------------------
    pytest.param(
        "Lowmoor children's services climb a grade",
        "Children's services in Lowmoor have climbed to 'good', three years after being branded inadequate.\n\n"
        "The watchdog's verdict follows a fortnight of visits in January. Staff turnover has fallen sharply.",
        None, date(2025, 3, 4), Expect(alert=True, type='ofsted_ilacs'),
        id="a_press_story_with_the_grade_told_as_a_move_and_the_watchdog_alerts"),
    pytest.param(
        "Children's services rated good",
        "Ofsted has rated our children's services good, a year after neighbouring Dunmore received the same "
        "grade. Inspectors visited in May.",
        None, date(2024, 7, 2), Expect(alert=True, type='ofsted_ilacs'),
        id="our_own_outcome_told_beside_a_neighbours_still_alerts"),
    # -- the tenth probe's kinds ---------------------------------------------------------------------------------------
    pytest.param(
        "Family help transformation programme - progress",
        "After Ofsted's inspection in October 2024 the council's children's services went from inadequate "
        "to good. The programme board will close in March.",
        None, date(2025, 1, 14), Expect(alert=True, type='ofsted_ilacs'),
        id="a_councils_own_improvement_programme_titling_an_outcome_is_not_an_explainer"),
    pytest.param(
        "Regional peer challenge programme",
        "Each council in the region hosts a peer challenge every three years; the programme's findings are "
        "shared at the directors' network.",
        None, date(2024, 5, 7), Expect(alert=False),
        id="a_programme_of_peer_challenges_is_still_not_one_councils_review"),
    pytest.param(
        "Inspection round-up: two councils rated good",
        "Ofsted has rated the children's services of Pelham and Drayfield good in reports out this week. "
        "Pelham's leaders were praised for stable teams.\n\n"
        "Elsewhere, a monitoring visit to Cresswick found that progress since its inadequate grade has slowed.",
        None, date(2024, 6, 11), Expect(alert=True, type='ofsted_ilacs'),
        id="a_round_up_of_several_councils_is_typed_by_its_lead_not_the_visit_named_last"),
    # -- the eleventh probe's kinds ------------------------------------------------------------------------------------
    pytest.param(
        "Joint inspection letter",
        "In November 2024 Ofsted, the CQC, HMICFRS and HM Inspectorate of Probation jointly inspected how "
        "agencies in Rendle protect children from serious youth violence. The letter praises the youth hub.",
        None, date(2025, 1, 21), Expect(alert=True, type='jtai'),
        id="a_jtai_told_by_its_four_inspectorates_jointly_inspecting"),
    pytest.param(
        "Ofsted inspection of children's services - Members' summary",
        "Area | 2018 | 2025\nOverall effectiveness | Requires improvement | Outstanding\n"
        "Help and protection | Good | Outstanding",
        None, date(2025, 5, 6), Expect(alert=True, type='ofsted_ilacs'),
        id="a_grade_table_with_bare_year_columns_reports_an_outcome"),
    pytest.param(
        "Reflections from the director",
        "Inspectors judged us good in every area this spring, and they were right to push us on housing "
        "for care leavers.",
        None, date(2025, 7, 1), Expect(alert=True, type='ofsted_ilacs'),
        id="a_grade_for_the_councils_care_leavers_is_a_childrens_services_outcome"),
    pytest.param(
        "Housing news",
        "Ofsted has rated the council's supported accommodation for care leavers good after its first "
        "inspection.",
        None, date(2025, 7, 1), Expect(alert=False),
        id="supported_accommodation_for_care_leavers_is_a_regulated_service"),
    # -- the twelfth probe's kinds -------------------------------------------------------------------------------------
    pytest.param(
        "Ofsted rates Amberley’s children’s services “outstanding”",
        "Amberley Council’s children’s services were judged ‘outstanding’ after Ofsted’s inspection in "
        "October 2025.",
        None, date(2025, 12, 2), Expect(alert=True, type='ofsted_ilacs'),
        id="curly_apostrophes_and_quotes_read_as_plain_ones"),
    # -- the thirteenth probe's kinds ----------------------------------------------------------------------------------
    pytest.param(
        "Ofsted report on children's services welcomed",
        "Ofsted's report on the council's children's services came out today, following an inspection in "
        "March.\n\n\"Being judged good means a great deal to our staff,\" said the leader.",
        None, date(2025, 5, 6), Expect(alert=True, type='ofsted_ilacs'),
        id="a_report_published_after_a_dated_inspection_is_specific"),
    pytest.param(
        "Action planning guide",
        "Councils following an inspection must send Ofsted a plan within 70 working days.",
        None, date(2025, 5, 6), Expect(alert=False),
        id="councils_following_an_inspection_in_general_are_still_generic"),
    pytest.param(
        "Improvement Board notes",
        "3. Ofsted MV4 (2-3 May): letter rec'd. Front door progress noted.",
        None, date(2024, 6, 4), Expect(alert=True, type='ofsted_monitoring_visit'),
        id="terse_minutes_abbreviating_a_monitoring_visit"),
    pytest.param(
        "Medium-Term Financial Plan 2026-2029",
        "Children's services were judged outstanding by Ofsted in 2023 and keeping that grade is a priority "
        "for investment.",
        None, date(2026, 2, 10), Expect(alert=False),
        id="a_financial_strategy_recalling_a_grade_as_a_priority_is_not_an_alert"),
    pytest.param(
        "Chief Executive's update",
        "Ofsted notified us yesterday of a standard inspection of local authority children's services. "
        "Inspectors arrive next Monday.",
        None, date(2025, 5, 21), Expect(review=True, stage='announced', alert=False),
        id="a_council_notified_of_an_inspection_announces_it"),
    # -- the fourteenth probe's kinds ----------------------------------------------------------------------------------
    pytest.param(
        "LGA Corporate Peer Challenge - Progress Review",
        "The progress review of the 2025 corporate peer challenge will take place on 12 May 2026. Peers will "
        "speak to cabinet members and partners.",
        None, date(2026, 4, 7), Expect(review=True, stage='announced', alert=False),
        id="a_progress_review_still_to_come_under_its_own_title_is_announced"),
    pytest.param(
        "Peer Challenge - Action Plan",
        "Following the LGA corporate peer challenge in March 2025 the council agreed this plan, which says "
        "how it will act on each recommendation.",
        None, date(2025, 6, 3), Expect(alert=True, stage='action_plan'),
        id="a_plan_agreed_after_a_review_that_says_what_it_will_do_is_still_a_plan"),
    # -- the fifteenth probe's kinds -----------------------------------------------------------------------------------
    pytest.param(
        "Annex 2 - ILACS judgements",
        "Overall effectiveness\tGood\nThe experiences and progress of care leavers\tOutstanding",
        None, date(2025, 3, 4), Expect(alert=True, type='ofsted_ilacs'),
        id="a_flattened_table_row_with_a_capitalised_grade_reports_an_outcome"),
    pytest.param(
        "Services for children slip to 'requires improvement'",
        "A council's children's services have been judged to require improvement by Ofsted, four years after "
        "an outstanding rating.",
        None, date(2025, 3, 4), Expect(alert=True, type='ofsted_ilacs'),
        id="the_press_telling_one_unnamed_councils_downgrade_is_specific"),
    pytest.param(
        "Area SEND inspection",
        "Ofsted and CQC inspectors are with the partnership this week for the area "
        "SEND inspection.",
        None, date(2025, 3, 4), Expect(review=True, stage='announced', alert=False),
        id="inspectors_with_the_partnership_this_week_are_under_way"),
    pytest.param(
        "Progress on the JTAI recommendations",
        "This report sets out progress on the recommendations from the JTAI carried out in May 2024.",
        None, date(2025, 1, 7), Expect(alert=True, stage='action_plan'),
        id="progress_against_recommendations_in_a_title_is_the_plan_stage"),
    pytest.param(
        "Corporate Parenting Annual Report 2025",
        "Recruitment of carers rose by a tenth. Our last Ofsted inspection of children's services, in 2021, "
        "judged them good. Training for carers moved online.",
        None, date(2025, 6, 3), Expect(alert=False),
        id="an_annual_report_recalling_an_inspection_years_ago_is_not_news"),
    pytest.param(
        "Director's update",
        "Our last Ofsted inspection of children's services, in March 2025, judged them good. Thank you all.",
        None, date(2025, 6, 3), Expect(alert=True),
        id="our_last_inspection_this_spring_is_news"),
    # -- the sixteenth probe's kinds -----------------------------------------------------------------------------------
    pytest.param(
        "Parent carer news",
        "The area SEND inspection report is out. Ofsted and the CQC concluded that the partnership's "
        "arrangements lead to inconsistent experiences and outcomes for children with SEND.",
        None, date(2025, 9, 2), Expect(alert=True, type='send_area_inspection'),
        id="a_send_report_that_is_out_with_both_inspectorates_finding"),
    pytest.param(
        "Interim director named",
        "Tom Reyes has been appointed interim director. He joined us from Marbury, where children's services "
        "were judged good by Ofsted last year.",
        None, date(2025, 9, 2), Expect(alert=False),
        id="a_new_directors_previous_council_is_not_the_publishers_review"),
    # -- the seventeenth probe's kinds ---------------------------------------------------------------------------------
    pytest.param(
        "Inspection begins",
        "Ofsted inspectors arrived this morning to inspect the council's children's "
        "services. The inspection will last two weeks.",
        None, date(2025, 10, 20), Expect(review=True, stage='announced', alert=False),
        id="inspectors_who_arrived_to_inspect_are_under_way"),
    # -- the eighteenth probe's kinds ----------------------------------------------------------------------------------
    pytest.param(
        "Corporate peer challenge 2026",
        "The corporate peer challenge has been booked for 9 to 12 June 2026.",
        None, date(2026, 1, 13), Expect(review=True, stage='announced', alert=False),
        id="a_peer_challenge_booked_for_dates_is_announced"),
    # -- the nineteenth probe's kinds ----------------------------------------------------------------------------------
    pytest.param(
        "Top marks for Orton",
        "Orton's children's services have been awarded a 'good' rating by the "
        "regulator after inspectors spent three weeks in the borough.",
        None, date(2025, 4, 1), Expect(alert=True, type='ofsted_ilacs'),
        id="a_good_rating_given_by_the_regulator"),
    pytest.param(
        "Inspection news",
        "Ofsted rang this morning: inspectors will be with us from Monday to inspect our "
        "services for children and families.",
        None, date(2025, 9, 15), Expect(review=True, stage='announced', alert=False),
        id="inspectors_who_will_be_with_us_to_inspect_services_for_children_are_to_come"),
    pytest.param(
        "Managers' briefing - the ILACS framework",
        "The session explains how the judgement areas are graded, from outstanding to inadequate.",
        None, date(2024, 1, 16), Expect(alert=False),
        id="a_briefing_that_explains_the_framework_is_not_an_outcome"),
    pytest.param(
        "Improvement Board",
        "Third MV held 2-3 April 2025 (Ofsted); letter published 2 May: progress noted.",
        None, date(2025, 5, 13), Expect(alert=True, type='ofsted_monitoring_visit'),
        id="an_ordinal_mv_in_terse_notes_is_a_monitoring_visit"),
    # -- the twentieth probe's kinds -----------------------------------------------------------------------------------
    pytest.param(
        "ILACS 2025",
        "Inspection of local authority children's services, 3-14 March 2025.\n"
        "Overall judgement: Good.",
        None, date(2025, 4, 8), Expect(alert=True, type='ofsted_ilacs'),
        id="an_outcome_line_after_the_inspection_named"),
    pytest.param(
        "Schools Forum - minutes",
        "4. De-delegation\nAgreed.\n\n5. Area SEND inspection\nOfficers said that Ofsted and the CQC had "
        "inspected the local area partnership in March and found widespread and/or systemic failings.",
        None, date(2025, 5, 6), Expect(alert=True, type='send_area_inspection'),
        id="a_schools_forum_minutes_item_on_the_area_send_inspection_alerts"),
    pytest.param(
        "SMT note",
        "Ofsted report published 2 June 2025. Overall: Outstanding. H&P: Good. CiC: Outstanding.",
        None, date(2025, 6, 9), Expect(alert=True, type='ofsted_ilacs'),
        id="abbreviated_judgement_areas_in_an_internal_briefing"),
    # -- the twenty-first probe's kinds --------------------------------------------------------------------------------
    pytest.param(
        "Tenancy news",
        "The Regulator of Social Housing has judged the council's services to tenants good overall. Care "
        "leavers keep their priority for council homes.",
        None, date(2024, 6, 18), Expect(alert=False),
        id="a_named_regulator_of_something_else_is_not_ofsted"),
    pytest.param(
        "Adult learning",
        "The Council's adult learning service has been rated good by Ofsted.",
        None, date(2025, 7, 1), Expect(alert=False),
        id="a_councils_named_service_graded_by_ofsted_is_not_read_as_the_council"),
    pytest.param(
        "Peer challenge 2026",
        "The council has invited the LGA to carry out a corporate peer challenge in "
        "the autumn.",
        None, date(2026, 1, 13), Expect(review=True, stage='announced', alert=False),
        id="a_council_that_has_invited_the_lga_to_carry_out_a_challenge_announces_it"),
    pytest.param(
        "Children's services",
        "Ofsted judgement (ILACS, March 2025): Outstanding.",
        None, date(2025, 5, 6), Expect(alert=True, type='ofsted_ilacs'),
        id="a_one_line_judgement_with_its_framework_and_month_in_brackets"),
    # -- the twenty-third probe's kinds --------------------------------------------------------------------------------
    pytest.param(
        "Directorate plan 2026",
        "Objective: children's services judged good or better at the next Ofsted inspection.",
        None, date(2026, 2, 3), Expect(alert=False),
        id="a_performance_target_for_the_next_inspection_is_not_an_outcome"),
    # -- the twenty-fourth probe's kinds -------------------------------------------------------------------------------
    pytest.param(
        "Director's annual report",
        "Inspection outcome: Children's Social Care - Outstanding (Ofsted, June "
        "2025). The inspection recognised the stability of the workforce.",
        None, date(2025, 10, 7), Expect(alert=True, type='ofsted_ilacs'),
        id="an_inline_outcome_naming_the_service_before_its_grade"),
    # -- the twenty-fifth probe's kinds --------------------------------------------------------------------------------
    pytest.param(
        "Peer challenge of early help",
        "Peers from Hollowmere and Brackley Vale councils, with an LGA challenge manager, spent three days "
        "looking at our early help in May 2025.",
        None, date(2025, 7, 1), Expect(alert=True, type='lga_peer_challenge'),
        id="peers_named_by_their_councils_before_what_they_did"),
    pytest.param(
        "Schools news",
        "Ofsted inspected Larkfield Primary in March and judged it good.",
        None, date(2025, 5, 1), Expect(alert=False),
        id="a_school_inspected_and_judged_good_is_still_not_a_review"),
]


@pytest.mark.parametrize("title, body, documents, published, expect", CASES)
def test_kind_of_wording(title, body, documents, published, expect):
    check(classify(title, body, documents, published=published), expect)
