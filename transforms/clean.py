"""Text that the warehouse and XML can hold, whatever a site sent.

A PDF's ToUnicode map or a page can yield lone surrogates (DuckDB refuses them: the insert raises)
and control characters (XML 1.0 forbids them: a feed holding one is not a feed). Every text that
crosses into the warehouse, a feed or a message goes through `clean_text` first.
"""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline and carriage return below 0x20; everything else there is forbidden, as are
# the surrogates (never valid on their own in UTF-8) and the two non-characters U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A form feed (between the pages of a PDF's text) and a vertical tab end a line for every reader of the text
# (str.splitlines, \s). XML cannot hold them, so text for messages and feeds has them as newlines; dropped, the
# last line of one page ran into the first of the next ("…to be goodIn summary").
_LINE_BREAKS = re.compile("[\x0b\x0c]")


# Either kind: most texts hold neither, and one scan for both answers them.
_EITHER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str | None) -> str | None:
    """`text` without the characters the warehouse or XML cannot hold (None stays None)."""
    if text is None:
        return None
    if not _EITHER.search(text):
        return text
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))


def clean_document_text(text: str | None) -> str | None:
    """A document's text as the warehouse keeps it: `clean_text`, but with its page breaks (form feeds), which
    DuckDB holds. A reprocess then reads the stored text exactly as the night read it (a judgement on a page's
    last line stays on its own line, and pages are counted as they were)."""
    if text is None:
        return None
    return _FORBIDDEN.sub("", text)


# Typographic apostrophes and quotes ("Council’s", ‘good’) read as their plain forms, so one rule written with "'"
# holds for both; a soft hyphen (U+00AD) is invisible and goes.
_PLAIN_PUNCTUATION = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ad": None,
    }
)


_PLAIN_PAIRS = [(chr(code), plain or "") for code, plain in _PLAIN_PUNCTUATION.items()]


def plain_punctuation(text: str | None) -> str | None:
    """`text` with curly apostrophes and quotes made straight, for reading rules (not for storing)."""
    if not text:
        return text
    # What `str.translate(_PLAIN_PUNCTUATION)` gives, a character at a time: a long report's text is read several
    # times over, and looking for ten characters (then replacing those present) is many times faster than
    # translating every character through a table.
    for char, plain in _PLAIN_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text
