"""What a classification must say, for tables of test cases: only the fields a case names are compared."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import NamedTuple

import pytest

from transforms.classify import Classification

WORDING = Path(__file__).resolve().parents[1] / "fixtures" / "wording"


class Expect(NamedTuple):
    alert: bool | None = None  # an alert in the default scope
    review: bool | None = None  # about a review at all
    type: str | None = None  # the primary review type
    stage: str | None = None
    area: str | None = None  # the service area

    def read(self, c: Classification) -> Expect:
        """The same fields of `c`, the others left out."""
        got = {
            "alert": c.is_alert,
            "review": c.is_review,
            "type": c.primary_type,
            "stage": c.stage,
            "area": c.service_area,
        }
        return Expect(**{field: got[field] if getattr(self, field) is not None else None for field in self._fields})


def check(c: Classification, expect: Expect) -> None:
    assert expect.read(c) == expect, c.reason()


def wording_cases(name: str) -> list:
    """`tests/fixtures/wording/<name>.toml` as pytest params (title, body, documents, published, expect), each
    with its kind's id."""
    cases = tomllib.loads((WORDING / f"{name}.toml").read_text(encoding="utf-8"))["case"]
    return [
        pytest.param(c["title"], c["body"], c.get("documents"), c.get("published"), Expect(**c["expect"]), id=c["id"])
        for c in cases
    ]
