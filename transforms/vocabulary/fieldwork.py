"""The words that tell a review's own visit from other events (`transforms.reviews` applies them): a sentence about
the inspection or the peer team's visit, the words just before a visit's date, the previous inspection or the
report's publication, a visit still to come, a follow-up.

Each pattern is one constant, applied where the code says; `FIELDWORK_WORDS` lists them with an example in our
own words that the pattern matches (`tests/test_outcome_vocabulary.py`).
"""

from __future__ import annotations

import re

# A sentence that may carry the visit's dates: about the inspection (Ofsted) or the team's visit (a peer review).
OFSTED_CUE = re.compile(r"ofsted|inspector|inspected|judge?d?|judgement|rated|LSCB|inspection|\bvisit(?:ed|s)?\b", re.I)
PEER_CUE = re.compile(
    r"on ?site|took place|undertaken|visited|carried out|team|peer|week|challenge|hosted|\bvisit\b|"
    r"\b(?:was|were) led by\b|"
    # "in July the council invited three leads … to review its early help offer"
    r"\binvited\b[^.]{0,120}\bto review (?:the|its|our|their)\b|\breviewers\b",
    re.I,
)
VISIT_BEFORE = re.compile(
    r"(?:visited|returned|on site|onsite|took place|carried out|inspected|held|visit|inspection|"
    r"review|challenge)\b[^.]*\bon\s*$|"
    r"\b(?:inspection|visit|review|fieldwork) dates?:?\s*$",
    re.I,
)

# Words before a date that make it another event's: the previous inspection, the original review before a
# follow-up, the report's publication or a deadline. A word of the present after them ("the recent inspection
# of …") gives the date back.
OTHER_EVENT = re.compile(
    r"\b(?:last|previous|prior|earlier|former|original|initial)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:inspect\w*|visit\w*|review\w*|challenge|report|framework|regime|judge?ment|ILACS|SIF|CPC|"
    r"peer)|\b(?:previously|originally)\b|\b(?:published|publication|issued|submitted|deadline|due by|dated|"
    r"letter of|meeting|(?:cabinet|committee|council|board) (?:held )?on|considered|presented|discussed|"
    r"approved|agreed|noted|received by)\b|"
    # "Corporate Peer Challenge report (April 2024)": the month is the report's
    r"\breport\b(?=\W*$)",
    re.I,
)
THIS_EVENT = re.compile(
    r"\b(?:recent|latest|this|new|current|most recent|follow[- ]up|revisit|re-?inspection|"
    r"progress review|returned|came back|went back)\b|"
    # "the Board noted that the SEND inspection in July 2023 concluded …": dated by its own noun
    r"\b(?:inspection|visit|review|challenge|JTAI|ILACS) (?:held |took place )?(?:in|on|during|from|between) |"
    # "the findings of Ofsted's inspection of local authority children's services in February 2024"
    r"\b(?:inspection|visit|review|challenge) of (?:[\w'’-]+ ){1,4}(?:in|during|from|between) |"
    r"\b(?:following|after) (?:the|its|an?) (?:[\w'’-]+ ){0,4}?"
    r"(?:inspection|visit|review|challenge)\b",
    re.I,
)
# A visit still to come or under way: a date without a year is its nearest occurrence, not the last one.
AHEAD = re.compile(
    r"\b(?:will|starts?|starting|commenc\w*|due to|is to|are to|begins?|upcoming|forthcoming|"
    r"next week|this week|currently)\b",
    re.I,
)
FOLLOW_UP = re.compile(
    r"follow[- ]up|progress review|progress visit|revisit|re-?visit|re-?inspection|returned|"
    r"check[- ]in|came back|went back",
    re.I,
)
WEEK_OF = re.compile(r"week|w/|w\.c", re.I)
EARLIER_REVIEW = re.compile(r"\b(?:following|after)\s+(?:the|its|our|their)\b|\b(?:first|initially)\b", re.I)

# Each row: (name, pattern, an example in our own words that the pattern matches).
FIELDWORK_WORDS: list[tuple[str, re.Pattern, str]] = [
    ("about the inspection", OFSTED_CUE, "Inspectors spent two weeks with the service."),
    ("about the peer team's visit", PEER_CUE, "The team was on site for three days."),
    ("just before the visit's date", VISIT_BEFORE, "The peer team returned to the council on"),
    ("another event's date", OTHER_EVENT, "the previous inspection, in"),
    ("this review's date after all", THIS_EVENT, "the most recent inspection"),
    ("a visit still to come", AHEAD, "The challenge starts on"),
    ("a follow-up", FOLLOW_UP, "a progress review of the plan"),
    ("a week's date", WEEK_OF, "w/c 3 March"),
    ("the review a follow-up follows", EARLIER_REVIEW, "following the challenge first held in"),
]
