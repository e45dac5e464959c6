"""Is a publication about a peer review or an inspection outcome? Read the whole thing, keep the evidence.

The decision is made on sentences from the title, the item text (description and minutes or the article) and
every attached document, read in *windows*: a sentence with its neighbours, plus the title over the whole body,
so "Ofsted inspected the council's children's services." followed by "Services were rated good." is one outcome.
A review counts only when the text says it *happened* here (a past event, a report received, a plan answering
it), not when it is explained, offered, counted nationally or still to come (then it is `announced`). Sentences carrying a hard-negative context (schools, children's homes, peer on peer abuse,
self-evaluations…) never count as evidence, and a whole publication of a kind that is never one council's review
(a Welsh inspectorate's report, recruitment copy, national statistics, an explainer or an offer page) is not an
alert however often it names a review.

What the words mean is written down once, in `transforms/vocabulary/phrases.py` (`PHRASES`): each row says which
phrase means what and why, with an example. This module only combines those meanings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from transforms.clean import plain_punctuation
from transforms.judgement_tables import inspection_report
from transforms.prefilter import WORDS, Screened, ScreenedUnion, any_match, fold, top_level_branches, words_of
from transforms.vocabulary import service_areas
from transforms.vocabulary.phrases import GRADE_RE, PHRASES


def _union(meaning: str) -> Screened:
    """Every phrase of one meaning as one case-insensitive pattern, screened by the words its matches need
    (`transforms/prefilter.py`): most sentences lack them, and the scan is skipped with the same answer."""
    return ScreenedUnion([p.pattern for p in PHRASES if p.meaning == meaning])


TYPE_NAMES = [
    "lga_corporate_peer_challenge",
    "ofsted_ilacs",
    "ofsted_sif",
    "ofsted_focused_visit",
    "ofsted_monitoring_visit",
    "jtai",
    "send_area_inspection",
    "peer_review",
]
TYPE_PATTERNS: dict[str, Screened] = {name: _union(f"type:{name}") for name in TYPE_NAMES}
NEGATIVE_CONTEXT = _union("negative")
SCHOOL_CONTEXT = _union("school")
ELSEWHERE = _union("elsewhere")
OWN_SERVICE = _union("own_service")
GENERIC = _union("generic")
STATS = _union("stats")
ONE_COUNCIL_OUTCOME = _union("one_council_outcome")
HAPPENED = _union("happened")
FUTURE_EVENT = _union("future")
REPORT_TITLE = _union("report_title")
FUTURE_TENSE = _union("future_tense")
RECRUITING_LEAD = _union("recruiting_lead")
ROUNDUP_TITLE = _union("roundup_title")
SEVERAL_COUNCILS_TITLE = _union("several_councils_title")
DOCUMENT_VETOES = {
    kind: _union(f"doc:{kind}") for kind in ("welsh", "other_body", "recruitment", "budget", "regulated", "explainer")
}
LGA = _union("run_by:lga")
REGIONAL = _union("run_by:regional")
OFSTED_WORD = _union("word:ofsted")
CHILDRENS_SERVICES = _union("word:childrens_services")
GRADE_GIVEN = _union("word:grade_given")
# rating words or a grade given (one union of both meanings' phrases, searched branch by branch)
PLAIN_OUTCOME = ScreenedUnion(
    [p.pattern for meaning in ("word:plain_outcome", "word:grade_given") for p in PHRASES if p.meaning == meaning]
)
RATING_WORD = _union("word:outcome_loose")
OUTCOME = _union("word:outcome_evidence")
SIF_HINT = _union("word:sif_only")
INADEQUATE_VISIT = _union("word:ofsted_visit")
EARLIER = _union("word:earlier")
ACTION_PLAN = _union("stage:action_plan")
PROGRESS = _union("stage:progress_review")
PLAN_PROGRESS = _union("stage:plan_progress")
PLAIN_INSPECTION = _union("plain_inspection")
PLAIN_RATING = _union("plain_rating")
REVIEW_NOUN = _union("word:review")
PUPILS_WITH_SEND = _union("school_send")
PLAN_PURPOSE = _union("stage:plan_purpose")
YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")

# The DfE's or NHS England's monitoring of a SEND plan: not Ofsted's monitoring visit.
SOMEONE_ELSES_MONITORING = Screened.of(
    r"(?:DfE|Department for Education|NHS England)\W+(?:[\w'-]+\W+){0,4}monitoring visit|"
    r"monitoring visits? (?:by|from|with) (?:the )?(?:DfE|Department for Education|NHS England)"
)

OFSTED_TYPES = {
    "ofsted_ilacs",
    "ofsted_sif",
    "ofsted_focused_visit",
    "ofsted_monitoring_visit",
    "jtai",
    "send_area_inspection",
}
PEER_TYPES = {"lga_peer_challenge", "lga_corporate_peer_challenge", "other_peer_review"}

SERVICE_AREAS = [(row.area, re.compile(row.pattern, re.I)) for row in service_areas.SERVICE_AREAS]  # first match wins
ILACS_START = date(2018, 1, 1)


def inspection_framework(published: date | None) -> str:
    return "ofsted_sif" if published and published < ILACS_START else "ofsted_ilacs"


@lru_cache(maxsize=4096)  # asked of each sentence by classification, then by extraction for each review type
def plain_inspection(sentence: str) -> bool:
    """One sentence naming an inspection of children's services, or an Ofsted outcome for them, in plain words."""
    if PLAIN_INSPECTION.search(sentence) or (PLAIN_RATING.search(sentence) and GRADE_RE.search(sentence)):
        return True
    return bool(OFSTED_WORD.search(sentence) and CHILDRENS_SERVICES.search(sentence) and PLAIN_OUTCOME.search(sentence))


