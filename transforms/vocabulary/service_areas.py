"""The service a peer review is about, as one ordered table (`SERVICE_AREAS`): each row names a service area (the
warehouse's `service_area` vocabulary), the regular expression that finds it (case-insensitive), why, and a short
example in our own words that the pattern matches.

`transforms.classify.service_area_of` takes the first row that matches (the title first, then the sentences about
the review), so the narrower services come first: "safeguarding adults" is adult social care before it is
safeguarding, and "children's social care" is itself before it is children's services. Ofsted's inspections and the
corporate peer challenge have a fixed area and never read this table. Nothing here runs.
"""

from __future__ import annotations

from typing import NamedTuple


class ServiceArea(NamedTuple):
    area: str  # the warehouse's service_area
    pattern: str  # a regular expression (case-insensitive)
    why: str  # what the words stand for
    example: str  # a short sentence in our own words that the pattern matches (tests/test_vocabulary_tables.py)


SERVICE_AREAS: list[ServiceArea] = [
    ServiceArea(
        "planning",
        r"planning advisory service|planning service|\bPAS\b|development management|planning peer",
        "the planning service, and the LGA's Planning Advisory Service that reviews it",
        "The Planning Advisory Service reviewed how development management handles major applications.",
    ),
    ServiceArea(
        "adult_social_care",
        r"adult social care|adults'? services|safeguarding adults|adult safeguarding",
        "adult social care, including safeguarding adults (before safeguarding on its own)",
        "The peer challenge looked at adult social care and safeguarding adults in the county.",
    ),
    ServiceArea(
        "send",
        r"\bSEND\b|special educational needs",
        "special educational needs and disabilities",
        "Peers looked at support for children with special educational needs.",
    ),
    ServiceArea(
        "safeguarding",
        r"safeguarding",
        "safeguarding not said to be adults' (children's safeguarding partnerships)",
        "The review tested how well the borough's safeguarding partnership works.",
    ),
    ServiceArea(
        "childrens_social_care",
        r"children'?s social care",
        "children's social care by that name",
        "The peer review of children's social care reported in May.",
    ),
    ServiceArea(
        "childrens_services",
        r"children'?s services|children|\bDCS\b|director of children|early help|"
        r"family help",
        "children's services and anything else about children (the broadest, so last)",
        "Peers met the director of children's services and the early help team.",
    ),
]
