"""The researcher's report at national scale: every children's-services authority (153) with ten years of reviews.

Generates a warehouse (real DuckDB file, the real schema and reference table, rows made by SQL), then times:
- a full build of the report into an empty folder (goal: under 60 s on this machine);
- a build with nothing changed (every page's fingerprint matches: nothing written);
- a night: a new harvest run with a handful of new reviews, alerts and a failing source, every source's last
  success a day later (so every council's page is rewritten, its chart taken from the last build) (goal: under 5 s);
and checks every page stays under 1 MB.

    .venv/bin/python benchmarks/bench_report.py [--years 10] [--per-year 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows.report import build_report  # noqa: E402
from warehouse.db import open_warehouse  # noqa: E402

ONE_MEGABYTE = 1_000_000

# Pseudo-random but repeatable choices: hash(...) of the row's own keys. Monthly runs end today, as a warehouse in
# use would (runs long past make every source read as quiet).
GENERATE = """
CREATE TEMP TABLE la AS
    SELECT code, lower(code) AS slug, official_name, gss_code, la_type, region, row_number() OVER (ORDER BY code) AS n
    FROM local_authorities WHERE childrens_services AND end_date IS NULL;
INSERT INTO councils (slug, name, moderngov_url, news_url, gss_code, la_type, region, la_code)
    SELECT slug, official_name, 'https://' || slug || '.example.gov.uk/moderngov', 'https://' || slug ||
           '.example.gov.uk/news', gss_code, la_type, region, code FROM la;
CREATE TEMP TABLE gen AS
    SELECT la.slug, y.y AS year, k.k, hash(la.slug, y.y, k.k) AS h,
           substr(md5(la.slug || '/' || y.y || '/' || k.k), 1, 16) AS review_id
    FROM la, range({first_year}, {first_year} + {years}) y(y), range(0, {per_year}) k(k);
INSERT INTO reviews (review_id, council, review_type, service_area, fieldwork_start, fieldwork_end,
                     fieldwork_precision, fieldwork_raw, first_reported_date, first_reported_where, stage)
    SELECT review_id, slug,
           CASE WHEN k = 0 AND h % 3 = 0 THEN CASE WHEN year < 2018 THEN 'ofsted_sif' ELSE 'ofsted_ilacs' END
                WHEN k = 0 THEN 'ofsted_focused_visit'
                WHEN k = 1 THEN 'lga_peer_challenge'
                ELSE (['ofsted_monitoring_visit', 'jtai', 'send_area_inspection', 'lga_corporate_peer_challenge'])[
                     1 + (h % 4)::INTEGER] END,
           'childrens_services',
           make_date(year, 1 + k * 4 + (h % 3)::INTEGER, 1 + (h % 20)::INTEGER),
           make_date(year, 1 + k * 4 + (h % 3)::INTEGER, 5 + (h % 20)::INTEGER),
           'day', 'generated fieldwork dates',
           make_date(year, 2 + k * 4 + (h % 3)::INTEGER, 10), 'Cabinet', 'outcome'
    FROM gen;
INSERT INTO meetings (council, meeting_id, committee_title, meeting_date, status, url, route)
    SELECT r.council, r.review_id, 'Cabinet', r.first_reported_date, 'confirmed',
           'https://' || r.council || '.example.gov.uk/moderngov/ieListDocuments.aspx?MId=' || r.review_id, 'webservice'
    FROM reviews r;
INSERT INTO agenda_items (url, council, meeting_id, item_id, title, description)
    SELECT 'https://' || r.council || '.example.gov.uk/moderngov/mgAi.aspx?ID=' || r.review_id, r.council, r.review_id,
           r.review_id, 'Outcome of the ' || replace(r.review_type, '_', ' ') || ' of children''s services',
           'A report on the findings of the review and the council''s response.'
    FROM reviews r;
INSERT INTO press_releases (url, council, title, published_date, text, source)
    SELECT 'https://' || r.council || '.example.gov.uk/news/' || r.review_id, r.council,
           'Council welcomes the findings of its ' || replace(r.review_type, '_', ' '),
           r.first_reported_date + 3, 'The council welcomed the report.', 'feed'
    FROM reviews r;
