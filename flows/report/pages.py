"""The report's pages: what each shows, from the warehouse's rows (warehouse/report_data.py).

A page is its path, its template, the rows it shows (`inputs`, its fingerprint: the page is rewritten only when
they change) and a function making the template's context, called only when the page is written, so a night
that changed three councils draws three councils' charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from flows.report.charts import Draw, grades_over_time, latest_grade_by_region, reviews_per_quarter
from flows.report.views import safe_name, table_view
from flows.report.words import ERROR_CLASSES, FINDING_KINDS, GRADES, PRECISION, REVIEW_TYPES, STAGES, area_words, words
from warehouse.health import plain_warning
from warehouse.report_data import ReportData, Table

BRIEF_ALERT = ("reason",)  # the home page lists alerts briefly; the alerts feed page gives each reason
SKIPPING_ERRORS = {
    "host_skipped": "skipped",
    "budget_exceeded": "stopped early",
    "robots_disallowed": "skipped",
    "blocked": "refused",
}


@dataclass
class Page:
    path: str
    template: str
    title: str
    inputs: tuple
    context: Callable[[Draw], dict]  # given how to draw a chart (a ChartCache's draw)

    @property
    def root(self) -> str:
        """The way back to the report's folder from this page: links are relative, so file:// works."""
        return "../" * self.path.count("/")


def fieldwork_words(start: date | None, end: date | None, precision: str | None, raw: str | None) -> str:
    if start is None:
        return f"not resolved from “{raw}”" if raw else "not stated"
    if precision == "month":
        return f"{start:%B %Y} ({PRECISION['month']})"
    span = start.isoformat() if end in (None, start) else f"{start.isoformat()} to {end.isoformat()}"
    return f"{span} ({words(PRECISION, precision)})"


def _rows(split: dict[str, Table], key, template: Table) -> Table:
    return split.get(key) or template.empty()


def _page(folder: str, key: str | None) -> str | None:
    """The relative address of a council's or review's page from a top-level page."""
    return f"{folder}/{safe_name(key)}.html" if key else None


def _inputs(*tables: Table) -> tuple:
    return tuple(tuple(t.rows) for t in tables)


# -- home --------------------------------------------------------------------------------------------
def health_problems(health: Table, errors: Table, root: str) -> list[dict]:
    """Sources failing, quiet or skipped, each in words with what to do: the home page's health list."""
    problems = []
    for h in health.dicts():
        if h["warning_kind"]:
            problems.append(
                {
                    "council": h["council"],
                    "href": f"{root}councils/{safe_name(h['council'])}.html",
                    "kind": {"failing": "failing", "returned_nothing": "answered with nothing", "silent": "quiet"}.get(
                        h["warning_kind"], h["warning_kind"]
                    ),
                    "words": plain_warning(h),
                }
            )
        elif h["consecutive_failed_runs"]:
            error = f" ({h['last_error']})" if h["last_error"] else ""
            problems.append(
                {
                    "council": h["council"],
                    "href": f"{root}councils/{safe_name(h['council'])}.html",
                    "kind": "failed last night",
                    "words": f"its {h['source']} source failed {h['consecutive_failed_runs']} night(s) in a "
                    f"row{error}; it is tried again next night, and named here as failing after 3",
                }
            )
    for e in errors.dicts():
        if e["error_class"] in SKIPPING_ERRORS:
            problems.append(
                {
                    "council": e["council"],
                    "href": f"{root}councils/{safe_name(e['council'])}.html",
                    "kind": SKIPPING_ERRORS[e["error_class"]],
                    "words": f"{e['requests']} request(s) {ERROR_CLASSES[e['error_class']]}",
                }
            )
    return problems


def home_page(data: ReportData) -> Page:
    def context(draw: Draw) -> dict:
        root = ""
        counts = table_view(
            data.alert_counts,
            links={"publications": lambda r: "#since-last-run" if r["period"].startswith("since") else "#last-30-days"},
        )
        quarterly = table_view(
            data.quarterly,
            links={"reviews": lambda r: f"years/{r['quarter'][:4]}.html#{r['quarter']}-{r['review_type']}"},
        )
        regions = table_view(
            data.region_grades,
            links={
                "authorities": lambda r: f"national.html#region={quote(r['region'] or '')}&grade={r['latest_grade']}"
            },
        )
        run = data.last_run.dicts()[0] if data.last_run.rows else None
        return {
            "run": run,
            "last_run": table_view(data.last_run),
            "alert_counts": counts,
            "since_last_run": table_view(data.alerts_since_last_run, root=root, hidden=BRIEF_ALERT),
            "last_30_days": table_view(data.alerts_30_days, root=root, hidden=BRIEF_ALERT),
            "quarterly": quarterly,
            "quarterly_chart": reviews_per_quarter(data.quarterly.dicts(), "chart-quarterly", draw),
            "regions": regions,
            "regions_chart": latest_grade_by_region(data.region_grades.dicts(), "chart-regions", draw),
            "health": table_view(data.needs_attention, root=root),
            "errors": table_view(data.last_run_errors, root=root),
            "problems": health_problems(data.needs_attention, data.last_run_errors, root),
            "years": sorted({int(q[:4]) for q, *_ in data.quarterly.rows}, reverse=True),
            "councils": len(data.councils.rows),
        }

    return Page(
        "index.html",
        "home.html.j2",
        "PeerWatch report",
        _inputs(
            data.alert_counts,
            data.alerts_since_last_run,
            data.alerts_30_days,
            data.quarterly,
            data.region_grades,
            data.needs_attention,
            data.last_run_errors,
            data.last_run,
            data.councils,
        ),
        context,
    )


