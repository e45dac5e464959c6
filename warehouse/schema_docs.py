"""The schema reference: every public table and column with its meaning, generated from the migrations.

Descriptions live here and only here. `peerwatch schema` prints them; `peerwatch schema --markdown >
docs/schema.md` regenerates the committed reference, and tests/test_schema_docs.py fails when a table
or column has no description or docs/schema.md is out of step with the migrations.
"""

from __future__ import annotations

import duckdb

NO_DESCRIPTION = "(no description yet)"

# Tables the code keeps for itself: not part of the researcher's contract, not exported by `export --all`.
INTERNAL = {"http_cache", "schema_migrations", "search_corpus", "search_index", "moderngov_revisits"}
INTERNAL_PREFIXES = ("fts_",)

VOCABULARIES = {
    "review_type": "lga_peer_challenge, lga_corporate_peer_challenge, ofsted_ilacs, ofsted_sif, ofsted_focused_visit, "
    "ofsted_monitoring_visit, jtai, send_area_inspection, other_peer_review",
    "service_area": "childrens_services, childrens_social_care, safeguarding, send, adult_social_care, planning, "
    "corporate",
    "stage": "announced (a visit still to come), outcome, action_plan, progress_review",
    "grade": "outstanding, good, requires_improvement, inadequate, not_judged; an area SEND inspection (2023 "
    "framework) records area send_area_outcome as positive_experiences, inconsistent_experiences or "
    "widespread_systemic_failings",
    "extract_status": "ok, no_text (scanned: needs OCR), encrypted, corrupt, too_large, unsupported, timeout, "
    "unavailable (an empty or wrong-type answer: asked for again later), gone (404/410)",
    "error_class": "timeout, connection_error, server_error, client_error, blocked (401/403, WAF), not_found, "
    "too_large, unexpected_content_type, robots_disallowed, host_not_allowed, offsite_redirect, "
    "redirect_loop, unsafe_url (an address PeerWatch refuses: not in the councils file, or ambiguous), "
    "host_skipped (Crawl-delay or Retry-After over the cap), budget_exceeded (the council's time "
    "budget ran out), unexpected_response (not the XML the web service should answer), bad_encoding",
    "finding kind": "strength, area_for_consideration, area_for_improvement, key_finding, recommendation, "
    "no_recommendations",
}

DATES = """\
- Times (`*_at`) are UTC timestamps of PeerWatch's own actions: `first_seen_at` is the night a publication was
  first stored, `fetched_at` when a request was answered, `created_at` when an alert was raised.
- `published_date` is the date the council gave: for an agenda item, the **meeting's date** (papers usually
  appear about a week before it, minutes weeks after); for a press release, the date printed on the page or in
  the feed (`published_raw` keeps the words it was read from).
- `fieldwork_start`/`fieldwork_end` are when the review team was on site. Precision `day` is exact; `month`
  stores a month-only date as the month's first and last day; `unresolved` leaves both NULL and keeps the words
  in `fieldwork_raw`.
- `first_reported_date` is the earliest `reported_date` among a review's sources (a meeting date or a press
  release date), and `first_reported_where` says which committee, or "press release".
"""

