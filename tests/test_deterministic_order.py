"""The same publication gives the same record on every run: the order of `review_types` (and so the primary type)
must not depend on Python's hash seed (issue 20 item 7). Two frameworks named once each, in one sentence, tie on
every ranking key; before the fix their order followed the iteration order of a set of strings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ANALYSE = r'''
import json
from transforms.reviews import classify_and_extract
title = "Inspection outcomes"
body = ("Ofsted's single inspection framework (SIF) inspection and a joint targeted area inspection (JTAI) of how "
        "agencies respond to neglect were both carried out here in 2016, and inspectors found services good.")
c, records = classify_and_extract("x", title, body, [], None, "test")
print(json.dumps({"types": c.review_types, "records": [(r.review_type, r.judgements) for r in records]}))
'''


def _analysis_under(seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", ANALYSE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(out.stdout)


def test_review_types_do_not_depend_on_the_hash_seed():
    runs = {seed: _analysis_under(seed) for seed in ("0", "7", "11")}  # 7 swapped the two types before the fix
    first = runs["0"]
    assert set(first["types"]) == {"ofsted_sif", "jtai"}
    assert all(run == first for run in runs.values()), runs
