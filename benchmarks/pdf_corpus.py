"""A deterministic corpus of council-like PDFs for the PDF benchmark and the flagging tests (reportlab).

Shapes follow what council committee systems publish (see ../shared/research/perf.md for the measured
mix): committee reports with a cover table, numbered paragraphs, bullets and gridded data tables with a
repeated header, running header and "Page X of Y" footer; minutes; dense agenda front sheets; 16:9 slide
decks; one image-only scan; one file needing a password; one with only an owner password; one cut short.
Some reports and a deck are review publications (an ILACS outcome with its judgement table, a peer
challenge, a corporate peer challenge progress review) and some are near misses (a school's inspection, a
budget review), so flagging is exercised. Every sentence is assembled here from our own phrases.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from evaluation.pdf_compare import publication
from transforms.analysis import Publication

rl_config.invariant = 1  # same bytes on every build
SLIDE = (960, 540)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

COUNCILS = ["Eastmoor", "Northvale", "Kingsbridge", "Ashcombe", "Riverside", "Westholm", "Brackenfield"]
COMMITTEES = [
    "Cabinet",
    "Children and Young People Scrutiny Panel",
    "Corporate Parenting Board",
    "Audit and Governance Committee",
    "Health and Wellbeing Board",
    "Full Council",
    "Planning Committee",
]
TOPICS = [
    "highways maintenance",
    "the library service",
    "household waste collection",
    "the medium-term financial plan",
    "school place planning",
    "leisure centre contracts",
    "the local transport plan",
    "temporary accommodation",
    "the parks strategy",
    "council tax support",
    "the carbon reduction plan",
    "street lighting",
    "the housing revenue account",
    "the capital programme",
    "adult learning",
    "home to school transport",
]
VERBS = [
    "sets out",
    "summarises",
    "updates Members on",
    "asks the panel to consider",
    "describes progress on",
    "explains the risks to",
    "proposes changes to",
    "reports the latest position on",
]
QUALIFIERS = [
    "for the coming year",
    "since the last report",
    "across the borough",
    "within the agreed budget",
    "following consultation with residents",
    "in line with the corporate plan",
    "ahead of the winter period",
    "as agreed by the executive",
    "with partners in the voluntary sector",
]
FACTS = [
    "Spending was {n} per cent below the profile at the end of quarter {q}.",
    "{n} residents responded to the consultation, most of them online.",
    "The service handled {n} enquiries in the period, a rise on the year before.",
    "Officers expect the work to finish by {month} {year}, subject to contractor availability.",
    "The risk register now lists {n} open risks, {q} of them rated high.",
    "A further report will come to the committee in {month} {year}.",
    "The scheme is funded from reserves and a grant of {n} thousand pounds.",
    "Members asked for ward-level figures, which are set out in appendix {q}.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
GRADES = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
ILACS_ROWS = [
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]
ILACS_AREAS = ["overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"]
GRADE_NAMES = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
}


@dataclass
class CorpusDoc:
    key: str
    kind: str
    title: str
    body: str
    data: bytes
    reported: date
    # What a report reports, as written here: {"review_types": [...], and where stated "start", "end" (ISO dates
    # of the fieldwork) and "judgements" ({area: grade})}; None for the other kinds. The benchmark scores readings
    # against it.
    truth: dict | None = None


class Writer:
    """Sentences and paragraphs from our own phrase banks, reproducibly from one seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        if r.random() < 0.45:
            return r.choice(FACTS).format(
                n=r.randint(3, 950), q=r.randint(1, 4), month=r.choice(MONTHS), year=r.randint(2024, 2027)
            )
        return f"This report {r.choice(VERBS)} {r.choice(TOPICS)} {r.choice(QUALIFIERS)}."

    def paragraph(self, sentences: int | None = None) -> str:
        return " ".join(self.sentence() for _ in range(sentences or self.rng.randint(3, 7)))


