"""The researcher's report, built from a real harvest of the replica (the demo warehouse), read as HTML.

The warehouse is harvested once for the whole file (it is the costly part); the harvest itself writes the
report beside its data, which is what most tests read. Pages are parsed (BeautifulSoup), never string-matched.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pytest
from bs4 import BeautifulSoup

from flows.cli import main
from flows.report import build_report
from warehouse.report_data import COUNCIL_REVIEWS, NATIONAL, PAGE_QUERIES, REGION_GRADES, plain, run_shown_sql

ONE_MEGABYTE = 1_000_000


@pytest.fixture(scope="module")
def demo(replica, tmp_path_factory):
    """The demo warehouse (one harvest of the replica, as `peerwatch demo` runs it) and the report it wrote."""
    from flows.nightly import nightly_harvest

    folder = tmp_path_factory.mktemp("report-demo")
    councils = folder / "councils.toml"
    councils.write_text(replica.councils_toml(requests_per_second=100))
    summary = nightly_harvest(
        councils_file=str(councils),
        db=str(folder / "w.duckdb"),
        data_dir=str(folder / "data"),
        since=date(2014, 1, 1),
        until=date(2026, 12, 31),
        workers=2,
    )
    return {"db": str(folder / "w.duckdb"), "site": folder / "data" / "report", "summary": summary, "folder": folder}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def table_rows(page: BeautifulSoup, table_id: str) -> list[dict]:
    """A table's rows as {column: cell}, by the columns its header names."""
    table = page.find("table", id=table_id)
    assert table is not None, f"no table #{table_id}"
    columns = [th["data-col"] for th in table.thead.find_all("th")]
    return [dict(zip(columns, tr.find_all("td"))) for tr in table.tbody.find_all("tr")]


def grade_of(cell) -> str:
    return cell.find(class_="grade").get_text(strip=True)


def test_the_harvest_writes_the_report_beside_its_data(demo):
    assert demo["summary"]["report"] == str(demo["site"] / "index.html")
    names = {p.relative_to(demo["site"]).as_posix() for p in pages(demo["site"])}
    assert {"index.html", "national.html", "changes.html", "councils.html"} <= names
    assert {
        f"councils/{c}.html"
        for c in ("barnsley", "brighton-hove", "haringey", "worcestershire", "eastmoor", "ashcombe", "greyhaven")
    } <= names


def test_council_pages_show_their_reviews_grades_and_sources(demo):
    site = demo["site"]
    brighton = soup(site / "councils" / "brighton-hove.html")
    assert brighton.h1.get_text(strip=True) == "Brighton and Hove City Council"
    reviews = table_rows(brighton, "reviews-table")
    assert sorted(r["review_type"].get_text(strip=True) for r in reviews) == [
        "LGA peer challenge",
        "LGA peer challenge",
        "Ofsted SIF inspection",
    ]
    grades = {r["area"].get_text(strip=True): grade_of(r["grade"]) for r in table_rows(brighton, "chart-grades-data")}
    assert grades["Overall effectiveness"] == "Requires improvement" and grades["Adoption"] == "Good"
    # The chart is an inline SVG labelled by its caption, whose words say what the chart shows.
    svg = brighton.find("figure").find("svg")
    caption = brighton.find(id=svg["aria-labelledby"])
    assert svg["role"] == "img" and "Requires improvement" in caption.get_text()
    # Every review on the page links to its own page, and every source publication is linked.
    links = {a["href"] for a in brighton.find_all("a", href=True)}
    for r in reviews:
        assert r["review_id"].a["href"] in links
    sources = table_rows(brighton, "sources-table")
    assert sources and all(r["url"].find("a", class_="source")["href"].startswith("http") for r in sources)


