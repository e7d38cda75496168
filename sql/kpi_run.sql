-- kpi_run: the run log. Grain: one row per run of a month, published, unchanged or failed.
CREATE TABLE IF NOT EXISTS kpi_run (
    run_id TEXT NOT NULL PRIMARY KEY, -- identifier of the run
    month_start DATE NOT NULL, -- first day of the month run
    status TEXT NOT NULL, -- published, unchanged or failed
    version INTEGER, -- the version published, or the month's current version for unchanged and failed runs
    fingerprint TEXT, -- hash of the inputs, the scheme file and the previous month's current run_id
    scheme_version TEXT, -- version of the scheme file used
    code_version TEXT, -- version of the pipeline code
    started_at {timestamptz} NOT NULL, -- when the run started (UTC)
    finished_at {timestamptz} NOT NULL, -- when the run ended (UTC)
    error TEXT, -- why the run failed; null unless failed
    warnings TEXT, -- notes for the operator, one per line (stale later months, calendar gaps, ...)
    allow_rejects BOOLEAN NOT NULL, -- published over the reject threshold by the operator's choice
    data_docs TEXT -- where the quality gate's report is
);
CREATE UNIQUE INDEX IF NOT EXISTS kpi_run_published_version ON kpi_run (month_start, version) WHERE status = 'published';