INSERT INTO review_sources (review_id, url, kind, stage, reported_date, reported_where)
    SELECT p.meeting_id, p.url, 'agenda_item', 'outcome', m.meeting_date, 'Cabinet'
    FROM agenda_items p JOIN meetings m ON m.council = p.council AND m.meeting_id = p.meeting_id
    UNION ALL
    SELECT substr(p.url, length(p.url) - 15), p.url, 'press_release', 'outcome', p.published_date, 'press release'
    FROM press_releases p;
INSERT INTO review_judgements (review_id, area, grade, grade_raw, source_url)
    SELECT r.review_id, a.area, (['outstanding', 'good', 'good', 'requires_improvement', 'inadequate'])[
           1 + (hash(r.review_id, a.area) % 5)::INTEGER], 'generated', s.url
    FROM reviews r JOIN review_sources s ON s.review_id = r.review_id AND s.kind = 'agenda_item',
         (VALUES ('overall_effectiveness'), ('impact_of_leaders'), ('help_and_protection'),
                 ('children_in_care_and_care_leavers')) a(area)
    WHERE r.review_type IN ('ofsted_ilacs', 'ofsted_sif');
INSERT INTO review_findings (review_id, kind, text, source_url)
    SELECT s.review_id, f.kind, f.kind || ' number ' || i.i || ' of the review, as the report words it at some length',
           s.url
    FROM review_sources s, (VALUES ('strength'), ('area_for_improvement'), ('recommendation')) f(kind),
         range(0, 2) i(i)
    WHERE s.kind = 'agenda_item';
INSERT INTO review_team (review_id, name, role, organisation)
    SELECT r.review_id, 'Peer ' || i.i, 'Director of Children''s Services', 'Another Council'
    FROM reviews r, range(0, 4) i(i) WHERE r.review_type LIKE 'lga%';
INSERT INTO classifications (url, council, kind, is_review, review_types, service_area, stage, in_alert_scope, rule,
                             evidence)
    SELECT s.url, r.council, s.kind, true, [r.review_type], 'childrens_services', 'outcome', true,
           'title names the review', ['The council received the findings of the review.',
                                      'Inspectors found that leaders know their services well.']
    FROM review_sources s JOIN reviews r USING (review_id);
INSERT INTO runs (run_id, started_at, finished_at, status, councils, new_publications, new_alerts,
                  documents_downloaded, errors)
    SELECT 'run' || lpad(d::VARCHAR, 5, '0'), current_date - (({years} * 12 - d) * 30)::INTEGER + INTERVAL 2 HOUR,
           current_date - (({years} * 12 - d) * 30)::INTEGER + INTERVAL 3 HOUR, 'completed', 153, 40, 10, 20, 0
    FROM range(0, {years} * 12 + 1) r(d);
INSERT INTO alerts (url, council, title, review_type, reason, stage, evidence, created_at, run_id, key, tier,
                    found_by)
    SELECT s.url, r.council, p.title, r.review_type,
           'title names the review: ' || r.review_type || ' (outcome); “' || p.title || '”', 'outcome',
           ['The council received the findings of the review.'],
           (SELECT max(started_at) FROM runs WHERE started_at <= s.reported_date + INTERVAL 1 DAY),
           (SELECT arg_max(run_id, started_at) FROM runs WHERE started_at <= s.reported_date + INTERVAL 1 DAY),
           s.url, CASE WHEN hash(s.url) % 10 = 0 THEN 'worth_a_look' ELSE 'alert' END, 'harvest'
    FROM review_sources s JOIN reviews r USING (review_id) JOIN publications p ON p.url = s.url;
INSERT INTO source_health (council, source, last_attempt, last_success, last_new_publication,
                           consecutive_failed_runs, route)
    SELECT c.slug, s.source, (SELECT max(started_at) FROM runs), (SELECT max(started_at) FROM runs),
           (SELECT max(started_at) FROM runs), 0, 'webservice'
    FROM councils c, (VALUES ('moderngov'), ('news')) s(source);
"""

NIGHT = """
INSERT INTO runs (run_id, started_at, finished_at, status, councils, new_publications, new_alerts,
                  documents_downloaded, errors) VALUES ('night', (SELECT max(started_at) FROM runs) + INTERVAL 1 DAY,
                         (SELECT max(started_at) FROM runs) + INTERVAL 1 DAY + INTERVAL 1 HOUR,
                         'completed', 153, 12, 5, 6, 3);
