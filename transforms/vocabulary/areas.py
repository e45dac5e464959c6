"""The row labels of inspection reports' judgement tables, per framework, and the area each is recorded as.

Each row: (framework, the label's words, area, an example of the label as it may wrap). Labels are compared
lower-cased, with a leading "the", row numbering ("2.1") and punctuation left out, so a label matches however
the extraction wrapped it. A label that is the start of a longer one ("… children in care" / "… children in care
and care leavers") is read as the longer one when the next line continues it.
"""

from __future__ import annotations

import re

ILACS = "ofsted_ilacs"
SIF = "ofsted_sif"
PRE_2013 = "pre_2013"
ANY = "any"  # a label several frameworks use: it does not tell the framework

TABLE_LABELS: list[tuple[str, str, str, str]] = [
    (
        ILACS,
        "impact of leaders on social work practice with children and families",
        "impact_of_leaders",
        "The impact of leaders on social work | Good / practice with children and families",
    ),
    (
        ILACS,
        "experiences and progress of children who need help and protection",
        "help_and_protection",
        "The experiences and progress of | Good / children who need help and protection",
    ),
    (
        ILACS,
        "experiences and progress of children in care and care leavers",
        "children_in_care_and_care_leavers",
        "The experiences and progress of children in care and care / Good / leavers",
    ),
    (
        ILACS,
        "experiences and progress of children in care",
        "children_in_care",
        "The experiences and progress of | Inadequate / children in care",
    ),
    (
        ANY,
        "experiences and progress of care leavers",
        "care_leavers",
        "The experiences and progress of care | Outstanding / leavers",
    ),  # the SIF's "2.2 Experiences and progress …"
    (ANY, "overall effectiveness", "overall_effectiveness", "Overall effectiveness | Good"),
    (
        SIF,
        "children who need help and protection",
        "help_and_protection",
        "1. Children who need help and protection | Good",
    ),
    (
        SIF,
        "children looked after and achieving permanence",
        "children_looked_after",
        "2. Children looked after and achieving / Good / permanence",
    ),
    (SIF, "adoption performance", "adoption", "2.1 Adoption performance | Outstanding"),
    (
        SIF,
        "leadership management and governance",
        "leadership_management_governance",
        "3. Leadership, management and governance | Inadequate",
    ),
    (PRE_2013, "capacity for improvement", "capacity_for_improvement", "Capacity for improvement | Adequate"),
]

# Areas recorded per framework (review_judgements.area), in the order reports list them; see docs/outcomes.md.
AREAS_BY_FRAMEWORK: dict[str, list[str]] = {
    "ofsted_ilacs (2018-2022)": [
        "overall_effectiveness",
        "impact_of_leaders",
        "help_and_protection",
        "children_in_care_and_care_leavers",
    ],
    "ofsted_ilacs (2023-)": [
        "overall_effectiveness",
        "impact_of_leaders",
        "help_and_protection",
        "children_in_care",
        "care_leavers",
    ],
    "ofsted_ilacs (post-reform, late 2025-)": [
        "impact_of_leaders",
        "help_and_protection",
        "children_in_care",
        "care_leavers",
    ],
    "ofsted_sif": [
        "overall_effectiveness",
        "leadership_management_governance",
        "help_and_protection",
        "children_looked_after",
        "adoption",
        "care_leavers",
        "lscb",
    ],
    "send_area_inspection (2023-)": ["send_area_outcome"],
    "send_area_inspection (2016-2022)": ["send_written_statement_of_action"],
    "pre-2013 inspections": ["overall_effectiveness", "capacity_for_improvement"],
}

# Areas a report under each framework may grade, as the table reader keeps them (statements included).
FRAMEWORK_AREAS: dict[str, set[str]] = {
    ILACS: {
        "overall_effectiveness",
        "impact_of_leaders",
        "help_and_protection",
        "children_in_care_and_care_leavers",
        "children_in_care",
        "care_leavers",
    },
    SIF: {
        "overall_effectiveness",
        "leadership_management_governance",
        "help_and_protection",
        "children_looked_after",
        "adoption",
        "care_leavers",
        "lscb",
        # inspections before 2013 (recorded under ofsted_sif, the type for every inspection before ILACS)
        "capacity_for_improvement",
    },
}