ALERT_SERVICE_AREAS = {"childrens_social_care", "childrens_services", "safeguarding", "send", "corporate"}


@dataclass
class Classification:
    is_review: bool
    review_types: list[str] = field(default_factory=list)
    service_area: str | None = None
    stage: str | None = None
    in_alert_scope: bool = False
    rule: str = ""
    evidence: list[str] = field(default_factory=list)
    # Strong but incomplete signals (Ofsted or a peer review, children's services, an outcome word) with no
    # confident review: never also an alert; listed apart so that a researcher can glance at it.
    worth_a_look: bool = False
    look_reason: str = ""
    look_evidence: list[str] = field(default_factory=list)

    @property
    def primary_type(self) -> str | None:
        return self.review_types[0] if self.review_types else None

    @property
    def is_alert(self) -> bool:
        return self.is_review and self.in_alert_scope

    def reason(self) -> str:
        if not self.is_review:
            if self.worth_a_look:
                return f"worth a look: {self.look_reason}; " + " … ".join(
                    f"“{quote(e)}”" for e in self.look_evidence[:2]
                )
            return "not about a review"
        types = ", ".join(self.review_types)
        quoted = " … ".join(f"“{quote(e)}”" for e in self.evidence[:2])
        return f"{self.rule}: {types} ({self.stage}); {quoted}"


