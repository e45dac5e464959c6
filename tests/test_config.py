"""The councils file: a typo or unknown key gets a message that names the council and its line."""

import pytest

from flows.config import ConfigError, parse_councils

GOOD = """
[[council]]
slug = "barnsley"
name = "Barnsley MBC"
moderngov_url = "https://barnsleymbc.moderngov.co.uk/"

[[council]]
slug = "worcestershire"
name = "Worcestershire County Council"
news_url = "https://www.worcestershire.gov.uk/news"
max_requests_per_second = 0.5
"""


def test_good_file():
    councils = parse_councils(GOOD)
    assert [c.slug for c in councils] == ["barnsley", "worcestershire"]
    assert councils[0].moderngov_url == "https://barnsleymbc.moderngov.co.uk"
    assert councils[0].max_requests_per_second == 1.0


def test_unknown_key_names_council_and_line():
    with pytest.raises(ConfigError, match=r"council #2 'worcestershire' \(line 10\).*moderngov_ur.*unknown key"):
        parse_councils(GOOD.replace('news_url =', 'moderngov_ur =', 1).replace("news_url", "x"))


def test_bad_url_and_missing_name():
    with pytest.raises(ConfigError, match="not an http"):
        parse_councils('[[council]]\nslug = "a"\nname = "A"\nmoderngov_url = "barnsley.gov.uk"\n')
    with pytest.raises(ConfigError, match="name: required"):
        parse_councils('[[council]]\nslug = "a"\nmoderngov_url = "https://a.gov.uk"\n')


def test_not_toml_and_duplicates():
    with pytest.raises(ConfigError, match="not valid TOML"):
        parse_councils("[[council]\n")
    with pytest.raises(ConfigError, match="appears twice"):
        parse_councils(GOOD + '\n[[council]]\nslug = "barnsley"\nname = "Bee"\nmoderngov_url = "https://b.gov.uk"\n')


def test_an_error_names_the_line_of_the_key_not_the_council_header():
    text = '[[council]]\nslug = "a"\nname = "Ay"\n\nmoderngov_url = "barnsley.gov.uk"\n'
    with pytest.raises(ConfigError, match=r"council #1 'a' \(line 5\): moderngov_url: not an http"):
        parse_councils(text)


def test_a_bad_slug_is_explained_in_words_not_a_regex():
    with pytest.raises(ConfigError) as caught:
        parse_councils('[[council]]\nslug = "Brighton Hove"\nname = "Brighton"\nmoderngov_url = "https://a.gov.uk"\n')
    assert "lower-case letters, digits and hyphens" in str(caught.value) and "^[a-z" not in str(caught.value)
