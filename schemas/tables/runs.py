"""The run log and what a run read and found (`schemas.tables`): ``kpi_run``, its input
files, the rows it rejected, each source's completeness, the scheme files used, and the
months a publish made stale."""

from __future__ import annotations

from schemas.tables.columns import (
    BOOLEAN,
    DATE,
    DOUBLE,
    INTEGER,
    TEXT,
    TIMESTAMP,
    _c,
    _table,
)

KPI_RUN = _table(
    "kpi_run",
    "the run log. Grain: one row per run of a month, published, unchanged or failed.",
    _c("run_id", TEXT, "identifier of the run", key=True),
    _c("month_start", DATE, "first day of the month run"),
    _c("status", TEXT, "running (until the run ends), published, unchanged or failed"),
    _c(
        "version",
        INTEGER,
        "the version published, or the month's current version for unchanged and failed runs",
        null=True,
    ),
    _c(
        "fingerprint",
        TEXT,
        "hash of the input files, the scheme file, the month's period and history_digest; "
        "an equal fingerprint means nothing the month reads changed",
        null=True,
    ),
    _c("scheme_version", TEXT, "version of the scheme file used", null=True),
    _c("code_version", TEXT, "version of the pipeline code", null=True),
    _c("started_at", TIMESTAMP, "when the run started (UTC)"),
    _c("finished_at", TIMESTAMP, "when the run ended (UTC); null while it runs", null=True),
    _c("error", TEXT, "why the run failed; null unless failed", null=True),
    _c(
        "warnings",
        TEXT,
        "notes for the operator, one per line (stale later months, calendar gaps, ...)",
        null=True,
    ),
    _c(
        "allow_rejects",
        BOOLEAN,
        "published over the reject threshold by the operator's "
        "choice (--allow-rejects while a file was over it)",
    ),
    _c(
        "allow_incomplete",
        BOOLEAN,
        "published although a store's export was incomplete against its own history, by the "
        "operator's choice (--allow-incomplete while a store was judged incomplete; "
        "see kpi_completeness)",
    ),
    _c("data_docs", TEXT, "where the quality gate's report is", null=True),
    _c(
        "history_digest",
        TEXT,
        "hash of what the run read from earlier months: each agent's consecutive warned "
        "months ending the month before, the stores' completeness baseline and where the "
        "previous month's published period ended",
        null=True,
    ),
    _c("flow_run_id", TEXT, "the Prefect flow run that ran it; null outside Prefect", null=True),
    _c(
        "scheme_sha256",
        TEXT,
        "SHA-256 of the scheme file used (its content is in kpi_scheme); null for runs "
        "before it was recorded",
        null=True,
    ),
    indexes=(
        ("kpi_run_month", ("month_start", "status"), False),
        # At most one published run per version of a month.
        ("kpi_run_published_version", ("month_start", "version"), True, "status = 'published'"),
    ),
)

KPI_RUN_INPUT = _table(
    "kpi_run_input",
    "lineage of a run's input files. Grain: one row per (run_id, source file).",
    _c("run_id", TEXT, "the run that read the file", key=True),
    _c("month_start", DATE, "the month run"),
    _c(
        "source",
        TEXT,
        "agents, receptions, surveys, complaints, purchases, consultations or appeals",
        key=True,
    ),
    _c("file_name", TEXT, "the file's name in the month folder"),
    _c("file_sha256", TEXT, "SHA-256 of the file's bytes"),
    _c("encoding", TEXT, "utf-8, utf-8-sig, gb18030, xlsx or xls"),
    _c(
        "sheet",
        TEXT,
        "the spreadsheet's sheet read (its first visible one); null for CSV",
        null=True,
    ),
    _c(
        "rows_skipped",
        INTEGER,
        "footer rows skipped (合计, 总计, 小计, 制表 ...): not data, not rows read; "
        "null for runs before they were counted",
        null=True,
    ),
    _c("rows_read", INTEGER, "data rows read (blank rows are not rows)"),
    _c("rows_accepted", INTEGER, "rows used in the calculation"),
    _c("rows_rejected", INTEGER, "rows quarantined (see kpi_rejected_row)"),
    _c("rows_duplicate", INTEGER, "exact duplicates collapsed"),
    _c(
        "rows_out_of_period", INTEGER, "rows of another month; rows_read = the four counts added up"
    ),
)