def quote(text: str, limit: int = 160) -> str:
    """A quotation cut on a word boundary, marked when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


# -- sentences and windows ------------------------------------------------------------------------------------------
# Every way of parting begins at a space or a line break: said first (`(?=\s)`), the regex engine looks only at those
# places, where it tried each way at every character (a third of the time it took to split a report).
SENTENCE_SPLIT = re.compile(
    r"(?=\s)(?:(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n{2,}|\n(?=\s*(?:[•*\-–]|\(cid:\d+\)|\d+\.\d+\s|[a-z]\)\s)))"
)
PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")


def split_sentences(text: str) -> list[str]:
    if "(cid:" in text:  # pdfminer's mark for a glyph it could not map: a bullet, most often
        text = re.sub(r"\(cid:\d+\)", "•", text)
    parts = SENTENCE_SPLIT.split(text)
    return [" ".join(p.split()) for p in parts if p and p.strip()]


@dataclass
class Sentence:
    text: str
    paragraph: int
    negative: bool


def _sentences_with_paragraphs(texts: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    paragraph = 0
    for text in texts:
        for block in PARAGRAPH_SPLIT.split(re.sub(r"\(cid:\d+\)", "•", text or "")):
            for s in split_sentences(block):
                out.append(Sentence(s, paragraph, _negative(s)))
            paragraph += 1
    return out


def _names_council_review(sentence: str) -> bool:
    sentence = PUPILS_WITH_SEND.sub(" ", sentence)
    return any(p.search(sentence) for n, p in TYPE_PATTERNS.items() if n not in ("ofsted_monitoring_visit",)) or bool(
        CHILDRENS_SERVICES.search(sentence)
        and not re.search(r"\bschools?\b[^.]{0,30}(?:inspect|Ofsted|rated|judged)", sentence, re.I)
    )


@lru_cache(maxsize=2048)
def _negative(sentence: str) -> bool:
    """Hard-negative context; a school named beside a council-level review (the Head of Schools presenting the SEND
    inspection) does not make the sentence about a school."""
    if NEGATIVE_CONTEXT.search(sentence):
        return True
    if ELSEWHERE.search(sentence) and not OWN_SERVICE.search(sentence):
        return True
    return bool(SCHOOL_CONTEXT.search(sentence)) and not _names_council_review(sentence)


def _window(sentences: list[Sentence], i: int, title: str) -> str:
    """The sentence, the sentences either side of it (a paragraph break does not end a thought in minutes) and the
    title, which governs the whole body."""
    near = [s.text for s in sentences[max(0, i - 1) : i + 2] if not s.negative]
    return " ".join([title, *near]) if title else " ".join(near)


# -- mentions ---------------------------------------------------------------------------------------------------------
def _peer_type(sentence: str, whole_text: str) -> str:
    if re.search(r"corporate", sentence, re.I):
        return "lga_corporate_peer_challenge"
    lga, regional = _who_runs_peer_reviews(whole_text)
    if REGIONAL.search(sentence) or (regional and not lga):
        return "other_peer_review"
    return "lga_peer_challenge" if lga else "other_peer_review"


@lru_cache(maxsize=16)
def _who_runs_peer_reviews(whole_text: str) -> tuple[bool, bool]:
    # Read once per publication, not once per sentence (a long report names its peer review hundreds of times).
    return bool(LGA.search(whole_text)), bool(REGIONAL.search(whole_text))


# The words any review type's pattern needs: most sentences hold none, and are asked once, not once per type.
_TYPE_WORDS = (
    None
    if any(p.words is None for p in TYPE_PATTERNS.values())
    else frozenset().union(*(p.words for p in TYPE_PATTERNS.values()))
)


@lru_cache(maxsize=2048)
def _pattern_hits(sentence: str) -> tuple[str, ...]:
    if _TYPE_WORDS is not None and _TYPE_WORDS.isdisjoint(WORDS.present(sentence)):
        return ()
    return tuple(name for name, pattern in TYPE_PATTERNS.items() if pattern.search(sentence))


def mentions(sentence: str, whole_text: str, framework: str = "ofsted_ilacs") -> set[str]:
    """Review types one sentence names (nothing in a hard-negative context)."""
    found = set()
    if _negative(sentence):
        return found
    for name in _pattern_hits(sentence):
        found.add(_peer_type(sentence, whole_text) if name == "peer_review" else name)
    if SOMEONE_ELSES_MONITORING.search(sentence):
        found.discard("ofsted_monitoring_visit")  # the DfE's monitoring of a SEND plan is not Ofsted's visit
    if (
        "send_area_inspection" in found
        and found & {"ofsted_focused_visit", "ofsted_monitoring_visit"}
        and not re.search(r"SEND[^.]{0,30}(?:monitoring|focus+ed)", sentence, re.I)
    ):
        # "the DfE monitoring visit" inside a SEND report is not an Ofsted monitoring visit
        found -= {"ofsted_focused_visit", "ofsted_monitoring_visit"}
    if INADEQUATE_VISIT.search(sentence) and re.search(r"inadequate", sentence, re.I):
        found.add("ofsted_monitoring_visit")  # Ofsted's visits to an 'inadequate' council are its monitoring visits
    if not found & OFSTED_TYPES and plain_inspection(sentence):
        found.add(framework)
    if "lga_corporate_peer_challenge" in found:
        found.discard("lga_peer_challenge")
        found.discard("other_peer_review")
    return found


def _explicit_types(sentence: str, whole: str) -> set[str]:
    """Types named outright (not inferred from plain words about an inspection)."""
    if _negative(sentence):
        return set()
    out = set()
    for name in _pattern_hits(sentence):
        out.add(_peer_type(sentence, whole) if name == "peer_review" else name)
    if "lga_corporate_peer_challenge" in out:
        out -= {"lga_peer_challenge", "other_peer_review"}
    return out


def _window_mentions(sentences: list[Sentence], i: int, title: str, whole: str, framework: str) -> set[str]:
    """Types the sentence's window supports beyond the sentence itself: an Ofsted outcome for children's services
    spread over neighbouring sentences or the title, and Ofsted's visits to an 'inadequate' council."""
    s = sentences[i]
    if s.negative:
        return set()
    found = set()
    if _two_plain_parts(s.text):
        near = [x.text for x in sentences[max(0, i - 1) : i + 2] if not x.negative] + ([title] if title else [])
        # A news story's opening sentence says whose service it is about, as a headline does; later paragraphs
        # say "the service" ("… into the council's children's social care." … "The watchdog rated the service …").
        near += [sentences[0].text] if sentences and not sentences[0].negative else []
        if all(any(part(x) for x in near) for part in PLAIN_PARTS):
            found.add(framework)
    if INADEQUATE_VISIT.search(s.text) and re.search(r"inadequate", _window(sentences, i, title), re.I):
        found.add("ofsted_monitoring_visit")
    return found


# Does the text name Ofsted (or its inspectors), a council's children's services, an outcome? Each asked apart
# (and remembered), so a sentence naming neither of the first two is never searched for an outcome.
@lru_cache(maxsize=2048)
def _names_ofsted(text: str) -> bool:
    return bool(OFSTED_WORD.search(text))


@lru_cache(maxsize=2048)
def _names_childrens_services(text: str) -> bool:
    return bool(CHILDRENS_SERVICES.search(text))


@lru_cache(maxsize=2048)
def _names_an_outcome(text: str) -> bool:
    return bool(PLAIN_OUTCOME.search(text))


PLAIN_PARTS = (_names_ofsted, _names_childrens_services, _names_an_outcome)


def _two_plain_parts(text: str) -> bool:
    """At least two of the three plain parts in one sentence."""
    named = _names_ofsted(text) + _names_childrens_services(text)
    return named == 2 or (named == 1 and _names_an_outcome(text))


