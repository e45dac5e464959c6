"""The literal screen may skip a regex scan only when the scan could not have matched.

Three things make that true, each tested here: the case folding matches what `re` does (over every code point),
the words drawn from a pattern are in every string the pattern matches (hypothesis generates matches of each of
our review patterns and of tricky shapes), and `could_mention_a_review` answers as the full scan does on every
text we have: the labelled sets, the replica, a generated PDF corpus and, where present, ../shared.
"""

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms import classify as c
from transforms.prefilter import (
    ASCII_CASE_FOLDS,
    Screened,
    any_match,
    fold,
    leading_literal,
    required_words,
    top_level_branches,
    words_of,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# hypothesis's own regex strategy warns about its internals on a few long patterns: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
ALL_SCREENS = c._REVIEW_SCREENS + c._LOOK_REVIEW_SCREENS + c._LOOK_CONTEXT_SCREENS


def test_case_folds_are_every_non_ascii_character_re_matches_with_ascii():
    any_ascii = re.compile(r"[\x00-\x7f]", re.I)
    found = {chr(cp) for cp in range(128, 0x110000) if any_ascii.fullmatch(chr(cp))}
    assert found == set(ASCII_CASE_FOLDS)
    for char, letter in ASCII_CASE_FOLDS.items():
        assert re.fullmatch(letter, char, re.I)


@pytest.mark.parametrize(
    "pattern, words",
    [
        (r"corporate peer challenge", {"corporate peer challenge"}),
        (r"\bOfsted\b", {"ofsted"}),
        (r"peer[- ](?:review|challenge)", {"review", "challenge"}),  # the longer part, not "peer"
        (r"(?:local )?area SEND inspection", {"area send inspection"}),
        (r"focus+ed visit", {"ed visit"}),  # a repeated letter ends a word
        (r"inspect\w*[^.]{0,60}safeguarding", {"safeguarding"}),
        (r"ILACS|\bCPC\b", {"ilacs", "cpc"}),
        (r"ILACS|\w+ review", {"ilacs", " review"}),
        (r"ILACS|\w+", None),  # one way through needs no word
        (r"(?:peer )?review(?!ed)", {"review"}),  # a look-ahead consumes nothing
        (r"(?:abc)+d", {"abc"}),  # repeated at least once
        (r"x?", None),
    ],
)
def test_words_drawn_from_patterns(pattern, words):
    got = required_words(pattern, re.I)
    assert (got if got is None else set(got)) == words


def _match_strategy(screen: Screened):
    return st.from_regex(screen.compiled, fullmatch=True)


@pytest.mark.parametrize(
    "screen", [s for s in ALL_SCREENS if s.words is not None], ids=lambda s: s.compiled.pattern[:40]
)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_review_pattern_holds_one_of_its_words(screen, data):
    matched = data.draw(_match_strategy(screen))
    assert screen.compiled.fullmatch(matched)
    assert screen.could_match(fold(matched)), (matched, sorted(screen.words))


@pytest.mark.parametrize("phrase", c.PHRASES, ids=lambda p: f"{p.meaning}:{p.pattern[:30]}")
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_every_phrase_holds_one_of_its_words(phrase, data):
    """Every union of phrases (`classify._union`) is screened by its phrases' words: each must be sound. A phrase
    that looks ahead past its own match ("Ofsted", then children's services later in the sentence) matches no whole
    string: a text holding a match is drawn instead, and the match itself checked."""
    screen = Screened.of(phrase.pattern)
    whole = "(?=" not in phrase.pattern
    text = data.draw(st.from_regex(screen.compiled, fullmatch=whole))
    match = screen.compiled.fullmatch(text) if whole else screen.compiled.search(text)
    assert match
    assert screen.could_match(fold(match.group())), (match.group(), sorted(screen.words or ()))


TRICKY = [
    r"\bCouncil\s+(?:was|is) rated",
    r"(?-i:\bCL\b)(?=\s*[:|])",
    r"(?<!care and )care leavers",
    r"aab",
    r"^abc",
    r"a(?:b|cd)e",
    r"(?:xy)+z?",
    r"\bk\w{0,3}q\b",
    r"(?i:Si)F|sif",
    r"s(?=t)t",
    r"[ab]c(?:de|f)+",
    r"(?:ı|i)nspect",
    r"K?k[Kk]",
    r"(?:a|b|)cde",
]


@pytest.mark.parametrize("pattern", TRICKY)
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_tricky_shape_holds_one_of_its_words(pattern, data):
    screen = Screened.of(pattern)
    text = data.draw(st.from_regex(screen.compiled, fullmatch=False))
    assert bool(screen.search(text)) == bool(screen.compiled.search(text))
    assert any_match([screen], text) == bool(screen.compiled.search(text))
    for longer in (text, "aa" + text, text + text, "include " + text + " clear"):
        assert _found_in(screen, longer) == bool(screen.compiled.search(longer)), longer


def _found_in(screen: Screened, text: str) -> bool:
    folded = fold(text)
    return screen.found_in(text, folded, words_of([screen]).present_in_folded(folded))


@pytest.mark.parametrize(
    "pattern, lead",
    [
        (r"\bCouncil\s+was", "council"),
        (r"(?-i:\bCL\b)(?=\s*:)", "cl"),
        (r"(?<!care and )care leavers", "care leavers"),
        (r"focus+ed", "focu"),  # the repeated letter may be several
        (r"ILACS|\bCPC\b", ""),  # two ways to begin
        (r"(?:local )?area", ""),
        (r"\w+ review", ""),
        (r"İnspection", ""),  # a non-ASCII letter first: no literal of ours
    ],
)
def test_the_literal_every_match_begins_with(pattern, lead):
    assert leading_literal(pattern, re.I) == lead


def test_a_whole_document_is_screened_as_each_pattern_searched_over_it():
    """`found_in` on whole texts, for every screen of the review check: the same answer as a search."""
    texts = _texts_we_have()[::4] + ["The Council was rated good. " * 3, "İnspection of ſervices by Ofsted"]
    present_words = words_of(ALL_SCREENS)
    for text in texts:
        folded = fold(text)
        present = present_words.present_in_folded(folded)
        assert present == {w for w in present_words.words if w in folded}
        for screen in ALL_SCREENS:
            assert screen.found_in(text, folded, present) == bool(screen.compiled.search(text)), screen


def _texts_we_have() -> list[str]:
    from evaluation.pdf_compare import replica_publications
    from evaluation.runner import load_cases, publication_for
    from transforms.pdf_text import extract_text_fast

    texts = []
    for path in sorted((ROOT / "evaluation" / "sets").glob("*.toml")):
        for case in load_cases(path):
            labelled = publication_for(case)
            pub = labelled.publication
            texts.append("\n\n".join([pub.title, pub.body, *(d[0] for d in labelled.documents)]))
    publications, files = replica_publications()
    texts += [p.title + "\n\n" + p.body for p in publications]
    texts += [extract_text_fast(data).text for data in files.values()]
    return texts


def test_screened_check_answers_as_the_full_scan_on_every_labelled_and_replica_text():
    texts = _texts_we_have()
    assert len(texts) > 500
    said = [c.could_mention_a_review(t) for t in texts]
    assert said == [c.could_mention_by_scanning(t) for t in texts]
    assert 0 < sum(said) < len(said)  # both answers occur


def test_screened_unions_give_the_same_matches_as_unscreened_ones_sentence_by_sentence():
    from transforms.classify import split_sentences

    unions = [value for value in vars(c).values() if isinstance(value, Screened)]
    unions += list(c.TYPE_PATTERNS.values()) + list(c.DOCUMENT_VETOES.values())
    sentences = [s for t in _texts_we_have()[::3] for s in split_sentences(t)][:6000]
    skipped = 0
    for union in unions:
        for sentence in sentences:
            got, want = union.search(sentence), union.compiled.search(sentence)
            assert (got and (got.span(), got.group())) == (want and (want.span(), want.group()))
            skipped += not union.could_match(fold(sentence))
    assert skipped > len(sentences)  # the screen does skip scans


def test_screened_check_answers_as_the_full_scan_on_a_generated_pdf_corpus():
    from benchmarks.pdf_corpus import corpus_publications
    from transforms.pdf_text import extract_text_fast

    publications, files = corpus_publications(documents=30, seed=11, max_pages=4)
    texts = [extract_text_fast(d).text for d in files.values()] + [p.title + "\n\n" + p.body for p in publications]
    assert [c.could_mention_a_review(t) for t in texts] == [c.could_mention_by_scanning(t) for t in texts]


def test_screened_check_answers_as_the_full_scan_on_shared_real_texts():
    import tomllib

    dev = SHARED / "realtexts" / "dev.toml"
    if not dev.exists():
        pytest.skip("../shared/realtexts/dev.toml is not here (a clone without the shared material)")
    texts = []
    for case in tomllib.loads(dev.read_text()).get("case", []):
        texts.append("\n\n".join(str(v) for v in case.values() if isinstance(v, str)))
    texts += [p.read_text(errors="replace") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    assert len(texts) > 100
    assert [c.could_mention_a_review(t) for t in texts] == [c.could_mention_by_scanning(t) for t in texts]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from(
            [
                "Ofsted",
                "inspection",
                "children's",
                "services",
                "SEND",
                "peer",
                "review",
                "challenge",
                "focused",
                "focussed",
                "visit",
                "İnspection",
                "ſingle",
                "local area",
                "rated",
                "good",
                "Council",
                "was",
                "judged",
                "CQC",
                "safeguarding",
                ".",
                "\n",
            ]
        ),
        min_size=1,
        max_size=14,
    ).map(" ".join)
)
def test_screened_check_answers_as_the_full_scan_on_word_salad(text):
    assert c.could_mention_a_review(text) == c.could_mention_by_scanning(text)