def _styles():
    base = getSampleStyleSheet()
    font = "Helvetica"
    if DEJAVU.exists():
        if "CorpusSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("CorpusSans", str(DEJAVU)))
        font = "CorpusSans"
    body = ParagraphStyle("b", parent=base["BodyText"], fontName=font, fontSize=10, leading=13)
    head = ParagraphStyle("h", parent=base["Heading2"], fontName=font)
    title = ParagraphStyle("t", parent=base["Title"], fontName=font)
    cell = ParagraphStyle("c", parent=body, fontSize=8.5, leading=10.5)
    return body, head, title, cell, font


def _grid(rows: list[list[str]], widths: list[float], cell_style, header: bool = True) -> Table:
    table = Table(
        [[Paragraph(c, cell_style) for c in row] for row in rows], colWidths=widths, repeatRows=1 if header else 0
    )
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")))
    table.setStyle(TableStyle(style))
    return table


def _build(story: list, running: str, font: str, encrypt=None) -> bytes:
    buf = io.BytesIO()

    def decorate(c, doc):
        c.saveState()
        c.setFont(font, 8)
        c.drawString(20 * mm, A4[1] - 12 * mm, running)
        c.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Page {doc.page}")
        c.restoreState()

    SimpleDocTemplate(
        buf,
        pagesize=A4,
        title=running,
        author="Democratic Services",
        encrypt=encrypt,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
    ).build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()


def _data_table(w: Writer, cell) -> Table:
    r = w.rng
    cols = ["Measure", "Target", "Quarter 1", "Quarter 2", "Direction"]
    rows = [cols] + [
        [
            f"{r.choice(TOPICS).capitalize()}: indicator {i + 1}",
            f"{r.randint(40, 99)}%",
            f"{r.randint(30, 100)}%",
            f"{r.randint(30, 100)}%",
            r.choice(["Improving", "Stable", "Declining"]),
        ]
        for i in range(r.randint(8, 30))
    ]
    return _grid(rows, [62 * mm, 22 * mm, 24 * mm, 24 * mm, 30 * mm], cell)


def report(
    w: Writer,
    council: str,
    committee: str,
    when: date,
    title: str,
    pages: int,
    special: list | None = None,
    encrypt=None,
) -> bytes:
    body, head, title_style, cell, font = _styles()
    cover = [
        ["Report to", committee],
        ["Date of meeting", when.strftime("%d %B %Y")],
        ["Report of", "Director of Corporate Resources"],
        ["Wards affected", "All"],
        ["Key decision", w.rng.choice(["Yes", "No"])],
    ]
    story = [_grid(cover, [45 * mm, 120 * mm], cell, header=False), Spacer(1, 6 * mm), Paragraph(title, title_style)]
    story += special or []
    section = 1
    # ~7 paragraphs and a table every few pages fill a page at this type size.
    for block in range(max(1, round(pages * 6) - len(special or []) * 2)):
        if block % 6 == 0:
            story.append(Paragraph(f"{section}. {w.rng.choice(TOPICS).capitalize()}", head))
            section += 1
        text = w.paragraph()
        story.append(Paragraph(f"{section - 1}.{block % 6 + 1} {text}", body))
        if block % 9 == 4:
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(w.sentence(), body)) for _ in range(w.rng.randint(3, 5))], bulletType="bullet"
                )
            )
        if block % 17 == 8:
            story += [Spacer(1, 3 * mm), _data_table(w, cell), Spacer(1, 3 * mm)]
    return _build(story, f"{council} Council: {title}", font, encrypt)


