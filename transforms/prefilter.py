"""A literal screen in front of regular expressions: skip a pattern when its text cannot hold a match.

Most council papers name no review, and scanning every review pattern over a 50-page report is most of
what the PDF stage spends after PDFium itself. Each pattern here is read once (Python's own regex parser)
for a set of words at least one of which every match must contain: `inspection of (?:the )?local area`
needs "inspection of"; `peer[- ](?:review|challenge)` needs "review" or "challenge". A pattern is searched
only when its text contains one of its words (a plain substring test, far cheaper than a regex scan), so a
screen answers exactly what the patterns answer — it only skips scans that could not match.

Soundness rests on two things, both tested (`tests/test_prefilter.py`): the words are drawn only from what
a match must consume (zero-width checks such as \\b and look-arounds add nothing, any optional or repeated
part ends a word), and the text is folded exactly as an IGNORECASE regex compares ASCII letters: lower
case, plus the four non-ASCII letters (İ ı ſ K) that Python's `re` treats as i, i, s and k.
"""

from __future__ import annotations

import re
from functools import cached_property

try:  # Python 3.11 keeps the parser here; older versions had it as sre_parse
    from re import _constants as C
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# Non-ASCII characters that an IGNORECASE pattern matches with an ASCII letter (Python's case fixes).
# `tests/test_prefilter.py` checks this against `re` over every code point.
ASCII_CASE_FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD_TABLE = str.maketrans(ASCII_CASE_FOLDS)

# Words = sets of strings; None = no word is certain (the pattern can match without any literal text).
Words = frozenset[str] | None

_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT} | ({C.POSSESSIVE_REPEAT} if hasattr(C, "POSSESSIVE_REPEAT") else set())


def fold(text: str) -> str:
    """The text as an IGNORECASE pattern sees ASCII letters: a literal word in `fold(pattern)` matches
    wherever it occurs in `fold(text)`."""
    # rare: an ASCII text (most) holds none of them; else a few substring scans spare a translate
    if not text.isascii() and any(char in text for char in ASCII_CASE_FOLDS):
        text = text.translate(_FOLD_TABLE)
    return text.lower()


def required_words(pattern: str, flags: int = 0) -> Words:
    """Strings (folded) of which every match of `pattern` contains at least one, or None if none is certain."""
    return _sequence_words(sre_parse.parse(pattern, flags))


def required_clauses(pattern: str, flags: int = 0) -> list[frozenset[str]]:
    """Every match of `pattern` holds one string of each clause (each a set of folded strings): the words of
    each part of its outermost sequence in turn, where `required_words` keeps only the best one. Empty when no
    part needs a word."""
    clauses: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in sre_parse.parse(pattern, flags):
        if op is C.LITERAL and av < 128:
            run.append(fold(chr(av)))
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            clauses.append(frozenset({"".join(run)}))
            run.clear()
        words = _item_words(op, av)
        if words:
            clauses.append(words)
    if run:
        clauses.append(frozenset({"".join(run)}))
    return clauses


def _found(compiled: re.Pattern, lead: str, text: str, folded: str) -> bool:
    """`bool(compiled.search(text))`, trying the pattern only where `folded` (the text folded) holds `lead`, the
    literal every match begins with ("": everywhere)."""
    if not lead or len(folded) != len(text):  # (lower-casing lengthened a character: places differ)
        return compiled.search(text) is not None
    find, match = folded.find, compiled.match
    place = find(lead)
    while place >= 0:
        if match(text, place) is not None:
            return True
        place = find(lead, place + 1)
    return False


def leading_literal(pattern: str, flags: int = 0) -> str:
    """The literal text (folded) every match of `pattern` begins with, after any zero-width checks; "" if none."""
    return _leading_literal(sre_parse.parse(pattern, flags))


def _leading_literal(items) -> str:
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL and av < 128:
            run.append(fold(chr(av)))
        elif run:
            break
        elif op is C.SUBPATTERN:  # a group first ("(?-i:\\bCL\\b)"): the text its match begins with
            return _leading_literal(av[-1])
        elif op not in _ZERO_WIDTH:
            break
    return "".join(run)


