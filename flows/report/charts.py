"""Charts as Vega-Lite specifications (altair), rendered to inline SVG at build time by vl-convert.

No chart is drawn by our own code and no page loads a script to draw one: the SVG is in the page. Every chart
comes with a text alternative (its `summary`) and the page prints its data as a table beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import vl_convert

from flows.report.words import GRADE_COLOURS, GRADES, REVIEW_TYPES, area_words, words

GRADED = ("outstanding", "good", "requires_improvement", "inadequate")
FONT = "DejaVu Sans, Arial, sans-serif"
_XMLNS = re.compile(r'\s(?:xmlns|xmlns:xlink)="[^"]*"')


@dataclass(frozen=True)
class Chart:
    svg: str  # inline SVG, labelled by the figure's caption
    summary: str  # the text alternative: what the chart shows, in words


def render_svg(spec: dict) -> str:
    """A Vega-Lite specification drawn as SVG for inlining in HTML: namespace declarations dropped (HTML does not
    need them, and a page then names no outside address at all)."""
    return _XMLNS.sub("", vl_convert.vegalite_to_svg(spec), count=2)


class ChartCache:
    """SVGs already drawn, kept by their specification's hash in the report's folder. A council page rewritten
    because its harvest health changed does not draw its unchanged chart again: drawing is most of a build."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def draw(self, spec: dict) -> str:
        key = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:24]
        self.used.add(key)
        path = self.folder / f"{key}.svg"
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
        svg = render_svg(spec)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        os.replace(tmp, path)
        return svg

    def prune(self, keep: set[str]) -> None:
        """Forget every drawing no page uses any more."""
        for path in self.folder.glob("*.svg"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)


Draw = Callable[[dict], str]


def to_svg(chart: alt.Chart, label_id: str, draw: Draw = render_svg) -> str:
    """The chart drawn (by `draw`, e.g. a ChartCache's), labelled by `label_id` for screen readers."""
    # Our specs are fixed code, checked by the tests; validating each against the schema cost a tenth of a build.
    svg = draw(chart.to_dict(validate=False))
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{label_id}" focusable="false" ', 1)


def _configured(chart: alt.Chart) -> alt.Chart:
    return chart.configure(font=FONT).configure_view(stroke=None).configure_axis(labelFontSize=11, titleFontSize=12)


def _grade_scale(present: list[str]) -> alt.Scale:
    domain = [g for g in GRADES if g in present] + sorted(g for g in present if g not in GRADES)
    return alt.Scale(domain=[words(GRADES, g) for g in domain], range=[GRADE_COLOURS.get(g, "#999999") for g in domain])


def all_quarters(first: str, last: str) -> list[str]:
    """Every quarter from `first` to `last` ('2015-Q2'), so a quarter with no review shows as a gap."""
    (y, q), (end_y, end_q) = (map(int, first.split("-Q")), map(int, last.split("-Q")))
    out = []
    while (y, q) <= (end_y, end_q):
        out.append(f"{y}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def reviews_per_quarter(rows: list[dict], label_id: str, draw: Draw = render_svg) -> Chart | None:
    """Stacked bars: reviews per quarter, coloured by type."""
    if not rows:
        return None
    values = [
        {"quarter": r["quarter"], "type": words(REVIEW_TYPES, r["review_type"]), "reviews": r["reviews"]} for r in rows
    ]
    quarters = all_quarters(min(r["quarter"] for r in rows), max(r["quarter"] for r in rows))
    per_quarter = {q: sum(r["reviews"] for r in rows if r["quarter"] == q) for q in quarters}
    highest = max(per_quarter.values())  # whole numbers on the axis: no tick between 1 and 2 reviews
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X(
                "quarter:O",
                title="Quarter (fieldwork, or first report when fieldwork is unknown)",
                scale=alt.Scale(domain=quarters),
                axis=alt.Axis(labelAngle=-90),
            ),
            y=alt.Y("sum(reviews):Q", title="Reviews", axis=alt.Axis(format="d", tickCount=min(highest, 10))),
            color=alt.Color("type:N", title="Type", scale=alt.Scale(scheme="tableau10")),
        )
        .properties(width=max(300, min(900, 16 * len(quarters))), height=220)
    )
    total = sum(r["reviews"] for r in rows)
    busiest = max(quarters, key=per_quarter.get)
    summary = (
        f"Bar chart of {total} reviews over the {len(quarters)} quarters from {quarters[0]} to "
        f"{quarters[-1]}, stacked by type; the busiest quarter was {busiest}. The table gives every figure."
    )
    return Chart(to_svg(_configured(chart), label_id, draw), summary)


