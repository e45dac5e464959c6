"""Structured review records out of a classified publication: dates, judgements, findings, team."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from transforms.classify import (
    OFSTED_TYPES,
    PEER_TYPES,
    TYPE_PATTERNS,
    Classification,
    classify,
    plain_inspection,
    service_area_of,
    split_sentences,
)
from transforms.clean import plain_punctuation
from transforms.dates import (
    DAYS_WITHOUT_MONTH_RE,
    DateRange,
    could_hold_a_date,
    find_days_of_a_month_told_before,
    find_month_mentions,
    find_period_from_ends,
    find_ranges,
    find_single_dates,
)
from transforms.dates import clean as clean_dates
from transforms.judgement_tables import TableJudgement, own_judgements, read_tables
from transforms.judgements import (
    ILACS_AREAS,
    SIF_AREAS,
    judgements_from_rows,
    judgements_from_text,
    send_outcome,
    written_statement_of_action,
)
from transforms.prefilter import Screened, ScreenedUnion, fold
from transforms.vocabulary.dates import on_own_dates_line
from transforms.vocabulary.fieldwork import (
    AHEAD,
    EARLIER_REVIEW,
    FOLLOW_UP,
    OFSTED_CUE,
    OTHER_EVENT,
    PEER_CUE,
    THIS_EVENT,
    VISIT_BEFORE,
    WEEK_OF,
)
from transforms.vocabulary.findings import FINDING_LEADS as _FINDING_LEAD_ROWS
from transforms.vocabulary.findings import NO_RECOMMENDATIONS

# Asked of every sentence of a long report: searched branch by branch, each only where its words are.
_OFSTED_CUE, _PEER_CUE = (ScreenedUnion([cue.pattern], cue.flags) for cue in (OFSTED_CUE, PEER_CUE))
_LEAD_SCREENS = [Screened.of(pattern.pattern, pattern.flags) for _, pattern, _ in _FINDING_LEAD_ROWS]
AREAS_FOR_CONSIDERATION = Screened.of(r"areas? for (?:further )?consideration (?:included|include|were|such as)")
STRENGTHS_FOLLOW = Screened.of(r"(?:number of|identified|following) strengths|strengths (?:were|include)")

UNGRADED = {"ofsted_focused_visit", "ofsted_monitoring_visit", "jtai"} | PEER_TYPES

# The findings headings (`transforms/vocabulary/findings.py`) without their examples: (kind, pattern).
FINDING_LEADS = [(kind, pattern) for kind, pattern, _ in _FINDING_LEAD_ROWS]
TEAM_MEMBER = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-zA-Z'\-]+){1,2})\s*\((?P<role>[^()]{3,140})\)\s*"
    r"(?P<org>(?:[A-Z][\w'&\-]*|and|of|upon|&)(?:\s+(?:[A-Z][\w'&\-]*|and|of|upon|&))*\s+(?:Council|Borough|Authority|Trust))?"
)


@dataclass(frozen=True)
class Source:
    """Where a judgement or date was read: the document (1-based among the publication's documents; 0 for its
    title or body), the page (1-based, by form feeds) and the raw line(s) as extracted."""

    document: int
    page: int | None
    line: str


@dataclass
class ReviewRecord:
    council: str
    review_type: str
    service_area: str | None
    stage: str
    fieldwork: DateRange | None
    reported_date: date | None
    reported_where: str
    judgements: list[tuple[str, str, str]] = field(default_factory=list)  # (area, grade, raw)
    findings: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    team: list[tuple[str, str, str]] = field(default_factory=list)  # (name, role, organisation)
    evidence: list[str] = field(default_factory=list)
    judgement_sources: dict[str, Source] = field(default_factory=dict)  # area -> where its grade was read
    fieldwork_source: Source | None = None


def normalise_grade(raw: str) -> str:
    t = raw.lower()
    if "improvement" in t or t.strip() == "ri":
        return "requires_improvement"
    for grade in ("outstanding", "good", "inadequate"):
        if grade in t:
            return grade
    return "not_judged"


def review_id_for(council: str, review_type: str, anchor: str) -> str:
    return hashlib.sha1(f"{council}|{review_type}|{anchor}".encode()).hexdigest()[:16]


# -- dates (the words that tell this visit from other events: `transforms/vocabulary/fieldwork.py`) ---------


@dataclass
class _Candidate:
    found: DateRange
    kind: int  # 0 a day range, 1 a single dated visit, 2 a month
    place: int  # 0 a sentence naming the review, 1 a nearby sentence with a cue
    sentence: int
    other_event: bool
    follow_up: bool
    own_line: bool = False  # on the inspection's own dates line ("Inspection dates: …")


def fieldwork_for(
    review_type: str, sentences: list[str], context: date | None, other_types: set[str], stage: str | None = None
) -> DateRange | None:
    """The review's own dates: day ranges before single dated visits ("returned on 24 March 2023") before months;
    sentences naming the review before nearby ones with a cue. Dates of other events lose to it whatever their
    form: the previous inspection, the original review (when this is a follow-up), the publication. A month loses
    to a day range inside it ("24-27 April 2018" over "in April 2018"); a week inside a longer period loses to
    the period. A single date counts only beside a visiting verb, so a publication date is not taken for it."""
    own = [i for i, s in enumerate(sentences) if _mentions_type(s, review_type)]
    peer = review_type not in OFSTED_TYPES
    nearby = [
        i
        for i, s in enumerate(sentences)
        if i not in own and _has_cue(s, peer) and not any(_mentions_type(s, t) for t in other_types)
    ]
    # A follow-up (a progress review, a SEND revisit) is dated by its own visit, not the original review's.
    follow_up_wanted = stage == "progress_review" or bool(sentences and FOLLOW_UP.search(sentences[0]))
    candidates: list[_Candidate] = []
    for place, indexes in ((0, own), (1, nearby)):
        for i in indexes:
            sentence = clean_dates(sentences[i])
            if not could_hold_a_date(sentence):
                continue  # no digit and no month: nothing below can find a date in it
            ahead = bool(AHEAD.search(sentence))
            found = [(r, 0) for r in find_ranges(sentence, context, ahead)]
            if DAYS_WITHOUT_MONTH_RE.search(sentence):  # rare: read the sentences before only then
                before = " ".join(clean_dates(x) for x in sentences[max(0, i - 2) : i])
                found += [(r, 0) for r in find_days_of_a_month_told_before(before, sentence, context, ahead)]
            found += [(d, 1) for d in find_single_dates(sentence) if VISIT_BEFORE.search(sentence[: d.span[0]][-60:])]
            found += [(m, 2) for m in find_month_mentions(sentence, context, ahead)]
            for r, kind in found:
                candidates.append(
                    _Candidate(
                        r,
                        kind,
                        place,
                        i,
                        _other_event(sentence, r, follow_up_wanted),
                        bool(FOLLOW_UP.search(sentence)),
                        kind == 0 and on_own_dates_line(sentence[: r.span[0]]),
                    )
                )
    joined = sorted(own + nearby)
    # A period pieced together from a start and an end told apart is a last resort: any range written out (other
    # than a week inside it) is better evidence.
    written_out = any(c.kind == 0 and not c.other_event and not WEEK_OF.match(c.found.raw) for c in candidates)
    if joined and not written_out:
        text = " ".join(clean_dates(sentences[i]) for i in joined)
        period = find_period_from_ends(text, context, bool(AHEAD.search(text)))
        if period:
            candidates.append(_Candidate(period, 0, 0, joined[0], False, False))
    # Another event's single date or month is never the fieldwork; its day range is kept as a last resort (a range
    # is rarely anything but a visit).
    candidates = [c for c in candidates if not (c.other_event and c.kind > 0)]
    if not candidates:
        return None
    days = [c.found for c in candidates if c.kind < 2 and c.found.resolved and not c.other_event]

    def inside_another(c: _Candidate) -> bool:
        r = c.found
        if not r.resolved:
            return False
        if c.kind == 2:
            return any(r.start <= d.start and d.end <= r.end for d in days)
        return any(
            d is not r and d.start <= r.start and r.end <= d.end and (d.start, d.end) != (r.start, r.end) for d in days
        )

    order = {(0, 0): 0, (0, 1): 1, (1, 0): 2, (2, 0): 3, (1, 1): 4, (2, 1): 5}
    best = min(
        candidates,
        key=lambda c: (
            c.other_event,
            not c.own_line,
            follow_up_wanted and not c.follow_up,
            inside_another(c),
            order[(c.kind, c.place)],
            c.sentence,
            c.found.span,
        ),
    )
    return best.found


@lru_cache(maxsize=8192)  # asked of every sentence once for each review type the publication names
def _has_cue(sentence: str, peer: bool) -> bool:
    """Words that tell a sentence is about a visit: an inspection's (`OFSTED_CUE`) or a peer review's."""
    return bool((_PEER_CUE if peer else _OFSTED_CUE).search(sentence))


def _other_event(sentence: str, found: DateRange, follow_up_wanted: bool) -> bool:
    before = sentence[max(0, found.span[0] - 90) : found.span[0]]
    other = list(OTHER_EVENT.finditer(before))
    if follow_up_wanted:
        other += list(EARLIER_REVIEW.finditer(before))
    if not other:
        return False
    last_other = max(m.end() for m in other)
    # "agreed following the LGA peer challenge held in October": the date belongs to what follows the other word
    told = before[last_other:] + sentence[found.span[0] : found.span[1] + 40]
    return not THIS_EVENT.search(told)


@lru_cache(maxsize=65536)  # asked for every sentence, type and date pool; long documents repeat it thousands of times
def _mentions_type(sentence: str, review_type: str) -> bool:
    if review_type in PEER_TYPES:
        return bool(TYPE_PATTERNS["peer_review"].search(sentence)) or (
            review_type == "lga_corporate_peer_challenge" and bool(TYPE_PATTERNS[review_type].search(sentence))
        )
    pattern = TYPE_PATTERNS.get(review_type)
    if review_type in ("ofsted_ilacs", "ofsted_sif") and plain_inspection(sentence):
        return True
    return bool(pattern and pattern.search(sentence))


# -- judgements -----------------------------------------------------------------------------
PASSAGE_LENGTH = 4


def passage_about(review_type: str, sentences: list[str], other_types: set[str]) -> list[str]:
    """The sentences naming the review and the few after each, up to one naming another review."""
    keep: set[int] = set()
    for i, sentence in enumerate(sentences):
        if not _mentions_type(sentence, review_type):
            continue
        keep.add(i)
        for j in range(i + 1, min(len(sentences), i + 1 + PASSAGE_LENGTH)):
            if any(_mentions_type(sentences[j], t) for t in other_types):
                break
            keep.add(j)
    return [sentences[i] for i in sorted(keep)]


def report_tables(documents: list[tuple[str, str]]) -> list[tuple[int, TableJudgement]]:
    """Judgement table rows and statements of each document (1-based index): from its positional rows where the
    layout pass read it, else from its text lines."""
    out = []
    for number, (text, layout) in enumerate(documents, start=1):
        rows = read_tables(layout) if layout else []
        if len(rows) < 2:
            rows = read_tables(text)
        out += [(number, row) for row in rows]
    return out


def table_judgements(
    review_type: str, tables: list[tuple[int, TableJudgement]]
) -> tuple[list[tuple[str, str, str]], dict[str, Source]]:
    """The framework's own judgements from the first document whose tables give at least two of them."""
    for number in sorted({n for n, _ in tables}):
        own = own_judgements([row for n, row in tables if n == number], review_type)
        if len(own) >= 2:
            return (
                [(row.area, row.grade, row.raw) for row in own],
                {row.area: Source(number, row.page, row.raw) for row in own},
            )
    return [], {}


