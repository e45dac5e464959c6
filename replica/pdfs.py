"""Real PDFs for the replica, built with reportlab the way council PDFs come out of Word and PowerPoint.

Kinds: a committee report (cover table, numbered paragraphs), a slide deck whose
judgement table pdfminer's default layout scrambles, an image-only scan, an
encrypted file and a corrupt (truncated) file. Output is deterministic.
"""

from __future__ import annotations

import io
from functools import cache

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from replica.specs import ReportSpec, SlideSpec

rl_config.invariant = 1  # same bytes on every build, so SHA-256 identities are stable across runs

SLIDE = (960, 540)


def build_report(spec: ReportSpec) -> bytes:
    styles = getSampleStyleSheet()
    body, head = styles["BodyText"], styles["Heading2"]
    story = []
    if spec.cover:
        table = Table(
            [[Paragraph(f"<b>{k}</b>", body), Paragraph(v, body)] for k, v in spec.cover], colWidths=[45 * mm, 120 * mm]
        )
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table, Spacer(1, 6 * mm)]
    if spec.heading:
        story.append(Paragraph(spec.heading, styles["Title"]))
    for block in spec.blocks:
        if isinstance(block, tuple) and block[0] == "h":
            story.append(Paragraph(block[1], head))
        elif isinstance(block, tuple) and block[0] == "bullets":
            story.append(ListFlowable([ListItem(Paragraph(t, body)) for t in block[1]], bulletType="bullet"))
        else:
            story.append(Paragraph(block, body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title=spec.heading or "Report", author="Democratic Services").build(story)
    return buf.getvalue()


def build_slides(slides: list[SlideSpec]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=SLIDE)
    for slide in slides:
        c.setFillColor(colors.HexColor("#1f3864"))
        c.rect(0, 460, SLIDE[0], 80, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont("Helvetica-Bold", 30)
        c.drawString(40, 488, slide.title)
        c.setFillColor(colors.black)
        y = 420
        for bullet in slide.bullets:
            for line in _wrap(bullet, 95):
                c.setFont("Helvetica", 16)
                c.drawString(60, y, line)
                y -= 22
            y -= 6
        if slide.table:
            _draw_judgement_table(c, slide.table, y)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_judgement_table(c: canvas.Canvas, rows: list[tuple[str, str]], top: float) -> None:
    # Labels and grades sit in two far-apart columns with wrapped labels, as on a
    # PowerPoint table: pdfminer groups each column into its own text box.
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, top, "Judgement")
    c.drawString(640, top, "Grade")
    y = top - 34
    for label, grade in rows:
        lines = _wrap(label, 58)
        c.setFont("Helvetica", 14)
        for i, line in enumerate(lines):
            c.drawString(50, y - i * 18, line)
        c.drawString(640, y, grade)
        c.line(45, y - 18 * len(lines) + 8, 915, y - 18 * len(lines) + 8)
        y -= 18 * len(lines) + 16


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [""]


def build_scanned(caption: str) -> bytes:
    """A page that is only a picture of text, like a signed decision record run through a scanner."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (1240, 1754), 238)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate([caption, "Signed copy", "Proper Officer"] + ["." * 60] * 20):
        draw.text((120, 140 + i * 60), line, fill=30)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return buf.getvalue()


def build_encrypted(text: str) -> bytes:
    buf = io.BytesIO()
    enc = StandardEncryption("s3cret", ownerPassword="owner-only", canPrint=0, canCopy=0)
    c = canvas.Canvas(buf, pagesize=A4, encrypt=enc)
    c.drawString(72, 760, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def build_corrupt(text: str) -> bytes:
    whole = build_report(ReportSpec(heading=text, blocks=[text] * 40))
    return whole[: int(len(whole) * 0.55)]


@cache
def render(kind: str, key: str) -> bytes:
    """Build (once per process) the PDF a replica document names."""
    from replica import content  # content names its PDFs by these specs; imported late so specs load alone

    spec = content.PDF_SPECS[key]
    if kind == "report":
        return build_report(spec)
    if kind == "slides":
        return build_slides(spec)
    if kind == "scanned":
        return build_scanned(spec)
    if kind == "encrypted":
        return build_encrypted(spec)
    if kind == "corrupt":
        return build_corrupt(spec)
    raise ValueError(kind)