@lru_cache(maxsize=2048)
def _specific(sentence: str) -> bool:
    """The sentence reports something that happened to one council, not reviews in general."""
    return bool(HAPPENED.search(sentence)) and not GENERIC.search(sentence) and not _future_only(sentence)


def _future_only(sentence: str) -> bool:
    return bool(FUTURE_EVENT.search(sentence) or FUTURE_TENSE.search(sentence)) and not re.search(
        r"\b(?:found|findings|outcome|judged|rated|took place|was carried out|feedback)\b", sentence, re.I
    )


# -- the publication as a whole --------------------------------------------------------------------------------------
class Veto(NamedTuple):
    reason: str
    hard: bool  # a hard veto is not even worth a look (another country's or body's inspection, a school, a budget)


def document_veto(title: str, sentences: list[Sentence], whole: str) -> Veto | None:
    """The kind of publication that is never one English council's review, or None."""
    lead = " ".join(s.text for s in sentences[:3] if s.paragraph == (sentences[0].paragraph if sentences else 0))
    if DOCUMENT_VETOES["welsh"].search(whole) and not re.search(r"\bOfsted\b", whole, re.I):
        return Veto("a Welsh inspectorate's report", True)
    named = any(_explicit_types(x, whole) for x in [title, lead])
    if (DOCUMENT_VETOES["other_body"].search(title) or DOCUMENT_VETOES["other_body"].search(lead)) and not named:
        return Veto("another inspectorate's or body's assessment", True)
    if DOCUMENT_VETOES["recruitment"].search(title) or RECRUITING_LEAD.search(lead):
        return Veto("recruitment copy", False)
    if DOCUMENT_VETOES["budget"].search(title) and not named:
        return Veto("budget monitoring", True)
    if DOCUMENT_VETOES["regulated"].search(title) and not any(
        _explicit_types(x, whole) for x in [title] + [s.text for s in sentences]
    ):
        return Veto("a school's, nursery's or regulated service's inspection", True)
    if _national_statistics(sentences):
        return Veto("national statistics naming many councils", False)
    if DOCUMENT_VETOES["explainer"].search(title) or re.search(r"\byour\b", title, re.I):
        return Veto("an explainer, guidance or announcement of a kind of review", False)
    # "Schools Forum - minutes": a meeting's minutes hold items of every kind, so its title vetoes nothing
    if (
        title
        and _negative(title)
        and not REPORT_TITLE.search(title)
        and not re.search(r"\b(?:minutes|agenda)\b", title, re.I)
    ):
        return Veto("a title in a hard-negative context (self-assessment, readiness, peer support…)", False)
    return None


def _national_statistics(sentences: list[Sentence]) -> bool:
    stats = sum(
        1
        for s in sentences
        if STATS.search(s.text)
        and (RATING_WORD.search(s.text) or re.search(r"\binspect", s.text, re.I))
        and re.search(r"councils|authorities|services|areas|inspections|reviews|departments", s.text, re.I)
    )
    single = any(ONE_COUNCIL_OUTCOME.search(s.text) for s in sentences)
    return stats >= 2 and not single


def could_mention_a_review(whole: str) -> bool:
    """False only if nothing in `whole` can make it a review or worth a look: no review pattern matches the text
    even with its sentences run together (splitting into sentences and windows can only take matches away), and
    Ofsted or a peer review never meets children's services or SEND. Most council papers stop here, so each
    pattern is searched only when the text holds a word every match of it needs (`transforms/prefilter.py`):
    the same answer as `could_mention_by_scanning`, without scanning a long report for every phrase."""
    text = _run_together(whole)
    folded = fold(text)
    present = _MENTION_WORDS.present_in_folded(folded)
    return any_match(_REVIEW_SCREENS, text, folded, present) or (
        any_match(_LOOK_REVIEW_SCREENS, text, folded, present)
        and any_match(_LOOK_CONTEXT_SCREENS, text, folded, present)
    )


def could_mention_by_scanning(whole: str) -> bool:
    """The definition `could_mention_a_review` must agree with: every pattern scanned over the whole text."""
    text = _run_together(whole)
    return (
        any(p.search(text) for p in TYPE_PATTERNS.values())
        or bool(PLAIN_INSPECTION.search(text))
        or bool(LOOK_REVIEW.search(text) and LOOK_CONTEXT.search(text))
    )


def _run_together(whole: str) -> str:
    if "(cid:" in whole:  # pdfminer's mark for a glyph it could not map (rare: a scan of the text spares a regex's)
        whole = re.sub(r"\(cid:\d+\)", "•", whole)
    return " ".join(whole.split())