def inspection_judgements(
    review_type: str, sentences: list[str], layout: str, tables: str, fieldwork: DateRange | None
) -> list[tuple[str, str, str]]:
    """Graded inspections: a table read by position first (`layout_text`), else the text (transforms/judgements.py).
    A peer review told in the same text is not the inspection: its sentences are left out for the SIF, whose
    areas (adoption, care leavers…) a peer review also talks about."""
    areas = ILACS_AREAS if review_type == "ofsted_ilacs" else SIF_AREAS
    if review_type == "ofsted_sif":
        sentences = [s for s in sentences if not PEER_CUE.search(s) or re.search(r"ofsted|inspector", s, re.I)]
    year = fieldwork.start.year if fieldwork and fieldwork.start else None
    return judgements_from_rows(layout, areas) or judgements_from_text(sentences, areas, year, tables)


# -- findings and team ----------------------------------------------------------------------------
def findings_from(text: str, sentences: list[str] | None = None) -> list[tuple[str, str]]:
    """Lists under a lead ("Key findings included:", a "What needs to improve" slide), then prose findings.
    `sentences`: the text's sentences (`split_sentences(text)`), when the caller has them already."""
    sentences = split_sentences(text) if sentences is None else sentences
    findings: list[tuple[str, str]] = []
    current: str | None = None
    saw_bullet = False
    for raw_line in re.sub(r"\(cid:\d+\)", "•", text).splitlines():
        line = raw_line.strip()
        if not line:
            continue
        is_bullet = line.startswith(("•", "-", "–", "·"))
        item = line.lstrip("•-–· ").strip()
        lead = _lead_kind(line)
        heading = len(line) < 40 and not line.endswith((".", ",")) and not is_bullet
        if lead and (line.endswith(":") or heading):
            current, saw_bullet = lead, False
            continue
        if current is None:
            continue
        if (
            heading
            and not is_bullet
            and findings
            and findings[-1][0] == current
            and line[0].isupper()
            and len(line) < 25
        ):
            current = None  # the next slide title or section heading ends the list
            continue
        if re.match(r"^\d+(\.\d+)*\.?\s", line) or line.endswith(":"):
            current = None
            continue
        if item[:1].islower() and findings and findings[-1][0] == current:
            findings[-1] = (current, f"{findings[-1][1]} {item}")  # a wrapped line continues the item
            continue
        if saw_bullet and not is_bullet:
            current = None  # a bulleted list ends at the first plain paragraph
            continue
        saw_bullet = saw_bullet or is_bullet
        if current == "recommendation" and item.lower().startswith("that "):
            continue  # the report's own recommendation to the committee, not the review's
        if len(item) > 12:
            findings.append((current, item))
    for sentence in sentences:
        if NO_RECOMMENDATIONS.search(sentence):
            findings.append(("no_recommendations", sentence))
    findings += _prose_findings(sentences)
    seen, out = set(), []
    for f in findings:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def _lead_kind(line: str) -> str | None:
    folded = fold(line)  # the last sentence is part of the line: without a lead's words in the line, no lead
    if not any(screen.could_match(folded) for screen in _LEAD_SCREENS):
        return None
    last_sentence = re.split(r"(?<=[.!?])\s+", line)[-1]
    for kind, pattern in FINDING_LEADS:
        if pattern.search(last_sentence):
            return kind
    return None


