CREATE TABLE IF NOT EXISTS kpi_stale_month (
    -- kpi_stale_month: whether a publish left each later published month stale: what the later month reads from earlier months (warned months, completeness baseline, where its period starts) changed since its current version, so a run of it would publish. Grain: one row per (later month, run that judged it).
    month_start DATE NOT NULL, -- the later month judged
    run_id TEXT NOT NULL, -- the run whose publish of an earlier month judged it
    found_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when (UTC); a judgement counts while the month's current version was published before it, and the latest one counts
    is_stale BOOLEAN NOT NULL, -- the judgement: stale (true), or no longer stale because the change was undone (false)
    PRIMARY KEY (month_start, run_id)
);