def classify(
    title: str, body: str, documents: list[str] | None = None, published: date | None = None
) -> Classification:
    title, body = plain_punctuation(title), plain_punctuation(body)
    documents = [plain_punctuation(d) for d in documents or []]
    whole = "\n\n".join([title, body, *(documents or [])])
    if not could_mention_a_review(whole):
        return Classification(False, rule="no review mention outside hard-negative context")
    sentences = _sentences_with_paragraphs([body, *(documents or [])])  # the title is read apart, over all of them
    veto = document_veto(title, sentences, whole)
    # A document that is itself an inspection report (its first pages' judgement table) is a review of the
    # framework whose judgement names it uses, whatever else its long text quotes (a job advert, national figures).
    front = next((f for f in map(inspection_report, documents) if f), None)
    framework = front or _framework_of(title, sentences, published)
    roundup = bool(title and ROUNDUP_TITLE.search(title) and _review_word(title + " visits"))
    title_types = (
        mentions(title, whole, framework)
        if title and not _negative(title) and (roundup or not GENERIC.search(title))
        else set()
    )
    if not _ofsted_context(whole):
        title_types.discard("ofsted_monitoring_visit")
    found, explicit = _collect(sentences, title, whole, framework)
    explicit |= title_types
    for t in title_types:
        found.setdefault(t, [])
    _merge_generic_into_corporate(found, title_types)
    if veto and not (front and not veto.hard):
        return _maybe_worth_a_look(title, sentences, whole, f"not an alert: {veto.reason}", hard=veto.hard, found=found)
    reported = {
        t: ss
        for t, ss in found.items()
        if _is_reported(t, ss, sentences, title, title_types) or (roundup and t in title_types)
    }
    reported = {
        t: ss
        for t, ss in reported.items()
        if t in title_types or _review_word(title) or not _recalled_only(ss, published)
    }
    if front:
        return _report_first(
            _build(list({front: None} | reported), found, title, title_types, sentences, whole, None, explicit), front
        )
    if not reported:
        upcoming = _announced(found, title, title_types, sentences)
        if upcoming:
            return _build(upcoming, found, title, title_types, sentences, whole, "announced", explicit)
        return _maybe_worth_a_look(
            title,
            sentences,
            whole,
            "review named but nothing reported about it"
            if found
            else "no review mention outside hard-negative context",
            found=found,
        )
    return _build(list(reported), found, title, title_types, sentences, whole, None, explicit)


def _report_first(c: Classification, front: str) -> Classification:
    """The report's own framework first; the other of ILACS and SIF is only its background (the last inspection)
    or a plain word read under the wrong framework, never a second inspection reported."""
    other = {"ofsted_ilacs": "ofsted_sif", "ofsted_sif": "ofsted_ilacs"}.get(front)
    c.review_types = [front] + [t for t in c.review_types if t not in (front, other)]
    c.rule = "the document is an inspection report"
    return c


def _recalled_only(own: list[str], published: date | None) -> bool:
    """ "Our last Ofsted inspection, in 2022, judged …" in a 2025 annual report: every mention recalls an earlier
    review, dated two or more years before the publication — background, not news (the title names no review)."""
    if not published or not own or not all(EARLIER.search(x) for x in own):
        return False
    years = [int(y) for x in own for y in YEAR.findall(x)]
    return bool(years) and max(years) <= published.year - 2


def _ofsted_context(whole: str) -> bool:
    # "Monitoring visits" by councillors to their own services are not Ofsted's.
    return bool(re.search(r"\bOfsted\b|\binspectors?\b|children'?s services|\bHMI\b", whole, re.I))


def _collect(
    sentences: list[Sentence], title: str, whole: str, framework: str
) -> tuple[dict[str, list[str]], set[str]]:
    """Every review type each sentence (or its window) names, with the sentences; and the types named outright."""
    found: dict[str, list[str]] = {}
    explicit: set[str] = set()
    has_ofsted = _ofsted_context(whole)
    for i, s in enumerate(sentences):
        named = _explicit_types(s.text, whole)
        window = _window_mentions(sentences, i, title, whole, framework)
        explicit |= named | (window & {"ofsted_monitoring_visit"})
        types = mentions(s.text, whole, framework) | window
        if not has_ofsted:
            types.discard("ofsted_monitoring_visit")
        for t in types:
            found.setdefault(t, []).append(s.text)
    # An inspection in plain words beside one framework named outright is that framework's inspection.
    named_sif = "ofsted_sif" in explicit and "ofsted_ilacs" not in explicit
    if (framework == "ofsted_sif" or named_sif) and "ofsted_ilacs" in found and "ofsted_ilacs" not in explicit:
        found.setdefault("ofsted_sif", []).extend(found.pop("ofsted_ilacs"))
    elif "ofsted_ilacs" in explicit and "ofsted_sif" not in explicit and "ofsted_sif" in found:
        found.setdefault("ofsted_ilacs", []).extend(found.pop("ofsted_sif"))
    if "ofsted_sif" in found and "ofsted_ilacs" in found:
        _drop_earlier_framework(found)
    return found, explicit


def _drop_earlier_framework(found: dict[str, list[str]]) -> None:
    """ "The last inspection had been under the SIF; the recent one under ILACS": the framework named in passing for
    an earlier inspection is not a second review."""
    for old, new in (("ofsted_sif", "ofsted_ilacs"), ("ofsted_ilacs", "ofsted_sif")):
        if (
            old in found
            and new in found
            and all(EARLIER.search(s) or s in found[new] for s in found[old])
            and any(not EARLIER.search(s) for s in found[new])
        ):
            found.pop(old)
            return


