"""What the replica councils publish.

The seed publications (../shared/seeds) are retold here in our own words: their facts are
kept (councils, dates, judgements, team members, findings) and so are their forms and quirks
(cover tables, a grade table, an impossible date), but no sentence of theirs is reused. Around them sit ordinary items and the hard
negatives a classifier meets on real sites. "Eastmoor" is an invented council: the slide
deck it hosts does not name its council, so we do not pin it on a real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from replica.specs import ReportSpec, SlideSpec


@dataclass
class Doc:
    attachment_id: int
    title: str
    kind: str  # report | slides | scanned | encrypted | corrupt
    key: str  # key into PDF_SPECS

    @property
    def filename(self) -> str:
        return f"{self.title}.pdf"


@dataclass
class Item:
    item_id: int
    number: str
    title: str
    description: str = ""
    minutes: str = ""
    report: Doc | None = None
    additional: list[Doc] = field(default_factory=list)
    # Item furniture some templates show (never documents):
    background_issue: int | None = None  # "View the background to item N" → mgIssueHistoryHome.aspx?IId=
    decision_id: int | None = None  # "View the decision for item N" → ieDecisionDetails.aspx
    webcast: bool = False  # a "Webcast for N" link on the webcast provider's host
    restricted: list[str] = field(default_factory=list)  # exempt enclosures listed among the documents
    exempt: bool = False  # the whole item is restricted ("View the reasons why item N …")
    heading_row: bool = False  # an unnumbered heading row with no item anchor (not an item)


@dataclass
class MeetingDef:
    meeting_id: int
    agenda_id: int
    committee_id: int
    when: date
    time: str = "7.00 pm"
    cancelled: bool = False
    page_says_cancelled: bool = True  # False: only the meeting list (and web service) say so; the page is silent
    listed_without_date: bool = False  # the meeting list names the meeting but gives no date (its page must)
    items: list[Item] = field(default_factory=list)

    @property
    def agenda_items(self) -> list[Item]:
        return [i for i in self.items if not i.heading_row]


@dataclass
class CommitteeDef:
    committee_id: int
    title: str
    category: str = "Committees"


@dataclass
class SiteDef:
    slug: str
    name: str
    subpath: str  # "" or "/moderngov"
    web_service: str  # xml | html_error_200 | waf_403 | missing_404
    meeting_param: str = "MId"  # the case this install writes in links
    # The meeting-page template family: classic (well-formed, "Additional documents:"), toolbar (share,
    # ratings and background links per item), unbalanced_toolbar (toolbar list opened twice and closed
    # once, "Supporting documents:"), undated (headings without a date, webcasts, restricted reports).
    template: str = "classic"
    committees: list[CommitteeDef] = field(default_factory=list)
    meetings: list[MeetingDef] = field(default_factory=list)


@dataclass
class Article:
    slug: str
    title: str
    published: date
    published_prose: str
    paragraphs: list[str]
    bullets: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)


@dataclass
class NewsroomDef:
    slug: str
    name: str
    articles: list[Article]
    style: str = "drupal_rss"  # drupal_rss | plain_listing | atom


# ---------------------------------------------------------------------------
# PDFs
# ---------------------------------------------------------------------------
BRIGHTON_REPORT = ReportSpec(
    cover=[
        ("Report title:", "Local Government Association Safeguarding Peer Review: update report"),
        ("Meeting:", "Children, Young People and Skills Committee 21 November 2016"),
        ("Lead officer:", "Executive Director of Families, Children &amp; Learning"),
        ("Wards:", "All"),
        ("Author:", "Democratic Services, Brighton &amp; Hove City Council"),
    ],
    blocks=[
        ("h", "1. WHY THIS REPORT COMES TO COMMITTEE"),
        "1.1 This report tells the Committee what the Local Government Association (LGA) Safeguarding "
        "Peer Review, held in September 2016, concluded.",
        ("h", "2. RECOMMENDATIONS"),
        "2.1 That the Committee notes the positive feedback from the LGA peer review team and is assured that "
        "the areas for consideration the team identified will be taken forward promptly.",
        ("h", "3. CONTEXT AND BACKGROUND"),
        "3.1 Ofsted inspected the council's services for children in May 2015, using its single inspection "
        "framework, and reviewed the Local Safeguarding Children Board alongside.",
        "3.2 Ofsted's overall judgement was that services for children required improvement to be good. "
        "Inspectors judged the experiences and progress of children looked after and achieving permanence to be "
        "good, and rated adoption performance, the experiences and progress of care leavers, and leadership, "
        "management and governance as good. The Local Safeguarding Children Board (LSCB) was judged good.",
        "3.3 The council accepted the inspection findings; work on the areas Ofsted named was already under way.",
        "3.4 To test progress since that inspection, the Director of Families, Children &amp; Learning asked "
        "the LGA to arrange a safeguarding peer review of children's social work.",
        "3.5 The team studied our self-assessment, data and documents in advance and audited a sample of open "
        "cases; during its week here it talked with front-line workers, managers, partner agencies, councillors "
        "and young people.",
        "3.6 The team was on site from 26th \u2013 30th September 2016 and shared its initial feedback on the "
        "last day. The LGA will confirm the findings in a letter.",
        ("h", "4. WHAT THE PEER TEAM FOUND"),
        "4.1 The team examined vision, strategy and leadership; practice and the voice of the child; a review of "
        "case records; outcomes and performance management; partnership working; and capacity and resources.",
        "4.2 Key findings included:",
        (
            "bullets",
            [
                "Managers are trusted by staff and partner agencies alike",
                "The team saw no practice it would call inadequate",
                "Recent gains must now be embedded and shown to make a difference",
                "Assessments, plans and case recording are of uneven quality",
                "Work on several of Ofsted's recommendations is not yet finished",
            ],
        ),
        "4.3 Areas for consideration included:",
        (
            "bullets",
            [
                "Set out the service's vision more clearly and share it more widely",
                "Give Members more support in their role as corporate parents",
                "Strengthen managers' grip on casework and close dormant cases sooner",
            ],
        ),
        ("h", "5. FINANCIAL IMPLICATIONS"),
        "5.1 The report carries no direct cost to the council. Finance consulted on 07/10/2016.",
    ],
)

BARNSLEY_REPORT = ReportSpec(
    heading="BARNSLEY METROPOLITAN BOROUGH COUNCIL",
    blocks=[
        "MEETING: CABINET, 18 MAY 2022",
        "SUBJECT: OUTCOMES OF THE LOCAL GOVERNMENT ASSOCIATION'S PEER REVIEW OF CHILDREN'S SOCIAL CARE",
        "AUTHOR: EXECUTIVE DIRECTOR (CHILDREN'S SERVICES)",
        ("h", "Purpose of report"),
        "To set out for Cabinet the findings of the peer review of children's social care that the Local "
        "Government Association carried out recently, and the next steps.",
        ("h", "Recommendations"),
        "1. That Cabinet receives the LGA's outcome letter on the peer review and notes its contents.",
        ("h", "2.0 DETAIL"),
        "2.1 One of a series of peer reviews the council commissions, the LGA's children's social care peer "
        "review was carried out on site from 29th February to 4th March. The visiting team comprised:",
        (
            "bullets",
            [
                "Sally Robinson (Director, Children and Joint Commissioning Services) Hartlepool Borough Council",
                "Anna Gianfrancesco (Assistant Director, Safeguarding &amp; Care) Brighton and Hove City Council",
                "Cliff James (Head of Safeguarding, Children and Families) Suffolk County Council",
                "Tom Savory (LGA Associate: Children's Social Care)",
                "Catherine Lomas (Programme Support Officer, Improvement \u2013 Children's Services, LGA)",
                "Jonathan Trubshaw (LGA Manager)",
            ],
        ),
        "2.2 The team concentrated on five questions:",
        (
            "bullets",
            [
                "Are thresholds for children's social care set correctly, and could early help support more children?",
                "Are section 47 enquiries begun when they should be, given how few result in an initial conference?",
                "Are plans for children in need and for children on protection plans SMART, and do they progress "
                "on time?",
                "How good is early planning for permanence, and how settled are placements for children in care?",
                "Do leaders and managers make sure the systems in place actually work?",
            ],
        ),
        "2.3 The team spoke to over 100 people, observed front-line practice, read background documents and "
        "audited at least 40 live case records.",
        "2.4 The Peer Challenge gives confidence in the leadership and quality of services for vulnerable children.",
        "2.5 The peer review team made no recommendations for improvement; it posed questions and areas for "
        "consideration instead, which Appendix 1 (the outcome letter) sets out.",
        "2.6 The areas for consideration will be taken forward through the Children's Services Continuous "
        "Improvement Plan.",
        ("h", "3.0 IMPLICATIONS"),
        "3.1 There are no financial implications. Legal officer consulted 11/04/22.",
    ],
)

ILACS_SLIDES = [
    SlideSpec("Scrutiny Panel", ["25th July 2019", "Inspection of Local Authority Children's Services (ILACS)"]),
    SlideSpec(
        "About the inspection",
        [
            "Unannounced inspection lasting three weeks",
            "Week one off site: performance data, audits, the self-assessment and first lines of enquiry",
            "Weeks two and three on site with four HMI, a quality assurance inspector, two education HMI for two "
            "days and a regulatory inspector for one day",
            "A formal report with four judgements",
        ],
    ),
    SlideSpec(
        "Judgements",
        table=[
            (
                "The impact of leaders on social work practice with children and families",
                "Requires improvement to be good",
            ),
            (
                "The experiences and progress of children who need help and protection",
                "Requires improvement to be good",
            ),
            ("The experiences and progress of children in care and care leavers", "Requires improvement to be good"),
            ("Overall effectiveness", "Requires improvement to be good"),
        ],
    ),
    SlideSpec(
        "In summary",
        [
            "For a long period improvement was too slow",
            "Senior leaders have lately won firmer backing for children's services across the whole council",
            "Services are now developing faster and to better effect",
        ],
    ),
    SlideSpec(
        "What needs to improve",
        [
            "The time it takes for children in care to reach permanence",
            "How robustly senior leaders, managers, IROs and child protection chairs test the speed and quality of work",
            "Making sure children's views and wishes always shape their assessments and plans",
            "Giving each child a social worker who stays with them and sees them often",
        ],
    ),
    SlideSpec(
        "What next?",
        [
            "Next full inspection expected in around three years, with focused visits in between",
            "Improvement plans to be reviewed in the light of the inspection findings",
        ],
    ),
]

MINUTES_BRIGHTON = ReportSpec(
    heading="Children, Young People and Skills Committee: printed minutes",
    blocks=["The Committee received the LGA Safeguarding Peer Review update report and noted it."],
)

PDF_SPECS = {
    "brighton-peer-review": BRIGHTON_REPORT,
    "barnsley-peer-review": BARNSLEY_REPORT,
    "eastmoor-ilacs-slides": ILACS_SLIDES,
    "brighton-minutes": MINUTES_BRIGHTON,
    "brighton-planning": ReportSpec(
        heading="Planning Advisory Service peer review of the planning service",
        blocks=[
            "1.1 The Planning Advisory Service (PAS), part of the Local Government Association, carried out a peer "
            "review of the council's development management service in March 2016.",
            "1.2 The review team praised the committed planning officers and recommended faster validation of "
            "applications and clearer pre-application advice.",
        ],
    ),
    "barnsley-polling": ReportSpec(
        heading="Review of Polling Districts and Polling Places",
        blocks=[
            "1.1 The council must review its polling districts and polling places every five years. This report "
            "sets out the proposed changes following public consultation.",
        ],
    ),
    "barnsley-signed-record": "Record of executive decision",
    "barnsley-exempt": "Exempt appendix: commercially sensitive figures",
    "barnsley-capital": "Capital programme annex",
    "haringey-work-programme": ReportSpec(
        heading="Scrutiny Panel work programme 2022/23",
        blocks=[
            "The Panel's work programme lists budget scrutiny, SEND transport and youth services for the year ahead.",
        ],
    ),
    "eastmoor-schools": ReportSpec(
        heading="School inspection outcomes: spring term",
        blocks=[
            "1.1 Ofsted published section 5 and section 8 inspection reports for eight local schools this term.",
            "1.2 Six primary schools were judged good, one secondary school requires improvement and one special "
            "school was judged outstanding. Eastfield Primary School received a monitoring visit.",
        ],
    ),
    "ashcombe-peer-cover": ReportSpec(
        cover=[
            ("Report to:", "Children and Young People Scrutiny Committee, 14 October 2025"),
            ("Report of:", "Director of Children's Services"),
            ("Subject:", "Children's services peer challenge: findings and our response"),
        ],
        blocks=[
            ("h", "1. Summary"),
            "1.1 At the council's invitation the Local Government Association (LGA) carried out a peer challenge of "
            "children's social care in Ashcombe. The peer team was on site from 9 to 12 June 2025.",
            "1.2 The team found a stable, well-regarded leadership team, a workforce that knows its children well and "
            "a front door that responds quickly to concerns.",
            "1.3 Areas for consideration were the consistency of supervision records, the timeliness of initial child "
            "protection conferences and the sufficiency of local foster placements.",
            ("h", "2. Recommendation"),
            "2.1 That the Committee notes the peer challenge findings and endorses the response plan at Appendix B.",
        ],
    ),
    "ashcombe-peer-letter": ReportSpec(
        heading="Local Government Association: children's services peer challenge feedback",
        blocks=[
            "Thank you for hosting the peer challenge of Ashcombe's children's social care from 9 to 12 June 2025.",
            "Strengths: leaders are visible and trusted; social workers describe manageable caseloads; partners value "
            "the multi-agency front door.",
            "Areas for consideration: make supervision records show reflective discussion; hold initial child protection "
            "conferences within 15 working days more consistently; widen the range of local foster carers.",
        ],
    ),
    "greyhaven-send-report": ReportSpec(
        cover=[
            ("Report to:", "Cabinet, 20 January 2026"),
            ("Subject:", "Area SEND inspection: outcome letter and priority action plan"),
        ],
        blocks=[
            "1.1 Ofsted and the Care Quality Commission (CQC) carried out a joint area SEND inspection of the Greyhaven "
            "local area partnership from 3 to 7 November 2025.",
            "1.2 The inspection found that the local area partnership's arrangements lead to inconsistent experiences "
            "and outcomes for children and young people with special educational needs and/or disabilities (SEND).",
            "1.3 Inspectors asked the partnership to make education, health and care plans more timely and to improve "
            "how health services share information with schools.",
        ],
    ),
    "greyhaven-send-letter": ReportSpec(
        heading="Joint area SEND inspection in Greyhaven: outcome letter",
        blocks=[
            "Inspection dates: 3 to 7 November 2025.",
            "The local area partnership's arrangements lead to inconsistent experiences and outcomes for children and "
            "young people with special educational needs and/or disabilities (SEND). The next full reinspection will be "
            "within approximately three years.",
        ],
    ),
}

# ---------------------------------------------------------------------------
# ModernGov councils
# ---------------------------------------------------------------------------
HARINGEY_PEER_MINUTES = (
    "Ms Hendricks presented the outcome of the Peer Challenge of children's social care that a Local Government "
    "Association (LGA) team had carried out in the borough in November 2022; its final report had not yet arrived. "
    "The council had asked for the challenge while preparing for an Ofsted inspection. The peers had examined "
    "documents, performance data and case files, interviewed staff, run focus groups and watched practice.\n\n"
    "The team identified a number of strengths. The Early Help Panel drew good attendance and the scheme placing "
    "social workers in schools was having an effect. The Multi Agency Safeguarding Hub (MASH) had the resources and "
    "structure it needed. Senior leaders were committed to permanency planning, the Foster to Adopt approach "
    "supported early permanence, and special guardianship assessments were of a high standard. Staff were "
    "passionate and committed, the voice of the child was a particular strength, and the leadership team was "
    "permanent and stable.\n\n"
    "Areas for further consideration included how partners contribute to the MASH and how it is governed, building "
    "live data reporting, more capacity for permanency planning, tackling higher staff turnover in some teams "
    "through the workforce strategy action plan, and showing more clearly that the child's voice shapes plans.\n\n"
    "A Getting to Excellence Board would lead the council's response, with training for Members among its "
    "activities. Asked by a Member what had worried the peers, Ms Hendricks said they had flagged infrastructure: "
    "the council had to create conditions in which good practice could thrive. The Cabinet Member said the "
    "challenge showed that children's social care was the business of the whole council, and that scrutiny by this "
    "Panel and by the Corporate Parenting Advisory Committee mattered."
)

HARINGEY = SiteDef(
    slug="haringey",
    name="London Borough of Haringey",
    subpath="",
    web_service="xml",
    committees=[
        CommitteeDef(128, "Children and Young People's Scrutiny Panel", "Scrutiny"),
        CommitteeDef(110, "Cabinet", "Executive"),
    ],
    meetings=[
        MeetingDef(
            10021,
            10021,
            128,
            date(2023, 1, 16),
            "6.30 pm",
            items=[
                Item(
                    74885,
                    "1.",
                    "Apologies for Absence",
                    "To receive any apologies for absence.",
                    "Apologies were received from Councillor Ahmed.",
                ),
                Item(
                    74888,
                    "6.",
                    "Local Government Association (LGA) Peer Challenge - Outcome",
                    "Feedback from the recent LGA peer review of children\u2019s services.",
                    HARINGEY_PEER_MINUTES,
                ),
                Item(
                    74889,
                    "7.",
                    "Peer on peer abuse: partnership response",
                    "An update from the safeguarding partnership on how schools and services respond to peer on peer abuse.",
                    "The Panel noted the update on peer on peer abuse and the training offered to designated "
                    "safeguarding leads in schools.",
                ),
                Item(
                    74890,
                    "8.",
                    "Work Programme",
                    "To note the Panel's work programme.",
                    "The work programme was noted.",
                    report=Doc(90311, "Work Programme 2022-23", "report", "haringey-work-programme"),
                ),
            ],
        ),
        MeetingDef(
            10030,
            10030,
            110,
            date(2023, 2, 14),
            "6.30 pm",
            items=[
                Item(
                    74950,
                    "1.",
                    "Budget monitoring: quarter 3",
                    "To note the quarter 3 budget position.",
                    "Cabinet noted the forecast overspend and the recovery actions proposed.",
                ),
            ],
        ),
    ],
)

BRIGHTON_MINUTES = (
    "The Executive Director introduced the update report on the Local Government Association safeguarding peer "
    "review, which had been on site in the week of 26 September 2016. The team had met front-line staff, "
    "managers, partners, Members and young people and had examined case records in detail.\n\n"
    "Members welcomed the findings, in particular that no inadequate practice had been seen and that staff had "
    "confidence in the management team. A Member asked how the council would show the impact of the new model "
    "of social work practice; officers replied that the areas for consideration would be built into the existing "
    "improvement plan once the LGA outcome letter arrived, and that progress would come back to the Committee.\n\n"
    "Members also noted that Ofsted had judged the service as requiring improvement to be good in May 2015 and "
    "asked when the next inspection might be expected; officers said that was unlikely before 2018.\n\n"
    "RESOLVED: That the Committee notes the positive comments of the LGA peer review team and the areas for "
    "consideration that the council will take forward."
)

BRIGHTON = SiteDef(
    slug="brighton-hove",
    name="Brighton and Hove City Council",
    subpath="",
    web_service="html_error_200",
    meeting_param="MID",
    committees=[
        CommitteeDef(186, "Children, Young People &amp; Skills Committee", "Policy Committees"),
        CommitteeDef(118, "Planning Committee", "Regulatory Committees"),
    ],
    meetings=[
        MeetingDef(
            6145,
            6150,
            186,
            date(2016, 11, 21),
            "4.00 pm",
            items=[
                Item(
                    52101,
                    "40.",
                    "Chair&amp;#39;s Communications",
                    "",
                    "The Chair welcomed new members of the Committee.",
                ),
                Item(
                    52105,
                    "45.",
                    "Local Government Association Safeguarding Peer Review update report",
                    "Report of the Executive Director, Families, Children & Learning.",
                    BRIGHTON_MINUTES,
                    report=Doc(96110, "LGA Safeguarding Peer Review update report", "report", "brighton-peer-review"),
                ),
            ],
        ),
        MeetingDef(6146, 6151, 186, date(2016, 12, 12), "4.00 pm", cancelled=True),
        MeetingDef(
            6210,
            6215,
            118,
            date(2016, 6, 8),
            "2.00 pm",
            items=[
                Item(
                    52300,
                    "12.",
                    "Planning Advisory Service Peer Review - Outcome",
                    "To note the findings of the Planning Advisory Service peer review of the planning service.",
                    "The Committee noted the PAS peer review of the development management service and its "
                    "recommendations on validation and pre-application advice.",
                    report=Doc(96300, "PAS Peer Review of Planning Service", "report", "brighton-planning"),
                ),
            ],
        ),
    ],
)

BARNSLEY = SiteDef(
    slug="barnsley",
    name="Barnsley Metropolitan Borough Council",
    subpath="/moderngov",
    web_service="xml",
    committees=[CommitteeDef(140, "Cabinet", "Executive")],
    meetings=[
        MeetingDef(
            8301,
            8301,
            140,
            date(2022, 5, 18),
            "10.00 am",
            items=[
                Item(
                    92460,
                    "1.",
                    "Declaration of pecuniary and non-pecuniary interests",
                    "",
                    "There were no declarations.",
                ),
                Item(
                    92470,
                    "9.",
                    "Outcomes of the Local Government Association's Peer Review of Children's Social Care",
                    "Report of the Executive Director (Children's Services).",
                    "RESOLVED that the LGA's outcome letter on the peer review be received and noted.",
                    report=Doc(
                        92471,
                        "Outcomes of the LGA Peer Review of Childrens Social Care",
                        "report",
                        "barnsley-peer-review",
                    ),
                ),
                Item(
                    92480,
                    "10.",
                    "Review of Polling Districts and Polling Places",
                    "Report of the Executive Director (Core Services).",
                    "RESOLVED that the revised polling districts be approved.",
                    report=Doc(92481, "Review of Polling Districts", "report", "barnsley-polling"),
                    additional=[Doc(92482, "Signed decision record", "scanned", "barnsley-signed-record")],
                ),
                Item(
                    92490,
                    "11.",
                    "Capital Programme Update",
                    "Report of the Service Director (Finance).",
                    "RESOLVED that the capital programme changes be approved.",
                    additional=[
                        Doc(92491, "Exempt Appendix - Commercial", "encrypted", "barnsley-exempt"),
                        Doc(92492, "Capital Programme Annex", "corrupt", "barnsley-capital"),
                    ],
                ),
            ],
        ),
    ],
)

EASTMOOR_FOCUSED_VISIT = (
    "The Chair reported that Ofsted had published its letter following a focused visit to children's services on "
    "9 and 10 February 2021, looking at the front door and the council's arrangements for children in need. "
    "Inspectors found that children at risk of harm are identified quickly and that managers have a clear grip "
    "on practice, while noting that the quality of written plans remains variable. As a focused visit, no "
    "judgement was given. The letter asks the council to improve the timeliness of strategy meetings."
)

EASTMOOR = SiteDef(
    slug="eastmoor",
    name="Eastmoor Metropolitan Borough Council",
    subpath="",
    web_service="waf_403",
    template="toolbar",
    committees=[CommitteeDef(301, "Children's Services Scrutiny Panel", "Scrutiny")],
    meetings=[
        MeetingDef(
            7701,
            7702,
            301,
            date(2019, 7, 25),
            "2.00 pm",
            items=[
                Item(
                    61001,
                    "4.",
                    "Ofsted Inspection of Local Authority Children's Services (ILACS)",
                    "Presentation on the outcome of the recent inspection of children's services.",
                    "The Panel received a presentation on the outcome of the Ofsted inspection. Members asked about "
                    "social worker caseloads and the timeliness of permanence for children in care.",
                    report=Doc(71001, "ILACS presentation to Scrutiny Panel", "slides", "eastmoor-ilacs-slides"),
                    background_issue=1904,
                ),
                Item(
                    61002,
                    "5.",
                    "School inspection outcomes: spring term",
                    "Summary of recent Ofsted inspections of local schools.",
                    "The Panel congratulated the schools judged outstanding and good.",
                    report=Doc(71002, "School inspection outcomes", "report", "eastmoor-schools"),
                ),
                Item(
                    61003,
                    "6.",
                    "Regulation 44 visits to council children's homes",
                    "Quarterly summary of independent visitors' Regulation 44 reports.",
                    "The Panel noted the Regulation 44 reports for the council's three children's homes.",
                ),
            ],
        ),
        MeetingDef(
            7801,
            7802,
            301,
            date(2021, 3, 4),
            "2.00 pm",
            items=[
                Item(62001, "1.", "Statement from the Chair", "", EASTMOOR_FOCUSED_VISIT),
                Item(
                    62002,
                    "2.",
                    "Inspection readiness: self-evaluation of social work practice",
                    "The annual self-evaluation prepared ahead of the next inspection.",
                    "Officers presented the self-evaluation. The service was judged requires improvement to be good "
                    "at its last inspection in 2019 and the self-evaluation sets out progress since.",
                ),
            ],
        ),
    ],
)

WORCESTERSHIRE_ITEM_MINUTES = (
    "The Panel considered what the safeguarding children peer review had found. The Local Government Association "
    "organised the review at the County Council's request, and a team of practitioners from other councils spent "
    "more than a week in the county in April talking to senior leaders, practitioners, elected members and partner "
    "agencies.\n\n"
    "Strengths included a clear ambition for safeguarding backed by sound strategies, a committed workforce, strong "
    "partners, timely decisions at the Access Team and a comprehensive workforce strategy. The Council would "
    "concentrate on four areas: safeguarding practice on the ground, a simpler Family Front Door, a refreshed Early "
    "Help strategy and a detailed financial plan."
)

WORCESTERSHIRE = SiteDef(
    slug="worcestershire",
    name="Worcestershire County Council",
    subpath="",
    web_service="xml",
    committees=[CommitteeDef(145, "Children and Families Overview and Scrutiny Panel", "Scrutiny")],
    meetings=[
        MeetingDef(
            1820,
            1820,
            145,
            date(2015, 6, 25),
            "10.00 am",
            items=[
                Item(
                    18401,
                    "5.",
                    "Safeguarding Children Peer Review - Findings",
                    "The Panel is asked to consider the findings of the safeguarding children peer review.",
                    WORCESTERSHIRE_ITEM_MINUTES,
                ),
            ],
        ),
    ],
)

ASHCOMBE_PEER_MINUTES = (
    "Presenting the findings of the Local Government Association peer challenge of children's social care, the "
    "Director of Children's Services reminded Members that the council had invited it and that it took place from "
    "9 to 12 June 2025. The peer "
    "team had met young people, foster carers, social workers, managers and partner agencies, and had read a sample "
    "of case records before arriving.\n\n"
    "Members heard that the team had found stable and trusted leadership, social workers who knew their children "
    "well and a multi-agency front door that responded quickly. The team had asked the council to consider the "
    "consistency of supervision records, the timeliness of initial child protection conferences and the number of "
    "local foster placements.\n\n"
    "A Member asked how foster carer recruitment would be widened; officers described a joint campaign with "
    "neighbouring councils starting in the spring. Another Member asked when the Committee would see progress; the "
    "Director undertook to report back in six months.\n\n"
    "RESOLVED: That the Committee notes the findings of the children's services peer challenge and endorses the "
    "response plan."
)

ASHCOMBE = SiteDef(
    slug="ashcombe",
    name="Ashcombe Borough Council",
    subpath="",
    web_service="missing_404",
    template="unbalanced_toolbar",
    committees=[CommitteeDef(410, "Children and Young People Scrutiny Committee", "Scrutiny")],
    meetings=[
        MeetingDef(
            5120,
            5133,
            410,
            date(2025, 10, 14),
            "7.00 pm",
            items=[
                Item(
                    33101,
                    "1.",
                    "Apologies and substitutions",
                    "To note apologies for absence and any substitute members.",
                    "Apologies were received from Councillor Pryce; Councillor Dunmore attended as substitute.",
                ),
                Item(
                    33102,
                    "2.",
                    "Children's services peer challenge: findings and response",
                    "The Director of Children's Services presents the peer challenge findings and the council's response.",
                    ASHCOMBE_PEER_MINUTES,
                    report=Doc(83102, "Peer challenge findings - cover report", "report", "ashcombe-peer-cover"),
                    additional=[
                        Doc(83103, "Appendix A - LGA peer challenge feedback letter", "report", "ashcombe-peer-letter")
                    ],
                    background_issue=2207,
                    decision_id=4410,
                ),
                Item(
                    33103,
                    "3.",
                    "Committee work programme 2025/26",
                    "To agree the topics for the rest of the year.",
                    "The Committee added school transport for children with SEND to its March meeting.",
                    background_issue=2208,
                ),
            ],
        ),
    ],
)

GREYHAVEN_SEND_MINUTES = (
    "The Cabinet Member for Children and Education introduced the outcome of the joint Ofsted and Care Quality "
    "Commission area SEND inspection held from 3 to 7 November 2025. The inspection found that the local area "
    "partnership's arrangements lead to inconsistent experiences and outcomes for children and young people with "
    "special educational needs and/or disabilities.\n\n"
    "RESOLVED: That Cabinet notes the outcome letter and approves the priority action plan."
)

GREYHAVEN = SiteDef(
    slug="greyhaven",
    name="Greyhaven City Council",
    subpath="",
    web_service="waf_403",
    template="undated",
    committees=[CommitteeDef(520, "Cabinet", "Executive")],
    meetings=[
        MeetingDef(
            9410,
            9442,
            520,
            date(2026, 1, 20),
            "6.30 pm",
            listed_without_date=True,
            items=[
                Item(
                    44501,
                    "1.",
                    "Declarations of interest",
                    "Any interests held by Members to be declared.",
                    "No interests were declared.",
                    webcast=True,
                ),
                Item(44502, "", "ITEMS FOR DECISION", webcast=True, heading_row=True),
                Item(
                    44503,
                    "2.",
                    "Area SEND inspection: outcome letter and priority action plan",
                    "Report of the Director of Education on the outcome of the area SEND inspection.",
                    GREYHAVEN_SEND_MINUTES,
                    report=Doc(94503, "Cover report - area SEND inspection outcome", "report", "greyhaven-send-report"),
                    additional=[
                        Doc(94504, "Appendix 1 - Inspection outcome letter", "report", "greyhaven-send-letter")
                    ],
                    restricted=["Restricted enclosure 3"],
                    webcast=True,
                ),
                Item(
                    44505,
                    "3.",
                    "Disposal of the former bus depot, Quay Street",
                    "Report of the Director of Property on the sale of a surplus site.",
                    "Cabinet agreed the disposal on the terms set out in the exempt report.",
                    exempt=True,
                    webcast=True,
                ),
            ],
        ),
        MeetingDef(9425, 9457, 520, date(2026, 2, 17), "6.30 pm", cancelled=True, page_says_cancelled=False),
    ],
)

SITES = [HARINGEY, BRIGHTON, BARNSLEY, EASTMOOR, WORCESTERSHIRE, ASHCOMBE, GREYHAVEN]

# ---------------------------------------------------------------------------
# Newsroom
# ---------------------------------------------------------------------------
WORCS_PEER_REVIEW = Article(
    slug="county-councils-safeguarding-children-peer-review-findings-published",
    title="Findings of the County Council's safeguarding children Peer Review published",
    published=date(2015, 6, 18),
    published_prose="Published Thursday, 18th June 2015",
    paragraphs=[
        "Worcestershire County Council has made public what a Peer Review of its work on safeguarding children "
        "found. The Council asked for the review to help it keep improving, and the Local Government Association "
        "organised it.",
        "In April, practitioners from other councils visited as critical friends, weighing up what the Council "
        "and its partners do well and where they could do better. Over more than a week the team "
        "talked to senior leaders, practitioners, councillors and partner organisations.",
        "The Children and Families Overview Panel will discuss the findings on June 25. Among the strengths the "
        "team found:",
    ],
    bullets=[
        "Backing across the whole organisation for a clear, well-founded approach to safeguarding children",
        "Staff who are committed to improving the lives of children and families",
        "Partners who are strong and committed",
        "Sound decisions made promptly by the Access Team in Children's Social Care",
        "A thorough workforce strategy that offers incentives to newly qualified social workers",
    ],
    closing=[
        "The team also pointed to areas for further consideration. Four of them will be the County Council's main "
        "focus: firmer operational safeguarding practice, a simpler Family Front Door, a review of the Early Help "
        "strategy and a detailed financial plan.",
        "The review was sought in order to learn, according to the Cabinet Member for Children and Families; it "
        "was not an inspection, but the Council had chosen to publish everything it found.",
    ],
)

WORCS_LIBRARIES = Article(
    slug="library-opening-hours-over-the-summer",
    title="Library opening hours over the summer",
    published=date(2015, 6, 10),
    published_prose="Published Wednesday, 10th June 2015",
    paragraphs=[
        "Libraries across the county will keep their usual opening hours throughout the summer holidays, "
        "with extra reading challenge sessions for children."
    ],
)

WORCS_ROADS = Article(
    slug="resurfacing-work-on-the-a44",
    title="Resurfacing work on the A44",
    published=date(2015, 6, 2),
    published_prose="Published Tuesday, 2nd June 2015",
    paragraphs=["Overnight resurfacing of the A44 will start next week. Diversions will be signed."],
)

BARNSLEY_PEER_NEWS = Article(
    slug="childrens-social-care-peer-review-findings",
    title="Children's social care findings from independent peer review",
    published=date(2022, 5, 20),
    published_prose="Posted on 20th May 2022",
    paragraphs=[
        "An independent peer review of Barnsley's children's social care, arranged through the Local Government "
        "Association, has given Cabinet confidence in the quality of help for vulnerable children.",
        "The review team spoke to more than 100 people, watched front-line practice and read at least 40 case "
        "records. It made no recommendations for improvement; its outcome letter offers areas for consideration "
        "that will go into the service's continuous improvement plan.",
    ],
)
BARNSLEY_CARERS = Article(
    slug="peer-support-group-for-young-carers",
    title="Peer support group for young carers launches",
    published=date(2022, 5, 12),
    published_prose="Posted on 12th May 2022",
    paragraphs=[
        "A new peer support group gives young carers a place to meet others in the same position, with "
        "sessions every fortnight in term time."
    ],
)
BARNSLEY_BINS = Article(
    slug="household-waste-centre-opening-hours",
    title="Household waste centre opening hours",
    published=date(2022, 5, 3),
    published_prose="Posted on 3rd May 2022",
    paragraphs=["The household waste recycling centres move to summer opening hours from Monday."],
)
HARINGEY_PEER_NEWS = Article(
    slug="peer-challenge-feedback-childrens-social-care",
    title="Council welcomes peer challenge feedback on children's social care",
    published=date(2022, 12, 9),
    published_prose="9 December 2022",
    paragraphs=[
        "The council has received initial feedback from the Local Government Association peer challenge of "
        "children's social care, carried out in November 2022 at the council's invitation.",
        "The peer team highlighted the strength of the Early Help Panel, a well-resourced Multi Agency "
        "Safeguarding Hub and a stable leadership team, and suggested areas for further consideration including "
        "permanency planning capacity. The final report is expected in the new year.",
    ],
)
HARINGEY_SCHOOLS = Article(
    slug="ofsted-praises-borough-schools",
    title="Ofsted praises borough's primary schools",
    published=date(2022, 11, 25),
    published_prose="25 November 2022",
    paragraphs=[
        "Three primary schools were judged good by Ofsted this term, and one school was judged "
        "outstanding after a section 5 inspection."
    ],
)

NEWSROOMS = [
    NewsroomDef("worcestershire", "Worcestershire County Council", [WORCS_PEER_REVIEW, WORCS_LIBRARIES, WORCS_ROADS]),
    NewsroomDef(
        "barnsley",
        "Barnsley Metropolitan Borough Council",
        [BARNSLEY_PEER_NEWS, BARNSLEY_CARERS, BARNSLEY_BINS],
        style="plain_listing",
    ),
    NewsroomDef("haringey", "London Borough of Haringey", [HARINGEY_PEER_NEWS, HARINGEY_SCHOOLS], style="atom"),
]