PROVENANCE = """\
Every fact about a review can be followed back to the file it came from:
`reviews.review_id` → `review_sources.url` (each publication reporting it; also `review_judgements.source_url`
and `review_findings.source_url`) → the publication in `agenda_items` or `press_releases` (both in the
`publications` view) → for an agenda item, `item_documents.document_url` → `documents.url` → `documents.sha256`,
the downloaded file itself in `<data-dir>/raw/<sha[0:2]>/<sha[2:4]>/<sha>`. `fetch_log` holds every request
(with its `sha256`), and `classifications` why each publication was or was not taken for a review.
Each judgement and the fieldwork dates also say where in that publication they were read:
`review_judgements.source_document`/`source_page`/`source_line` and `reviews.fieldwork_document`/`fieldwork_page`/
`fieldwork_line` (the document's place among the publication's documents, 0 for its title or body; the page,
counted by form feeds; the raw line), so a reading can be checked in seconds.
"""

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "councils": (
        "One row per council in the councils file (its latest settings).",
        {
            "slug": "your short name for the council; the `council` column of every other table",
            "name": "the council's name as written in the councils file",
            "moderngov_url": "base URL of its ModernGov committee site",
            "news_url": "its news listing page",
            "news_feed_url": "its RSS/Atom news feed, when given directly",
            "gss_code": "ONS GSS code of the matched local authority (NULL if the name matched none)",
            "la_type": "authority type from the reference table (e.g. CTY, MD, LBO, UA, NMD)",
            "region": "English region of the authority",
            "updated_at": "when this row last changed (UTC)",
            "la_code": "the matched row of `local_authorities` (its `code`)",
        },
    ),
    "committees": (
        "One row per committee seen on a council's ModernGov site.",
        {
            "council": "council slug",
            "committee_id": "ModernGov's committee id",
            "title": "committee name",
        },
    ),
    "meetings": (
        "One row per committee meeting read.",
        {
            "council": "council slug",
            "meeting_id": "ModernGov's meeting id",
            "committee_id": "ModernGov's committee id",
            "committee_title": "committee name",
            "meeting_date": "date of the meeting",
            "meeting_time": "time of the meeting as the site gives it",
            "status": "confirmed or cancelled",
            "url": "the meeting's page",
            "route": "how it was read: webservice (mgWebService.asmx XML) or html (the site's pages)",
            "first_seen_at": "when PeerWatch first stored the meeting (UTC)",
            "last_read_on": "the night its page was last read",
            "next_read_on": "the night it is due to be read again (daily for two weeks after the meeting, then weekly "
            "until the settle window ends; sooner when the site's what's-new feed names it)",
        },
    ),
    "agenda_items": (
        "One row per agenda item: a publication.",
        {
            "url": "the item's address, always <base>/mgAi.aspx?ID=<id>",
            "council": "council slug",
            "meeting_id": "the meeting it belongs to (`meetings.meeting_id`)",
            "item_id": "ModernGov's item id",
            "item_number": "the item's number on the agenda",
            "title": "item title",
            "description": "the item's text on the agenda",
            "minutes": "the minutes of the item, full text, once published",
            "decision": "the recorded decision, when the site gives one",
            "content_sha": "hash of the item's text and document list, to tell when it changed",
            "first_seen_at": "when PeerWatch first stored the item (UTC)",
            "updated_at": "when the item's text last changed (UTC)",
            "key": "stable identity `<council>/moderngov/item/<id>`: the same item whatever the site's scheme, host or port",
        },
    ),
    "press_releases": (
        "One row per news article: a publication.",
        {
            "url": "canonical address of the article",
            "council": "council slug",
            "title": "headline",
            "published_date": "publication date given by the council",
            "published_raw": "the words the date was read from",
            "text": "the article's story text (navigation and page furniture removed)",
            "source": "feed or listing: where the article was found",
            "content_sha": "hash of title and text, to tell when it changed",
            "first_seen_at": "when PeerWatch first stored the article (UTC)",
            "key": "stable identity `<council>/news/<path>`: the same article whatever the site's scheme, host or port",
        },
    ),
    "documents": (
        "One row per downloaded document (mostly PDFs attached to agenda items).",
        {
            "url": "the document's address",
            "council": "council slug",
            "title": "the link text the site gave it",
            "attachment_id": "ModernGov's attachment id",
            "sha256": "SHA-256 of the file: its name in the raw store (<data-dir>/raw)",
            "bytes": "file size",
            "extract_status": "outcome of reading its text (vocabulary extract_status)",
            "extract_error": "why the text could not be read, if it could not",
            "pages": "page count",
            "text": "the document's text",
            "layout_text": (
                "the text laid out by position, which keeps table rows (judgement tables) together; only pages"
                " that could hold a judgement table have rows, the others are empty (pages still split by form feeds)"
            ),
            "fetched_at": "when the file was downloaded (UTC)",
            "fetch_attempts": "answers in a row that were empty or not a document (status unavailable)",
            "next_fetch_after": "when an unavailable document is asked for again (1, 2, 4 … 32 days)",
            "key": "stable identity `<council>/moderngov/doc/<path below the base>`",
        },
    ),
    "item_documents": (
        "Which documents are attached to which agenda item.",
        {
            "item_url": "`agenda_items.url`",
            "document_url": "`documents.url`",
            "role": "report, additional, meeting or linked: how the item lists it",
        },
    ),
    "item_links": (
        "Links of an agenda item that are not documents: recorded, never downloaded.",
        {
            "item_url": "`agenda_items.url`",
            "url": "the link's address",
            "kind": "webcast, restricted (an exempt report exists but is not public), decision, background, votes, …",
            "title": "the link text",
            "council": "council slug",
            "first_seen_at": "when PeerWatch first saw the link (UTC)",
        },
    ),
    "meeting_documents": (
        "Documents attached to a meeting as a whole (agenda packs, minutes).",
        {
            "council": "council slug",
            "meeting_id": "`meetings.meeting_id`",
            "url": "the document's address",
            "title": "the link text",
        },
    ),
    "fetch_log": (
        "One row per request outcome, successful or not.",
        {
            "url": "address asked for",
            "council": "council slug",
            "status": "HTTP status (NULL when no answer came)",
            "error": "what went wrong, NULL on success",
            "error_class": "kind of failure (vocabulary error_class)",
            "fetched_at": "when it was answered (UTC)",
            "bytes": "size of the body",
            "sha256": "SHA-256 of the body, its name in the raw store",
            "from_cache": "true when the site answered 304 Not Modified and the stored copy was used",
            "attempts": "tries it took (retries for timeouts, 429, 5xx)",
            "run_id": "`runs.run_id` of the run that asked",
        },
    ),
    "source_health": (
        "One row per council and source (moderngov, news): how its last runs went.",
        {
            "council": "council slug",
            "source": "moderngov or news",
            "last_attempt": "last run that tried it (UTC)",
            "last_success": "last run it answered without error (UTC)",
            "last_new_publication": "last run it gave a publication not seen before (UTC)",
            "consecutive_failed_runs": "runs in a row it has failed (0 once it answers)",
            "last_error": "the last run's error, NULL if it answered",
            "route": "webservice or html, for a ModernGov site",
            "last_item_count": "meetings the site listed in the last run that reached it",
            "warning": "the current warning in words, when the site answered with no meetings",
            "notified_warning": "kind of warning already sent, so it is sent once",
            "empty_runs": "runs in a row the site answered but listed no meetings",
            "limit_warning": "the caps the source reached in its last run (docs/limits.md), NULL if none",
        },
    ),
    "classifications": (
        "One row per publication analysed: whether it is about a review, and why.",
        {
            "url": "the publication (`publications.url`)",
            "council": "council slug",
            "kind": "agenda_item or press_release",
            "is_review": "true when it reports a peer review or inspection",
            "review_types": "every review type it names (vocabulary review_type)",
            "service_area": "the service reviewed (vocabulary service_area)",
            "stage": "where in the review's life it stands (vocabulary stage)",
            "in_alert_scope": "true when it is of the kind alerted by default",
            "rule": "the rule that decided",
            "evidence": "the sentences quoted as evidence",
            "classified_at": "when it was analysed (UTC)",
        },
    ),
    "alerts": (
        "One row per flagged publication; a publication alerts once.",
        {
            "url": "the publication (`publications.url`)",
            "council": "council slug",
            "title": "publication title",
            "review_type": "main review type (vocabulary review_type)",
            "reason": "the rule that fired and the quoted sentences",
            "stage": "vocabulary stage",
            "evidence": "the quoted sentences",
            "created_at": "when the alert was raised (UTC)",
            "notified_at": "when it was sent (email, chat, feed), NULL until then",
            "run_id": "`runs.run_id` of the run that raised it",
            "key": "the publication's stable key (`agenda_items.key` or `press_releases.key`): alert-once is keyed on it",
            "tier": "alert, or worth_a_look: strong but incomplete signals, listed apart and never counted as an alert",
            "found_by": "harvest (the nightly run) or reprocess (today's rules over what was already stored)",
        },
    ),
    "alert_deliveries": (
        "One row per alert and notification channel: what each channel has been sent.",
        {
            "alert_key": "`alerts.key`",
            "channel": "the channel's name (never its URL)",
            "status": "sent, filtered_out (the channel's filters exclude it) or failed (tried again next run)",
            "attempts": "deliveries tried",
            "last_error": "why the last try failed",
            "delivered_at": "when it was sent (UTC)",
            "updated_at": "last change (UTC)",
        },
    ),
    "reviews": (
        "One row per review or inspection, however many publications report it.",
        {
            "review_id": "stable id of the review",
            "council": "council slug",
            "review_type": "vocabulary review_type",
            "service_area": "vocabulary service_area",
            "fieldwork_start": "first day the team was on site (see Dates)",
            "fieldwork_end": "last day on site",
            "fieldwork_precision": "day, month or unresolved",
            "fieldwork_raw": "the words the fieldwork dates were read from",
            "fieldwork_document": "which document of the source the dates were read from: 1-based among the "
            "publication's documents, 0 for its title or body (see Provenance)",
            "fieldwork_page": "page of that document (1-based; empty for a title or body)",
            "fieldwork_line": "the line(s) the dates were read from, as extracted",
            "first_reported_date": "earliest date a source reported it",
            "first_reported_where": "committee (or press release) of that first report",
            "stage": "stage of the first source (vocabulary stage)",
            "follows_review_id": "for a progress review, the review it returns to",
            "created_at": "when PeerWatch first recorded it (UTC)",
            "updated_at": "when its dates or details last changed (UTC)",
        },
    ),
    "review_sources": (
        "One row per publication reporting a review.",
        {
            "review_id": "`reviews.review_id`",
            "url": "the publication (`publications.url`)",
            "kind": "agenda_item or press_release",
            "stage": "stage this publication reports (vocabulary stage)",
            "reported_date": "its date (meeting date or press release date)",
            "reported_where": "committee, or press release",
        },
    ),
    "review_judgements": (
        "One row per judged area of a review.",
        {
            "review_id": "`reviews.review_id`",
            "area": "the judged area, e.g. overall_effectiveness",
            "grade": "vocabulary grade",
            "grade_raw": "the words the grade was read from",
            "source_url": "the publication it came from",
            "source_document": "which document of that publication: 1-based among its documents, 0 for its title or "
            "body (see Provenance)",
            "source_page": "page of that document (1-based; empty for a title or body)",
            "source_line": "the line(s) the grade was read from, as extracted (a table row's label and grade lines "
            "joined by ' / ')",
        },
    ),
    "review_findings": (
        "One row per finding: strengths, areas for improvement, recommendations.",
        {
            "review_id": "`reviews.review_id`",
            "kind": "vocabulary finding kind",
            "text": "the finding, as written",
            "source_url": "the publication it came from",
        },
    ),
    "review_team": (
        "One row per member of a peer review team.",
        {
            "review_id": "`reviews.review_id`",
            "name": "the peer's name",
            "role": "their role on the team",
            "organisation": "where they work",
        },
    ),
    "runs": (
        "One row per harvest run.",
        {
            "run_id": "id of the run (`fetch_log.run_id`, `alerts.run_id`)",
            "started_at": "start (UTC)",
            "finished_at": "end (UTC)",
            "status": "completed",
            "councils": "councils read",
            "new_publications": "publications not seen before",
            "new_alerts": "alerts raised",
            "documents_downloaded": "documents downloaded (not answered from the raw store)",
            "errors": "fetch errors recorded",
        },
    ),
    "local_authorities": (
        "Reference table of English local authorities (mySociety register, CC-BY-4.0).",
        {
            "code": "the register's short code; `councils.la_code` points here",
            "official_name": "official name",
            "nice_name": "everyday name",
            "gss_code": "ONS GSS code",
            "la_type": "authority type (CTY county, MD metropolitan district, LBO London borough, UA unitary, "
            "NMD district, …)",
            "region": "English region",
            "end_date": "when an abolished authority ended",
            "replaced_by": "the authority that replaced it",
            "childrens_services": "true when the authority runs children's services (districts do not)",
        },
    ),
    "publications": (
        "View: agenda items and press releases together.",
        {
            "url": "the publication's address",
            "council": "council slug",
            "kind": "agenda_item or press_release",
            "title": "title or headline",
            "published_date": "meeting date, or press release date (see Dates)",
            "published_where": "committee name, or 'press release'",
            "first_seen_at": "when PeerWatch first stored it (UTC)",
        },
    ),
    "review_overview": (
        "View: one line per review with its judgements, GSS code, type and region.",
        {
            "review_id": "`reviews.review_id`",
            "council_name": "the council's name",
            "council": "council slug",
            "review_type": "vocabulary review_type",
            "service_area": "vocabulary service_area",
            "fieldwork_start": "first day on site",
            "fieldwork_end": "last day on site",
            "fieldwork_precision": "day, month or unresolved",
            "fieldwork_raw": "the words the dates were read from",
            "first_reported_date": "earliest report",
            "first_reported_where": "where it was first reported",
            "stage": "vocabulary stage",
            "sources": "number of publications reporting it",
            "judgements": "area=grade pairs, separated by '; '",
            "gss_code": "ONS GSS code of the council",
            "la_type": "authority type",
            "region": "English region",
        },
    ),
    "quiet_sources": (
        "View: sources that need attention (failing 3 runs in a row, answering with no meetings, "
        "reaching a cap, or no new publication for 60 days).",
        {
            "council": "council slug",
            "source": "moderngov or news",
            "consecutive_failed_runs": "runs in a row it has failed",
            "last_success": "last run it answered (UTC)",
            "last_new_publication": "last run it gave something new (UTC)",
            "last_error": "the last error",
            "warning": "what is wrong, in words",
            "warning_kind": "failing, returned_nothing, limit_reached or silent",
        },
    ),
}