# -- national table, what changed, councils, years --------------------------------------------------
def national_page(data: ReportData) -> Page:
    def context(draw: Draw) -> dict:
        links = {
            "authority": lambda r: _page("councils", r["council"]),
            "inspection_date": lambda r: _page("reviews", r["inspection_id"]),
            "peer_review_date": lambda r: _page("reviews", r["peer_review_id"]),
        }
        view = table_view(
            data.national, links=links, sortable=True, hidden=("council", "inspection_id", "peer_review_id")
        )
        rows = data.national.dicts()
        for row, shown in zip(rows, view.rows):  # a missing grade filters as why it is missing
            for cell in shown.cells:
                if cell.column == "overall_grade" and not cell.value:
                    cell.filter = cell.grade = "no_inspection_held" if not row["inspection_id"] else "no_overall_grade"
                    cell.text = words(GRADES, cell.filter)
        grades = sorted(
            {
                r["overall_grade"] or ("no_inspection_held" if not r["inspection_id"] else "no_overall_grade")
                for r in rows
            },
            key=lambda g: list(GRADES).index(g) if g in GRADES else 99,
        )
        frameworks = sorted({r["framework"] for r in rows if r["framework"]})
        return {
            "table": view,
            "regions": sorted({r["region"] for r in rows if r["region"]}),
            "grades": [(g, words(GRADES, g)) for g in grades],
            "frameworks": [(f, words(REVIEW_TYPES, f)) for f in frameworks],
        }

    return Page(
        "national.html",
        "national.html.j2",
        "National table of children's-services authorities",
        _inputs(data.national),
        context,
    )


def changes_page(data: ReportData) -> Page:
    return Page(
        "changes.html",
        "changes.html.j2",
        "What changed: the alerts feed",
        _inputs(data.alerts_feed),
        lambda draw: {"table": table_view(data.alerts_feed, sortable=True)},
    )


def councils_page(data: ReportData) -> Page:
    def context(draw: Draw) -> dict:
        link = {
            "name": lambda r: f"councils/{safe_name(r['slug'])}.html",
            "reviews": lambda r: f"councils/{safe_name(r['slug'])}.html#reviews",
        }
        return {"table": table_view(data.councils, links=link, sortable=True, hidden=("moderngov_url", "news"))}

    return Page("councils.html", "councils.html.j2", "Councils", _inputs(data.councils), context)


def year_pages(data: ReportData) -> list[Page]:
    pages = []
    for year, table in data.year_reviews.split("year").items():

        def context(draw: Draw, table=table, year=year) -> dict:
            sections: dict[str, dict[str, list[dict]]] = {}
            for r in table.dicts():
                sections.setdefault(r["quarter"], {}).setdefault(r["review_type"], []).append(r)
            return {"year": year, "sections": sections, "table": table_view(table, year, root="../")}

        pages.append(Page(f"years/{year}.html", "year.html.j2", f"Reviews of {year}", _inputs(table), context))
    return pages


# -- a council ---------------------------------------------------------------------------------------
def timeline(reviews: list[dict], sources: list[dict]) -> list[dict]:
    """Fieldwork, first report, later reports, action plans and revisits of every review, in date order."""
    events = []
    types = {r["review_id"]: r["review_type"] for r in reviews}
    for r in reviews:
        if r["fieldwork_start"]:
            on_site = fieldwork_words(r["fieldwork_start"], r["fieldwork_end"], r["fieldwork_precision"], None)
            events.append(
                {
                    "date": r["fieldwork_start"],
                    "review_id": r["review_id"],
                    "what": "fieldwork",
                    "text": f"{words(REVIEW_TYPES, r['review_type'])}: team on site, {on_site}",
                }
            )
    seen: set[str] = set()
    for s in sorted(sources, key=lambda s: (s["reported_date"] or date.max, s["url"])):
        first = s["review_id"] not in seen
        seen.add(s["review_id"])
        what = "first report" if first else words(STAGES, s["stage"]) if s["stage"] != "outcome" else "later report"
        events.append(
            {
                "date": s["reported_date"],
                "review_id": s["review_id"],
                "what": what,
                "url": s["url"],
                "text": f"{words(REVIEW_TYPES, types.get(s['review_id']))}: {s['title'] or 'untitled'} "
                f"({s['reported_where'] or s['kind']})",
            }
        )
    return sorted(events, key=lambda e: (e["date"] or date.max, e["what"] != "fieldwork"))


