"""Each kind of miss met in real councils' words, written here in our own words (issue 12, classification half).

The real texts live in ../shared and are never copied: these sentences are invented to stand for each kind.
"""

from datetime import date

import pytest

from tests.support.classify_expect import check, wording_cases
from transforms.classify import classify, quote


# -- outcomes told in plain words -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title, body",
    [
        (
            "Families and Children Service rated good",
            "The inspectorate's report on Brookfield's Families and Children Service was published this week. Ofsted "
            "inspectors spent a fortnight with social workers in May and said leaders know their service well.",
        ),
        (
            "'Requires improvement' - Ofsted on the county's children's services",
            "The county's leader said the council accepted the findings of the inspection and would act on them.",
        ),
        (
            "Children's services inspection",
            "Members heard that the full Ofsted inspection of children's services had concluded and the outcome was RI.",
        ),
    ],
)
def test_an_ofsted_grade_in_plain_words_alerts_whatever_the_order(title, body):
    c = classify(title, body, published=date(2023, 7, 1))
    assert c.is_alert and c.primary_type == "ofsted_ilacs", c.reason()


def test_ofsted_in_one_sentence_and_the_grade_in_the_next_are_one_outcome():
    body = (
        "Ofsted inspectors visited the borough's children's social care teams in May 2019.\n\n"
        "The services were judged to be good overall, and the letter was published last week."
    )
    c = classify("Cabinet Member update", body)
    assert c.is_alert and c.primary_type == "ofsted_ilacs"
    assert any("inspectors visited" in e for e in c.evidence)


@pytest.mark.parametrize(
    "body",
    [
        "Special educational needs and disabilities (SEND) Ofsted and CQC local area inspection: the report was "
        "published in March and identified three areas of significant weakness.",
        "The Board noted the outcome of the Ofsted and CQC inspection of SEND arrangements across the partnership, "
        "which took place in February.",
    ],
)
def test_send_and_inspection_named_in_either_order(body):
    c = classify("Partnership Board minutes", body)
    assert c.is_alert and c.primary_type == "send_area_inspection"


@pytest.mark.parametrize(
    "body",
    [
        "The 2011 Ofsted inspection of safeguarding and looked after children services judged both areas adequate.",
        "During an unannounced inspection of contact, referral and assessment arrangements, inspectors found two "
        "areas for priority action.",
    ],
)
def test_pre_2013_regimes_are_typed_as_their_successor_the_sif(body):
    c = classify("Children's services inspection report", body)
    assert c.is_alert and c.primary_type == "ofsted_sif"


def test_a_dfe_monitoring_visit_alone_is_not_an_ofsted_monitoring_visit():
    c = classify(
        "SEND written statement of action: progress",
        "The DfE held a monitoring visit on the written statement of action in May, following the SEND "
        "inspection, and found that progress had been made.",
    )
    assert "ofsted_monitoring_visit" not in c.review_types and c.primary_type == "send_area_inspection"


# -- types and stages from what happened --------------------------------------------------------------------------
def test_a_dfe_monitoring_visit_in_a_send_report_does_not_make_it_a_monitoring_visit():
    c = classify(
        "Area SEND inspection: progress on the written statement of action",
        "Following the area SEND inspection, the local area produced a written statement of action. "
        "A DfE monitoring visit in the autumn reviewed progress against it.",
    )
    assert c.primary_type == "send_area_inspection" and "ofsted_monitoring_visit" not in c.review_types


@pytest.mark.parametrize(
    "title, body",
    [
        (
            "Ofsted inspection of children's services",
            "Ofsted is undertaking an inspection of the council's children's services from 3 to 14 March.",
        ),
        (
            "Peer challenge of children's services",
            "Cabinet approved the request to undertake a children's services peer challenge with the LGA, which would "
            "take place in the autumn.",
        ),
    ],
)
def test_an_announcement_is_a_review_but_not_an_alert(title, body):
    c = classify(title, body)
    assert c.is_review and c.stage == "announced" and not c.is_alert
    assert any(
        ("undertak" in e or "would" in e) and e != title for e in c.evidence
    )  # the sentence about what is to come


def test_the_sentence_that_shows_it_happened_is_quoted_rather_than_the_earlier_inspection():
    c = classify(
        "Ofsted Inspection of Local Authority Children's Services",
        "The last inspection, in 2016, had been carried out under the previous framework. "
        "The recent inspection found that the council provides a 'Good' service to children.",
        published=date(2023, 3, 1),
    )
    assert c.is_alert and "'Good' service" in c.evidence[1]


