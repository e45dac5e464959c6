"""The digest a researcher reads: one block per review, the most important first, in each channel's own format.

A night's alerts are gathered by the review they report (an agenda item, its report PDF and the council's
press release about one peer challenge make one block, with a link to each). Blocks are ordered by what they
tell: outcomes with grades first, then other outcomes (reports, findings), then action plans and progress,
then announcements; within each section (new, found in the archive, worth a look). A summary table at the
top gives council, review, stage and headline grade; grades are words, coloured where the format allows.

Everything a council wrote is escaped for the format it goes out in, and the only links are http(s)
addresses the harvest fetched (`safe_link`):
- `flows.digest_html.render_html`: an email body with inline styles only (mail clients drop <style> blocks);
- `markdown()`: Markdown whose text is escaped both as Markdown and as HTML, because Apprise turns it into
  HTML for services such as SendGrid, Office 365 or Telegram (raw HTML in Markdown passes straight through);
- `slack()`: Slack mrkdwn (its own escaping: &, <, >; links as <url|text>);
- `text()`: plain text, URLs on lines of their own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import quote, urlsplit

from transforms.classify import TYPE_PATTERNS
from transforms.clean import clean_text

# -- words --------------------------------------------------------------------------------------------------
REVIEW_TYPES = {  # review_type -> (in words, short form)
    "ofsted_ilacs": ("Ofsted inspection of children's services (ILACS)", "ILACS"),
    "ofsted_sif": ("Ofsted single inspection framework inspection of children's services (SIF)", "SIF"),
    "ofsted_focused_visit": ("Ofsted focused visit to children's services", "focused visit"),
    "ofsted_monitoring_visit": ("Ofsted monitoring visit to children's services", "monitoring visit"),
    "jtai": ("Joint targeted area inspection (JTAI)", "JTAI"),
    "send_area_inspection": ("Area SEND inspection (Ofsted and CQC)", "SEND area inspection"),
    "lga_peer_challenge": ("LGA peer challenge", "peer challenge"),
    "lga_corporate_peer_challenge": ("LGA corporate peer challenge", "corporate peer challenge"),
    "other_peer_review": ("Peer review", "peer review"),
}
STAGES = {
    "outcome": "outcome published",
    "action_plan": "action plan",
    "progress_review": "progress review",
    "announced": "announced, not yet happened",
}
# Importance of a block: a graded outcome first, then other outcomes, then plans and progress, then news of a
# review to come.
STAGE_RANK = {"outcome": 1, "action_plan": 2, "progress_review": 2, "announced": 3}
SECTIONS = [
    ("new", "New", ""),
    (
        "archive",
        "Found in the archive",
        "published more than three months before PeerWatch found them, by a back-fill or a reprocess",
    ),
    ("worth_a_look", "Worth a look", "strong signs of a review, but not all of them"),
]
ACRONYMS = {
    "send": "SEND",
    "lscb": "LSCB",
    "ilacs": "ILACS",
    "jtai": "JTAI",
    "sif": "SIF",
    "lga": "LGA",
    "cqc": "CQC",
    "ofsted": "Ofsted",
}
# (text colour, background) of each grade: green good, amber to improve, red failing, grey not judged.
GREEN = ("#0b5d2a", "#d3f2dd")
LIGHT_GREEN = ("#1f6f3a", "#e5f5ea")
AMBER = ("#7a4b00", "#fff0c2")
RED = ("#9b1025", "#ffdfe3")
GREY = ("#4b5563", "#eceff3")
GRADE_COLOURS = {
    "outstanding": GREEN,
    "good": LIGHT_GREEN,
    "requires_improvement": AMBER,
    "adequate": AMBER,
    "inadequate": RED,
    "positive_experiences": GREEN,
    "inconsistent_experiences": AMBER,
    "widespread_systemic_failings": RED,
    "not_judged": GREY,
}
HEADLINE_AREAS = ("overall_effectiveness", "send_area_outcome")
QUOTE_CHARS = 220
PEER_REVIEWS = {"lga_peer_challenge", "lga_corporate_peer_challenge", "other_peer_review"}


def words(code: str | None) -> str:
    """A code in words, acronyms kept: "send_area_outcome" → "SEND area outcome"."""
    parts = (code or "").replace("_", " ").split()
    return " ".join(ACRONYMS.get(p.lower(), p) for p in parts)


def sentence_case(code: str | None) -> str:
    text = words(code)
    return text[:1].upper() + text[1:]


def review_type_words(review_type: str | None) -> str:
    return REVIEW_TYPES.get(review_type or "", (words(review_type) or "review", ""))[0]


def short_type(review_type: str | None) -> str:
    return REVIEW_TYPES.get(review_type or "", ("", words(review_type) or "other"))[1]


def cut_on_word(text: str | None, limit: int = QUOTE_CHARS) -> str:
    """At most `limit` characters, ending on a whole word (with an ellipsis when cut)."""
    text = " ".join((clean_text(text) or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(" ,;:–-") + "…"


def long_date(d) -> str:
    if isinstance(d, datetime):
        d = d.date()
    return f"{d.day} {d:%B %Y}" if isinstance(d, date) else ""


def fieldwork_words(a: dict) -> str | None:
    start, end, precision = a.get("fieldwork_start"), a.get("fieldwork_end"), a.get("fieldwork_precision")
    if precision == "month" and start:
        return f"{start:%B %Y}"
    if start and end:
        if start == end:
            return long_date(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{long_date(end)}"
        if start.year == end.year:
            return f"{start.day} {start:%B} – {long_date(end)}"
        return f"{long_date(start)} – {long_date(end)}"
    if a.get("fieldwork_raw"):
        return f"“{cut_on_word(a['fieldwork_raw'], 80)}” (as written; not a date PeerWatch could resolve)"
    return None


def grade_line(j: dict) -> str:
    """ "Overall effectiveness: Good (p. 2)": the page the grade was read on, so a reader can check it."""
    return f"{sentence_case(j['area'])}: {sentence_case(j['grade'])}" + (f" (p. {j['page']})" if j.get("page") else "")


def graded(judgements: list[dict]) -> list[dict]:
    """The judgements that are grades (a peer review's "not judged" says nothing)."""
    return [j for j in judgements if j.get("grade") and j["grade"] != "not_judged"]


def headline(judgements: list[dict]) -> dict | None:
    """The one grade that sums the review up: overall effectiveness, or the area SEND outcome."""
    marks = graded(judgements)
    return next((j for area in HEADLINE_AREAS for j in marks if j["area"] == area), None)


# -- links ----------------------------------------------------------------------------------------------------
_URL_UNSAFE = re.compile(r"[\x00-\x20\"'<>()\[\]{}|\\^`\x7f-\uffff]")


def safe_link(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) address, with every character that could end it early in Markdown,
    HTML or mrkdwn percent-encoded; None otherwise (it is then shown as text, never linked)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return _URL_UNSAFE.sub(lambda m: quote(m.group(), safe=""), url)


# -- one review's block ----------------------------------------------------------------------------------------
@dataclass
class Source:
    """One publication about the review: what it is, when, and its links."""

    title: str
    kind: str  # agenda_item | press_release | …
    when: str  # "Meeting: 25 July 2019, Scrutiny Panel" / "Published: 2 May 2019"
    url: str
    documents: list[tuple[str, str]] = field(default_factory=list)  # (title, url) of its PDFs


@dataclass
class Block:
    key: str
    section: str
    council: str  # name (region)
    council_slug: str
    review_type: str
    stage: str
    fieldwork: str | None
    judgements: list[dict]
    sources: list[Source]
    why: str  # the rule that fired
    quote: str | None  # the sentence naming this review
    alerts: list[dict]

    @property
    def headline(self) -> dict | None:
        return headline(self.judgements)

    @property
    def rank(self) -> tuple:
        stage_rank = STAGE_RANK.get(self.stage, 2)
        if self.stage == "outcome" and graded(self.judgements):
            stage_rank = 0
        return (stage_rank, self.council.lower(), self.review_type)

    @property
    def shown_judgements(self) -> list[dict]:
        return [] if self.review_type in PEER_REVIEWS else graded(self.judgements)


def when_words(a: dict) -> tuple[str, str]:
    d = long_date(a.get("published_date"))
    if a.get("kind") == "agenda_item":
        return "Meeting", ", ".join(filter(None, [d or "date not stated", clean_text(a.get("published_where"))]))
    return "Published", d or "date not stated"


def council_words(a: dict) -> str:
    name = clean_text(a.get("council_name") or a.get("council")) or ""
    return f"{name} ({a['region']})" if a.get("region") else name


_TYPE_KEYS = {
    "lga_peer_challenge": ["peer_review"],
    "other_peer_review": ["peer_review"],
    "lga_corporate_peer_challenge": ["lga_corporate_peer_challenge", "peer_review"],
}


def names_review(sentence: str, review_type: str | None) -> bool:
    """Whether the sentence names a review of this type (the words the classifier knows it by)."""
    keys = _TYPE_KEYS.get(review_type or "", [review_type or ""])
    return any(TYPE_PATTERNS[k].search(sentence) for k in keys if k in TYPE_PATTERNS)


def choose_quote(alerts: list[dict], review_type: str) -> str | None:
    """The sentence that names this review, preferring one that is not the title again; None if none does."""
    titles = {" ".join((a.get("title") or "").split()) for a in alerts}
    sentences = [e for a in alerts for e in (a.get("evidence") or []) if e and e.strip()]
    naming = [s for s in sentences if names_review(s, review_type)]
    for s in naming:
        if " ".join(s.split()) not in titles:
            return cut_on_word(s)
    return None


def rule_words(a: dict) -> str:
    return (a.get("reason") or "").split(":", 1)[0].strip() or "matched the review rules"


def source_of(a: dict) -> Source:
    label, when = when_words(a)
    docs = [
        (cut_on_word(d.get("title") or "document", 120), d["url"])
        for d in a.get("documents") or []
        if safe_link(d.get("url"))
    ]
    return Source(
        cut_on_word(a.get("title") or "(untitled)", 300),
        a.get("kind") or "",
        f"{label}: {when}",
        a.get("url") or "",
        docs,
    )


SECTION_ORDER = {name: i for i, (name, _, _) in enumerate(SECTIONS)}


def blocks_of(alerts: list[dict]) -> list[Block]:
    """One block per review (an alert with no review record is a block of its own), most important first."""
    groups: dict[str, list[dict]] = {}
    for a in alerts:
        groups.setdefault(a.get("review_id") or f"alert:{a.get('key') or a.get('url')}", []).append(a)
    blocks = []
    for key, group in groups.items():
        group.sort(key=lambda a: (a.get("kind") != "agenda_item", str(a.get("published_date") or ""), a.get("url")))
        first = group[0]
        review_type = first.get("review_type") or ""
        stage = min((a.get("stage") or "" for a in group), key=lambda s: STAGE_RANK.get(s, 2))
        section = min((a.get("section", "new") for a in group), key=lambda s: SECTION_ORDER.get(s, 9))
        judgements = next((a["judgements"] for a in group if a.get("judgements")), [])
        blocks.append(
            Block(
                key,
                section,
                council_words(first),
                first.get("council") or "",
                review_type,
                stage,
                fieldwork_words(first),
                judgements,
                [source_of(a) for a in group],
                rule_words(first),
                choose_quote(group, review_type),
                group,
            )
        )
    return sorted(blocks, key=lambda b: (SECTION_ORDER.get(b.section, 9), b.rank))


# -- the footer ----------------------------------------------------------------------------------------------
@dataclass
class RunFacts:
    """What the footer says about the run that sent the digest."""

    ran_at: datetime | None = None
    councils: int | None = None
    failed: list[str] = field(default_factory=list)  # "Eastmoor: ModernGov site failed 3 nights …"
    period: str | None = None  # "the week to 6 December 2026" for a weekly summary

    def lines(self) -> list[str]:
        ran = self.ran_at or datetime.now(UTC)
        out = [
            f"Run of {long_date(ran)} at {ran:%H:%M} UTC"
            + (f", {self.councils} councils read" if self.councils is not None else "")
            + (f"; covering {self.period}" if self.period else "")
            + "."
        ]
        out.append(
            f"{len(self.failed)} source(s) need attention: " + "; ".join(self.failed) + "."
            if self.failed
            else "Every council's sites answered."
        )
        out.append(
            "To change where these go or filter them: PEERWATCH_NOTIFY or a channels file (PEERWATCH_CHANNELS); "
            "`peerwatch notify --test` checks each channel. PEERWATCH_DIGEST=each-run|daily|weekly sets how "
            "often."
        )
        return out


# -- escaping per format ------------------------------------------------------------------------------------------
def esc_html(text: str | None) -> str:
    return html.escape(clean_text(text) or "", quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~!])")