@pytest.mark.parametrize(
    "pattern,branches",
    [
        (r"a|b(?:c|d)", ["a", "b(?:c|d)"]),
        (r"[|]x|\|y", ["[|]x", r"\|y"]),
        (r"[]|]z|[^]|]w|[a\]|]q", ["[]|]z", "[^]|]w", r"[a\]|]q"]),
        (r"(?-i:\bCL\b)(?=\s*[:|])", [r"(?-i:\bCL\b)(?=\s*[:|])"]),
    ],
)
def test_a_pattern_parts_at_its_outermost_bars_only(pattern, branches):
    assert top_level_branches(pattern) == branches


def test_every_phrase_is_its_branches_joined_again():
    """The union searched branch by branch must be the phrase itself: its branches, joined, match what it does."""
    from transforms.vocabulary.phrases import PHRASES

    for phrase in PHRASES:
        branches = top_level_branches(phrase.pattern)
        assert "|".join(branches) == phrase.pattern
        for branch in branches:
            re.compile(branch)


def test_the_words_found_in_one_pass_are_the_words_a_text_holds():
    """Screens ask one automaton which of their words a sentence holds: the same as looking for each word."""
    from transforms.prefilter import WORDS

    sentences = [s for t in _texts_we_have()[::5] for s in c.split_sentences(t)][:3000]
    for sentence in sentences + ["İnspection of ſervices", ""]:
        folded = fold(sentence)
        assert WORDS.present(sentence) == {w for w in WORDS.words if w in folded}


def test_a_screen_made_after_the_others_finds_its_words_too():
    late = Screened.of(r"zebra crossings? (?:review|audit)")
    assert late.search("The Zebra Crossing audit was done.") is not None
    assert late.search("No crossing here.") is None
