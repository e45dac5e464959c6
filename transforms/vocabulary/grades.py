"""Grades as inspection reports and council papers write them in a judgement table's grade cell.

Each row: (the cell's words, the grade recorded, an example cell). A cell may wrap over lines ("Requires" /
"improvement to be" / "good"): the reader joins pieces while they still begin one of these forms.
Pre-2013 regimes graded on their own scale; "adequate" is recorded as stated, never mapped to a later grade.
"""

from __future__ import annotations

import re

GRADE_CELLS: list[tuple[str, str, str]] = [
    ("outstanding", "outstanding", "Outstanding"),
    ("good", "good", "Good"),
    ("requires improvement to be good", "requires_improvement", "Requires improvement to be good"),
    ("requires improvement", "requires_improvement", "Requires improvement"),
    (
        "require improvement to be good",
        "requires_improvement",
        "Require improvement to be good (a SIF table's verb form)",
    ),
    ("require improvement", "requires_improvement", "Require improvement"),
    ("inadequate", "inadequate", "Inadequate"),
    ("adequate", "adequate", "Adequate (a 2009–2012 grade, kept as written)"),
]

# The grades the warehouse records (review_judgements.grade), with what each means. `not_judged`: an ungraded
# review (a focused or monitoring visit, a JTAI, a peer review).
GRADE_NAMES: dict[str, str] = {
    "outstanding": "outstanding",
    "good": "good",
    "requires_improvement": "requires improvement (to be good)",
    "inadequate": "inadequate",
    "adequate": "adequate: pre-2013 scale, as stated",
    "not_judged": "no grade given (ungraded visit or review)",
    "positive_experiences": "SEND 2023: arrangements typically lead to positive experiences and outcomes",
    "inconsistent_experiences": "SEND 2023: arrangements lead to inconsistent experiences and outcomes",
    "widespread_systemic_failings": "SEND 2023: widespread and/or systemic failings",
    "required": "SEND 2016: a written statement of action was required",
    "not_required": "SEND 2016: no written statement of action was required",
}

# -- grades as prose writes them (`transforms.judgements` applies these) ------------------------------------------
# Each row: (pattern, grade, needs a sign, an example in our own words). Phrases that are always a grade need no
# further sign; a plain word ("good", "outstanding") counts only quoted, next to a judging word, or alone in a cell.
# The first row that matches a place in the text wins.
GRADE_PHRASES: list[tuple[re.Pattern, str, bool, str]] = [
    (
        re.compile(r"requir(?:es|ed|ing|e) improvement(?: to be good)?", re.I),
        "requires_improvement",
        False,
        "Help and protection was found to require improvement.",
    ),
    (re.compile(r"\bRI\b"), "requires_improvement", False, "Care leavers: RI"),
    # "the top grade", but not "the second highest rating"; on Ofsted's four-point scale the second highest is good
    # and the second lowest requires improvement ("the second-highest of Ofsted's four grades")
    (
        re.compile(
            r"\bsecond[- ](?:highest|best)(?: (?:of (?:ofsted'?s |the |its )?(?:four |4 )?)?(?:grades?|gradings?|ratings?|judge?ments?))",
            re.I,
        ),
        "good",
        False,
        "Our children's services now hold the second highest of the four grades.",
    ),
    (
        re.compile(
            r"\bsecond[- ](?:lowest|worst)(?: (?:of (?:ofsted'?s |the |its )?(?:four |4 )?)?(?:grades?|gradings?|ratings?|judge?ments?))",
            re.I,
        ),
        "requires_improvement",
        False,
        "The service was placed at the second-lowest rating.",
    ),
    (
        re.compile(
            r"(?<!second[ -])(?<!third[ -])\b(?:top|highest)(?: possible)? (?:grade|grading|rating|judge?ment)\b", re.I
        ),
        "outstanding",
        False,
        "The fostering team kept the top grade this year.",
    ),
    (
        re.compile(r"(?<!second[ -])(?<!third[ -])\blowest(?: possible)? (?:grade|grading|rating|judge?ment)\b", re.I),
        "inadequate",
        False,
        "Inspectors gave the department the lowest possible rating.",
    ),
    (re.compile(r"\binadequate\b", re.I), "inadequate", True, "Services were judged 'inadequate'."),
    (re.compile(r"\boutstanding\b", re.I), "outstanding", True, "Rated outstanding by the inspectors."),
    (re.compile(r"\bgood\b", re.I), "good", True, "Judged good overall."),
]