KPI_REJECTED_ROW = _table(
    "kpi_rejected_row",
    "the quarantine. Grain: one row per rejected input row and run.",
    _c("run_id", TEXT, "the run that rejected the row", key=True),
    _c("month_start", DATE, "the month run"),
    _c("source", TEXT, "the export the row came from", key=True),
    _c("file_name", TEXT, "the file's name in the month folder"),
    _c("row_number", INTEGER, "1-based position among the file's data rows", key=True),
    _c(
        "source_line",
        INTEGER,
        "where the clerk finds the row: the CSV line or the spreadsheet row number, counting "
        "title and header lines; null for runs before it was recorded",
        null=True,
    ),
    _c("record_id", TEXT, "the row's id as read; null when missing", null=True),
    _c("reasons", TEXT, "reason codes joined with ';' in the order of the input contract"),
    _c("raw", TEXT, "the row's contract columns as read, JSON"),
)

KPI_STALE_MONTH = _table(
    "kpi_stale_month",
    "whether a publish left each later published month stale: what the later month reads "
    "from earlier months (warned months, completeness baseline, where its period starts) "
    "changed since its current version, so a run of it would publish. Grain: one row per "
    "(later month, run that judged it).",
    _c("month_start", DATE, "the later month judged", key=True),
    _c("run_id", TEXT, "the run whose publish of an earlier month judged it", key=True),
    _c(
        "found_at",
        TIMESTAMP,
        "when (UTC); a judgement counts while the month's current version was published "
        "before it, and the latest one counts",
    ),
    _c(
        "is_stale",
        BOOLEAN,
        "the judgement: stale (true), or no longer stale because the change was undone (false)",
    ),
)

KPI_COMPLETENESS = _table(
    "kpi_completeness",
    "each store's exports against its own history (scheme.md 9.3). Grain: one row per "
    "(run, store, export) for every run that judged completeness, published or failed.",
    _c("run_id", TEXT, "the run that judged it", key=True),
    _c("month_start", DATE, "the month run"),
    _c("store_id", TEXT, "the store", key=True),
    _c("source", TEXT, "receptions, surveys or consultations", key=True),
    _c(
        "row_count",
        INTEGER,
        "rows read of the store in that export (receptions by their own store_id, the others "
        "by their agent's store in the month's roster)",
    ),
    _c(
        "baseline_median",
        DOUBLE,
        "median of row_count over the store's baseline months; null without a baseline",
        null=True,
    ),
    _c(
        "baseline_months",
        INTEGER,
        "how many earlier published months (current versions) form the baseline; 0: none, "
        "not judged",
    ),
    _c(
        "volume_share",
        DOUBLE,
        "row_count / baseline_median, a fraction; null without a baseline or with a median of 0",
        null=True,
    ),
    _c(
        "longest_silent_days",
        INTEGER,
        "receptions only: the longest run of consecutive days of the period without a "
        "reception of the store; null for the other exports",
        null=True,
    ),
    _c(
        "is_incomplete",
        BOOLEAN,
        "judged incomplete: volume below min_volume_share of the median, no rows while the "
        "baseline had some, or silent longer than max_silent_days",
    ),
)

KPI_SCHEME = _table(
    "kpi_scheme",
    "the scheme files runs used, as read, so that any version's scheme can be read from "
    "the warehouse. Grain: one row per scheme file content used (a version names one "
    "content: a changed file needs a new version).",
    _c("scheme_version", TEXT, "the file's version, as versions of months name it", key=True),
    _c("sha256", TEXT, "SHA-256 of the file's bytes"),
    _c("effective_from", DATE, "the first month the file applies to"),
    _c("file_name", TEXT, "the file's name when it was first used"),
    _c("content", TEXT, "the file's text as read (YAML)"),
    _c(
        "first_run_id",
        TEXT,
        "the run that first used it (see kpi_run), or that the upgrade found it in",
    ),
    _c("first_used_at", TIMESTAMP, "when that run started (UTC)"),
)