def _prose_findings(sentences: list[str]) -> list[tuple[str, str]]:
    """Minutes report findings as prose: sentences after "a number of strengths", and the areas for consideration."""
    out = []
    current = None
    for sentence in sentences:
        if sentence.startswith("•"):
            current = None
            continue
        if AREAS_FOR_CONSIDERATION.search(sentence) and not sentence.rstrip().endswith(":"):
            out.append(("area_for_consideration", sentence))
            current = None
            continue
        if STRENGTHS_FOLLOW.search(sentence) and not sentence.rstrip().endswith(":"):
            current = "strength"
            continue
        if current == "strength":
            if len(out) > 12 or not re.search(r"\b(?:was|were|is|are|had|has)\b", sentence):
                current = None
                continue
            out.append(("strength", sentence))
    return out


def team_from(text: str) -> list[tuple[str, str, str]]:
    flat = " ".join(re.sub(r"\(cid:\d+\)", " ", text).split())
    m = re.search(r"(?:peer )?(?:review |challenge )?team (?:was|were|comprised|consisted)[^:]*:", flat, re.I)
    if not m:
        return []
    section = flat[m.end() : m.end() + 1500]
    stop = re.search(r"\s\d+\.\d+\s", section)
    section = section[: stop.start()] if stop else section
    members = []
    for mm in TEAM_MEMBER.finditer(section):
        role = mm.group("role").strip()
        org = (mm.group("org") or "").strip()
        if not org:
            parts = [p.strip() for p in role.split(",")]
            if len(parts) > 1 and re.fullmatch(r"LGA|Local Government Association|.*Council", parts[-1]):
                org, role = parts[-1], ", ".join(parts[:-1])
            elif "LGA" in role or "Local Government Association" in role:
                org = "LGA"
        members.append((mm.group("name"), role, org))
    return members