def test_review_pages_show_judgements_team_findings_and_evidence(demo):
    site = demo["site"]
    barnsley = soup(site / "councils" / "barnsley.html")
    review_href = table_rows(barnsley, "reviews-table")[0]["review_id"].a["href"]
    review = soup((site / "councils" / review_href).resolve())
    assert "LGA peer challenge" in review.h1.get_text()
    assert len(table_rows(review, "team-table")) == 6
    assert table_rows(review, "evidence-table")
    assert review.find(id="h-findings")
    brighton = soup(site / "councils" / "brighton-hove.html")
    sif = next(
        r
        for r in table_rows(brighton, "reviews-table")
        if r["review_type"].get_text(strip=True) == "Ofsted SIF inspection"
    )
    page = soup((site / "councils" / sif["review_id"].a["href"]).resolve())
    judged = {r["area"].get_text(strip=True): grade_of(r["grade"]) for r in table_rows(page, "judgements-table")}
    assert judged["Overall effectiveness"] == "Requires improvement"
    assert judged["Local Safeguarding Children Board"] == "Good"
    facts = page.find("dl", class_="facts").get_text(" ", strip=True)
    assert "May 2015 (month only)" in facts


def test_national_table_has_every_childrens_services_authority_with_its_latest_inspection(demo):
    national = soup(demo["site"] / "national.html")
    rows = table_rows(national, "national")
    assert len(rows) == 153
    by_gss = {r["gss_code"].get_text(strip=True): r for r in rows}
    brighton = by_gss["E06000043"]
    assert grade_of(brighton["overall_grade"]) == "Requires improvement"
    assert brighton["framework"].get_text(strip=True) == "Ofsted SIF inspection"
    assert brighton["authority"].a["href"] == "councils/brighton-hove.html"
    assert brighton["inspection_date"].a["href"].startswith("reviews/")
    assert grade_of(by_gss["E08000016"]["overall_grade"]) == "No inspection held"  # Barnsley: a peer review only
    assert by_gss["E08000016"]["peer_review_date"].a is not None
    assert national.find("table", id="national")["class"] == ["sortable"]


def test_home_page_counts_link_to_the_rows_behind_them(demo):
    site = demo["site"]
    home = soup(site / "index.html")
    counts = table_rows(home, "alert-counts")
    assert {r["period"].get_text(strip=True) for r in counts} == {"since the last run", "last 30 days"}
    for r in counts:
        assert r["publications"].a["href"] in ("#since-last-run", "#last-30-days")
    alerts = table_rows(home, "since-last-run-table")
    assert len(alerts) == sum(
        int(r["publications"].get_text()) for r in counts if r["period"].get_text(strip=True) == "since the last run"
    )
    for r in table_rows(home, "chart-quarterly-data"):
        year_page, anchor = r["reviews"].a["href"].split("#")
        year = soup(site / year_page)
        assert len(year.find(id=anchor).find_next("ul").find_all("li")) == int(r["reviews"].get_text())
    regions = table_rows(home, "chart-regions-data")
    assert sum(int(r["authorities"].get_text()) for r in regions) == 153
    assert all(r["authorities"].a["href"].startswith("national.html#region=") for r in regions)
    assert home.find(id="chart-quarterly").find_next("svg") is not None


def test_every_internal_link_resolves(demo):
    site = demo["site"]
    for page in pages(site):
        parsed = soup(page)
        for tag in parsed.find_all(href=True) + parsed.find_all(src=True):
            target = tag.get("href") or tag.get("src")
            if re.match(r"^[a-z]+:", target):
                continue  # a source publication: checked below
            path, _, fragment = target.partition("#")
            resolved = (page.parent / unquote(path)).resolve() if path else page
            assert resolved.is_file(), f"{page.relative_to(site)} links to missing {target}"
            if fragment and "=" not in fragment:  # region=…: a filter the table's script applies
                assert soup(resolved).find(id=unquote(fragment)), f"{page.relative_to(site)}: no #{fragment}"


def warehouse_addresses(db: str) -> set[str]:
    con = duckdb.connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT url FROM publications UNION SELECT url FROM documents UNION "
            "SELECT moderngov_url FROM councils UNION SELECT coalesce(news_feed_url, news_url) "
            "FROM councils"
        ).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows if r[0]}