# -- false alarms -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title, body",
    [
        # an explainer listing every possible outcome
        (
            "Area SEND inspections explained",
            "What is an area SEND inspection? Inspections can lead to one of three outcomes: arrangements typically lead "
            "to positive experiences and outcomes; they lead to inconsistent experiences and outcomes; or there are "
            "widespread and/or systemic failings.",
        ),
        # an offer page
        (
            "Children's services peer challenge",
            "We offer peer challenges to every council. A peer challenge gives your service a critical friend's view. "
            "Peer challenges are fully funded for councils in intervention.",
        ),
        # programme minutes
        (
            "Improvement and Innovation Board minutes",
            "Members noted that 40 corporate peer challenges were delivered this year and that councils rated the "
            "programme highly. All councils are expected to receive a CPC every five years.",
        ),
        # national statistics
        (
            "Most councils rated good or better",
            "Of the 30 councils inspected this year, 12 were rated good and 5 inadequate. Nearly half of local "
            "authorities were judged to require improvement, 40 per cent more than last year.",
        ),
        # a Welsh inspectorate
        (
            "Inspection of children's services",
            "Care Inspectorate Wales inspected the county's children's services in May and found that practice had "
            "improved.",
        ),
        # a school, a nursery, a children's home
        ("Ofsted rates Hillside Primary School good", "Inspectors found pupils happy and keen to learn."),
        (
            "Nursery celebrates outstanding Ofsted rating",
            "The council-run nursery was judged outstanding in all areas.",
        ),
        ("Ofsted inspection of Elm Lodge children's home", "The home was judged good at its full inspection in May."),
        # adults' assessment, youth justice
        (
            "CQC assessment of adult social care",
            "The Care Quality Commission rated the council's adult social care good.",
        ),
        ("Youth justice service inspection", "HM Inspectorate of Probation rated the youth justice service good."),
        # recruitment copy quoting a grade
        (
            "Join our children's social work teams",
            "We are recruiting experienced social workers. Our children's services were rated good by Ofsted in 2023.",
        ),
        # budget monitoring that names Ofsted
        (
            "Budget monitoring: children's services quarter 3",
            "The overspend reflects extra social workers recruited to respond to the Ofsted inspection findings.",
        ),
        # preparation for a possible inspection
        (
            "Joint targeted area inspection",
            "In preparation for a possible JTAI, partners audited ten cases. JTAIs are carried out by four inspectorates.",
        ),
    ],
)
def test_false_alarms_stay_quiet(title, body):
    c = classify(title, body)
    assert not c.is_alert, c.reason()


def test_an_old_grade_recalled_once_deep_in_an_unrelated_report_is_not_an_alert():
    filler = " ".join(
        f"Paragraph {n} describes the council's plans for housing, roads and libraries." for n in range(8)
    )
    body = (
        filler
        + " Children's services, rated good by Ofsted in 2019, face rising demand. "
        + " ".join(f"Section {n} sets out the savings proposed." for n in range(4))
    )
    c = classify("Council Plan 2025 to 2028", body)
    assert not c.is_alert and c.worth_a_look


def test_a_long_directors_report_that_tells_a_visit_over_a_few_sentences_is_about_it():
    filler = " ".join(f"Item {n} covers school admissions, transport and youth services." for n in range(8))
    body = (
        filler + " In May Ofsted carried out a focused visit looking at care leavers. "
        "The inspectors' letter found strong practice from personal advisers. "
        + " ".join(f"Section {n} sets out the savings proposed." for n in range(4))
    )
    c = classify("Report of the Director of Children's Services", body, published=date(2024, 7, 1))
    assert c.is_alert and c.primary_type == "ofsted_focused_visit"


def test_a_plain_inspection_beside_the_named_framework_takes_that_framework():
    c = classify(
        "Children's services inspection report",
        "Ofsted inspected services for children in May 2015 under the single inspection framework. "
        "Ofsted's overall judgement was that services required improvement to be good. A peer review "
        "followed in 2019.",
    )
    assert c.review_types[0] == "ofsted_sif" and "ofsted_ilacs" not in c.review_types


# -- the worth-a-look tier ------------------------------------------------------------------------------------------
def test_strong_but_incomplete_signals_are_worth_a_look_and_never_also_an_alert():
    c = classify(
        "Join our children's social work teams",
        "We are recruiting experienced social workers. Our children's services were rated good by Ofsted in 2023.",
    )
    assert not c.is_alert and c.worth_a_look and c.look_evidence
    assert c.reason().startswith("worth a look")


def test_an_alert_is_never_worth_a_look():
    c = classify(
        "Children's services rated good by Ofsted",
        "Ofsted inspected the council's children's services in May 2024 and judged them good.",
    )
    assert c.is_alert and not c.worth_a_look