# -- assembly ----------------------------------------------------------------------------------------
def extract_reviews(
    council: str,
    classification: Classification,
    title: str,
    body: str,
    documents: list[tuple[str, str]],
    reported_date: date | None,
    reported_where: str,
) -> list[ReviewRecord]:
    """documents: (text, layout_text) of each attached document."""
    if not classification.is_review:
        return []
    title, body = plain_punctuation(title), plain_punctuation(body)
    documents = [(plain_punctuation(text), plain_punctuation(layout)) for text, layout in documents]
    texts = [title, body] + [d[0] for d in documents]
    whole = "\n\n".join(t for t in texts if t)
    sentences = split_sentences(whole)
    layout = "\n".join(d[1] for d in documents if d[1])
    tables = "\n\n".join(t for t in [body] + [d[0] for d in documents] if t)
    records = []
    types = classification.review_types
    report_rows = report_tables(documents) if {"ofsted_ilacs", "ofsted_sif"} & set(types) else []
    for review_type in types:
        others = set(types) - {review_type}
        record = ReviewRecord(
            council=council,
            review_type=review_type,
            service_area=classification.service_area
            if review_type == classification.primary_type
            else service_area_of([s for s in sentences if _mentions_type(s, review_type)], review_type),
            stage=classification.stage or "outcome",
            fieldwork=fieldwork_for(review_type, sentences, reported_date, others, classification.stage),
            reported_date=reported_date,
            reported_where=reported_where,
            evidence=[s for s in sentences if _mentions_type(s, review_type)][:3],
        )
        primary = review_type == classification.primary_type
        # A review named beside the main one (the previous inspection, a peer review's background) is graded only
        # from the passage about it, so it does not take the main review's grades.
        told = sentences if primary else passage_about(review_type, sentences, others)
        if review_type in ("ofsted_ilacs", "ofsted_sif"):
            record.judgements, record.judgement_sources = (
                table_judgements(review_type, report_rows) if primary else ([], {})
            )
            if not record.judgements:
                record.judgements = inspection_judgements(
                    review_type, told, layout if primary else "", tables if primary else "", record.fieldwork
                )
        elif review_type == "send_area_inspection":
            # the 2023 framework's outcome; else, under the 2016 framework, whether a written statement of action
            # was required (a revisit checks progress against one: not a finding of its own)
            record.judgements = send_outcome(told) or (
                written_statement_of_action(told) if record.stage != "progress_review" else []
            )
        elif review_type in UNGRADED:
            record.judgements = [("overall_effectiveness", "not_judged", "")]
        _locate_sources(record, title, body, documents)
        if review_type == classification.primary_type:
            record.findings = findings_from(whole, sentences)
            record.team = team_from(whole) if review_type in PEER_TYPES else []
        records.append(record)
    return records


