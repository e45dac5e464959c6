"""How reports and minutes lead into a review's findings (`transforms.reviews` applies them): the heading or the
sentence before a list of strengths, areas for consideration or improvement, recommendations.
"""

from __future__ import annotations

import re

# Each row: (kind, pattern, an example in our own words). The first row that matches a lead's last sentence wins.
FINDING_LEADS: list[tuple[str, re.Pattern, str]] = [
    ("key_finding", re.compile(r"key findings", re.I), "The key findings were these:"),
    ("strength", re.compile(r"strengths?\b", re.I), "The team saw several strengths."),
    (
        "area_for_consideration",
        re.compile(r"areas? for (?:further )?consideration", re.I),
        "Areas for further consideration",
    ),
    (
        "area_for_improvement",
        re.compile(r"what needs to improve|areas? for (?:improvement|development)|areas for priority action", re.I),
        "What needs to improve in practice",
    ),
    ("recommendation", re.compile(r"^recommendations?\b", re.I), "Recommendations for the council"),
]
# "No recommendations were made": a list that is not there.
NO_RECOMMENDATIONS = re.compile(r"no recommendations[^.]{0,80}(?:were|was) made|(?:made|were) no recommendations", re.I)
