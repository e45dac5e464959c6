"""Untrusted text never runs unbounded (issue 22, item 2): a 49 MiB single-line agenda item is cut before it is
analysed, and its analysis ends within the per-call time limit of the workers, never run again in the flow's own
process where nothing would bound it."""

from __future__ import annotations

from datetime import date

from tests.scenarios.test_hostile import bounded_call
from tests.support import pool_calls
from transforms.analysis import Publication, analyse_publications
from transforms.limits import MAX_ITEM_TEXT_CHARS
from transforms.pdf_pool import TextExtractor

MiB = 1024 * 1024
# Review words over and over, with no line or sentence break: the worst case for the classifier's patterns.
PHRASE = "the peer review team and the ofsted inspection of children's services found the council good and "


def test_a_49_mib_single_line_item_ends_within_the_per_publication_bound():
    body = (PHRASE * (49 * MiB // len(PHRASE) + 1))[: 49 * MiB]
    item = Publication(
        "http://council.example/mgAi.aspx?ID=1",
        "agenda_item",
        "Minutes",
        body,
        [],
        date(2026, 3, 3),
        "Scrutiny Committee",
    )
    limit = 10
    with TextExtractor(workers=1, timeout_seconds=limit) as pool:
        pool.run_many(pool_calls.double, [(1,)])  # the worker started before the clock does
        (analysis,), elapsed = bounded_call(
            lambda: analyse_publications("c", [item], {}, work=pool.work()), limit * 3 + 30
        )
    print(f"49 MiB item: {elapsed:.1f} s, {analysis.limits}")
    assert elapsed < limit * 3 + 15  # at most classify and extract, each within its limit
    assert any(
        "PEERWATCH_MAX_ITEM_TEXT_CHARS" in note and f"{MAX_ITEM_TEXT_CHARS:,}" in note for note in analysis.limits
    )


def test_a_publication_past_its_worker_limits_is_recorded_not_analysed_and_not_run_again_here(monkeypatch):
    import transforms.analysis as analysis_module

    monkeypatch.setattr(analysis_module, "MAX_ITEM_TEXT_CHARS", 10**9)  # no cap: only the time limit holds
    body = (PHRASE * (8 * MiB // len(PHRASE) + 1))[: 8 * MiB]
    item = Publication("http://council.example/mgAi.aspx?ID=2", "agenda_item", "Minutes", body, [], None, "x")
    limit = 3
    with TextExtractor(workers=1, timeout_seconds=limit) as pool:
        pool.run_many(pool_calls.double, [(1,)])
        (analysis,), elapsed = bounded_call(lambda: analyse_publications("c", [item], {}, work=pool.work()), 60)
    assert elapsed < limit + 10
    rule = analysis.classification.rule  # its time limit, or (8 MiB of text) the worker's memory limit
    assert rule.startswith(("not analysed: no result within 3 s", "not analysed: exceeded the worker's memory"))
    assert not analysis.classification.is_review and analysis.reviews == []
    assert any(note.startswith("analysis not finished") for note in analysis.limits)