def council_pages(data: ReportData) -> list[Page]:
    reviews = data.council_reviews.split("council")
    grades = data.council_grades.split("council")
    sources = data.council_sources.split("council")
    health = data.health.split("council")
    errors = data.last_run_errors.split("council")
    pages = []
    for council in data.councils.dicts():
        slug = council["slug"]
        tables = (
            _rows(reviews, slug, data.council_reviews),
            _rows(grades, slug, data.council_grades),
            _rows(sources, slug, data.council_sources),
            _rows(health, slug, data.health),
            _rows(errors, slug, data.last_run_errors),
        )

        def context(draw: Draw, council=council, slug=slug, tables=tables) -> dict:
            revs, grs, srcs, hl, errs = tables
            hide = ("council",)
            return {
                "council": council,
                "timeline": timeline(revs.dicts(), srcs.dicts()),
                "reviews": table_view(
                    revs,
                    slug,
                    "../",
                    hidden=hide,
                    links={"sources": lambda r: f"../reviews/{safe_name(r['review_id'])}.html#h-sources"},
                ),
                "grades": table_view(grs, slug, "../", hidden=hide),
                "grades_chart": grades_over_time(grs.dicts(), "chart-grades", draw),
                "sources": table_view(srcs, slug, "../", hidden=hide),
                "health": table_view(hl, slug, "../", hidden=hide),
                "errors": table_view(errs, slug, "../", hidden=hide),
                "problems": health_problems(hl, errs, "../"),
            }

        pages.append(
            Page(
                f"councils/{safe_name(slug)}.html",
                "council.html.j2",
                council["name"] or slug,
                (tuple(council.items()),) + _inputs(*tables),
                context,
            )
        )
    return pages


# -- a review ----------------------------------------------------------------------------------------
def review_pages(data: ReportData) -> list[Page]:
    parts = {
        name: getattr(data, name).split("review_id")
        for name in ("judgements", "findings", "team", "sources", "evidence")
    }
    followed_by: dict[str, list[str]] = {}
    for r in data.reviews.dicts():
        if r["follows_review_id"]:
            followed_by.setdefault(r["follows_review_id"], []).append(r["review_id"])
    pages = []
    for review in data.reviews.dicts():
        rid = review["review_id"]
        tables = {name: _rows(split, rid, getattr(data, name)) for name, split in parts.items()}
        one = Table(data.reviews.query, data.reviews.columns, [tuple(review[c] for c in data.reviews.columns)])
        later = tuple(followed_by.get(rid, ()))

        def context(draw: Draw, review=review, rid=rid, tables=tables, one=one, later=later) -> dict:
            hide = ("review_id",)
            findings: dict[str, list[str]] = {}
            for f in tables["findings"].dicts():
                findings.setdefault(words(FINDING_KINDS, f["kind"]), []).append(f["text"])
            return {
                "review": review,
                "type_words": words(REVIEW_TYPES, review["review_type"]),
                "stage_words": words(STAGES, review["stage"]),
                "fieldwork": fieldwork_words(
                    review["fieldwork_start"],
                    review["fieldwork_end"],
                    review["fieldwork_precision"],
                    review["fieldwork_raw"],
                ),
                "summary": table_view(one, rid, "../"),
                "judgements": table_view(tables["judgements"], rid, "../", hidden=hide),
                "findings": findings,
                "findings_table": table_view(tables["findings"], rid, "../", hidden=hide),
                "team": table_view(tables["team"], rid, "../", hidden=hide),
                "sources": table_view(tables["sources"], rid, "../", hidden=hide),
                "evidence": table_view(tables["evidence"], rid, "../", hidden=hide),
                "later": later,
                "area_words": area_words,
            }

        title = f"{words(REVIEW_TYPES, review['review_type'])}: {review['council_name'] or review['council']}"
        pages.append(
            Page(
                f"reviews/{safe_name(rid)}.html",
                "review.html.j2",
                title,
                (tuple(review.items()), later) + _inputs(*tables.values()),
                context,
            )
        )
    return pages


def all_pages(data: ReportData) -> list[Page]:
    return [
        home_page(data),
        national_page(data),
        changes_page(data),
        councils_page(data),
        *year_pages(data),
        *council_pages(data),
        *review_pages(data),
    ]
