"""Council names as councils write them resolve to one English authority with its GSS code."""

import pytest

from warehouse import load as wl
from warehouse.db import open_warehouse
from warehouse.local_authorities import authorities, match_council


def test_the_table_holds_153_childrens_services_authorities_and_164_districts():
    current = [a for a in authorities() if a.current]
    assert len([a for a in current if a.childrens_services]) == 153
    assert len([a for a in current if not a.childrens_services]) == 164
    assert {a.la_type for a in current} == {"UA", "MD", "LBO", "CTY", "CC", "NMD"}
    assert len({a.gss_code for a in authorities()}) == len(authorities())


@pytest.mark.parametrize(
    "name,gss",
    [
        ("Barnsley MBC", "E08000016"),
        ("Barnsley Metropolitan Borough Council", "E08000016"),
        ("Brighton & Hove", "E06000043"),
        ("Brighton and Hove City Council", "E06000043"),
        ("London Borough of Haringey", "E09000014"),
        ("Worcestershire County Council", "E10000034"),
        ("Hull City Council", "E06000010"),
        ("RBWM", "E06000040"),
        ("North Yorkshire", "E06000065"),  # the current unitary, not the abolished county
        ("Bournemouth, Christchurch and Poole Council", "E06000058"),
    ],
)
def test_name_variants(name, gss):
    assert match_council(name).gss_code == gss


def test_unknown_councils_do_not_match_and_a_district_is_not_its_county():
    assert match_council("Eastmoor Metropolitan Borough Council") is None
    worcester = match_council("Worcester City Council")
    assert (worcester.gss_code, worcester.la_type, worcester.childrens_services) == ("E07000237", "NMD", False)


@pytest.mark.parametrize(
    "name,gss",
    [
        ("Lancaster City Council", "E07000121"),
        ("St Albans City and District Council", "E07000240"),
        ("Newcastle-under-Lyme Borough Council", "E07000195"),
        ("Shepway District Council", "E07000112"),  # Folkestone and Hythe's former name
        ("King's Lynn & West Norfolk", "E07000146"),
    ],
)
def test_district_name_variants(name, gss):
    assert match_council(name).gss_code == gss


def test_councils_gain_gss_code_type_and_region(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    wl.upsert_councils(con, [{"slug": "barnsley", "name": "Barnsley MBC"}, {"slug": "x", "name": "Eastmoor"}])
    rows = dict((r[0], r[1:]) for r in con.execute("SELECT slug, gss_code, la_type, region FROM councils").fetchall())
    assert rows["barnsley"] == ("E08000016", "MD", "Yorkshire and The Humber")
    assert rows["x"] == (None, None, None)
    assert con.execute("SELECT count(*) FROM local_authorities").fetchone()[0] == 365
    assert (
        con.execute("SELECT count(*) FROM local_authorities WHERE end_date IS NULL AND childrens_services").fetchone()[
            0
        ]
        == 153
    )
