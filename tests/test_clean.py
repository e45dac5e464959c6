from transforms.clean import clean_text


def test_lone_surrogates_and_xml_forbidden_controls_are_removed():
    assert clean_text("a\ud800b\x00c\x1fd\ufffe") == "abcd"


def test_tabs_newlines_and_ordinary_text_are_kept():
    assert clean_text("Children\u2019s services\tgood\r\nnext") == "Children\u2019s services\tgood\r\nnext"
    assert clean_text(None) is None
