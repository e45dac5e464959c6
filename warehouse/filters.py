"""Filters a researcher types (`--council`, `--type`, `--region`, `--tier`): read as they mean them, or refused.

A filter that matches nothing is almost always a typo, and "(0 rows)" would read as "nothing found". So each
value is resolved against what the warehouse holds (a council by slug or name, any case; a review type by its
code or its short name, "ILACS"; a region; a council tier by its code or word) and an unknown one is a
UserError (exit 2) naming the nearest valid values.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from warehouse.errors import UserError

REVIEW_TYPE_CODES = (
    "ofsted_ilacs",
    "ofsted_sif",
    "ofsted_focused_visit",
    "ofsted_monitoring_visit",
    "jtai",
    "send_area_inspection",
    "lga_peer_challenge",
    "lga_corporate_peer_challenge",
    "other_peer_review",
)
REVIEW_TYPE_ALIASES = {
    "ilacs": "ofsted_ilacs",
    "sif": "ofsted_sif",
    "focused visit": "ofsted_focused_visit",
    "focused_visit": "ofsted_focused_visit",
    "monitoring visit": "ofsted_monitoring_visit",
    "monitoring_visit": "ofsted_monitoring_visit",
    "send": "send_area_inspection",
    "area send": "send_area_inspection",
    "peer challenge": "lga_peer_challenge",
    "peer_challenge": "lga_peer_challenge",
    "corporate peer challenge": "lga_corporate_peer_challenge",
    "peer review": "other_peer_review",
}
# Council tiers (the reference table's la_type) by code or in words.
TIERS = {
    "CTY": "county",
    "UA": "unitary",
    "MD": "metropolitan district",
    "LBO": "London borough",
    "NMD": "district",
    "CC": "City of London",
}


class UnknownFilter(UserError):
    """A filter value that matches nothing the warehouse knows (exit 2)."""


@dataclass
class Filters:
    council: str | None = None
    review_type: str | None = None
    since: date | None = None
    region: str | None = None
    tier: str | None = None


def nearest(given: str, choices: list[str], n: int = 3) -> list[str]:
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(given.lower(), list(lowered), n=n, cutoff=0.5)
    if not close:  # a fragment ("eastm") is nearest to what contains it
        close = [c for c in lowered if given.lower() in c][:n]
    return [lowered[c] for c in close]


def _refuse(option: str, given: str, choices: list[str], what: str) -> UnknownFilter:
    near = nearest(given, choices)
    hint = (
        f"; did you mean {' or '.join(repr(c) for c in near)}?"
        if near
        else f"; known: {', '.join(sorted(choices)[:12])}" + ("…" if len(choices) > 12 else "")
    )
    return UnknownFilter(f"{option} {given!r}: no {what} of that name in the warehouse{hint}")


def resolve_council(con, given: str | None) -> str | None:
    if not given:
        return None
    rows = con.execute("SELECT slug, name FROM councils").fetchall()
    wanted = given.strip().lower()
    for slug, name in rows:
        if wanted in (slug.lower(), (name or "").lower()):
            return slug
    # a name without "Council", "Borough Council", "London Borough of": the one council whose name holds it
    holding = [slug for slug, name in rows if wanted and wanted in (name or "").lower().split(" (")[0]]
    if len(holding) == 1:
        return holding[0]
    raise _refuse("--council", given, [s for s, _ in rows] + [n for _, n in rows if n], "council")


def resolve_review_type(con, given: str | None) -> str | None:
    if not given:
        return None
    known = set(REVIEW_TYPE_CODES) | {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT review_type FROM reviews UNION SELECT DISTINCT review_type FROM alerts"
        ).fetchall()
        if r[0]
    }
    wanted = " ".join(given.strip().lower().split())
    if wanted in known:
        return wanted
    if wanted in REVIEW_TYPE_ALIASES:
        return REVIEW_TYPE_ALIASES[wanted]
    raise _refuse("--type", given, sorted(known) + sorted(REVIEW_TYPE_ALIASES), "review type")


def resolve_region(con, given: str | None) -> str | None:
    if not given:
        return None
    regions = [r[0] for r in con.execute("SELECT DISTINCT region FROM councils WHERE region IS NOT NULL").fetchall()]
    for region in regions:
        if region.lower() == given.strip().lower():
            return region
    raise _refuse("--region", given, regions, "region")


def resolve_tier(given: str | None) -> str | None:
    if not given:
        return None
    wanted = given.strip().lower()
    for code, words in TIERS.items():
        if wanted in (code.lower(), words.lower(), words.lower() + " council", words.lower() + "s"):
            return code
    raise _refuse("--tier", given, list(TIERS) + list(TIERS.values()), "council tier")


def resolve(con, council=None, review_type=None, since=None, region=None, tier=None) -> Filters:
    """Every filter given, as the warehouse names it; UnknownFilter (exit 2) for one it does not know."""
    return Filters(
        resolve_council(con, council),
        resolve_review_type(con, review_type),
        since,
        resolve_region(con, region),
        resolve_tier(tier),
    )
