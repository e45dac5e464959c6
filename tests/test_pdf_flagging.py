"""Fast text first flags and records exactly what reading every document with pdfminer did.

Each publication is analysed twice: the old way (every document through the layout pass) and the new way
(PDFium text, and the layout pass only for publications whose text names a review, as the nightly flow
does). Classification and review records must be equal, on the replica and on a generated corpus.
"""
from benchmarks.pdf_corpus import corpus_publications
from evaluation.pdf_compare import differences, replica_publications


def test_replica_publications_are_flagged_and_recorded_identically():
    publications, files = replica_publications()
    differ, counts = differences(publications, files)
    assert differ == []
    assert counts["flagged"] >= 5                            # the comparison covers flagged publications …
    assert 0 < counts["layout_pass_documents"] < counts["documents"]   # … and most documents skip the layout pass


def test_generated_corpus_is_flagged_and_recorded_identically():
    publications, files = corpus_publications(documents=20, seed=7, max_pages=3)
    differ, counts = differences(publications, files)
    assert differ == []
    assert counts["flagged"] >= 3


def test_the_no_review_shortcut_never_changes_a_classification(monkeypatch):
    """classify skips the sentence-by-sentence work when no review pattern matches anywhere; on every labelled
    publication and every replica publication that must give what the full work gives."""
    from evaluation.runner import DEFAULT_SET, load_cases, publication_for, round_sets
    from transforms import classify as c

    cases = [case for path in (DEFAULT_SET, *round_sets()[:2]) for case in load_cases(path)]
    inputs = []
    for case in cases:
        labelled = publication_for(case)
        pub = labelled.publication
        inputs.append((pub.title, pub.body, [d[0] for d in labelled.documents], pub.reported_date))
    publications, files = replica_publications()
    from transforms.pdf_text import extract_text_fast
    texts = {k: extract_text_fast(d).text for k, d in files.items()}
    inputs += [(p.title, p.body, [texts[k] for k in p.doc_urls], p.reported_date) for p in publications]
    inputs += [("Library opening hours", "A peer\nreview of the service", [], None),      # split by a line break
               ("Budget", "", ["Ofsted (cid:3) ILACS outcome letter"], None)]

    def decision(result):
        # What is flagged, typed and listed must match; the wording of why a text is *not* a review may differ
        # (the full path can name the veto that also applies, the shortcut says no review is mentioned).
        return result if result.is_review or result.worth_a_look else (False, False)

    shortcut = [c.classify(*args) for args in inputs]
    monkeypatch.setattr(c, "could_mention_a_review", lambda text: True)
    full = [c.classify(*args) for args in inputs]
    assert [decision(r) for r in shortcut] == [decision(r) for r in full]
    assert sum(1 for r in shortcut if r.is_review) >= 20 and sum(1 for r in shortcut if not r.is_review) >= 20