def _sequence_words(items) -> Words:
    """Every match of a sequence consumes each of its parts in turn, so any one part's words are the
    sequence's; the candidate with the longest shortest word is kept (the rarest in ordinary text)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL and av < 128:
            run.append(fold(chr(av)))
            continue
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the characters either side stay adjacent
        end_run()
        words = _item_words(op, av)
        if words:
            candidates.append(words)
    end_run()
    if not candidates:
        return None
    return max(candidates, key=lambda ws: (min(len(w) for w in ws), -len(ws)))


def _item_words(op, av) -> Words:
    if op is C.SUBPATTERN:
        return _sequence_words(av[-1])
    if op is C.BRANCH:
        alternatives = [_sequence_words(alt) for alt in av[1]]
        if any(a is None for a in alternatives):
            return None  # one way through needs no word at all
        return frozenset().union(*alternatives)
    if op in _REPEATS:
        low, _high, item = av
        return _sequence_words(item) if low >= 1 else None
    if hasattr(C, "ATOMIC_GROUP") and op is C.ATOMIC_GROUP:
        return _sequence_words(av)
    return None  # a character class, any character, a non-ASCII literal, a back-reference: no certain word


class Screened:
    """A compiled pattern and the words its every match contains (None: always searched). `search` answers as
    the compiled pattern's does (the same match object), skipping the scan when the text lacks every word;
    anything else (`pattern`, `finditer`, `sub` …) is the compiled pattern's own."""

    def __init__(self, pattern: re.Pattern, words: Words):
        self.compiled = pattern
        self.words = words
        if words is not None:
            WORDS.add(words)

    @classmethod
    def of(cls, pattern: str, flags: int = re.I) -> Screened:
        return cls(re.compile(pattern, flags), required_words(pattern, flags))

    def could_match(self, folded: str) -> bool:
        if self.words is None:
            return True
        for word in self.words:  # noqa: SIM110  (asked millions of times: any() over a generator costs double)
            if word in folded:
                return True
        return False

    def search(self, string: str, *span):
        if span or self.words is None or not self.words.isdisjoint(WORDS.present(string)):
            return self.compiled.search(string, *span)
        return None

    @cached_property
    def lead(self) -> str:
        return leading_literal(self.compiled.pattern, self.compiled.flags)

    def found_in(self, text: str, folded: str, present: frozenset[str]) -> bool:
        """`bool(self.compiled.search(text))`, for a long text (a whole document) whose folded form and present
        words (`words_of`) are known. A pattern whose every match begins with the same literal is tried only where
        the folded text has it: `match` at each such place, where `search` tried the pattern at every character
        (a pattern beginning `\\bCouncil` in a paper that says "council" a hundred times: a hundred tries, not
        eighty thousand). `match` at a place reads the text around it as `search` would (`\\b`, look-behinds)."""
        if self.words is not None and self.words.isdisjoint(present):
            return False
        return _found(self.compiled, self.lead, text, folded)

    def __getattr__(self, name):
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"Screened({self.compiled.pattern[:60]!r}…, {len(self.words or ())} words)"


class _Words:
    """Every word a screen needs, in one Aho–Corasick automaton (pyahocorasick): the words a text holds (folded,
    as `could_match` compares them) are found in one pass over it, and each screen then asks only whether its
    words meet them. A sentence is asked about by dozens of screens in turn; its words are found once (kept for
    the last few thousand sentences; long texts are not kept)."""

    def __init__(self, apart: int = 1):
        self.words: set[str] = set()
        self.automaton = None
        self.letters: tuple[str, ...] = ()
        self.apart = apart  # words this short are looked for on their own (see `_build`)
        self._known: dict[str, frozenset[str]] = {}  # short texts' words, kept until there are too many

    def add(self, words: frozenset[str]) -> None:
        if not words <= self.words:
            self.words |= words
            self.automaton = None  # built again, with the new words, when next asked
            self._known.clear()

    def present(self, text: str) -> frozenset[str]:
        """The screen words `text` holds (the same answer as `{w for w in words if w in fold(text)}`)."""
        # A plain dict, emptied when full, rather than an LRU cache: asked about a sentence by each screen in turn
        # (millions of times a night), the cache's own bookkeeping cost as much as the answer.
        found = self._known.get(text)
        if found is None:
            found = self._present(text)
            if len(text) <= 4096:
                if len(self._known) >= 8192:
                    self._known.clear()
                self._known[text] = found
        return found

    def _present(self, text: str) -> frozenset[str]:
        return self.present_in_folded(fold(text))

    def present_in_folded(self, folded: str) -> frozenset[str]:
        """The words `folded` (a text already folded) holds."""
        if self.automaton is None:
            self.automaton = self._build()
        # (an automaton given no word, all being short, is left a bare trie, which cannot be searched)
        found = [word for _, word in self.automaton.iter(folded)] if len(self.automaton) else []
        return frozenset([*found, *(char for char in self.letters if char in folded)])

    def _build(self):
        import ahocorasick

        # A one-character word ("s" of `\bS[58]\b`) occurs many times in every sentence: reported by the automaton
        # at each place it was half of all it found. It is looked for on its own, one scan of the text; in a page
        # or a whole document so is a two-character one ("ri" of `\bRI\b`: inside "priority", "during"… it was
        # most of what the automaton found in a page).
        self.letters = tuple(word for word in self.words if len(word) <= self.apart)
        automaton = ahocorasick.Automaton()
        for word in self.words:
            if len(word) > self.apart:
                automaton.add_word(word, word)
        automaton.make_automaton()
        return automaton