def esc_markdown(text: str | None) -> str:
    """Text as Markdown shows it literally, and as the HTML Markdown becomes shows it literally too: Markdown's
    punctuation backslash-escaped, &, < and > as entities (raw HTML in Markdown would pass straight through)."""
    text = " ".join((clean_text(text) or "").split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_slack(text: str | None) -> str:
    """Slack mrkdwn: &, < and > are the only characters it asks to escape (as entities)."""
    text = " ".join((clean_text(text) or "").split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_link(text: str, url: str | None) -> str:
    link = safe_link(url)
    return f"[{esc_markdown(text)}]({link})" if link else esc_markdown(text)


def slack_link(text: str, url: str | None) -> str:
    link = safe_link(url)
    return f"<{link}|{esc_slack(text).replace('|', '¦')}>" if link else esc_slack(text)


# -- the digest -------------------------------------------------------------------------------------------------
@dataclass
class Digest:
    alerts: list[dict]
    heading: str = "PeerWatch"
    facts: RunFacts | None = None

    def __post_init__(self):
        self.blocks = blocks_of(self.alerts)

    @property
    def subject(self) -> str:
        counts: dict[str, int] = {}
        for b in self.blocks:
            counts[short_type(b.review_type)] = counts.get(short_type(b.review_type), 0) + 1
        by_type = ", ".join(f"{n} {t}" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        extra = [
            f"{n} {w}"
            for s, w in (("archive", "from the archive"), ("worth_a_look", "worth a look"))
            if (n := sum(1 for b in self.blocks if b.section == s))
        ]
        n, m = len(self.blocks), len(self.alerts)
        head = f"{self.heading}: {n} review{'s' if n != 1 else ''} in {m} publication{'s' if m != 1 else ''}"
        return clean_text(f"{head} — {by_type}" + (f" ({'; '.join(extra)})" if extra else ""))

    def sections(self) -> list[tuple[str, list[Block]]]:
        """(heading, blocks) of each section that has blocks, in reading order."""
        out = []
        for name, title, explanation in SECTIONS:
            blocks = [b for b in self.blocks if b.section == name]
            if blocks:
                out.append((f"{title} ({len(blocks)})" + (f": {explanation}" if explanation else ""), blocks))
        return out

    def footer(self) -> list[str]:
        return (self.facts or RunFacts()).lines()

    # -- plain text --
    def text(self) -> str:
        out = [self.subject, ""]
        out += ["Summary"] + [f"  {row}" for row in _summary_rows_text(self.blocks)] + [""]
        for title, blocks in self.sections():
            out += [title, "=" * min(len(title), 72), ""]
            for b in blocks:
                out += [f"{b.council}: {review_type_words(b.review_type)}"]
                out += [f"  {k}: {v}" for k, v in _fields(b)]
                for j in b.shown_judgements:
                    out.append(f"    {grade_line(j)}")
                for s in b.sources:
                    out += [f"  - {clean_text(s.title)} ({s.when})", f"    {s.url}"]
                    for t, u in s.documents:
                        out += [f"    PDF: {clean_text(t)}", f"      {u}"]
                out += [f"  Why flagged: {_why_text(b)}", ""]
        out += ["--"] + self.footer()
        return "\n".join(out).rstrip() + "\n"

    # -- Markdown (chat, and services Apprise renders to HTML) --
    def markdown(self) -> str:
        out = [f"**{esc_markdown(self.subject)}**", ""]
        out += ["| Council | Review | Stage | Grade |", "|---|---|---|---|"]
        out += [
            f"| {esc_markdown(b.council)} | {esc_markdown(short_type(b.review_type))} | "
            f"{esc_markdown(STAGES.get(b.stage, words(b.stage)))} | {esc_markdown(_headline_words(b))} |"
            for b in self.blocks
        ]
        out.append("")
        for title, blocks in self.sections():
            out += [f"**{esc_markdown(title)}**", ""]
            for b in blocks:
                out.append(f"**{esc_markdown(b.council)}**: {esc_markdown(review_type_words(b.review_type))}  ")
                out += [f"{esc_markdown(k)}: {esc_markdown(v)}  " for k, v in _fields(b)]
                if b.shown_judgements:
                    out.append(
                        "Judgements: " + esc_markdown("; ".join(grade_line(j) for j in b.shown_judgements)) + "  "
                    )
                for s in b.sources:
                    pdfs = "".join(f" · {md_link('PDF: ' + t, u)}" for t, u in s.documents)
                    out.append(f"• {md_link(s.title, s.url)} ({esc_markdown(s.when)}){pdfs}  ")
                out += [f"Why flagged: {esc_markdown(_why_text(b))}", ""]
        out += ["---"] + [esc_markdown(line) + "  " for line in self.footer()]
        return "\n".join(out).rstrip() + "\n"

    # -- Slack mrkdwn --
    def slack(self) -> str:
        out = [f"*{esc_slack(self.subject)}*", ""]
        out += [
            f"• {esc_slack(b.council)}: {esc_slack(short_type(b.review_type))}, "
            f"{esc_slack(STAGES.get(b.stage, words(b.stage)))}"
            + (f", *{esc_slack(_headline_words(b))}*" if b.headline else "")
            for b in self.blocks
        ]
        out.append("")
        for title, blocks in self.sections():
            out += [f"*{esc_slack(title)}*", ""]
            for b in blocks:
                out.append(f"*{esc_slack(b.council)}*: {esc_slack(review_type_words(b.review_type))}")
                out += [f"{esc_slack(k)}: {esc_slack(v)}" for k, v in _fields(b)]
                if b.shown_judgements:
                    out.append("Judgements: " + esc_slack("; ".join(grade_line(j) for j in b.shown_judgements)))
                for s in b.sources:
                    pdfs = "".join(f" · {slack_link('PDF: ' + t, u)}" for t, u in s.documents)
                    out.append(f"• {slack_link(s.title, s.url)} ({esc_slack(s.when)}){pdfs}")
                out += [f"Why flagged: {esc_slack(_why_text(b))}", ""]
        out += ["—"] + [esc_slack(line) for line in self.footer()]
        return "\n".join(out).rstrip() + "\n"

    def payload(self) -> dict:
        """For a JSON webhook: Apprise's own fields (title, message, type), one object per alert, and the blocks."""
        return {
            "version": "1.0",
            "title": self.subject,
            "message": self.text(),
            "type": "info",
            "alerts": [alert_object(a) for a in self.alerts],
            "reviews": [block_object(b) for b in self.blocks],
            "footer": self.footer(),
        }


def why_words(a: dict) -> str:
    quote = choose_quote([a], a.get("review_type") or "")
    if quote is None:
        quote = next((cut_on_word(e) for e in (a.get("evidence") or []) if e and e.strip()), None)
    return rule_words(a) + (f": “{quote}”" if quote else "")


def alert_object(a: dict) -> dict:
    """Every field of an alert, dates as ISO 8601, codes with their words beside them."""
    iso = lambda v: v.isoformat() if isinstance(v, (date, datetime)) else v
    when_label, when = when_words(a)
    return {
        "key": a.get("key"),
        "url": a.get("url"),
        "council": a.get("council"),
        "council_name": clean_text(a.get("council_name")),
        "region": a.get("region"),
        "title": clean_text(a.get("title")),
        "review_type": a.get("review_type"),
        "review_type_words": review_type_words(a.get("review_type")),
        "stage": a.get("stage"),
        "section": a.get("section", "new"),
        "tier": a.get("tier", "alert"),
        "kind": a.get("kind"),
        "published_date": iso(a.get("published_date")),
        "published_where": a.get("published_where"),
        "fieldwork_start": iso(a.get("fieldwork_start")),
        "fieldwork_end": iso(a.get("fieldwork_end")),
        "fieldwork_precision": a.get("fieldwork_precision"),
        "fieldwork_raw": clean_text(a.get("fieldwork_raw")),
        "judgements": a.get("judgements") or [],
        "why_flagged": why_words(a),
        "evidence": [clean_text(e) for e in a.get("evidence") or []],
        "found_at": iso(a.get("created_at")),
    }


def block_object(b: Block) -> dict:
    return {
        "council": b.council_slug,
        "council_words": b.council,
        "review_type": b.review_type,
        "review_type_words": review_type_words(b.review_type),
        "stage": b.stage,
        "section": b.section,
        "headline_grade": (b.headline or {}).get("grade"),
        "fieldwork": b.fieldwork,
        "judgements": [{"area": j["area"], "grade": j["grade"]} for j in b.shown_judgements],
        "why_flagged": _why_text(b),
        "publications": [
            {
                "title": s.title,
                "kind": s.kind,
                "when": s.when,
                "url": safe_link(s.url),
                "documents": [{"title": t, "url": safe_link(u)} for t, u in s.documents],
            }
            for s in b.sources
        ],
        "alert_keys": [a.get("key") for a in b.alerts],
    }


def _headline_words(b: Block) -> str:
    h = b.headline
    if h:
        return sentence_case(h["grade"])
    return "no grades (peer review)" if b.review_type in PEER_REVIEWS else "-"


def _fields(b: Block) -> list[tuple[str, str]]:
    fields = [("Stage", STAGES.get(b.stage, words(b.stage))), ("Fieldwork", b.fieldwork)]
    return [(k, clean_text(v)) for k, v in fields if v]


def _why_text(b: Block) -> str:
    return b.why + (f": “{b.quote}”" if b.quote else "")


def _summary_rows_text(blocks: list[Block]) -> list[str]:
    rows = [
        (b.council, short_type(b.review_type), STAGES.get(b.stage, words(b.stage)), _headline_words(b)) for b in blocks
    ]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(("Council", "Review", "Stage", "Grade"))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    return [line(("Council", "Review", "Stage", "Grade"))] + [line(r) for r in rows]
