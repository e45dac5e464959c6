"""First pages of inspection reports, written in our own words: a made-up council, the structure of the real
ones (labels wrapping over lines, the grade before, after or between a label's lines, grades that wrap, numbered
SIF rows). Shared by the judgement-table, outcomes-docs tests."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

# -- ILACS first pages ------------------------------------------------------------------------------------------------
# Positional rows (the layout pass): the grade sits on the label's first line, the rest of the label wraps below.
ILACS_2024_ROWS = """Inspection of Riverton local authority
children's services
Inspection dates: 2 to 13 September 2024
Lead inspector: A. Person, His Majesty's Inspector
Judgement | Grade
The impact of leaders on social work | Outstanding
practice with children and families
The experiences and progress of | Good
children who need help and protection
The experiences and progress of | Inadequate
children in care
The experiences and progress of care | Requires improvement to be good
leavers
Overall effectiveness | Good
Riverton's children are mostly well served; the pages that follow say why."""

# The same table as plain text: every label line first, then its grade.
ILACS_2024_TEXT = """Inspection of Riverton local authority children's services
Inspection dates: 2 to 13 September 2024
Judgement
Grade
The impact of leaders on social work
practice with children and families
Outstanding
The experiences and progress of
children who need help and protection
Good
The experiences and progress of
children in care
Inadequate
The experiences and progress of care
leavers
Requires improvement to be good
Overall effectiveness
Good
Services for children in Riverton have moved on since the last visit."""

# Before 2023: four judgements, the grade between the lines of a long label.
ILACS_2019_ROWS = """Northby Borough Council
Inspection of children's social care services
Inspection dates: 11 March 2019 to 22 March 2019
Judgement | Grade
The impact of leaders on social work practice with children
Requires improvement
and families
The experiences and progress of children who need help and
Good
protection
The experiences and progress of children in care and care
Requires improvement
leavers
Overall effectiveness | Requires improvement"""

# Under the framework in force from late 2025 there is no overall effectiveness row.
POST_REFORM_ROWS = """Inspection of Riverton local authority
children's services
Inspection dates: 1 to 12 June 2026
Judgement | Grade
The impact of leaders on social work | Good
practice with children and families
The experiences and progress of | Good
children who need help and protection
The experiences and progress of | Outstanding
children in care
The experiences and progress of care | Good
leavers
Overall, children here are helped early and well, and the council's leaders are rated highly by partners."""

# -- SIF first page ---------------------------------------------------------------------------------------------------
# The overall judgement stated in words above a numbered table; a grade cell wrapping over three lines; the LSCB's
# own line on a later page.
SIF_2016_ROWS = """Northby
Inspection of services for children in need of help and
protection, children looked after and care leavers
and
Review of the effectiveness of the Local Safeguarding Children
Board
Inspection date: 7 March 2016 to 31 March 2016
Report published: 20 May 2016
Children's services in Northby require improvement to be
good
Requires
1.  Children who need help and protection | improvement to be
good
2.  Children looked after and achieving
Good
permanence
2.1 Adoption performance | Outstanding
2.2 Experiences and progress of care leavers | Require improvement
3.  Leadership, management and governance | Good
\fThe Local Safeguarding Children Board (LSCB)
The Local Safeguarding Children Board is inadequate"""


# -- the same kind of first page as a real PDF ----------------------------------------------------------------------
FIRST_PAGE = [
    "Inspection of Riverton local authority",
    "children's services",
    "Inspection dates: 2 to 13 September 2024",
    "Lead inspector: A. Person, His Majesty's Inspector",
]
ROWS = [
    (["The impact of leaders on social work", "practice with children and families"], "Outstanding"),
    (["The experiences and progress of", "children who need help and protection"], "Good"),
    (["The experiences and progress of", "children in care"], "Requires improvement to be good"),
    (["The experiences and progress of care", "leavers"], "Good"),
    (["Overall effectiveness"], "Good"),
]


def report_pdf() -> bytes:
    """A two-page ILACS report drawn as a real PDF: the grade on each label's first line, the label wrapping
    below it, as Ofsted's first pages are laid out."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    y = 790
    for line in FIRST_PAGE:
        c.drawString(60, y, line)
        y -= 18
    c.drawString(60, y, "Judgement")
    c.drawString(380, y, "Grade")
    y -= 22
    for label, grade in ROWS:
        c.drawString(380, y, grade)  # the grade on the label's first line; the label wraps below it
        for part in label:
            c.drawString(60, y, part)
            y -= 14
        y -= 8
    c.drawString(60, y - 20, "Children in Riverton are mostly helped well, and leaders know where to improve.")
    c.showPage()
    c.drawString(60, 790, "What needs to improve?")
    c.drawString(60, 770, "The timeliness of some assessments for children in need.")
    c.save()
    return out.getvalue()