def stored_judgements(record: ReviewRecord) -> list[tuple[str, str, str]]:
    """The judgements the warehouse keeps: a peer review grades nothing, so its "not judged" is not a row (a
    researcher counting judgements would count it); an ungraded Ofsted visit keeps its row, which says so."""
    if record.review_type in PEER_TYPES:
        return [j for j in record.judgements if j[1] != "not_judged"]
    return list(record.judgements)


def _locate_sources(record: ReviewRecord, title: str, body: str, documents: list[tuple[str, str]]) -> None:
    """Where each judgement not read from a table, and the fieldwork, were read (see `locate`)."""
    texts = [f"{title}\n\n{body}"] + [text for text, _ in documents]
    for area, _, raw in record.judgements:
        if area not in record.judgement_sources and raw:
            found = locate(raw, texts)
            if found:
                record.judgement_sources[area] = found
    if record.fieldwork is not None:
        record.fieldwork_source = locate(record.fieldwork.raw, texts)


def locate(raw: str, texts: list[str]) -> Source | None:
    """The first place `raw` (a quote whose spaces may have been collapsed) occurs: document, page and the line(s)
    it spans. texts[0] is the title and body, texts[1:] the documents."""
    words = raw.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words[:12]), re.I)
    for number, text in enumerate(texts):
        m = pattern.search(text)
        if m:
            start = text.rfind("\n", 0, m.start()) + 1
            ends = [i for i in (text.find("\n", m.end()), text.find("\f", m.end())) if i >= 0]
            line = text[start : min(ends) if ends else len(text)].replace("\f", " ").strip()
            page = text.count("\f", 0, m.start()) + 1 if number else None
            return Source(number, page, " / ".join(x.strip() for x in line.splitlines() if x.strip())[:300])
    return None


def classify_and_extract(
    council: str,
    title: str,
    body: str,
    documents: list[tuple[str, str]],
    reported_date: date | None,
    reported_where: str,
) -> tuple[Classification, list[ReviewRecord]]:
    """A publication's classification and review records from its (already cleaned) text. Here, not in flows/,
    so that a PDF worker running it (`TextExtractor.run_many`) never imports the flow's modules."""
    classification = classify(title, body, [d[0] for d in documents], published=reported_date)
    return classification, extract_reviews(
        council, classification, title, body, documents, reported_date, reported_where
    )
