"""The documentation's examples (docs/examples/, written by `python -m flows.examples`) are what a fresh demo
warehouse gives today: regenerated here and compared, the night's date and times aside. When this fails, run
`make demo examples` and commit docs/examples/."""

from __future__ import annotations

import calendar
import re
from pathlib import Path

import pytest

from flows.examples import FILES, examples

DOCS = Path(__file__).resolve().parents[1] / "docs" / "examples"
NIGHT = re.compile(r"demo night of (\d{4})-(\d{2})-(\d{2})")
MONTHS = list(calendar.month_name)[1:]


def without_the_night(text: str) -> str:
    """The text with the demo night's date and the run's clock times replaced by tokens."""
    found = NIGHT.search(text)
    if found:
        y, m, d = found.groups()
        text = text.replace(f"{y}-{m}-{d}", "<night>").replace(f"{int(d)} {MONTHS[int(m) - 1]} {y}", "<night>")
    text = re.sub(r"<night> \d{2}:\d{2}(:\d{2})?", "<night> <time>", text)
    return re.sub(r"at \d{2}:\d{2} UTC", "at <time> UTC", text)


@pytest.mark.parametrize("name", FILES)
def test_the_documented_examples_are_what_the_demo_gives(demo_warehouse, name):
    fresh = without_the_night(examples(demo_warehouse[0])[name])
    documented = without_the_night((DOCS / name).read_text(encoding="utf-8"))
    if name == "alerts.txt":  # newest first: councils loaded in the same second may come in either order
        fresh, documented = sorted(fresh.splitlines()), sorted(documented.splitlines())
    assert documented == fresh, (
        f"docs/examples/{name} has drifted from the demo: run `make demo examples` and commit docs/examples/"
    )