WORDS = _Words()


def words_of(*groups: list[Screened]) -> _Words:
    """The words of these screens in an automaton of their own, for asking them all about one long text (a whole
    document): one pass over it finds which words it holds, where asking each screen in turn (`could_match`) was
    a scan of the whole text per word (sixty scans of every council paper, most of the PDF stage's cost after
    PDFium itself on papers that name no review)."""
    words = _Words(apart=2)
    for screen in (s for group in groups for s in group):
        if screen.words is not None:
            words.add(screen.words)
    return words


def any_match(
    screens: list[Screened], text: str, folded: str | None = None, present: frozenset[str] | None = None
) -> bool:
    """Same answer as `any(s.compiled.search(text) for s in screens)`. `present`, when given, is the words of the
    screens that `text` holds (`words_of(...).present_in_folded(fold(text))`): for a long text, each screen is
    then asked `found_in`."""
    folded = fold(text) if folded is None else folded
    if present is not None:
        return any(s.found_in(text, folded, present) for s in screens)
    return any(s.could_match(folded) and s.compiled.search(text) is not None for s in screens)


def top_level_branches(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost `|` ("a|b(?:c|d)" → ["a", "b(?:c|d)"]): each a whole pattern
    of its own, since a `|` at depth 0, outside a character class and not escaped, parts the pattern."""
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # "[]…]" and "[^]…]": a "]" first is a member, not the end
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return branches + [pattern[start:]]


class ScreenedUnion(Screened):
    """Phrases joined into one pattern (`compiled`, `pattern`: the union, for matches and for building other
    patterns) whose `search` looks branch by branch: each alternative of each phrase is searched only when the
    text holds one of its own words. One long alternation is scanned at every position of a sentence for every
    branch; most branches name words a sentence lacks, so most are never scanned. The union matches exactly when
    some branch does (branches stand alone: no group of one refers to another), and then the union's own match is
    returned, so the answer is the union's in every respect."""

    def __init__(self, phrases: list[str], flags: int = re.I):
        union = "|".join(f"(?:{p})" for p in phrases)
        super().__init__(re.compile(union, flags), required_words(union, flags))
        branches = [b for p in phrases for b in top_level_branches(p)]
        self.parts = [Screened.of(b, flags) for b in branches]
        # A branch beginning with a literal of a few letters is tried only where the sentence holds it (`_found`);
        # a shorter one ("s" of `\bS[58]\b`) is in nearly every sentence, and searched.
        self._branches = [(p.words, p.compiled, p.lead if len(p.lead) >= 4 else "") for p in self.parts]

    def search(self, string: str, *span):
        if span:
            return self.compiled.search(string, *span)
        present = WORDS.present(string)
        if self.words is not None and self.words.isdisjoint(present):
            return None
        folded = None
        for words, compiled, lead in self._branches:
            if words is not None and words.isdisjoint(present):
                continue
            if lead and folded is None:
                folded = fold(string)
            if _found(compiled, lead, string, folded):
                return self.compiled.search(string)
        return None