def _is_reported(
    review_type: str, own: list[str], sentences: list[Sentence], title: str, title_types: set[str]
) -> bool:
    """A review counts when the text says it happened: a specific sentence in the paragraph of one of its mentions
    (anywhere, for the review the title names), or a title that reports a review ("… Feedback Report",
    "Ofsted Inspection Outcome", "Council rated good")."""
    if (
        own
        and all(_future_only(x) for x in own)
        and (
            review_type not in title_types
            or (
                all(FUTURE_EVENT.search(x) for x in own)
                and not any(_specific(s.text) for s in sentences if not s.negative)
            )
        )
    ):
        # "the second monitoring visit has been moved to September": still to come; under a title that names it
        # ("… Progress Review") too, when nothing in the text says anything happened
        return False
    if (
        _title_reports(title)
        and (review_type in title_types or _review_word(title))
        and (
            not sentences
            or any(_about_a_review(s.text) and not GENERIC.search(s.text) for s in sentences if not s.negative)
        )
    ):
        return True
    if _passing(review_type, own, sentences, title, title_types):
        return False
    texts = [s.text for s in sentences]
    if review_type in title_types and any(
        _specific(s.text) and _about_a_review(s.text) for s in sentences if not s.negative
    ):
        return True
    for sentence in own:
        if sentence not in texts or (GENERIC.search(sentence) and not _specific(sentence)):
            continue
        here = sentences[texts.index(sentence)]
        if any(_specific(s.text) for s in sentences if s.paragraph == here.paragraph and not s.negative):
            return True
    return False


def _about_a_review(sentence: str) -> bool:
    return bool(REVIEW_NOUN.search(sentence) or re.match(r"\W*(?:this|it)\b", sentence, re.I))


def _passing(review_type: str, own: list[str], sentences: list[Sentence], title: str, title_types: set[str]) -> bool:
    """One mention, deep inside a long publication whose title names no review: an old grade recalled in a budget
    report or a council plan, not the subject of the publication."""
    if review_type in title_types or _review_word(title) or len(own) != 1 or len(sentences) < 12:
        return False
    texts = [s.text for s in sentences]
    if own[0] not in texts or texts.index(own[0]) < 4:
        return False
    i = texts.index(own[0])
    # A director's report that tells the visit over a few sentences is about it; a recalled grade stands alone.
    return not any(REVIEW_NOUN.search(texts[j]) for j in (i - 1, i + 1) if 0 <= j < len(texts))


def _title_reports(title: str) -> bool:
    return bool(
        title
        and REPORT_TITLE.search(title)
        and not DOCUMENT_VETOES["explainer"].search(title)
        and not re.search(r"\breports\b|\binspections\b|\bvisits\b|\bchallenges\b|\breviews\b", title, re.I)
    )


def _review_word(text: str) -> bool:
    return bool(re.search(r"\bOfsted\b|\binspection\b|peer (?:review|challenge)|\bJTAI\b|\bILACS\b", text, re.I))


def _announced(found: dict[str, list[str]], title: str, title_types: set[str], sentences: list[Sentence]) -> list[str]:
    upcoming = []
    for t, own in found.items():
        texts = own + ([title] if t in title_types else [])
        window = " ".join(texts) + " " + " ".join(s.text for s in sentences[:6])
        if any(FUTURE_EVENT.search(x) and not GENERIC.search(x) for x in texts) or (
            t in title_types
            and FUTURE_EVENT.search(window)
            and not DOCUMENT_VETOES["explainer"].search(title)
            and not any(GENERIC.search(s.text) for s in sentences[:3])
        ):
            upcoming.append(t)
    return upcoming


def _build(
    chosen: list[str],
    found: dict[str, list[str]],
    title: str,
    title_types: set[str],
    sentences: list[Sentence],
    whole: str,
    stage: str | None,
    explicit: set[str],
) -> Classification:
    counts = {t: len(found.get(t, [])) for t in chosen}
    # A round-up of several councils is typed by what most of it reports, then by its lead, not by the one visit
    # named outright at the end.
    many = bool(title and SEVERAL_COUNCILS_TITLE.search(title))
    texts = [s.text for s in sentences]
    first = {t: min((texts.index(x) for x in found.get(t, []) if x in texts), default=len(texts)) for t in chosen}
    chosen.sort(
        key=lambda t: (
            t not in title_types,
            _named_only_as_earlier(t, found.get(t, [])),
            (-counts[t], first[t]) if many else (0, 0),
            t not in explicit,
            _background(found.get(t, [])),
            -counts[t],
            -_latest_year(found.get(t, [])),
            t,
        )
    )  # last: the name, so a tie never falls to a set's hash-seeded order
    primary = chosen[0]
    own = found.get(primary, [])
    area = service_area_of([title] + own, primary) or service_area_of(
        [title] + own + _neighbours(own, sentences), primary
    )
    stage = stage or stage_of(title, whole, own, sentences)
    rule = "title names the review" if primary in title_types else "text reports the review"
    support = (
        [x for x in own if FUTURE_EVENT.search(x)][:1]
        if stage == "announced"
        else _best_support(own, sentences, primary in title_types)
    )
    evidence = (
        ([title] if primary in title_types else [])
        + support
        + [s for s in own if OUTCOME.search(s) or HAPPENED.search(s)][:2]
    )
    evidence = list(dict.fromkeys(evidence))[:3]
    if len(evidence) < 2:
        evidence += [s for s in own if s not in evidence][: 2 - len(evidence)]
    in_scope = stage != "announced" and (
        primary not in PEER_TYPES or area in ALERT_SERVICE_AREAS or primary == "lga_corporate_peer_challenge"
    )
    return Classification(True, chosen, area, stage, in_scope, rule, evidence)