# -- area SEND inspections (framework from January 2023): one of three outcomes, in the words reports use ----------
# Each row: (outcome, pattern, an example in our own words).
SEND_OUTCOMES: list[tuple[str, re.Pattern, str]] = [
    (
        "widespread_systemic_failings",
        re.compile(
            r"widespread (?:and/or|and|or) systemic failings|"
            r"systemic (?:and/or|and|or) widespread failings",
            re.I,
        ),
        "The visit found widespread and systemic failings in the local area.",
    ),
    # "the 'inconsistent experiences and outcomes' judgement": this one is never said of anything else
    (
        "inconsistent_experiences",
        re.compile(r"\b(?:(?:lead|leads|led|leading) to )?inconsistent experiences and outcomes", re.I),
        "Our arrangements lead to inconsistent experiences and outcomes for young people.",
    ),
    (
        "positive_experiences",
        re.compile(r"\b(?:lead|leads|led|leading) to positive experiences and outcomes", re.I),
        "The partnership's work typically leads to positive experiences and outcomes.",
    ),
]

# "The partnership received the most positive of the three outcomes": the outcome told by its place on the scale.
# Each row: (outcome, pattern, an example in our own words).
_OF_THREE = r"of (?:the |its )?(?:three|3) (?:possible )?(?:outcomes|judge?ments|grades)\b"
SEND_OUTCOME_RANKS: list[tuple[str, re.Pattern, str]] = [
    (
        "positive_experiences",
        re.compile(rf"\b(?:most positive|highest|best|top) {_OF_THREE}", re.I),
        "The area was given the most positive of the three outcomes.",
    ),
    (
        "inconsistent_experiences",
        re.compile(rf"\b(?:middle|second) {_OF_THREE}|\bthe middle outcome\b", re.I),
        "Inspectors awarded the middle of the three possible outcomes.",
    ),
    (
        "widespread_systemic_failings",
        re.compile(rf"\b(?:least positive|most negative|lowest|worst) {_OF_THREE}", re.I),
        "The local area got the lowest of its three outcomes.",
    ),
]

# Words that make a SEND outcome one of the list of possible outcomes, not the one given ("one of three outcomes",
# "could", "(1)"), and the words that give one by its rank ("received the highest of the three outcomes").
SEND_LIST_OF_OUTCOMES = re.compile(
    r"possible|one of (?:the )?(?:three|3)|three (?:possible )?outcomes|\beither\b|"
    r"outcomes? (?:are|include)|(?<!item )(?<!item)\b\d\)|\((?!item)\d\)",
    re.I,
)
SEND_EXPLAINER = re.compile(SEND_LIST_OF_OUTCOMES.pattern + r"|could|can be|\bif\b|would|\bmay\b", re.I)
GIVEN = re.compile(r"\b(?:received|was given|were given|awarded|achieved|got|placed|resulted in|gave)\b", re.I)
# Each row: (name, pattern, an example in our own words that the pattern matches).
SEND_OUTCOME_CUES: list[tuple[str, re.Pattern, str]] = [
    ("a list of the possible outcomes", SEND_LIST_OF_OUTCOMES, "The outcome is one of three:"),
    ("explaining the outcomes", SEND_EXPLAINER, "An area could be found to have"),
    ("an outcome given", GIVEN, "The partnership was given"),
]