def latest_grade_by_region(rows: list[dict], label_id: str, draw: Draw = render_svg) -> Chart | None:
    """Horizontal stacked bars: children's-services authorities of each region by their latest overall grade."""
    if not rows:
        return None
    present = sorted({r["latest_grade"] for r in rows})
    values = [
        {
            "region": r["region"] or "unknown",
            "grade": words(GRADES, r["latest_grade"]),
            "order": list(GRADES).index(r["latest_grade"]) if r["latest_grade"] in GRADES else 99,
            "authorities": r["authorities"],
        }
        for r in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("region:N", title=None),
            x=alt.X("sum(authorities):Q", title="Children's-services authorities"),
            color=alt.Color("grade:N", title="Latest overall grade", scale=_grade_scale(present)),
            order=alt.Order("order:Q"),
        )
        .properties(width=520, height=alt.Step(22))
    )
    graded = sum(
        r["authorities"]
        for r in rows
        if r["latest_grade"] in GRADES and r["latest_grade"] not in ("no_inspection_held", "no_overall_grade")
    )
    total = sum(r["authorities"] for r in rows)
    by_grade = ", ".join(
        f"{words(GRADES, g)} {sum(r['authorities'] for r in rows if r['latest_grade'] == g)}"
        for g in GRADES
        if g in present
    )
    summary = (
        f"Bar chart of {total} children's-services authorities by region and the overall grade of their "
        f"latest inspection held in the warehouse ({graded} with a grade): {by_grade}."
    )
    return Chart(to_svg(_configured(chart), label_id, draw), summary)


def grades_over_time(rows: list[dict], label_id: str, draw: Draw = render_svg) -> Chart | None:
    """Points: each graded judgement of a council at its inspection date, its grade by position, word and colour;
    the framework by shape."""
    if not rows:
        return None
    present = sorted({r["grade"] for r in rows})
    scale = [g for g in GRADES if g in GRADED or g in present] + sorted(g for g in present if g not in GRADES)
    values = [
        {
            "date": r["judged_on"].isoformat(),
            "grade": words(GRADES, r["grade"]),
            "framework": words(REVIEW_TYPES, r["review_type"]),
            "area": area_words(r["area"]),
        }
        for r in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            x=alt.X("date:T", title="Inspection or review date"),
            y=alt.Y(
                "grade:N",
                title="Grade",
                sort=[words(GRADES, g) for g in scale],
                scale=alt.Scale(domain=[words(GRADES, g) for g in scale]),
            ),
            # the vertical axis names the grade; its colour repeats it, so no legend (a legend costs a third of a chart)
            color=alt.Color("grade:N", scale=_grade_scale(scale), legend=None),
            shape=alt.Shape("framework:N", title="Framework"),
        )
        .properties(width=520, height=alt.Step(30))
    )
    overall = [r for r in rows if r["area"] == "overall_effectiveness"]
    story = (
        "; ".join(
            f"{r['judged_on'].isoformat()} {words(REVIEW_TYPES, r['review_type'])}: {words(GRADES, r['grade'])}"
            for r in overall
        )
        or "no overall grade"
    )
    summary = (
        f"Chart of {len(rows)} graded judgements over time across frameworks. Overall effectiveness: "
        f"{story}. Areas: {', '.join(sorted({area_words(r['area']) for r in rows}))}."
    )
    return Chart(to_svg(_configured(chart), label_id, draw), summary)