def is_public(name: str) -> bool:
    return name not in INTERNAL and not name.startswith(INTERNAL_PREFIXES)


def _migrated_columns() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Every relation of a freshly migrated warehouse: name -> (TABLE|VIEW, [(column, type)])."""
    from warehouse.db import migrate

    con = duckdb.connect(":memory:")
    try:
        migrate(con)
        out = {}
        for name, kind in con.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            "WHERE table_schema = 'main' ORDER BY table_name"
        ).fetchall():
            cols = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [name],
            ).fetchall()
            out[name] = ("VIEW" if kind == "VIEW" else "TABLE", cols)
        return out
    finally:
        con.close()


def public_relations() -> list[str]:
    """Public tables and views, in the order the reference gives them."""
    present = _migrated_columns()
    ordered = [n for n in TABLES if n in present]
    return ordered + sorted(n for n in present if n not in TABLES and is_public(n))


def undocumented() -> list[str]:
    """`table.column` of every public column without a description (and tables without one)."""
    missing = []
    for name, (_, cols) in _migrated_columns().items():
        if not is_public(name):
            continue
        if name not in TABLES:
            missing.append(name)
        described = TABLES.get(name, ("", {}))[1]
        missing += [f"{name}.{c}" for c, _ in cols if c not in described]
    return missing


def schema_markdown() -> str:
    relations = _migrated_columns()
    lines = [
        "# PeerWatch warehouse schema",
        "",
        "Generated from the migrations by `peerwatch schema --markdown > docs/schema.md`; do not edit by hand "
        "(descriptions live in `warehouse/schema_docs.py`). Public tables only gain columns.",
        "",
    ]
    lines += ["## Dates", "", DATES, "## Provenance", "", PROVENANCE, "## Vocabularies", ""]
    lines += [f"- **{k}**: {v}" for k, v in VOCABULARIES.items()] + [""]
    for name in public_relations():
        kind, cols = relations[name]
        about, described = TABLES.get(name, (NO_DESCRIPTION, {}))
        lines += [f"## `{name}` ({kind.lower()})", "", about, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c}` | {t} | {described.get(c, NO_DESCRIPTION)} |" for c, t in cols]
        lines.append("")
    return "\n".join(lines)


def schema_text() -> str:
    relations = _migrated_columns()
    lines = []
    for name in public_relations():
        kind, cols = relations[name]
        about, described = TABLES.get(name, (NO_DESCRIPTION, {}))
        lines.append(f"{name} ({kind.lower()}): {about}")
        width = max(len(c) for c, _ in cols)
        lines += [
            f"  {c.ljust(width)}  {t.replace('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ'):<12} "
            f"{described.get(c, NO_DESCRIPTION)}"
            for c, t in cols
        ]
        lines.append("")
    lines += ["Vocabularies:"] + [f"  {k}: {v}" for k, v in VOCABULARIES.items()]
    lines += ["", "Full reference with dates and provenance: peerwatch schema --markdown (docs/schema.md)", ""]
    return "\n".join(lines)