INSERT INTO reviews (review_id, council, review_type, service_area, fieldwork_start, fieldwork_end,
                     fieldwork_precision, first_reported_date, first_reported_where, stage)
    SELECT 'night' || slug, slug, 'ofsted_ilacs', 'childrens_services', DATE '2026-10-05', DATE '2026-10-16', 'day',
           DATE '2026-11-20', 'Cabinet', 'outcome'
    FROM (SELECT slug FROM councils ORDER BY slug LIMIT 5);
INSERT INTO press_releases (url, council, title, published_date, text, source)
    SELECT 'https://' || council || '.example.gov.uk/news/night', council, 'Ofsted rates children''s services good',
           DATE '2026-11-20', 'The council welcomed the report.', 'feed'
    FROM reviews WHERE review_id LIKE 'night%';
INSERT INTO review_sources (review_id, url, kind, stage, reported_date, reported_where)
    SELECT review_id, 'https://' || council || '.example.gov.uk/news/night', 'press_release', 'outcome',
           DATE '2026-11-20', 'press release'
    FROM reviews WHERE review_id LIKE 'night%';
INSERT INTO review_judgements (review_id, area, grade, grade_raw, source_url)
    SELECT review_id, 'overall_effectiveness', 'good', 'Good', NULL FROM reviews WHERE review_id LIKE 'night%';
INSERT INTO alerts (url, council, title, review_type, reason, stage, created_at, run_id, key, tier, found_by)
    SELECT s.url, r.council, 'Ofsted rates children''s services good', 'ofsted_ilacs', 'title names the review',
           'outcome', (SELECT started_at FROM runs WHERE run_id = 'night'), 'night', s.url, 'alert', 'harvest'
    FROM review_sources s JOIN reviews r USING (review_id) WHERE r.review_id LIKE 'night%';
UPDATE source_health SET last_attempt = last_attempt + INTERVAL 1 DAY, last_success = last_success + INTERVAL 1 DAY;
UPDATE source_health SET consecutive_failed_runs = 3, last_error = 'HTTP 503'
    WHERE council = (SELECT max(slug) FROM councils) AND source = 'news';
"""


def generate(db: Path, years: int, per_year: int, first_year: int = 2016) -> dict:
    con = open_warehouse(db)
    try:
        for statement in GENERATE.format(years=years, per_year=per_year, first_year=first_year).split(";\n"):
            if statement.strip():
                con.execute(statement)
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("councils", "reviews", "review_sources", "review_judgements", "alerts")
        }
    finally:
        con.close()
    return counts


def night(db: Path) -> None:
    con = open_warehouse(db)
    try:
        for statement in NIGHT.split(";\n"):
            if statement.strip():
                con.execute(statement)
    finally:
        con.close()


def timed(label: str, db: Path, out: Path, **kwargs):
    """Wall time (the goal) and this process's CPU time (what the build costs, whatever else the machine runs)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = build_report(db, out, **kwargs)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{label:<34} {seconds:7.2f} s wall {cpu:7.2f} s CPU   {result.written:5d} of {result.pages} pages "
        f"written, {result.removed} removed"
    )
    return seconds, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=3, help="reviews per authority per year")
    parser.add_argument("--keep", help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    db, out = folder / "national.duckdb", folder / "report"
    db.unlink(missing_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    counts = generate(db, args.years, args.per_year)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"generated in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    full, _ = timed("full build (empty folder)", db, out)
    same, _ = timed("build again, nothing changed", db, out)
    night(db)
    nightly, result = timed("a night: 5 new reviews, 1 failing", db, out)  # every source answered: all councils
    sizes = sorted(((p.stat().st_size, p.relative_to(out).as_posix()) for p in out.rglob("*.html")), reverse=True)
    print("largest pages: " + ", ".join(f"{name} {size / 1000:.0f} kB" for size, name in sizes[:3]))
    print(f"night rewrote: {', '.join(sorted(result.written_paths)[:12])}{' …' if result.written > 12 else ''}")
    ok = full < 60 and nightly < 5 and sizes[0][0] < ONE_MEGABYTE
    print(f"goals (full < 60 s, night < 5 s, every page < 1 MB): {'met' if ok else 'NOT met'}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