def _best_support(own: list[str], sentences: list[Sentence], title_names_it: bool) -> list[str]:
    """The sentence that best shows the review happened, to quote first: one giving a grade, about this review
    rather than an earlier one, near a mention of it (anywhere, when the title names it)."""
    paragraphs = {s.paragraph for s in sentences if s.text in own}
    # Where before what: `_specific` runs three patterns, the paragraph test none (a long report has thousands of
    # sentences and few near a mention).
    pool = [
        s.text
        for s in sentences
        if (title_names_it or s.paragraph in paragraphs) and not s.negative and _specific(s.text)
    ]
    if not pool:
        return []
    score = lambda x: (
        bool(GRADE_GIVEN.search(x)) * 3 + (not EARLIER.search(x)) * 2 + bool(OUTCOME.search(x)) + (x in own)
    )
    return [max(pool, key=score)]


def _latest_year(own: list[str]) -> int:
    # Of two reviews named outright as often, the later one is what the publication reports ("rated inadequate under
    # the SIF in 2016; the ILACS inspection in 2023 found services good").
    return max((int(y) for s in own if not _future_only(s) for y in YEAR.findall(s)), default=0)


def _neighbours(own: list[str], sentences: list[Sentence]) -> list[str]:
    texts = [s.text for s in sentences]
    idx = {texts.index(s) for s in own if s in texts}
    return [
        sentences[j].text for i in idx for j in (i - 1, i + 1) if 0 <= j < len(sentences) and not sentences[j].negative
    ]


def _named_only_as_earlier(review_type: str, own: list[str]) -> bool:
    """Every mention names this very review as an earlier one ("the progress made since the focused visit in 2021"):
    it loses even to a review told only in plain words. A sentence recalling some other earlier review does not
    make this one background ("a focused visit in December … since its last inspection")."""
    pattern = (
        TYPE_PATTERNS["peer_review" if review_type in PEER_TYPES else review_type]
        if (review_type in PEER_TYPES or review_type in TYPE_PATTERNS)
        else None
    )
    return bool(own and pattern) and all(any(pattern.search(m.group(0)) for m in EARLIER.finditer(s)) for s in own)


def _background(own: list[str]) -> bool:
    # A review every mention of which is an earlier one ("since its last inspection in 2020") is background.
    return bool(own) and all(EARLIER.search(s) for s in own)


_LOOK_CONTEXT_MORE = _union("look:context").pattern
_LOOK_REVIEW_MORE = _union("look:review").pattern
LOOK_CONTEXT = re.compile(CHILDRENS_SERVICES.pattern + "|" + _LOOK_CONTEXT_MORE, re.I)
LOOK_REVIEW = re.compile(OFSTED_WORD.pattern + "|" + _LOOK_REVIEW_MORE, re.I)


def _screens(meanings: set[str], *more: str) -> list[Screened]:
    """The phrases of these meanings (and further patterns), one screened pattern per alternative: a text holds
    a match of the union exactly when one of them matches, and each is skipped when the text lacks its words (or
    tried only where it holds the literal text it begins with: `Screened.found_in`)."""
    patterns = [p.pattern for p in PHRASES if p.meaning in meanings] + list(more)
    return [Screened.of(branch) for pattern in patterns for branch in top_level_branches(pattern)]


_REVIEW_SCREENS = _screens({f"type:{name}" for name in TYPE_NAMES} | {"plain_inspection"})
_LOOK_REVIEW_SCREENS = _screens({"word:ofsted"}, _LOOK_REVIEW_MORE)
_LOOK_CONTEXT_SCREENS = _screens({"word:childrens_services"}, _LOOK_CONTEXT_MORE)
_MENTION_WORDS = words_of(_REVIEW_SCREENS, _LOOK_REVIEW_SCREENS, _LOOK_CONTEXT_SCREENS)