def test_a_welsh_inspectorate_is_not_even_worth_a_look():
    c = classify(
        "Care Inspectorate Wales: children's services",
        "Care Inspectorate Wales rated the council's children's services as improving.",
    )
    assert not c.is_review and not c.worth_a_look


# -- evidence --------------------------------------------------------------------------------------------------------
def test_quotes_are_cut_on_word_boundaries():
    sentence = (
        "Ofsted inspectors found that the council's children's services were good and "
        + "that leaders knew their children well " * 5
    )
    assert quote(sentence).endswith("…")
    assert quote(sentence)[:-1] == sentence[: len(quote(sentence)) - 1]
    assert sentence[len(quote(sentence)) - 1] == " "
    c = classify("Ofsted inspection of children's services: outcome", sentence + ".", published=date(2024, 1, 1))
    assert "“" in c.reason() and "…”" in c.reason()


# -- evaluation reports the tier -------------------------------------------------------------------------------------
def test_evaluate_reports_alert_or_worth_a_look_recall_beside_the_alert_figures(tmp_path):
    from evaluation.runner import evaluate, format_report

    cases = tmp_path / "cases.toml"
    cases.write_text(
        '''
[[case]]
id = "look-recruitment"
title = "Join our children's social work teams"
body = "We are recruiting social workers. Our children's services were rated good by Ofsted in 2023."
flag = true
is_review = true

[[case]]
id = "alert-outcome"
title = "Children's services rated good by Ofsted"
body = "Ofsted inspected the council's children's services in May 2024 and judged them good."
flag = true
is_review = true
''',
        encoding="utf-8",
    )
    report = evaluate(cases)
    assert report.recall("flag") == 0.5 and report.recall("look") == 1.0
    assert report.worth_a_look == ["look-recruitment"]
    out = format_report(report)
    assert "alert or worth a look    recall 1.00" in out and "worth a look: 1" in out