def test_no_file_references_an_outside_address(demo):
    """Nothing is loaded from anywhere: the only addresses are the council publications a reader may follow."""
    site = demo["site"]
    known = warehouse_addresses(demo["db"])
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".css" for p in files) and any(p.suffix == ".js" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".css", ".js", ".svg", ".json"):
            assert not any(w in text for w in ("://", "@import", "url(", "fetch(", "XMLHttpRequest", "import(")), path
            continue
        if path.suffix != ".html":
            continue
        parsed = BeautifulSoup(text, "html.parser")
        for tag in parsed.find_all(True):
            for attr in ("src", "href", "action", "data", "poster", "srcset", "xlink:href", "formaction"):
                value = tag.get(attr)
                if value and re.match(r"^[a-z]+:", value):
                    assert tag.name == "a" and "source" in tag.get("class", []), f"{path.name}: {tag}"
                    assert value in known, f"{path.name}: {value} is not a publication in the warehouse"
            assert not (
                tag.name in ("script", "link", "img", "iframe") and tag.get("src", tag.get("href", "")).startswith("//")
            ), f"{path.name}: {tag}"
        for address in re.findall(r"[a-z]+://[^\s\"'<>]+", html.unescape(text)):
            assert address.rstrip(",.;)") in known, f"{path.name} names {address}"


def test_the_sql_shown_on_each_page_gives_its_rows(demo):
    site, checked = demo["site"], 0
    for page in pages(site):
        parsed = soup(page)
        for table in parsed.find_all("table", attrs={"data-sql": True}):
            code = table.find_next("code", attrs={"data-sql-for": table["data-sql"]})
            columns, rows = run_shown_sql(demo["db"], code.get_text())
            shown = [json.loads(tr["data-row"]) for tr in table.tbody.find_all("tr")]
            assert shown == [[plain(v) for v in r] for r in rows], f"{page.relative_to(site)} {table['id']}"
            for tr, row in zip(table.tbody.find_all("tr"), rows):  # the numbers people read are the SQL's
                for td in tr.find_all("td", class_="num"):
                    assert int(td.get_text(strip=True)) == dict(zip(columns, row))[td["data-col"]]
            checked += 1
        for empty in parsed.find_all(attrs={"data-sql-empty": True}):
            code = empty.find_next("code", attrs={"data-sql-for": empty["data-sql-empty"]})
            assert run_shown_sql(demo["db"], code.get_text())[1] == [], f"{page.relative_to(site)}"
    assert checked > 50


def test_a_page_shows_its_sql_with_its_own_filter_written_in():
    assert "WHERE r.council = 'o''brien'" in COUNCIL_REVIEWS.sql("o'brien")
    assert "WHERE" not in COUNCIL_REVIEWS.sql().split("FROM reviews r")[1].split("ORDER BY")[0]


def test_every_page_is_small(demo):
    assert all(p.stat().st_size < ONE_MEGABYTE for p in pages(demo["site"]))


