CREATE TABLE IF NOT EXISTS kpi_run (
    -- kpi_run: the run log. Grain: one row per run of a month, published, unchanged or failed.
    run_id TEXT NOT NULL, -- identifier of the run
    month_start DATE NOT NULL, -- first day of the month run
    status TEXT NOT NULL, -- running (until the run ends), published, unchanged or failed
    version INTEGER, -- the version published, or the month's current version for unchanged and failed runs
    fingerprint TEXT, -- hash of the input files, the scheme file, the month's period and history_digest; an equal fingerprint means nothing the month reads changed
    scheme_version TEXT, -- version of the scheme file used
    code_version TEXT, -- version of the pipeline code
    started_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when the run started (UTC)
    finished_at TIMESTAMP WITH TIME ZONE, -- when the run ended (UTC); null while it runs
    error TEXT, -- why the run failed; null unless failed
    warnings TEXT, -- notes for the operator, one per line (stale later months, calendar gaps, ...)
    allow_rejects BOOLEAN NOT NULL, -- published over the reject threshold by the operator's choice (--allow-rejects while a file was over it)
    allow_incomplete BOOLEAN NOT NULL, -- published although a store's export was incomplete against its own history, by the operator's choice (--allow-incomplete while a store was judged incomplete; see kpi_completeness)
    data_docs TEXT, -- where the quality gate's report is
    history_digest TEXT, -- hash of what the run read from earlier months: each agent's consecutive warned months ending the month before, the stores' completeness baseline and where the previous month's published period ended
    flow_run_id TEXT, -- the Prefect flow run that ran it; null outside Prefect
    scheme_sha256 TEXT, -- SHA-256 of the scheme file used (its content is in kpi_scheme); null for runs before it was recorded
    PRIMARY KEY (run_id)
);
CREATE INDEX IF NOT EXISTS kpi_run_month ON kpi_run (month_start, status);
CREATE UNIQUE INDEX IF NOT EXISTS kpi_run_published_version ON kpi_run (month_start, version) WHERE status = 'published';