# The order areas are listed in (the overall judgement first, then as reports list them).
AREA_ORDER: list[str] = [
    "overall_effectiveness",
    "impact_of_leaders",
    "leadership_management_governance",
    "help_and_protection",
    "children_in_care_and_care_leavers",
    "children_in_care",
    "children_looked_after",
    "adoption",
    "care_leavers",
    "lscb",
    "capacity_for_improvement",
]

# -- areas as prose names them (`transforms.judgements` applies these) ------------------------------------------
OVERALL = "overall_effectiveness"
# "Good in all areas", "across the board": the overall judgement, not each area.
OVERALL_AREA = re.compile(
    r"overall effectiveness|\boverall(?=\s*:\s*\w)|overall (?:judge?ments?|ratings?|grades?|gradings?|outcome)|"
    r"\ball (?!other\b)(?:\w+ )?(?:judge?ment )?areas\b|\bevery (?:judge?ment )?area\b|\ball (?:\w+ )?judge?ments\b|"
    r"across the board",
    re.I,
)
_OVERALL_EXAMPLE = "The council was rated good across the board."
# Each row: (area, pattern, an example in our own words). The first row that matches a label wins.
ILACS_AREAS: list[tuple[str, re.Pattern, str]] = [
    (
        "impact_of_leaders",
        re.compile(
            r"impact of leaders|\bleadership(?: and management)?\b(?!,? management,? and governance)|"
            r"\bleaders\b",
            re.I,
        ),
        "Leadership was judged outstanding.",
    ),
    (
        "help_and_protection",
        re.compile(r"help and protection|who need help|\bH&P\b", re.I),
        "Support for families who need help was good.",
    ),
    # A table row's label may wrap before "leavers".
    (
        "children_in_care_and_care_leavers",
        re.compile(r"children in care and (?:for |of )?care(?: leavers\b|\s*$)", re.I),
        "Work with children in care and care leavers requires improvement.",
    ),
    # internal papers abbreviate the areas as labels: "H&P: Good. CiC: Outstanding. CL: Good."
    (
        "children_in_care",
        re.compile(r"children in care(?! and (?:for |of )?care(?: leavers\b|\s*$))|(?-i:\bCiC\b)(?=\s*[:|–-])", re.I),
        "CiC: Good",
    ),
    (
        "care_leavers",
        re.compile(r"(?<!care and )(?<!care and for )(?<!care and of )care leavers|(?-i:\bCL\b)(?=\s*[:|–-])", re.I),
        "Our care leavers team was praised.",
    ),
    (OVERALL, OVERALL_AREA, _OVERALL_EXAMPLE),
]
SIF_AREAS: list[tuple[str, re.Pattern, str]] = [
    (OVERALL, OVERALL_AREA, "Overall effectiveness: requires improvement"),
    ("help_and_protection", re.compile(r"help and protection", re.I), "Help and protection was good."),
    (
        "children_looked_after",
        re.compile(
            r"children looked after(?: and achieving permanence)?|looked after children|"
            r"children in care(?: and (?:achieving )?permanence)?",
            re.I,
        ),
        "Services for looked after children were judged adequate.",
    ),
    ("adoption", re.compile(r"\badoption(?: performance)?\b", re.I), "Adoption performance improved to good."),
    ("care_leavers", re.compile(r"care leavers", re.I), "Care leavers were well supported."),
    (
        "leadership_management_governance",
        re.compile(r"leadership,? management,? and governance", re.I),
        "Leadership, management and governance: good",
    ),
    ("lscb", re.compile(r"\bLSCB\b|safeguarding children(?:'s)? board", re.I), "The safeguarding children board met."),
]