def ilacs_special(w: Writer, council: str, start: date, truth: dict) -> list:
    body, head, _, cell, _ = _styles()
    end = start + timedelta(days=11)
    grades = [w.rng.choice(GRADES[:3]) for _ in ILACS_ROWS]
    truth.update(
        review_types=["ofsted_ilacs"],
        start=start.isoformat(),
        end=end.isoformat(),
        judgements={area: GRADE_NAMES[g] for area, g in zip(ILACS_AREAS, grades)},
    )
    rows = [["Judgement", "Grade"]] + [[label, grade] for label, grade in zip(ILACS_ROWS, grades)]
    return [
        Paragraph("1. Purpose of the report", head),
        Paragraph(
            f"1.1 Ofsted carried out an inspection of local authority children's services (ILACS) in "
            f"{council} from {start:%d} to {end:%d %B %Y}. This report sets out the judgements and the "
            f"response to the areas the inspectors asked us to improve.",
            body,
        ),
        Paragraph(
            f"1.2 Inspectors judged the overall effectiveness of children's services to be {grades[0].lower()}.", body
        ),
        KeepTogether([_grid(rows, [120 * mm, 45 * mm], cell)]),
        Spacer(1, 4 * mm),
    ]


def peer_special(w: Writer, council: str, start: date, corporate: bool, truth: dict) -> list:
    body, head, _, _, _ = _styles()
    kind = "corporate peer challenge" if corporate else "peer challenge of children's safeguarding"
    end = start + timedelta(days=3)
    truth.update(
        review_types=["lga_corporate_peer_challenge" if corporate else "lga_peer_challenge"],
        start=start.isoformat(),
        end=end.isoformat(),
    )
    lead = (
        f"1.1 The Local Government Association {kind} took place in {council} from {start:%d} to "
        f"{end:%d %B %Y}. The peer team spoke to staff, partners, Members and young people."
    )
    strengths = [
        "Front-line staff were proud of their work and knew their families well.",
        "Partners described a shared commitment to early help.",
        "Political and officer leaders had a clear and stable vision.",
    ]
    consider = [
        "Make the quality assurance framework easier to follow.",
        "Give managers better live data on caseloads.",
        "Strengthen the way the voice of the child shapes plans.",
    ]
    return [
        Paragraph("1. Purpose of the report", head),
        Paragraph(lead, body),
        Paragraph("1.2 The peer team identified these strengths:", body),
        ListFlowable([ListItem(Paragraph(s, body)) for s in strengths], bulletType="bullet"),
        Paragraph("1.3 Areas for consideration:", body),
        ListFlowable([ListItem(Paragraph(s, body)) for s in consider], bulletType="bullet"),
    ]


def near_miss_special(w: Writer, council: str) -> list:
    body, head, _, _, _ = _styles()
    return [
        Paragraph("1. Background", head),
        Paragraph(
            f"1.1 A primary school in {council} received a monitoring visit from Ofsted last term; the "
            f"school's own report is published on its website. The budget review below is separate.",
            body,
        ),
    ]


def minutes(w: Writer, council: str, committee: str, when: date, pages: int, mention_review: bool) -> bytes:
    body, head, title_style, _, font = _styles()
    story = [
        Paragraph(f"Minutes of the meeting of the {committee}", title_style),
        Paragraph(f"Held on {when:%d %B %Y} at the Civic Centre", body),
        Spacer(1, 4 * mm),
    ]
    for item in range(1, pages * 4 + 1):
        story.append(Paragraph(f"{item}. {w.rng.choice(TOPICS).capitalize()}", head))
        story.append(Paragraph(w.paragraph(), body))
        if item == 2 and mention_review:
            story.append(
                Paragraph(
                    "The Director reported that the LGA peer challenge of children's services had "
                    "found strong practice and two areas for consideration, which the panel "
                    "discussed.",
                    body,
                )
            )
        story.append(Paragraph(f"RESOLVED: That the report on {w.rng.choice(TOPICS)} be noted.", body))
    return _build(story, f"{council}: minutes", font)


def agenda(w: Writer, council: str, committee: str, when: date, pages: int) -> bytes:
    _, _, title_style, cell, font = _styles()
    rows = [["Item", "Subject", "Lead officer"]]
    for i in range(pages * 30):
        rows.append(
            [
                str(i + 1),
                f"{w.rng.choice(TOPICS).capitalize()}: {w.rng.choice(VERBS)} the options",
                w.rng.choice(["Director of Place", "Head of Finance", "Monitoring Officer", "Director of People"]),
            ]
        )
    story = [
        Paragraph(f"{committee}: agenda for {when:%d %B %Y}", title_style),
        _grid(rows, [14 * mm, 120 * mm, 36 * mm], cell),
    ]
    return _build(story, f"{council}: agenda", font)


