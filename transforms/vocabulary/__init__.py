"""The words PeerWatch reads outcomes by, as declarative tables (one module per kind), each row with a short
example in our own words. Code that applies them lives beside the readers (`transforms/classify.py`,
`transforms/judgement_tables.py`, `transforms/reviews.py`); nothing here runs."""
