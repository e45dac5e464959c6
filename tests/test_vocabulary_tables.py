"""The vocabulary tables (`transforms/vocabulary/`): every row carries a short example in our own words, and its own
pattern matches it as the readers apply it (case-insensitive). Where a row's meaning has a plain effect on
classification (a review type named, a kind of publication set aside), the example alone has that effect; and every
row is read by classification (a meaning spelt wrong would be a row nobody reads)."""

import re

import pytest

from transforms import classify as c
from transforms.vocabulary.phrases import PHRASES
from transforms.vocabulary.service_areas import SERVICE_AREAS

TYPE_ROWS = [p for p in PHRASES if p.meaning.startswith("type:")]
DOCUMENT_ROWS = [p for p in PHRASES if p.meaning.startswith("doc:")]


def _row_id(row) -> str:
    return f"{row[0]}:{row[3][:40]}"


@pytest.mark.parametrize("phrase", PHRASES, ids=_row_id)
def test_every_phrase_has_an_example_its_own_pattern_matches(phrase):
    assert phrase.example.strip(), f"{phrase.meaning} ({phrase.why}): no example"
    assert re.search(phrase.pattern, phrase.example, re.I), f"{phrase.meaning}: {phrase.example!r} not matched"


@pytest.mark.parametrize("area", SERVICE_AREAS, ids=_row_id)
def test_every_service_area_has_an_example_its_own_pattern_matches(area):
    assert area.example.strip(), f"{area.area}: no example"
    assert re.search(area.pattern, area.example, re.I), f"{area.area}: {area.example!r} not matched"


@pytest.mark.parametrize("area", SERVICE_AREAS, ids=_row_id)
def test_a_service_area_example_is_read_as_that_area(area):
    """The first row that matches wins, so each example also shows the order: it is not taken by a row above."""
    assert c.service_area_of([area.example], "other_peer_review") == area.area


def test_service_areas_are_the_warehouse_vocabulary():
    from warehouse.schema_docs import VOCABULARIES

    assert {a.area for a in SERVICE_AREAS} <= set(re.split(r",\s*", VOCABULARIES["service_area"]))


@pytest.mark.parametrize("phrase", TYPE_ROWS, ids=_row_id)
def test_a_review_type_example_names_its_type(phrase):
    wanted = phrase.meaning.removeprefix("type:")
    types = c.PEER_TYPES if wanted == "peer_review" else {wanted}  # a peer review is typed by who runs it
    assert c.mentions(phrase.example, phrase.example) & types
    as_body, as_title = c.classify("", phrase.example), c.classify(phrase.example, "")
    assert set(as_body.review_types + as_title.review_types) & types, (as_body.reason(), as_title.reason())


@pytest.mark.parametrize("phrase", DOCUMENT_ROWS, ids=_row_id)
def test_a_publication_kind_example_as_a_title_sets_the_publication_aside(phrase):
    assert c.document_veto(phrase.example, [], phrase.example) is not None
    assert not c.classify(phrase.example, "").is_alert


def _patterns_classification_reads() -> str:
    """Every pattern text held by `transforms.classify` at module level (unions, screens, combined patterns)."""
    found: list[str] = []

    def collect(value) -> None:
        if isinstance(getattr(value, "pattern", None), str):
            found.append(value.pattern)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for value in vars(c).values():
        collect(value)
    return "\n".join(found)


def test_every_phrase_is_read_by_classification():
    read = _patterns_classification_reads()
    unread = [f"{p.meaning}: {p.example}" for p in PHRASES if p.pattern not in read]
    assert not unread


def test_every_meaning_classification_asks_for_has_rows():
    """A union of no rows is the empty pattern, which matches every sentence."""
    unions = [v for v in vars(c).values() if isinstance(v, c.Screened)]
    unions += list(c.TYPE_PATTERNS.values()) + list(c.DOCUMENT_VETOES.values())
    assert unions and all(u.pattern for u in unions)
