"""Reference table of English local authorities, and council name matching.

Data: warehouse/local_authorities.csv, taken from mySociety's "UK local authority names and codes"
register (CC-BY-4.0; see local_authorities.NOTICE.md). Councils in the councils file are matched to it
by name variant ("Barnsley MBC", "Brighton & Hove") to gain a GSS code, type and region.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CSV_PATH = Path(__file__).with_name("local_authorities.csv")
# Words that name the kind of body rather than the place: "Barnsley Metropolitan Borough Council" is Barnsley.
NOISE = re.compile(
    r"\b(?:the|london borough of|royal borough of|borough of|city of|metropolitan|borough|district|"
    r"county|city|council|corporation|mbc|mdc|bc|cc|dc)\b"
)


@dataclass(frozen=True)
class LocalAuthority:
    code: str
    official_name: str
    nice_name: str
    gss_code: str
    la_type: str
    region: str
    end_date: str
    replaced_by: str

    @property
    def current(self) -> bool:
        return not self.end_date

    @property
    def childrens_services(self) -> bool:
        """Districts (NMD) sit under a county that runs children's services; every other type runs its own."""
        return self.la_type != "NMD"


def normalise_name(name: str) -> str:
    text = name.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    text = NOISE.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def authorities() -> tuple[LocalAuthority, ...]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return tuple(
            LocalAuthority(
                r["code"],
                r["official_name"],
                r["nice_name"],
                r["gss_code"],
                r["la_type"],
                r["region"],
                r["end_date"],
                r["replaced_by"],
            )
            for r in csv.DictReader(fh)
        )


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, LocalAuthority], dict[str, list[LocalAuthority]]]:
    exact: dict[str, LocalAuthority] = {}
    loose: dict[str, list[LocalAuthority]] = {}
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_code = {a.code: a for a in authorities()}
    for r in rows:
        la = by_code[r["code"]]
        exact[r["official_name"].lower()] = la
        for name in [r["official_name"], r["nice_name"], *filter(None, r["alt_names"].split(";"))]:
            loose.setdefault(normalise_name(name), [])
            if la not in loose[normalise_name(name)]:
                loose[normalise_name(name)].append(la)
    return exact, loose


def match_council(name: str) -> LocalAuthority | None:
    """The authority a council name refers to; a current authority wins over an abolished namesake."""
    exact, loose = _index()
    if name.lower().strip() in exact:
        return exact[name.lower().strip()]
    candidates = loose.get(normalise_name(name), [])
    if not candidates:
        return None
    current = [c for c in candidates if c.current]
    return (current or candidates)[0] if len(current) <= 1 else None


def nearest_authorities(name: str, n: int = 3) -> list[LocalAuthority]:
    """Current authorities whose names are closest to `name`, for a "did you mean" message."""
    _, loose = _index()
    keys = difflib.get_close_matches(normalise_name(name), list(loose), n=n * 3, cutoff=0.6)
    found: list[LocalAuthority] = []
    for key in keys:
        for la in loose[key]:
            if la.current and la not in found:
                found.append(la)
    return found[:n]


def unmatched_council_warnings(councils: list[tuple[str, str]]) -> list[str]:
    """One warning per (slug, name) that matches no authority: it would get no GSS code, type or region."""
    warnings = []
    for slug, name in councils:
        if match_council(name) is not None:
            continue
        near = nearest_authorities(name)
        hint = (
            f"; did you mean {' or '.join(repr(a.official_name) for a in near)}?"
            if near
            else " (fine for a body that is not an English local authority)"
        )
        warnings.append(
            f"council {slug!r} name {name!r} matches no English local authority, so it gets no "
            f"GSS code, type or region{hint}"
        )
    return warnings


def load_reference(con) -> int:
    con.execute("DELETE FROM local_authorities")
    rows = [
        [
            a.code,
            a.official_name,
            a.nice_name,
            a.gss_code,
            a.la_type,
            a.region,
            a.end_date or None,
            a.replaced_by or None,
            a.childrens_services,
        ]
        for a in authorities()
    ]
    con.executemany(
        """INSERT INTO local_authorities (code, official_name, nice_name, gss_code, la_type, region,
                                                      end_date, replaced_by, childrens_services)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows,
    )
    return len(rows)
