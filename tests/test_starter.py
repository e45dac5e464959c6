"""A starter councils file from a list of ModernGov sites: English authorities only, a valid councils file."""

from flows.config import parse_councils
from flows.starter import starter_entries, starter_toml

LIST = """council_or_body,base_url,source,notes
The Aberdeen City Council,https://committees.aberdeencity.gov.uk,x,
Barnsley MBC,https://barnsley.moderngov.co.uk,x,
Adur District Council,https://democracy.adur-worthing.gov.uk,x,
Brighton and Hove City Council,https://present.brighton-hove.gov.uk/,x,
Brighton & Hove,https://duplicate.example,x,
Eastmoor Metropolitan Borough Council,https://eastmoor.example,x,
Barnsley MBC (newer host),https://barnsley-new.moderngov.co.uk/,x,old host gone
"""


def test_starter_file_keeps_english_childrens_services_authorities_takes_host_corrections_and_parses(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    entries, skipped, unmatched = starter_entries(path)
    assert [(a.gss_code, url) for a, url in entries] == [
        ("E08000016", "https://barnsley-new.moderngov.co.uk"),
        ("E06000043", "https://present.brighton-hove.gov.uk"),
    ]
    assert {"The Aberdeen City Council", "Eastmoor Metropolitan Borough Council", "Brighton & Hove"} <= set(skipped)
    assert set(unmatched) == {"The Aberdeen City Council", "Eastmoor Metropolitan Borough Council"}
    councils = parse_councils(starter_toml(entries))
    assert [(c.slug, c.name) for c in councils] == [
        ("barnsley", "Barnsley Metropolitan Borough Council"),
        ("brighton-and-hove", "Brighton and Hove City Council"),
    ]


def test_districts_are_kept_when_asked(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    entries, _, _ = starter_entries(path, childrens_services_only=False)
    assert "adur" in starter_toml(entries)


def test_the_command_writes_a_file_the_harvest_accepts(tmp_path, capsys):
    from flows.cli import main
    from flows.config import load_councils

    path, out = tmp_path / "list.csv", tmp_path / "councils.toml"
    path.write_text(LIST, encoding="utf-8")
    assert main(["starter-councils", "--list", str(path), "--out", str(out)]) == 0
    assert len(load_councils(str(out))) == 2
    assert "wrote 2 councils" in capsys.readouterr().out
