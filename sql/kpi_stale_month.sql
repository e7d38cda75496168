CREATE TABLE IF NOT EXISTS kpi_stale_month (
    -- kpi_stale_month: later months a publish made stale (their consecutive-month counts read a changed month). Grain: one row per (stale month, run that made it stale).
    month_start DATE NOT NULL, -- the month that became stale
    run_id TEXT NOT NULL, -- the run whose publish of an earlier month made it stale
    found_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when (UTC); the month is stale while its current version was published before this
    PRIMARY KEY (month_start, run_id)
);
