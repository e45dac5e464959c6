"""Is a publication about a peer review or an inspection outcome? Read the whole thing, keep the evidence.

The decision is made on sentences from the title, the item text (description and minutes
or the article) and every attached document, not on the title alone. Sentences carrying a
hard-negative context (schools, children's homes, peer on peer abuse, self-evaluations…)
never count as evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n{2,}|\n(?=\s*(?:[•\-–]|\(cid:\d+\)|\d+\.\d+\s))")

TYPE_PATTERNS: dict[str, re.Pattern] = {
    "lga_corporate_peer_challenge": re.compile(r"corporate peer challenge|\bCPC\b", re.I),
    # ILACS by name or by its judgement areas (no other regime has them).
    "ofsted_ilacs": re.compile(r"\bILACS\b|inspection of local authority children'?s services|"
                               r"impact of leaders on social work practice|experiences and progress of children (?:who need help|in care)", re.I),
    "ofsted_sif": re.compile(r"single inspection framework|\bSIF\b|inspect(?:ion of|ed) services for children in need of help", re.I),
    "ofsted_focused_visit": re.compile(r"focus+ed visit", re.I),
    "ofsted_monitoring_visit": re.compile(r"monitoring visit", re.I),
    "jtai": re.compile(r"joint targeted area inspection|\bJTAI\b", re.I),
    "send_area_inspection": re.compile(r"(?:local )?area SEND inspection|joint local area (?:SEND|special educational needs)[^.]{0,40}inspection|"
                                       r"SEND[^.]{0,40}revisit|revisit[^.]{0,60}(?:SEND|local area)", re.I),
    "peer_review": re.compile(r"peer[- ](?:review(?!ed)|challenge)", re.I),   # not "peer-reviewed research"
}
OFSTED_TYPES = {"ofsted_ilacs", "ofsted_sif", "ofsted_focused_visit", "ofsted_monitoring_visit", "jtai",
                "send_area_inspection"}
PEER_TYPES = {"lga_peer_challenge", "lga_corporate_peer_challenge", "other_peer_review"}

NEGATIVE_CONTEXT = re.compile(
    r"peer[- ]on[- ]peer|peer support|peer mentor|member peers?\b|\bschools?\b|section [58]\b|\bS[58]\b|"
    r"children'?s homes?|regulation 44|inspection readiness|self[- ]evaluation|self[- ]assessment|"
    r"independent review of children'?s social care|polling district|budget review|\bacademy\b|"
    r"preparing for (?:ILACS|inspection|Ofsted)|mock inspection",
    re.I)
# The safeguarding children peer review (2010–14) and the "challenge manager" role are the LGA's own.
LGA = re.compile(r"\bLGA\b|Local Government Association|Planning Advisory Service|safeguarding children peer review|"
                 r"challenge manager", re.I)
REGIONAL = re.compile(r"sector[- ]led|regional peer|SESLIP|peer challenge team review|triad", re.I)
OUTCOME = re.compile(
    r"outcome|findings?|found|judge?ments?|judged|strengths?|areas? for (?:further )?consideration|"
    r"key findings|recommendations?|rated|letter|feedback|concluded|requires? improvement|"
    r"\b(?:good|outstanding|inadequate)\b|what needs to improve|praised|identified", re.I)
ANNOUNCED = re.compile(r"will (?:take place|be (?:visiting|inspected|on site|undertaken))|is due to (?:take place|visit)|"
                       r"forthcoming|upcoming|has been commissioned|will visit|ahead of the", re.I)
ACTION_PLAN = re.compile(r"action plan|improvement plan|delivery plan", re.I)
PROGRESS = re.compile(r"progress review|follow[- ]up visit", re.I)

SERVICE_AREAS = [
    ("planning", re.compile(r"planning advisory service|planning service|\bPAS\b|development management", re.I)),
    ("adult_social_care", re.compile(r"adult social care|adults'? services", re.I)),
    ("send", re.compile(r"\bSEND\b|special educational needs", re.I)),
    ("safeguarding", re.compile(r"safeguarding", re.I)),
    ("childrens_social_care", re.compile(r"children'?s social care", re.I)),
    ("childrens_services", re.compile(r"children'?s services|children|\bDCS\b|director of children", re.I)),
]
# One grade vocabulary for deciding and for extracting: "Requires improvement to be good", "RI", "require improvement"…
GRADE_RE = re.compile(
    r"requir(?:es|ed|ing|e) improvement(?: to be good)?|\bRI\b|\boutstanding\b|\bgood\b|\binadequate\b", re.I)
NOT_JUDGED_RE = re.compile(r"no judge?ment", re.I)

# An inspection of a council's children's services in plain words ("the inspection of the council's children's
# services", "Ofsted … rated the service as Good") belongs to the framework of its time: the single inspection
# framework until ILACS began in January 2018. Schools, homes and nurseries are kept out by NEGATIVE_CONTEXT.
PLAIN_INSPECTION = re.compile(r"inspect(?:ion of|ed) (?:the council'?s |our |its |the )?children'?s services", re.I)
PLAIN_RATING = re.compile(r"\bOfsted\b(?=.*children'?s services)(?=.*(?:rated|judged|graded))", re.I)
ILACS_START = date(2018, 1, 1)


def inspection_framework(published: date | None) -> str:
    return "ofsted_sif" if published and published < ILACS_START else "ofsted_ilacs"


def plain_inspection(sentence: str) -> bool:
    return bool(PLAIN_INSPECTION.search(sentence) or (PLAIN_RATING.search(sentence) and GRADE_RE.search(sentence)))


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

    @property
    def primary_type(self) -> str | None:
        return self.review_types[0] if self.review_types else None

    def reason(self) -> str:
        if not self.is_review:
            return "not about a review"
        types = ", ".join(self.review_types)
        quoted = " … ".join(f"“{e[:160]}”" for e in self.evidence[:2])
        return f"{self.rule}: {types} ({self.stage}); {quoted}"


def split_sentences(text: str) -> list[str]:
    text = re.sub(r"\(cid:\d+\)", "•", text)
    parts = SENTENCE_SPLIT.split(text)
    return [" ".join(p.split()) for p in parts if p and p.strip()]


def _peer_type(sentence: str, whole_text: str) -> str:
    if re.search(r"corporate", sentence, re.I):
        return "lga_corporate_peer_challenge"
    if REGIONAL.search(sentence):
        return "other_peer_review"
    return "lga_peer_challenge" if LGA.search(whole_text) else "other_peer_review"


def mentions(sentence: str, whole_text: str, framework: str = "ofsted_ilacs") -> set[str]:
    found = set()
    if NEGATIVE_CONTEXT.search(sentence):
        return found
    for name, pattern in TYPE_PATTERNS.items():
        if pattern.search(sentence):
            found.add(_peer_type(sentence, whole_text) if name == "peer_review" else name)
    if not found & OFSTED_TYPES and plain_inspection(sentence):
        found.add(framework)
    if "lga_corporate_peer_challenge" in found:
        found.discard("lga_peer_challenge")
    return found


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


def could_mention_a_review(whole: str) -> bool:
    """False only if no sentence of `whole` can mention a review: no review pattern matches the text even with
    its sentences run together (so sentence splitting can only take matches away). Most council papers stop
    here, at a few regex scans, instead of being tested sentence by sentence."""
    text = " ".join(re.sub(r"\(cid:\d+\)", "•", whole).split())
    return (any(p.search(text) for p in TYPE_PATTERNS.values())
            or bool(PLAIN_INSPECTION.search(text) or PLAIN_RATING.search(text)))


def classify(title: str, body: str, documents: list[str] | None = None, published: date | None = None) -> Classification:
    whole = "\n\n".join([title, body, *(documents or [])])
    if not could_mention_a_review(whole):
        return Classification(False, rule="no review mention outside hard-negative context")
    framework = inspection_framework(published)
    title_types = mentions(title, whole, framework) if title else set()
    counts: dict[str, int] = {}
    type_sentences: dict[str, list[str]] = {}
    sentences = split_sentences(whole)
    for sentence in sentences:
        found = mentions(sentence, whole, framework)
        for t in found:
            counts[t] = counts.get(t, 0) + 1
            type_sentences.setdefault(t, []).append(sentence)
    _merge_generic_into_corporate(counts, type_sentences, title_types)
    chosen = [t for t in counts if t in title_types or counts[t] >= 2]
    # A single passing mention counts only when the text around it reports a result
    # ("Ofsted found services required improvement"), not a plan ("focused visits in between").
    # A title in a hard-negative context (a self-assessment, a school, a children's home) is not lifted by
    # one passing mention in its text.
    if not (title and NEGATIVE_CONTEXT.search(title)):
        chosen += [t for t in counts if t not in chosen and counts[t] == 1
                   and _reported_near(type_sentences[t][0], sentences, need_grade=bool(chosen))]
    if not chosen:
        return Classification(False, rule="no review mention outside hard-negative context")
    if not OUTCOME.search(whole) and not title_types:
        return Classification(False, rule="review named but nothing reported about it")
    chosen.sort(key=lambda t: (t not in title_types, -counts[t]))
    primary = chosen[0]
    area = service_area_of([title] + type_sentences[primary], primary)
    stage = stage_of(title, whole)
    rule = "title names the review" if title_types else "text reports the review"
    evidence = ([title] if title_types else []) + [s for s in type_sentences[primary] if OUTCOME.search(s)][:2]
    evidence = list(dict.fromkeys(evidence))
    if len(evidence) < 2:
        evidence += [s for s in type_sentences[primary] if s not in evidence][: 2 - len(evidence)]
    in_scope = stage != "announced" and (primary not in PEER_TYPES or area in ALERT_SERVICE_AREAS or
                                         primary == "lga_corporate_peer_challenge")
    return Classification(True, chosen, area, stage, in_scope, rule, evidence)


def _generic_peer_mention(sentence: str) -> bool:
    return not any(pattern.search(sentence) for _, pattern in SERVICE_AREAS)


def _merge_generic_into_corporate(counts: dict, type_sentences: dict, title_types: set) -> None:
    """"Peer review praises council" over a text about a corporate peer challenge is that challenge, not a second review."""
    generic = type_sentences.get("lga_peer_challenge", [])
    if "lga_corporate_peer_challenge" not in counts or not generic or not all(map(_generic_peer_mention, generic)):
        return
    counts["lga_corporate_peer_challenge"] += counts.pop("lga_peer_challenge")
    type_sentences["lga_corporate_peer_challenge"] += type_sentences.pop("lga_peer_challenge")
    if "lga_peer_challenge" in title_types:
        title_types.discard("lga_peer_challenge")
        title_types.add("lga_corporate_peer_challenge")


FUTURE = re.compile(r"\b(?:will|expected|expect|next|due|forthcoming|upcoming)\b", re.I)


def _reported_near(sentence: str, sentences: list[str], need_grade: bool) -> bool:
    i = sentences.index(sentence)
    if FUTURE.search(sentence):
        return False
    near = " ".join(sentences[max(0, i - 2): i + 3])
    if need_grade:
        return bool(GRADE_RE.search(near) or NOT_JUDGED_RE.search(near))
    return bool(OUTCOME.search(near))


def stage_of(title: str, text: str) -> str:
    if PROGRESS.search(title):
        return "progress_review"
    if ACTION_PLAN.search(title):
        return "action_plan"
    if ANNOUNCED.search(text[:2000]) and not re.search(r"outcome|findings|judge?ments?|strengths|letter", text, re.I):
        return "announced"
    return "outcome"
