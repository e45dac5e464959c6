"""The warehouse's vocabularies in the words a researcher reads on the report's pages."""

from __future__ import annotations

REVIEW_TYPES = {
    "lga_peer_challenge": "LGA peer challenge",
    "lga_corporate_peer_challenge": "LGA corporate peer challenge",
    "ofsted_ilacs": "Ofsted ILACS inspection",
    "ofsted_sif": "Ofsted SIF inspection",
    "ofsted_focused_visit": "Ofsted focused visit",
    "ofsted_monitoring_visit": "Ofsted monitoring visit",
    "jtai": "Joint targeted area inspection",
    "send_area_inspection": "Area SEND inspection",
    "other_peer_review": "Other peer review",
}
STAGES = {
    "announced": "announced (visit to come)",
    "outcome": "outcome reported",
    "action_plan": "action plan",
    "progress_review": "progress review / revisit",
}
# Grades in order, best first; the SEND outcomes of the 2023 framework after them; then what is not a grade.
GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "positive_experiences": "Positive experiences",
    "inconsistent_experiences": "Inconsistent experiences",
    "widespread_systemic_failings": "Widespread failings",
    "not_judged": "Not judged",
    "no_overall_grade": "No overall grade",
    "no_inspection_held": "No inspection held",
}
GRADE_COLOURS = {  # colour-blind-safe order (dark green → red); the word is always printed beside it
    "outstanding": "#1b7837",
    "good": "#5aae61",
    "requires_improvement": "#f1a340",
    "inadequate": "#b2182b",
    "positive_experiences": "#5aae61",
    "inconsistent_experiences": "#f1a340",
    "widespread_systemic_failings": "#b2182b",
    "not_judged": "#bdbdbd",
    "no_overall_grade": "#878787",
    "no_inspection_held": "#e0e0e0",
}
AREAS = {
    "overall_effectiveness": "Overall effectiveness",
    "lscb": "Local Safeguarding Children Board",
    "send_area_outcome": "Area SEND outcome",
    "impact_of_leaders": "Impact of leaders",
}
FINDING_KINDS = {
    "strength": "Strengths",
    "area_for_consideration": "Areas for consideration",
    "area_for_improvement": "Areas for improvement",
    "key_finding": "Key findings",
    "recommendation": "Recommendations",
    "no_recommendations": "No recommendations",
}
PRECISION = {"day": "exact days", "month": "month only", "unresolved": "dates not resolved"}
ERROR_CLASSES = {  # a failed request's kind, and what a researcher can do about it
    "host_skipped": "skipped: the site asked us to wait longer than PeerWatch will (Crawl-delay or Retry-After); "
    "it is tried again next night",
    "budget_exceeded": "stopped early: the council's time budget for the night ran out; the rest is read next night",
    "robots_disallowed": "skipped: the site's robots.txt forbids it; ask the council to allow PeerWatch",
    "blocked": "refused by the site (401/403 or a firewall); ask the council to allow PeerWatch",
    "not_found": "pages not found (404): usually an item withdrawn by the council; nothing to do unless it persists",
    "timeout": "timed out; tried again next night",
    "connection_error": "could not connect; tried again next night",
    "server_error": "the site failed (5xx); tried again next night",
}
TIERS = {"alert": "alert", "worth_a_look": "worth a look"}


def words(vocabulary: dict[str, str], value) -> str:
    if value is None:
        return "—"
    return vocabulary.get(value, str(value).replace("_", " "))


def area_words(area: str | None) -> str:
    if not area:
        return "—"
    return AREAS.get(area, area.replace("_", " ").capitalize())


def grade_rank(grade: str | None) -> int:
    """Sort order of grades, best first; unknown words after the known ones."""
    order = list(GRADES)
    return order.index(grade) if grade in GRADES else len(order)
