"""Fast text first flags and records exactly what reading every document with pdfminer did.

Each publication is analysed twice: the old way (every document through the layout pass) and the new way
(PDFium text, and the layout pass only for publications whose text names a review, as the nightly flow
does). Classification and review records must be equal, on the replica and on a generated corpus.
"""
from benchmarks.pdf_corpus import corpus_publications
from transforms.pdf_compare import differences, replica_publications


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