def _maybe_worth_a_look(
    title: str,
    sentences: list[Sentence],
    whole: str,
    why: str,
    hard: bool = False,
    found: dict[str, list[str]] | None = None,
) -> Classification:
    """Not a review we are sure of. Worth a look when the signals are strong but incomplete: a review named outright
    in a sentence about one council (the text never says it happened), or Ofsted or a peer review, children's
    services or SEND and an outcome word in one window (an improvement plan naming no inspection, recruitment copy
    quoting a grade). A hard veto (a Welsh inspectorate, a school, another inspectorate, a budget) stays quiet."""
    base = Classification(False, rule=why)
    if hard:
        return base
    for review_type, own in (found or {}).items():
        specific = [x for x in (own or [title]) if x and not GENERIC.search(x)]
        if specific and LOOK_CONTEXT.search(" ".join([title, *own])):
            return _look(base, f"{why}; names {review_type} but does not say it happened here", specific[0])
    for i, s in enumerate(sentences):
        if s.negative:
            continue
        window = _window(sentences, i, title)
        if (
            LOOK_REVIEW.search(window)
            and LOOK_CONTEXT.search(window)
            and RATING_WORD.search(window)
            and (LOOK_REVIEW.search(s.text) or RATING_WORD.search(s.text))
        ):
            return _look(base, f"{why}; a review, children's services and an outcome named together", s.text)
    return base


def _look(c: Classification, reason: str, evidence: str) -> Classification:
    c.worth_a_look, c.look_reason, c.look_evidence = True, reason, [evidence]
    return c


def _framework_of(title: str, sentences: list[Sentence], published: date | None) -> str:
    """SIF or ILACS for an inspection named in plain words: by the inspection's own year when the text gives it
    (the latest year beside an inspection and its outcome, not the year of an earlier inspection it mentions nor of
    one still to come), else SIF-only wording ("children looked after", "adequate"), else the publication date."""
    about = [
        s
        for s in [title] + [x.text for x in sentences if not x.negative]
        if re.search(r"\binspect|\bOfsted\b", s, re.I) and not EARLIER.search(s) and not _future_only(s)
    ]
    graded = [s for s in about if PLAIN_OUTCOME.search(s)]
    latest = max(
        (int(y) for s in (graded or about) for y in YEAR.findall(s) if not published or int(y) <= published.year),
        default=None,
    )
    if latest:
        return "ofsted_sif" if latest < ILACS_START.year else "ofsted_ilacs"
    if any(SIF_HINT.search(x.text) and OFSTED_WORD.search(x.text) for x in sentences) and not any(
        TYPE_PATTERNS["ofsted_ilacs"].search(x.text) for x in sentences
    ):
        return "ofsted_sif"
    return inspection_framework(published)


def service_area_of(sentences: list[str], review_type: str) -> str | None:
    """The service the title names, else the most specific service any sentence about the review names."""
    if review_type == "lga_corporate_peer_challenge":
        return "corporate"
    if review_type in OFSTED_TYPES:
        return "send" if review_type == "send_area_inspection" else "childrens_services"
    if sentences:
        for area, pattern in SERVICE_AREAS:
            if pattern.search(sentences[0]):
                return area
    for area, pattern in SERVICE_AREAS:
        if any(pattern.search(s) for s in sentences[1:]):
            return area
    return None


def _generic_peer_mention(sentence: str) -> bool:
    return not any(pattern.search(sentence) for _, pattern in SERVICE_AREAS)


def _merge_generic_into_corporate(found: dict[str, list[str]], title_types: set) -> None:
    """ "Peer review praises council" over a text about a corporate peer challenge is that challenge, not a second review."""
    for other in ("lga_peer_challenge", "other_peer_review"):
        generic = found.get(other, [])
        if (
            "lga_corporate_peer_challenge" not in found
            or other not in found
            or not all(map(_generic_peer_mention, generic))
        ):
            continue
        found["lga_corporate_peer_challenge"] += found.pop(other)
        if other in title_types:
            title_types.discard(other)
            title_types.add("lga_corporate_peer_challenge")


def stage_of(title: str, text: str, own: list[str] | None = None, sentences: list[Sentence] | None = None) -> str:
    """The stage the publication reports, from what it says happened: a title about a plan or a progress review, an
    update on progress against a plan; otherwise the outcome."""
    if PROGRESS.search(title):
        return "progress_review"
    if ACTION_PLAN.search(title) or PLAN_PROGRESS.search(title):
        return "action_plan"  # "Progress against Ofsted's recommendations": an update on the plan answering it
    if (
        re.search(r"\bupdate\b", title, re.I)
        and not re.search(r"\boutcome|findings|feedback|report\b", title, re.I)
        and PLAN_PROGRESS.search(text[:3000])
    ):
        return "action_plan"
    if any(PROGRESS.search(s.text) and _specific(s.text) for s in (sentences or [])[:20] if not s.negative):
        return "progress_review"  # "the peer team returned in June for the progress review" in the first paragraphs
    if any(PLAN_PURPOSE.search(s.text) for s in (sentences or [])[:6] if not s.negative):
        return "action_plan"  # "This report asks Cabinet to approve the action plan responding to …"
    return "outcome"