# -- more of each kind, in other words: a regression table --------------------------------------------------------
VARIED = [  # (expect_alert, type or None, title, body, published)
    (
        True,
        "ofsted_ilacs",
        "Ofsted inspection of children's services - verbal update",
        "The Director of Children's Services gave a verbal update on the recent Ofsted inspection. Inspectors had been on site for three weeks. The final report would be published in April; members thanked staff for their hard work during the inspection.",
        date(2024, 2, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Children's Services Ofsted Inspection",
        "Members received a presentation on the outcome of the inspection. The service was judged Good overall, with leadership judged Outstanding.",
        date(2022, 6, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Council welcomes positive Ofsted report",
        "Leaders have welcomed a positive report from Ofsted following its inspection of children's social care in March. Inspectors said children are safer and better supported.",
        date(2023, 5, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Children's services improvement",
        "Following the ILACS in which the authority was judged inadequate, an improvement board chaired by the DfE adviser has met monthly. Members noted progress against the improvement plan.",
        date(2023, 5, 1),
    ),
    (
        True,
        "ofsted_focused_visit",
        "Focused visit letter",
        "Ofsted carried out a focused visit on 4 and 5 June looking at the front door. The letter identified two areas for improvement.",
        date(2021, 9, 1),
    ),
    (
        True,
        "ofsted_monitoring_visit",
        "Second monitoring visit",
        "The second Ofsted monitoring visit took place in October and looked at children in care. Inspectors found that progress was being made.",
        date(2021, 12, 1),
    ),
    (
        True,
        "jtai",
        "JTAI - child exploitation - findings",
        "The joint targeted area inspection of the multi-agency response to child exploitation was held in May. The letter of findings highlighted strengths in partnership working.",
        date(2023, 8, 1),
    ),
    (
        True,
        "send_area_inspection",
        "Area SEND inspection outcome",
        "The local area partnership's arrangements lead to inconsistent experiences and outcomes for children and young people with SEND, the inspection concluded.",
        date(2024, 3, 1),
    ),
    (
        True,
        "send_area_inspection",
        "SEND inspection",
        "Ofsted and the CQC inspected the local area in January. The letter required a written statement of action.",
        date(2019, 3, 1),
    ),
    (
        True,
        "lga_corporate_peer_challenge",
        "Corporate Peer Challenge",
        "The council hosted an LGA corporate peer challenge from 2 to 5 May 2023. The peer team's report made nine recommendations.",
        None,
    ),
    (
        True,
        "lga_peer_challenge",
        "Safeguarding peer review",
        "The LGA safeguarding peer review took place in the spring. Peers found a strong commitment to partnership working.",
        None,
    ),
    (
        True,
        "lga_peer_challenge",
        "SEND peer challenge feedback",
        "The LGA's SEND peer challenge reported its findings to the partnership board.",
        None,
    ),
    (
        True,
        "ofsted_sif",
        "Ofsted inspection report",
        "Inspection of services for children in need of help and protection, children looked after and care leavers. Overall effectiveness: requires improvement.",
        date(2015, 3, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Children's services judged good by Ofsted",
        "The latest Ofsted report has judged the council's services for children good in every area.",
        date(2024, 3, 1),
    ),
    (
        True,
        None,
        "Ofsted outcome",
        "Ofsted has rated the county's children and young people's services as requires improvement to be good.",
        date(2024, 3, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Statement from the Leader",
        "We are disappointed that Ofsted has judged our children's services inadequate. We accept the findings in full.",
        date(2022, 3, 1),
    ),
    (
        False,
        None,
        "Annual conversation with Ofsted",
        "The annual engagement meeting with Ofsted will take place in November. The self-evaluation will be shared beforehand.",
        date(2022, 3, 1),
    ),
    (False, None, "Ofsted inspection of Brook Hill Children's Centre", "The centre was judged good.", None),
    (False, None, "Schools causing concern", "Ofsted judged two primary schools inadequate this term.", None),
    (False, None, "Fostering service inspection", "Ofsted rated the council's fostering service good.", None),
    (
        False,
        None,
        "Corporate parenting board",
        "The board noted that Ofsted would be visiting later in the year and that preparations were under way.",
        None,
    ),
    (
        False,
        None,
        "Peer challenge: what to expect",
        "A peer challenge is a supportive process. The team will spend three days on site and will feed back on the final day.",
        None,
    ),
    (
        False,
        None,
        "Children's services inspections: national picture",
        "Ofsted's annual report found that 60 per cent of councils were rated good or outstanding, and 12 councils were judged inadequate.",
        None,
    ),
    (
        False,
        None,
        "Estyn inspection of education services",
        "Estyn judged the council's education services as good.",
        None,
    ),
    (
        False,
        None,
        "Work programme",
        "Future items: Ofsted focused visit outcome (if received); LGA peer challenge (to be scheduled).",
        None,
    ),
    (
        False,
        None,
        "Youth Justice Plan",
        "The youth justice service was rated good by HM Inspectorate of Probation in 2022.",
        None,
    ),
    (
        False,
        None,
        "Adult social care: CQC assessment",
        "The CQC assessed the council's adult social care and rated it requires improvement.",
        None,
    ),
    (
        False,
        None,
        "Job opportunity: team manager",
        "Join a good-rated children's services department. Ofsted rated us good in 2022. Apply now.",
        None,
    ),
    # committee-minute style, and more hard negatives
    (
        True,
        "ofsted_ilacs",
        "Council's children's services upgraded",
        "Ofsted has upgraded the council's children's services to good after its inspection in March.",
        date(2024, 3, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Ofsted verdict",
        "Children's services at Barset Council are now good, Ofsted says in a report published today.",
        date(2024, 3, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Inspection news",
        "Inspectors rated the children's services of the council outstanding in every area.",
        date(2024, 3, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Good news for children",
        "Ofsted said the council's services for children are outstanding.",
        date(2024, 3, 1),
    ),
    (
        True,
        "send_area_inspection",
        "Letter to the partnership board",
        "The joint Ofsted and CQC inspection of Barset's local area in March found that leaders understood the area's strengths.",
        None,
    ),
    (
        True,
        "ofsted_ilacs",
        "OFSTED INSPECTION OF LOCAL AUTHORITY CHILDREN'S SERVICES - OUTCOME",
        "THE OVERALL EFFECTIVENESS OF SERVICES WAS JUDGED TO BE GOOD.",
        date(2024, 5, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Children's services inspection",
        "The Ofsted inspection of\nchildren's services took place between\n4 and 15 March 2024. Services were judged\n\u2018Good\u2019 overall.",
        date(2024, 5, 1),
    ),
    (
        False,
        None,
        "Waste and recycling peer review",
        "The peer review team visited in May and found the service well run.",
        None,
    ),
    (
        True,
        "ofsted_ilacs",
        "Ofsted ILACS Inspection",
        "Members received the Director of Children's Services' report on the Ofsted ILACS inspection. RESOLVED: That the report be noted.",
        None,
    ),
    (
        True,
        "ofsted_ilacs",
        "Ofsted Inspection of Children's Services",
        "Members were informed that the council is one of only a handful in England to be rated outstanding. The report can be found on the Ofsted website.",
        date(2024, 1, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Ofsted inspection result",
        "Ofsted rated the council's children's services good across all areas. The council has worked hard to recruit and retain social workers.",
        date(2024, 1, 1),
    ),
    (
        True,
        "lga_corporate_peer_challenge",
        "LGA Corporate Peer Challenge - progress",
        "Cabinet noted the progress made against the recommendations of the corporate peer challenge held in 2022.",
        None,
    ),
    (
        True,
        "lga_corporate_peer_challenge",
        "Corporate Peer Challenge - Feedback Report and Action Plan",
        "To consider the report of the LGA peer team and approve the council's action plan.",
        None,
    ),
    (
        True,
        "send_area_inspection",
        "Written Statement of Action - SEND",
        "The written statement of action, required following the joint Ofsted and CQC inspection of SEND services, was approved.",
        None,
    ),
    (
        True,
        "jtai",
        "Joint Targeted Area Inspection: neglect",
        "The Safeguarding Partnership received the letter following the joint targeted area inspection carried out in November.",
        None,
    ),
    (
        True,
        "ofsted_focused_visit",
        "Ofsted focused visit: children in care",
        "Inspectors identified strengths in the care planning for children in care during the focused visit last month.",
        None,
    ),
    (
        True,
        "ofsted_monitoring_visit",
        "Ofsted monitoring visit - third visit",
        "The letter from the third monitoring visit, which looked at care leavers, noted improvement in pathway plans.",
        None,
    ),
    (
        True,
        "lga_peer_challenge",
        "Children's services peer review - findings",
        "The LGA children's services peer review team presented its key findings and recommendations to the council.",
        None,
    ),
    (
        True,
        "ofsted_sif",
        "Ofsted single inspection outcome",
        "The single inspection of children's services concluded that services require improvement.",
        date(2016, 1, 1),
    ),
    (
        True,
        "ofsted_ilacs",
        "Children's social care improvement plan",
        "The plan responds to the areas for improvement identified by Ofsted at the ILACS inspection in June.",
        date(2023, 1, 1),
    ),
    (
        False,
        None,
        "Finance peer challenge",
        "The LGA finance peer challenge team visited in March and made six recommendations on the council's medium term financial strategy.",
        None,
    ),
    (
        False,
        None,
        "Ofsted inspections of schools - autumn term",
        "Ten schools were inspected; eight were judged good.",
        None,
    ),
    (
        False,
        None,
        "Peer challenge offer",
        "Councils can request a peer challenge through their LGA principal adviser.",
        None,
    ),
    (
        False,
        None,
        "SEND inspection framework",
        "Ofsted and the CQC will introduce a new area SEND inspection framework from January 2023, with three possible outcomes.",
        None,
    ),
]


@pytest.mark.parametrize(
    "expect_alert, review_type, title, body, published", VARIED, ids=[row[2][:40] for row in VARIED]
)
def test_each_kind_in_other_words(expect_alert, review_type, title, body, published):
    c = classify(title, body, published=published)
    assert c.is_alert == expect_alert, c.reason()
    if expect_alert and review_type:
        assert c.primary_type == review_type


# -- the real-texts dev set (other people's words, read from ../shared, never copied) ---------------------------------
def test_the_real_texts_dev_set_meets_the_issue_targets_for_classification():
    from pathlib import Path

    from evaluation.runner import evaluate

    dev = Path(__file__).resolve().parents[1].parent / "shared" / "realtexts" / "dev.toml"
    if not dev.exists():
        pytest.skip(f"the real-texts dev set is not here ({dev}); it lives in the shared folder beside the worktree")
    report = evaluate(dev)
    assert report.precision("flag") >= 0.95 and report.recall("flag") >= 0.95
    assert report.recall("look") >= 0.98
    for name in ("review_type", "stage"):
        assert report.accuracy(name) >= 0.90, name


def test_a_paper_that_cannot_name_a_review_stops_at_the_first_check_and_one_that_can_goes_on():
    from transforms.classify import could_mention_a_review

    assert not could_mention_a_review("Library opening hours\n\nThe library will open late on Thursdays.")
    # plain words only: no review pattern, but Ofsted and children's services meet (an outcome or worth a look)
    assert could_mention_a_review("Good news\n\nOfsted awarded our children's services its top rating.")
    assert classify("Good news", "Ofsted awarded our children's services an 'Outstanding' rating.").is_alert


# -- one case a kind of wording; the table is data: tests/fixtures/wording/council_wording.toml
CASES = wording_cases("council_wording")


@pytest.mark.parametrize("title, body, documents, published, expect", CASES)
def test_kind_of_wording(title, body, documents, published, expect):
    check(classify(title, body, documents, published=published), expect)