def slides(w: Writer, council: str, pages: int, ilacs: bool) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=SLIDE)
    for n in range(pages):
        c.setFillColor(colors.HexColor("#1f3864"))
        c.rect(0, 460, SLIDE[0], 80, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont("Helvetica-Bold", 28)
        heading = (
            "Ofsted ILACS inspection: the judgements" if ilacs and n == 1 else f"{w.rng.choice(TOPICS).capitalize()}"
        )
        c.drawString(40, 488, heading)
        c.setFillColor(colors.black)
        y = 420
        if ilacs and n == 1:
            c.setFont("Helvetica-Bold", 15)
            c.drawString(50, y, "Judgement")
            c.drawString(640, y, "Grade")
            y -= 34
            for label in ILACS_ROWS:
                c.setFont("Helvetica", 14)
                c.drawString(50, y, label[:60])
                c.drawString(640, y, w.rng.choice(GRADES[:3]))
                y -= 40
        else:
            for _ in range(5):
                c.setFont("Helvetica", 18)
                c.drawString(60, y, "• " + w.sentence()[:80])
                y -= 40
        c.setFont("Helvetica", 9)
        c.drawString(40, 20, f"{council} Council")
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned(council: str, pages: int) -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for p in range(pages):
        img = Image.new("L", (1240, 1754), 236)
        draw = ImageDraw.Draw(img)
        for i in range(24):
            draw.text((120, 140 + i * 60), f"{council} signed decision record, page {p + 1}, line {i + 1}", fill=30)
        c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return buf.getvalue()


def _pages(rng: random.Random, median: float, low: int, high: int, cap: int | None) -> int:
    n = int(round(math.exp(rng.gauss(math.log(median), 0.6))))
    return max(low, min(high, cap or high, n))


MIXES = ("council", "reviews")
# The review-heavy mix: four reports in five carry a review's special pages (most an ILACS outcome), so nearly
# every publication goes down the path the documents PeerWatch exists for take.
REVIEW_ROLES = ("ilacs", "peer", "ilacs", "corporate", None, "ilacs", "near-miss", "ilacs", "peer", None)


def _roles(n_reports: int, mix: str) -> dict[int, str | None]:
    if mix == "reviews":
        return {i: REVIEW_ROLES[i % len(REVIEW_ROLES)] for i in range(n_reports)}
    # Publications about reviews are rare among a council's papers: one of each kind, spread through the run.
    return {n_reports * k // 8: role for k, role in ((1, "ilacs"), (3, "peer"), (5, "corporate"), (7, "near-miss"))}


def build_corpus(
    documents: int = 100, seed: int = 2026, max_pages: int | None = None, mix: str = "council"
) -> list[CorpusDoc]:
    """`documents` PDFs: the perf.md mix scaled, with the odd ones (scan, passwords, truncated) always present.
    `mix="reviews"`: the same shapes, but most reports, minutes and decks name a review."""
    if mix not in MIXES:
        raise ValueError(f"mix must be one of {MIXES}")
    rng = random.Random(seed)
    w = Writer(rng)
    docs: list[CorpusDoc] = []
    start = date(2025, 1, 6)

    def add(kind, title, body, data, when, truth=None):
        docs.append(CorpusDoc(f"{len(docs):03d}-{kind}", kind, title, body, data, when, truth))

    odd = 4
    n_slides = max(1, round(documents * 0.03))
    n_agenda = max(1, round(documents * 0.04))
    n_minutes = max(1, round(documents * 0.09))
    n_reports = max(1, documents - odd - n_slides - n_agenda - n_minutes)
    roles = _roles(n_reports, mix)
    for i in range(n_reports):
        council, committee = rng.choice(COUNCILS), rng.choice(COMMITTEES)
        when = start + timedelta(days=7 * i)
        pages = _pages(rng, 8, 2, 39, max_pages)
        role = roles.get(i)
        truth: dict = {"review_types": []}
        if role == "ilacs":
            title, special = (
                "Ofsted inspection of local authority children's services",
                ilacs_special(w, council, when - timedelta(days=60), truth),
            )
        elif role == "peer":
            title, special = (
                "LGA peer challenge of children's safeguarding: findings",
                peer_special(w, council, when - timedelta(days=45), corporate=False, truth=truth),
            )
        elif role == "corporate":
            title, special = (
                "Corporate peer challenge: progress review",
                peer_special(w, council, when - timedelta(days=30), corporate=True, truth=truth),
            )
        elif role == "near-miss":
            title, special = "Budget review and school funding update", near_miss_special(w, council)
        else:
            title, special = (
                f"{rng.choice(TOPICS).capitalize()}: {rng.choice(['update', 'annual report', 'options appraisal', 'performance report'])}",
                None,
            )
        add(
            "report",
            title,
            f"Report to the {committee}.",
            report(w, council, committee, when, title, pages, special),
            when,
            truth,
        )
    for i in range(n_minutes):
        council, committee = rng.choice(COUNCILS), rng.choice(COMMITTEES)
        when = start + timedelta(days=11 * i)
        add(
            "minutes",
            f"Minutes: {committee}",
            "Minutes of the previous meeting.",
            minutes(
                w, council, committee, when, _pages(rng, 9, 3, 15, max_pages), mention_review=i == 1 or mix == "reviews"
            ),
            when,
        )
    for i in range(n_agenda):
        council, committee = rng.choice(COUNCILS), rng.choice(COMMITTEES)
        when = start + timedelta(days=13 * i)
        add(
            "agenda",
            f"Agenda: {committee}",
            "Agenda front sheet.",
            agenda(w, council, committee, when, _pages(rng, 4, 2, 7, max_pages)),
            when,
        )
    for i in range(n_slides):
        council = rng.choice(COUNCILS)
        ilacs = i == 0 or mix == "reviews"
        add(
            "slides",
            "Presentation: inspection outcome" if ilacs else "Presentation to the panel",
            "Slides shown at the meeting.",
            slides(w, council, _pages(rng, 16, 4, 22, max_pages), ilacs),
            start,
        )
    council = rng.choice(COUNCILS)
    add("scanned", "Signed decision record", "", scanned(council, 3 if not max_pages else 1), start)
    add(
        "encrypted",
        "Exempt appendix",
        "",
        report(w, council, "Cabinet", start, "Exempt appendix", 2, encrypt=StandardEncryption("s3cret", canPrint=0)),
        start,
    )
    add(
        "owner-password",
        "Contract award",
        "",
        report(
            w,
            council,
            "Cabinet",
            start,
            "Contract award",
            3,
            encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0),
        ),
        start,
    )
    whole = report(w, council, "Cabinet", start, "Capital programme annex", 6)
    add("truncated", "Capital programme annex", "", whole[: int(len(whole) * 0.55)], start)
    return docs


def corpus_publications(
    documents: int = 100, seed: int = 2026, max_pages: int | None = None, mix: str = "council"
) -> tuple[list[Publication], dict[str, bytes]]:
    """One publication per document (the agenda item it is attached to) and the PDF bytes by key."""
    docs = build_corpus(documents, seed, max_pages, mix)
    return ([publication(d.key, d.title, d.body, [d.key], d.reported) for d in docs], {d.key: d.data for d in docs})


def write_corpus(
    root: Path, documents: int = 100, seed: int = 2026, max_pages: int | None = None, mix: str = "council"
) -> list[CorpusDoc]:
    root.mkdir(parents=True, exist_ok=True)
    docs = build_corpus(documents, seed, max_pages, mix)
    for d in docs:
        (root / f"{d.key}.pdf").write_bytes(d.data)
    return docs