def test_a_second_build_rewrites_only_what_changed(demo, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(demo["db"], db)
    out = tmp_path / "site"
    first = build_report(db, out)
    assert first.written == first.pages
    assert build_report(db, out).written == 0
    con = duckdb.connect(str(db))
    review_id = con.execute("SELECT review_id FROM reviews WHERE council = 'barnsley' LIMIT 1").fetchone()[0]
    con.execute(
        "INSERT INTO review_findings (review_id, kind, text) VALUES (?, 'strength', 'A new strength read tonight')",
        [review_id],
    )
    con.close()
    night = build_report(db, out)
    assert set(night.written_paths) == {f"reviews/{review_id}.html"}
    # A council whose health changed is rewritten; its chart is not drawn again but taken from the last build.
    drawings = {p: p.stat().st_mtime_ns for p in (out / ".peerwatch-charts").glob("*.svg")}
    assert drawings
    con = duckdb.connect(str(db))
    con.execute(
        "UPDATE source_health SET consecutive_failed_runs = 1, last_error = 'HTTP 503' WHERE council = 'brighton-hove'"
    )
    con.close()
    health = build_report(db, out)
    assert "councils/brighton-hove.html" in health.written_paths
    assert "councils/haringey.html" not in health.written_paths
    assert {p: p.stat().st_mtime_ns for p in (out / ".peerwatch-charts").glob("*.svg")} == drawings
    assert soup(out / "councils" / "brighton-hove.html").find("figure").find("svg") is not None
    page = soup(out / "reviews" / f"{review_id}.html")
    assert "A new strength read tonight" in page.find(id="h-findings").parent.get_text()
    # A review that is gone takes its page with it; its council's page is rewritten.
    con = duckdb.connect(str(db))
    for table in ("review_findings", "review_team", "review_judgements", "review_sources", "reviews"):
        con.execute(f"DELETE FROM {table} WHERE review_id = ?", [review_id])
    con.close()
    after = build_report(db, out)
    assert after.removed == 1 and not (out / "reviews" / f"{review_id}.html").exists()
    assert "councils/barnsley.html" in after.written_paths
    assert "councils/haringey.html" not in after.written_paths


def shown_and_run(page: BeautifulSoup, table_id: str, db) -> tuple[list, list]:
    table = page.find("table", id=table_id)
    code = table.find_next("code", attrs={"data-sql-for": table["data-sql"]})
    rows = run_shown_sql(db, code.get_text())[1]
    return [json.loads(tr["data-row"]) for tr in table.tbody.find_all("tr")], [[plain(v) for v in r] for r in rows]


def test_judgements_and_fieldwork_show_the_page_and_line_they_were_read_from(demo, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(demo["db"], db)
    con = duckdb.connect(str(db))
    review_id = con.execute("SELECT review_id FROM reviews WHERE review_type = 'ofsted_sif'").fetchone()[0]
    con.execute(
        "UPDATE review_judgements SET source_document = 1, source_page = 2, "
        "source_line = 'Overall effectiveness  Requires improvement' "
        "WHERE review_id = ? AND area = 'overall_effectiveness'",
        [review_id],
    )
    con.execute(
        "UPDATE reviews SET fieldwork_document = 1, fieldwork_page = 1, "
        "fieldwork_line = 'Inspection dates: May 2015' WHERE review_id = ?",
        [review_id],
    )
    con.close()
    build_report(db, tmp_path / "site")
    page = soup(tmp_path / "site" / "reviews" / f"{review_id}.html")
    overall = next(
        r for r in table_rows(page, "judgements-table") if r["area"].get_text(strip=True) == "Overall effectiveness"
    )
    assert overall["source_page"].get_text(strip=True) == "2"
    assert overall["source_line"].get_text(strip=True) == "Overall effectiveness  Requires improvement"
    assert "page 1: “Inspection dates: May 2015”" in page.find("dl", class_="facts").get_text()
    shown, run = shown_and_run(page, "judgements-table", db)
    assert shown == run


def test_a_warehouse_without_provenance_columns_gives_the_same_pages_without_them(demo, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(demo["db"], db)
    con = duckdb.connect(str(db))
    for table, columns in (
        ("review_judgements", ("source_document", "source_page", "source_line")),
        ("reviews", ("fieldwork_document", "fieldwork_page", "fieldwork_line")),
    ):
        for column in columns:
            con.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}")
    review_id = con.execute("SELECT review_id FROM reviews WHERE review_type = 'ofsted_sif'").fetchone()[0]
    con.close()
    build_report(db, tmp_path / "site")
    page = soup(tmp_path / "site" / "reviews" / f"{review_id}.html")
    assert "source_page" not in table_rows(page, "judgements-table")[0]
    for table_id in ("judgements-table", "review-table"):
        shown, run = shown_and_run(page, table_id, db)
        assert shown == run


def test_what_a_site_sends_stays_text(demo, tmp_path):
    """Titles, findings and addresses come from council sites: markup in them is shown, never run or followed."""
    db = tmp_path / "w.duckdb"
    shutil.copyfile(demo["db"], db)
    con = duckdb.connect(str(db))
    review_id, url = con.execute(
        "SELECT review_id, url FROM review_sources WHERE kind = 'agenda_item' ORDER BY url LIMIT 1"
    ).fetchone()
    con.execute(
        "UPDATE agenda_items SET title = '<script>alert(1)</script> \"quoted\" & <b>bold</b>' WHERE url = ?", [url]
    )
    con.execute(
        "INSERT INTO review_findings (review_id, kind, text) VALUES (?, 'strength', '<img src=x onerror=alert(1)>')",
        [review_id],
    )
    con.execute(
        "INSERT INTO review_sources (review_id, url, kind, stage) "
        "VALUES (?, 'javascript:alert(1)', 'press_release', 'outcome')",
        [review_id],
    )
    con.close()
    build_report(db, tmp_path / "site")
    page = soup(tmp_path / "site" / "reviews" / f"{review_id}.html")
    assert [s.get("src") for s in page.find_all("script")] == ["../assets/table.js"]
    assert not page.find("img") and not page.find("b")
    assert "<script>alert(1)</script>" in page.get_text()
    assert not page.find("a", href=re.compile("^javascript:"))
    assert "javascript:alert(1)" in page.find(id="sources-table").get_text()


def test_a_warehouse_with_nothing_harvested_yet_gives_a_report_saying_so(tmp_path):
    from warehouse.db import open_warehouse

    open_warehouse(tmp_path / "empty.duckdb").close()
    result = build_report(tmp_path / "empty.duckdb", tmp_path / "site")
    home = soup(result.index)
    assert "No harvest has run" in home.find(id="h-run").parent.get_text()
    assert len(table_rows(soup(tmp_path / "site" / "national.html"), "national")) == 153
    for query in PAGE_QUERIES:  # every query the pages show runs on an empty warehouse too
        rows = run_shown_sql(tmp_path / "empty.duckdb", query.sql("x" if query.key else None))[1]
        if query in (NATIONAL, REGION_GRADES):  # every authority of the reference table, none inspected
            assert rows and all("no_inspection_held" in r or r[5] is None for r in rows)
        else:
            assert rows == [], query.name


def test_report_command(demo, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["report", "--db", demo["db"], "--out", str(out)]) == 0
    assert str(out / "index.html") in capsys.readouterr().out
    assert main(["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(out)]) == 2
    assert "no warehouse" in capsys.readouterr().err
    assert main(["report", "--db", demo["db"], "--out", str(out / "index.html")]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["report", "--db", demo["db"], "--out", str(tmp_path / "no" / "such")]) == 2
    assert "does not exist" in capsys.readouterr().err


# -- a real browser ------------------------------------------------------------------------------------
def chromium() -> str | None:
    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: pip install playwright (no browser download needed)")
    executable = chromium()
    if executable is None:
        pytest.skip("no Chromium installed: apt-get install chromium to run the browser tests")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    return page, problems


def column_texts(page, column: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#national tbody tr:not([hidden]) td[data-col='{column}']", "cells => cells.map(c => c.textContent.trim())"
    )


def test_pages_render_in_a_browser_with_no_console_error(demo, browser, tmp_path):
    for name in ("index.html", "councils/brighton-hove.html", "national.html"):
        page, problems = open_page(browser, demo["site"] / name)
        assert page.locator("h1").count() == 1
        shot = tmp_path / (name.replace("/", "_") + ".png")
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        page.close()
        assert problems == [], f"{name}: {problems}"


def test_national_table_sorts_and_filters_in_a_browser(demo, browser):
    page, problems = open_page(browser, demo["site"] / "national.html")
    authorities = column_texts(page, "authority")
    button = page.locator("th[data-col='authority'] button")
    button.focus()
    page.keyboard.press("Enter")  # keyboard: the column's button sorts it
    assert column_texts(page, "authority") == sorted(authorities, key=str.lower)
    assert page.get_attribute("th[data-col='authority']", "aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert column_texts(page, "authority") == sorted(authorities, key=str.lower, reverse=True)
    page.locator("th[data-col='overall_grade'] button").click()
    assert column_texts(page, "overall_grade")[0] == "Requires improvement"  # best grade held comes first
    page.select_option("select[name=region]", "South East")
    regions = column_texts(page, "region")
    assert regions and set(regions) == {"South East"}
    page.goto((demo["site"] / "national.html").as_uri() + "#region=London")
    assert set(column_texts(page, "region")) == {"London"}
    page.close()
    assert problems == []
