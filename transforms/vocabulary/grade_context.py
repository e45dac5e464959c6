"""Words around a grade that make it not this review's (`transforms.judgements` applies them): the grade told as the
past ("since the last inspection, when …"; "from inadequate to …"), as a hope or near miss ("our journey to …"), as
one of the possible outcomes ("can be judged …"), or of many councils at once ("12 other councils were …"); and the
words that bring a past grade back to the present ("now", "retained").

Each pattern is one constant, applied where the code says (before or after the grade); `GRADE_CONTEXT` lists them
with an example in our own words that the pattern matches (`tests/test_outcome_vocabulary.py`).
"""

from __future__ import annotations

import re

PAST = re.compile(
    r"\blast\b(?!\s+(?:\w+\s+)?(?:weeks?|months?|years?|days?|few|couple)\b)|"
    r"\b(?:previous(?:ly)?|prior|earlier|former(?:ly)?|preceding|original(?:ly)?|historic(?:ally)?)\b|"
    r"\bsince (?:the |its |their |our )?(?:last|previous|(?:19|20)\d\d|then)\b|"
    r"\b(?:years?|months?) (?:ago|before|earlier|after)\b|\bcomes? [^.]{0,40}\bafter\b|\bused to\b|"
    r"\bat (?:that|the) time\b|\bhaving been\b|\bsince\b[^.;]{0,60}\b(?:was|were|had been)\b",
    re.I,
)
PRESENT = re.compile(
    r"\b(?:now|latest|most recent|recent|this time|this inspection|current(?:ly)?|new|retain(?:ed|s)?|"
    r"remain(?:ed|s)?|maintain(?:ed|s)?|continues? to be|still|to achieve|achieving|achieved)\b",
    re.I,
)
FROM_GRADE = re.compile(
    r"\bfrom\W+(?:(?:a|an|the|its|their|being|rating|judge?ment|grade|grading|of)\W+){0,4}['\"‘“]?$", re.I
)
# "escape inadequate rating", "climbs out of 'requires improvement'": the grade left behind.
LEFT_BEHIND = re.compile(
    r"\b(?:escap\w*|exit(?:s|ed|ing)?|out of|(?<!care )leav(?:e|es|ing)\b|left|shak\w* off|shed\w*|lose|loses|losing|lost|"
    r"emerg\w* from|mov\w* (?:up |on )?from|climb\w* (?:out of|from))\W+"
    r"(?:(?:its|their|the|an?|from|of)\W+){0,2}['\"‘“]?$",
    re.I,
)
FUTURE_AFTER = re.compile(r"^[^.;,]{0,30}\b(?:next (?:inspection|visit|time)|in (?:the )?future|by 20\d\d)\b", re.I)
HOPE = re.compile(
    r"\b(?:journey|ambition|ambitious|aim\w*|aspir\w*|striv\w*|towards?|goal|target|want\w*|hope\w*|"
    r"plan\w*|could|would|should|might|(?-i:may)|can|if|unless|whether|expect\w*|seek\w*|on track|"
    # near misses and comparisons: "still work to do before it is rated good", "less than good"
    r"work to do|away from|short of|not yet|fell short|falls short|missed|close to|less than|"
    r"better than|at least|\bno (?:longer|authority|council|area|areas|service|services|aspects?|part)|\bnot|never|nor)\b"
    r"[^.;]{0,40}$",
    re.I,
)
EXPLAINER = re.compile(
    r"\b(?:can|could|would|might|may|will)(?: \w+ly)? (?:be|receive|get|give) (?:judged|rated|graded|awarded|given)|"
    r"possible (?:outcomes?|judge?ments?|grades?|ratings?)|four[- ]point|grading scale|one of (?:four|three)|"
    r"(?<!\bin )(?<!\bacross )\b(?:each|every) (?:local authority|council|area|judge?ment)\b|\beither\b",
    re.I,
)  # not "good in every area"
# Grades of many councils at once: national statistics, league tables.
_COUNT = r"(?:\d+|one in \w+|\d+ in \d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|most|other|all|some|few|a number of)"
MANY_COUNCILS = re.compile(
    rf"\b{_COUNT}\s+(?:other\s+)?(?:(?:local authorities|councils|authorities|LAs)\b|"
    r"(?:children'?s )?(?:social care )?(?:services )?departments\b)|"
    r"\bof the \d+ |\d\s*(?:%|per cent)\s*(?:\(\d+\)\s*)?(?:were|was|are|of)\b|"
    r"\b(?:third|quarter|half|fifth|tenth|proportion|number) of (?:all )?(?:local authorities|councils)|"
    r"(?:%|per cent) of (?:all )?(?:local authorities|councils|authorities)",
    re.I,
)

# Each row: (name, pattern, where it is read, an example in our own words that the pattern matches).
GRADE_CONTEXT: list[tuple[str, re.Pattern, str, str]] = [
    ("past", PAST, "before or after the grade", "since the last inspection, when the service was judged"),
    ("present", PRESENT, "between a past word and the grade", "but it is now rated"),
    ("from a grade", FROM_GRADE, "just before the grade", "the service has moved from its '"),
    ("left behind", LEFT_BEHIND, "just before the grade", "the department has finally escaped its '"),
    ("future", FUTURE_AFTER, "just after the grade", " at the next inspection, we hope"),
    ("hope or near miss", HOPE, "before the grade, in its clause", "we are on a journey to become"),
    ("possible outcomes", EXPLAINER, "the whole sentence", "A council can be judged one of four grades"),
    ("many councils", MANY_COUNCILS, "the whole sentence", "Nine other councils in the region were rated"),
]
