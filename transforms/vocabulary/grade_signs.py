"""Signs that a word which is only sometimes a grade ("good", "outstanding") is one here, and words that make it
something else (`transforms.judgements` applies them): a judging word shortly before or after it, a sentence about
judging; "good practice" (the word describes something else); a school's or a children's home's grade.

Each pattern is one constant, applied where the code says; `GRADE_SIGNS` lists them with where they are read and
an example in our own words that the pattern matches (`tests/test_outcome_vocabulary.py`).
"""

from __future__ import annotations

import re

# Signs that a plain word is a grade: a judging word shortly before or after it, or quotes around it. Weak signs
# ("services are good") count only in a sentence about judging (see JUDGING).
_FILLER = r"\W{0,3}(?:(?:a|an|the|as|to be|be|now|still|also|again|overall|both|all|its|their|our)\W+){0,3}['\"‘“]?$"
SIGN_BEFORE = re.compile(
    r"\b(?:rated|rates|rating|ratings|judged|judges|judge?ment|judge?ments|graded|grade|grading|deemed|ranked|"
    r"assessed|awarded|received|achieved|achieve|retained|retains|maintained|declared|classed|"
    r"classified)\b(?:\W+[\w'’]+){0,6}?\W+['\"‘“]?$",
    re.I,
)
WEAK_SIGN_BEFORE = re.compile(
    r"\b(?:found|considered|remains?|remained|be|being|been|as|is|are|was|were|from|to|of|"
    r"overall|providing|provides|with|upgraded|downgraded|improved|moved)" + _FILLER,
    re.I,
)
SIGN_AFTER = re.compile(
    r"^['\"’”]?\W{0,3}(?:ofsted |inspection |overall )?(?:ratings?|judge?ments?|grades?|gradings?|"
    r"overall|by ofsted|from ofsted|ofsted|in all|across all|in (?:its|their|the) overall|for overall|"
    r"(?:was|were|has been|have been) (?:awarded|given|received|achieved|secured))\b",
    re.I,
)
# Grades given to someone else: a school, a nursery, a children's home, an adoption agency, a self-assessment.
NOT_THE_COUNCILS = re.compile(
    r"\bschools?\b|\bacadem(?:y|ies)\b|\bnurser(?:y|ies)\b|children'?s homes?\b|"
    r"\bfostering agenc|adoption agenc|self[- ]evaluation|self[- ]assessment|\bprimar(?:y|ies)\b|"
    r"\bsecondar(?:y|ies)\b|\bpupils?\b|\bCQC\b.{0,40}\badult|\badult social care\b|"
    r"\badults'? services\b",
    re.I,
)
JUDGING = re.compile(
    r"ofsted|inspect|judge?d|judges|judge?ments?|rated|rates|ratings?|graded|grades?|gradings?|\bILACS\b|\bSIF\b|"
    r"overall effectiveness|verdict|\boutcome (?:was|is|of)\b|\boutcome:|"
    # the press: "branded inadequate", "the watchdog"
    r"\bbranded\b|\bthe watchdog\b",
    re.I,
)
# "good practice", "outstanding elements": the word describes something else.
NOT_A_GRADE_AFTER = re.compile(
    r"^['\"’”]?\s+(?:elements?|features?|aspects?|practice|practices|examples?|work|progress|"
    r"issues?|actions?|items?|matters?|debts?|balances?|amounts?|sums?|recommendations?|"
    r"questions?|applications?|cases|complaints?|support|care|news|quality|levels?|"
    r"standards?|relationships?|partnership|understanding|knowledge|access|help|outcomes?|"
    r"experiences?|start|idea|reason|job|luck|morning|afternoon|evening|position|place|shape|feedback|"
    r"report|results?|communication|attendance|engagement|"
    r"and (?:beyond|better|great)|to outstanding|and improving)\b",
    re.I,
)

# Each row: (name, pattern, where it is read, an example in our own words that the pattern matches).
GRADE_SIGNS: list[tuple[str, re.Pattern, str, str]] = [
    ("judging word before", SIGN_BEFORE, "up to 60 characters before the word", "the service was rated as "),
    ("weak sign before", WEAK_SIGN_BEFORE, "before the word, in a sentence about judging", "services are now "),
    ("judging word after", SIGN_AFTER, "just after the word", " judgement from the inspectors"),
    ("someone else's grade", NOT_THE_COUNCILS, "near the word", "two of our primary schools"),
    ("a sentence about judging", JUDGING, "the sentence", "The watchdog's verdict came in May."),
    ("not a grade", NOT_A_GRADE_AFTER, "just after the word", " practice was shared"),
]
