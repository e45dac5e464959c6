"""The warehouse schema, as numbered migrations applied in order by the code.

The public tables of the contract (councils, documents, fetch_log, alerts, reviews,
review_sources, review_judgements, review_team) only ever gain columns: later
migrations add, never rename. A migration that changes a view restates the whole view: each
migration's SQL is frozen as it was applied, so it never reads a shared constant that a later
change could alter under a warehouse already at that version.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
CREATE TABLE councils (
    slug VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    moderngov_url VARCHAR,
    news_url VARCHAR,
    news_feed_url VARCHAR,
    gss_code VARCHAR,
    la_type VARCHAR,
    region VARCHAR,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE committees (
    council VARCHAR NOT NULL,
    committee_id VARCHAR NOT NULL,
    title VARCHAR,
    PRIMARY KEY (council, committee_id)
);
CREATE TABLE meetings (
    council VARCHAR NOT NULL,
    meeting_id VARCHAR NOT NULL,
    committee_id VARCHAR,
    committee_title VARCHAR,
    meeting_date DATE,
    meeting_time VARCHAR,
    status VARCHAR,
    url VARCHAR,
    route VARCHAR,
    first_seen_at TIMESTAMPTZ DEFAULT current_timestamp,
    PRIMARY KEY (council, meeting_id)
);
CREATE TABLE agenda_items (
    url VARCHAR PRIMARY KEY,
    council VARCHAR NOT NULL,
    meeting_id VARCHAR,
    item_id VARCHAR,
    item_number VARCHAR,
    title VARCHAR,
    description VARCHAR,
    minutes VARCHAR,
    decision VARCHAR,
    content_sha VARCHAR,
    first_seen_at TIMESTAMPTZ DEFAULT current_timestamp,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE press_releases (
    url VARCHAR PRIMARY KEY,
    council VARCHAR NOT NULL,
    title VARCHAR,
    published_date DATE,
    published_raw VARCHAR,
    text VARCHAR,
    source VARCHAR,
    content_sha VARCHAR,
    first_seen_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE documents (
    url VARCHAR PRIMARY KEY,
    council VARCHAR NOT NULL,
    title VARCHAR,
    attachment_id VARCHAR,
    sha256 VARCHAR,
    bytes BIGINT,
    extract_status VARCHAR,
    extract_error VARCHAR,
    pages INTEGER,
    text VARCHAR,
    layout_text VARCHAR,
    fetched_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE item_documents (
    item_url VARCHAR NOT NULL,
    document_url VARCHAR NOT NULL,
    role VARCHAR,
    PRIMARY KEY (item_url, document_url)
);
CREATE TABLE meeting_documents (
    council VARCHAR NOT NULL,
    meeting_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    title VARCHAR,
    PRIMARY KEY (council, meeting_id, url)
);
CREATE TABLE fetch_log (
    url VARCHAR NOT NULL,
    council VARCHAR,
    status INTEGER,
    error VARCHAR,
    error_class VARCHAR,
    fetched_at TIMESTAMPTZ NOT NULL,
    bytes BIGINT,
    sha256 VARCHAR,
    from_cache BOOLEAN,
    attempts INTEGER,
    run_id VARCHAR
);
CREATE TABLE http_cache (
    url VARCHAR PRIMARY KEY,
    etag VARCHAR,
    last_modified VARCHAR,
    sha256 VARCHAR,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE classifications (
    url VARCHAR PRIMARY KEY,
    council VARCHAR,
    kind VARCHAR,
    is_review BOOLEAN,
    review_types VARCHAR[],
    service_area VARCHAR,
    stage VARCHAR,
    in_alert_scope BOOLEAN,
    rule VARCHAR,
    evidence VARCHAR[],
    classified_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE alerts (
    url VARCHAR PRIMARY KEY,
    council VARCHAR NOT NULL,
    title VARCHAR,
    review_type VARCHAR,
    reason VARCHAR,
    stage VARCHAR,
    evidence VARCHAR[],
    created_at TIMESTAMPTZ DEFAULT current_timestamp,
    notified_at TIMESTAMPTZ,
    run_id VARCHAR
);
CREATE TABLE reviews (
    review_id VARCHAR PRIMARY KEY,
    council VARCHAR NOT NULL,
    review_type VARCHAR NOT NULL,
    service_area VARCHAR,
    fieldwork_start DATE,
    fieldwork_end DATE,
    fieldwork_precision VARCHAR,
    fieldwork_raw VARCHAR,
    first_reported_date DATE,
    first_reported_where VARCHAR,
    stage VARCHAR,
    follows_review_id VARCHAR,
    created_at TIMESTAMPTZ DEFAULT current_timestamp,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE review_sources (
    review_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    kind VARCHAR,
    stage VARCHAR,
    reported_date DATE,
    reported_where VARCHAR,
    PRIMARY KEY (review_id, url)
);
CREATE TABLE review_judgements (
    review_id VARCHAR NOT NULL,
    area VARCHAR NOT NULL,
    grade VARCHAR NOT NULL,
    grade_raw VARCHAR,
    source_url VARCHAR,
    PRIMARY KEY (review_id, area)
);
CREATE TABLE review_findings (
    review_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    source_url VARCHAR,
    PRIMARY KEY (review_id, kind, text)
);
CREATE TABLE review_team (
    review_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    role VARCHAR,
    organisation VARCHAR,
    PRIMARY KEY (review_id, name)
);
CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    status VARCHAR,
    councils INTEGER,
    new_publications INTEGER,
    new_alerts INTEGER,
    documents_downloaded INTEGER,
    errors INTEGER
);
CREATE TABLE source_health (
    council VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    last_attempt TIMESTAMPTZ,
    last_success TIMESTAMPTZ,
    last_new_publication TIMESTAMPTZ,
    consecutive_failed_runs INTEGER DEFAULT 0,
    last_error VARCHAR,
    route VARCHAR,
    PRIMARY KEY (council, source)
);
CREATE VIEW publications AS
    SELECT i.url, i.council, 'agenda_item' AS kind, i.title, m.meeting_date AS published_date,
           m.committee_title AS published_where, i.first_seen_at
    FROM agenda_items i LEFT JOIN meetings m ON m.council = i.council AND m.meeting_id = i.meeting_id
    UNION ALL
    SELECT p.url, p.council, 'press_release', p.title, p.published_date, 'press release', p.first_seen_at
    FROM press_releases p;
CREATE VIEW review_overview AS
    SELECT r.review_id, c.name AS council_name, r.council, r.review_type, r.service_area,
           r.fieldwork_start, r.fieldwork_end, r.fieldwork_precision, r.fieldwork_raw,
           r.first_reported_date, r.first_reported_where, r.stage,
           (SELECT count(*) FROM review_sources s WHERE s.review_id = r.review_id) AS sources,
           (SELECT string_agg(j.area || '=' || j.grade, '; ' ORDER BY j.area) FROM review_judgements j
             WHERE j.review_id = r.review_id) AS judgements
    FROM reviews r LEFT JOIN councils c ON c.slug = r.council;
""",
    ),
    (
        2,
        "source went quiet view",
        """
CREATE VIEW quiet_sources AS
    SELECT h.council, h.source, h.consecutive_failed_runs, h.last_success, h.last_new_publication, h.last_error,
           CASE WHEN h.consecutive_failed_runs >= 3 THEN 'failing: ' || h.consecutive_failed_runs || ' runs in a row'
                ELSE 'no new publication for ' || (current_date - CAST(h.last_new_publication AS DATE)) || ' days'
           END AS warning
    FROM source_health h
    WHERE h.consecutive_failed_runs >= 3
       OR (h.last_success IS NOT NULL AND h.last_new_publication < now() - INTERVAL 60 DAY);
""",
    ),
    (
        3,
        "source health: items seen and a returned-nothing warning",
        """
ALTER TABLE source_health ADD COLUMN last_item_count INTEGER;
ALTER TABLE source_health ADD COLUMN warning VARCHAR;
CREATE OR REPLACE VIEW quiet_sources AS
    SELECT h.council, h.source, h.consecutive_failed_runs, h.last_success, h.last_new_publication, h.last_error,
           CASE WHEN h.consecutive_failed_runs >= 3 THEN 'failing: ' || h.consecutive_failed_runs || ' runs in a row'
                WHEN h.warning IS NOT NULL THEN h.warning
                ELSE 'no new publication for ' || (current_date - CAST(h.last_new_publication AS DATE)) || ' days'
           END AS warning
    FROM source_health h
    WHERE h.consecutive_failed_runs >= 3 OR h.warning IS NOT NULL
       OR (h.last_success IS NOT NULL AND h.last_new_publication < now() - INTERVAL 60 DAY);
""",
    ),
    (
        4,
        "reference table of English local authorities",
        """
CREATE TABLE local_authorities (
    code VARCHAR PRIMARY KEY,
    official_name VARCHAR NOT NULL,
    nice_name VARCHAR,
    gss_code VARCHAR,
    la_type VARCHAR,
    region VARCHAR,
    end_date DATE,
    replaced_by VARCHAR
);
ALTER TABLE councils ADD COLUMN la_code VARCHAR;
CREATE OR REPLACE VIEW review_overview AS
    SELECT r.review_id, c.name AS council_name, r.council, r.review_type, r.service_area,
           r.fieldwork_start, r.fieldwork_end, r.fieldwork_precision, r.fieldwork_raw,
           r.first_reported_date, r.first_reported_where, r.stage,
           (SELECT count(*) FROM review_sources s WHERE s.review_id = r.review_id) AS sources,
           (SELECT string_agg(j.area || '=' || j.grade, '; ' ORDER BY j.area) FROM review_judgements j
             WHERE j.review_id = r.review_id) AS judgements,
           c.gss_code, c.la_type, c.region
    FROM reviews r LEFT JOIN councils c ON c.slug = r.council;
""",
    ),
    (
        5,
        "source warnings are sent once per kind",
        """
ALTER TABLE source_health ADD COLUMN notified_warning VARCHAR;
CREATE OR REPLACE VIEW quiet_sources AS
    SELECT h.council, h.source, h.consecutive_failed_runs, h.last_success, h.last_new_publication, h.last_error,
           CASE WHEN h.consecutive_failed_runs >= 3 THEN 'failing: ' || h.consecutive_failed_runs || ' runs in a row'
                WHEN h.warning IS NOT NULL THEN h.warning
                ELSE 'no new publication for ' || (current_date - CAST(h.last_new_publication AS DATE)) || ' days'
           END AS warning,
           CASE WHEN h.consecutive_failed_runs >= 3 THEN 'failing'
                WHEN h.warning IS NOT NULL THEN 'returned_nothing'
                ELSE 'silent'
           END AS warning_kind
    FROM source_health h
    WHERE h.consecutive_failed_runs >= 3 OR h.warning IS NOT NULL
       OR (h.last_success IS NOT NULL AND h.last_new_publication < now() - INTERVAL 60 DAY);
""",
    ),
    (
        6,
        "district councils in the reference table",
        """
ALTER TABLE local_authorities ADD COLUMN childrens_services BOOLEAN;
""",
    ),
    (
        7,
        "documents: failed attempts and next try for answers that may heal",
        """
ALTER TABLE documents ADD COLUMN fetch_attempts INTEGER;
ALTER TABLE documents ADD COLUMN next_fetch_after TIMESTAMPTZ;
""",
    ),
    (
        8,
        "item links: webcasts, restricted reports, decisions and background pages of agenda items",
        """
CREATE TABLE item_links (
    item_url VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    title VARCHAR,
    council VARCHAR,
    first_seen_at TIMESTAMPTZ DEFAULT current_timestamp,
    PRIMARY KEY (item_url, url)
);
""",
    ),
    (
        9,
        "stable publication keys, alert tiers, delivery per channel",
        """
CREATE OR REPLACE TEMP MACRO pw_path_query(u) AS (
    CASE WHEN regexp_extract(trim(u), '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^#]*)', 1) IN ('', '?') THEN '/'
         ELSE regexp_replace(regexp_replace(regexp_extract(trim(u), '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^#]*)', 1),
                                            '^[?]', '/?'), '[?]$', '')
    END);
CREATE OR REPLACE TEMP MACRO pw_base_path(b) AS (
    rtrim(regexp_extract(trim(coalesce(b, '')), '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^?#]*)', 1), '/'));
CREATE OR REPLACE TEMP MACRO pw_item_key(council, item_id, u) AS (
    CASE WHEN coalesce(nullif(item_id, ''), nullif(regexp_extract(u, '(?i)[?&]ID=(\\d+)', 1), '')) IS NOT NULL
         THEN council || '/moderngov/item/' || coalesce(nullif(item_id, ''), regexp_extract(u, '(?i)[?&]ID=(\\d+)', 1))
         ELSE council || '/moderngov/url' || pw_path_query(u) END);
CREATE OR REPLACE TEMP MACRO pw_doc_key(council, u, base) AS (
    council || '/moderngov/doc' || lower(
        CASE WHEN pw_base_path(base) <> '' AND starts_with(lower(pw_path_query(u)), lower(pw_base_path(base)) || '/')
             THEN substr(pw_path_query(u), length(pw_base_path(base)) + 1) ELSE pw_path_query(u) END));

-- DuckDB refuses to commit an ALTER TABLE that follows an UPDATE or DELETE of the same table in one
-- transaction, so every column is added before any row is touched.
ALTER TABLE agenda_items ADD COLUMN key VARCHAR;
ALTER TABLE press_releases ADD COLUMN key VARCHAR;
ALTER TABLE documents ADD COLUMN key VARCHAR;
ALTER TABLE alerts ADD COLUMN key VARCHAR;
ALTER TABLE alerts ADD COLUMN tier VARCHAR DEFAULT 'alert';   -- 'alert' or 'worth_a_look'
UPDATE agenda_items SET key = pw_item_key(council, item_id, url);
UPDATE press_releases SET key = council || '/news' || pw_path_query(url);
UPDATE documents SET key = pw_doc_key(documents.council, documents.url,
                                      (SELECT c.moderngov_url FROM councils c WHERE c.slug = documents.council));
UPDATE alerts SET key = coalesce(
    (SELECT i.key FROM agenda_items i WHERE i.url = alerts.url),
    (SELECT p.key FROM press_releases p WHERE p.url = alerts.url),
    CASE WHEN regexp_matches(url, '(?i)/mgAi\\.aspx[?].*\\bID=\\d+') THEN pw_item_key(council, NULL, url)
         ELSE council || '/news' || pw_path_query(url) END);

-- A warehouse that already met a council at two addresses holds the same publication twice: keep the
-- latest address of a publication or document, and the first alert (the one researchers were sent).
DELETE FROM agenda_items WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() OVER (
    PARTITION BY key ORDER BY updated_at DESC NULLS LAST, first_seen_at DESC NULLS LAST) AS n FROM agenda_items) WHERE n > 1);
DELETE FROM press_releases WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() OVER (
    PARTITION BY key ORDER BY first_seen_at DESC NULLS LAST) AS n FROM press_releases) WHERE n > 1);
DELETE FROM documents WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() OVER (
    PARTITION BY key ORDER BY fetched_at DESC NULLS LAST) AS n FROM documents) WHERE n > 1);
DELETE FROM alerts WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() OVER (
    PARTITION BY key ORDER BY notified_at IS NULL, created_at) AS n FROM alerts) WHERE n > 1);

CREATE TABLE alert_deliveries (
    alert_key VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    attempts INTEGER DEFAULT 0,
    last_error VARCHAR,
    delivered_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp,
    PRIMARY KEY (alert_key, channel)
);
""",
    ),
    (
        11,
        "polite revisits and an incremental search index",
        """
ALTER TABLE meetings ADD COLUMN last_read_on DATE;
ALTER TABLE meetings ADD COLUMN next_read_on DATE;
CREATE TABLE moderngov_revisits (
    council VARCHAR PRIMARY KEY,
    feed_status VARCHAR,
    feed_checked_on DATE,
    listings_read_on DATE
);
CREATE TABLE search_index (
    url VARCHAR PRIMARY KEY,
    index_key VARCHAR NOT NULL,
    indexed_at TIMESTAMPTZ DEFAULT current_timestamp
);
-- Search moved to a tantivy index beside the warehouse (warehouse/search.py): free the old fts tables.
DROP SCHEMA IF EXISTS fts_main_search_corpus CASCADE;
DROP TABLE IF EXISTS search_corpus;
""",
    ),
    (
        12,
        "source health: nights a site answered with no meetings",
        """
ALTER TABLE source_health ADD COLUMN empty_runs INTEGER DEFAULT 0;
""",
    ),
    (
        14,
        "how an alert was found: the nightly harvest or reprocessing the archive",
        """
ALTER TABLE alerts ADD COLUMN found_by VARCHAR DEFAULT 'harvest';
""",
    ),
    (
        15,
        "provenance of judgements and fieldwork dates: document, page and raw line",
        """
ALTER TABLE review_judgements ADD COLUMN source_document INTEGER;
ALTER TABLE review_judgements ADD COLUMN source_page INTEGER;
ALTER TABLE review_judgements ADD COLUMN source_line VARCHAR;
ALTER TABLE reviews ADD COLUMN fieldwork_document INTEGER;
ALTER TABLE reviews ADD COLUMN fieldwork_page INTEGER;
ALTER TABLE reviews ADD COLUMN fieldwork_line VARCHAR;
""",
    ),
    (
        16,
        "source health: the caps a source reached (documents per meeting, feed size, new articles)",
        """
ALTER TABLE source_health ADD COLUMN limit_warning VARCHAR;
CREATE OR REPLACE VIEW quiet_sources AS
    SELECT h.council, h.source, h.consecutive_failed_runs, h.last_success, h.last_new_publication, h.last_error,
           CASE WHEN h.consecutive_failed_runs >= 3 THEN 'failing: ' || h.consecutive_failed_runs || ' runs in a row'
                WHEN h.warning IS NOT NULL THEN h.warning
                WHEN h.limit_warning IS NOT NULL THEN h.limit_warning
                ELSE 'no new publication for ' || (current_date - CAST(h.last_new_publication AS DATE)) || ' days'
           END AS warning,
           CASE WHEN h.consecutive_failed_runs >= 3 THEN 'failing'
                WHEN h.warning IS NOT NULL THEN 'returned_nothing'
                WHEN h.limit_warning IS NOT NULL THEN 'limit_reached'
                ELSE 'silent'
           END AS warning_kind
    FROM source_health h
    WHERE h.consecutive_failed_runs >= 3 OR h.warning IS NOT NULL OR h.limit_warning IS NOT NULL
       OR (h.last_success IS NOT NULL AND h.last_new_publication < now() - INTERVAL 60 DAY);
""",
    ),
]
