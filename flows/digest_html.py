"""The digest as an email body: tables and inline styles only, which common mail clients keep (Gmail and
Outlook drop <style> blocks and classes' rules). Every council text goes through `esc_html`; every link
through `safe_link` (http(s) only)."""

from __future__ import annotations

from flows.digest import (
    GRADE_COLOURS,
    GREY,
    STAGES,
    Block,
    Digest,
    _headline_words,
    _why_text,
    esc_html,
    review_type_words,
    safe_link,
    sentence_case,
    short_type,
    words,
)

FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
TEXT = "#1f2328"
MUTED = "#57606a"
LINE = "#d0d7de"


def badge(grade: str | None, label: str | None = None) -> str:
    """A grade as a coloured word (the word alone carries the meaning: colour is a help, never the only sign)."""
    colour, background = GRADE_COLOURS.get(grade or "", GREY)
    return (
        f'<span style="display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:13px;'
        f'color:{colour};background:{background};">{esc_html(label or sentence_case(grade))}</span>'
    )


def link(text: str, url: str | None, style: str = "") -> str:
    href = safe_link(url)
    if not href:
        return esc_html(text)
    return f'<a href="{esc_html(href)}" style="color:#0969da;{style}">{esc_html(text)}</a>'


def address(url: str | None) -> str:
    """The link's address as text too: the plain-text part Apprise makes from this HTML keeps text, not links."""
    href = safe_link(url)
    return f'<div style="font-size:12px;color:{MUTED};word-break:break-all;">{esc_html(href)}</div>' if href else ""


def summary_table(blocks: list[Block]) -> str:
    head = "".join(
        f'<th align="left" style="padding:6px 10px;border-bottom:2px solid {LINE};font-size:13px;'
        f'color:{MUTED};">{h}</th>'
        for h in ("Council", "Review", "Stage", "Grade")
    )
    rows = []
    for b in blocks:
        h = b.headline
        grade = badge(h["grade"]) if h else f'<span style="color:{MUTED};">{esc_html(_headline_words(b))}</span>'
        cells = [
            esc_html(b.council),
            esc_html(short_type(b.review_type)),
            esc_html(STAGES.get(b.stage, words(b.stage))),
            grade,
        ]
        rows.append(
            "<tr>"
            + "".join(
                f'<td style="padding:6px 10px;border-bottom:1px solid {LINE};font-size:14px;">{c}</td>' for c in cells
            )
            + "</tr>"
        )
    return (
        f'<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;'
        f'margin:8px 0 20px 0;"><tr>{head}</tr>{"".join(rows)}</table>'
    )


def judgements_table(b: Block) -> str:
    rows = "".join(
        f'<tr><td style="padding:3px 12px 3px 0;font-size:14px;">{esc_html(sentence_case(j["area"]))}</td>'
        f'<td style="padding:3px 0;">{badge(j["grade"])}</td>'
        f'<td style="padding:3px 0 3px 10px;font-size:12px;color:{MUTED};">'
        f'{"p. " + esc_html(str(j["page"])) if j.get("page") else ""}</td></tr>'
        for j in b.shown_judgements
    )
    return f'<table role="presentation" cellspacing="0" cellpadding="0" style="margin:6px 0 8px 0;">{rows}</table>'


def block_html(b: Block) -> str:
    h = b.headline
    out = [
        f'<div class="review" style="border:1px solid {LINE};border-left:5px solid '
        f'{GRADE_COLOURS.get(h["grade"], GREY)[0] if h else LINE};border-radius:6px;padding:12px 16px;'
        f'margin:0 0 14px 0;">',
        f'<div style="font-size:13px;color:{MUTED};text-transform:uppercase;letter-spacing:.04em;">'
        f'{esc_html(b.council)}</div>',
        f'<div style="font-size:18px;font-weight:700;color:{TEXT};margin:2px 0 6px 0;">'
        f'{esc_html(review_type_words(b.review_type))}' + (f" &nbsp;{badge(h['grade'])}" if h else "") + "</div>",
        f'<div style="font-size:14px;color:{TEXT};">Stage: {esc_html(STAGES.get(b.stage, words(b.stage)))}'
        + (f" &middot; Fieldwork: {esc_html(b.fieldwork)}" if b.fieldwork else "")
        + "</div>",
    ]
    if b.shown_judgements:
        out.append(judgements_table(b))
    items = []
    for s in b.sources:
        pdfs = "".join(
            f'<div style="font-size:13px;margin-top:3px;">PDF: {link(t, u)}</div>{address(u)}' for t, u in s.documents
        )
        items.append(
            f'<li style="margin:4px 0;font-size:14px;">{link(s.title, s.url, "font-weight:600;")} '
            f'<span style="color:{MUTED};">({esc_html(s.when)})</span>{address(s.url)}{pdfs}</li>'
        )
    out.append(f'<ul style="margin:8px 0;padding-left:20px;">{"".join(items)}</ul>')
    out.append(f'<div style="font-size:13px;color:{MUTED};">Why flagged: {esc_html(_why_text(b))}</div>')
    out.append("</div>")
    return "".join(out)


def render_html(digest: Digest) -> str:
    body = [
        f'<h1 style="font-size:20px;margin:0 0 4px 0;color:{TEXT};">{esc_html(digest.subject)}</h1>',
        summary_table(digest.blocks),
    ]
    for title, blocks in digest.sections():
        body.append(
            f'<h2 style="font-size:16px;margin:18px 0 8px 0;color:{TEXT};border-bottom:1px solid {LINE};'
            f'padding-bottom:4px;">{esc_html(title)}</h2>'
        )
        body += [block_html(b) for b in blocks]
    body.append(
        f'<div style="margin-top:20px;padding-top:10px;border-top:1px solid {LINE};font-size:12px;'
        f'color:{MUTED};">' + "<br>".join(esc_html(line) for line in digest.footer()) + "</div>"
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
        f'<body style="margin:0;padding:16px;background:#ffffff;{FONT}color:{TEXT};">'
        f'<div style="max-width:760px;margin:0 auto;">{"".join(body)}</div></body></html>'
    )
