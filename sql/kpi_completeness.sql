CREATE TABLE IF NOT EXISTS kpi_completeness (
    -- kpi_completeness: each store's exports against its own history (scheme.md 9.3). Grain: one row per (run, store, export) for every run that judged completeness, published or failed.
    run_id TEXT NOT NULL, -- the run that judged it
    month_start DATE NOT NULL, -- the month run
    store_id TEXT NOT NULL, -- the store
    source TEXT NOT NULL, -- receptions, surveys or consultations
    row_count INTEGER NOT NULL, -- rows read of the store in that export (receptions by their own store_id, the others by their agent's store in the month's roster)
    baseline_median DOUBLE PRECISION, -- median of row_count over the store's baseline months; null without a baseline
    baseline_months INTEGER NOT NULL, -- how many earlier published months (current versions) form the baseline; 0: none, not judged
    volume_share DOUBLE PRECISION, -- row_count / baseline_median, a fraction; null without a baseline or with a median of 0
    longest_silent_days INTEGER, -- receptions only: the longest run of consecutive days of the period without a reception of the store; null for the other exports
    is_incomplete BOOLEAN NOT NULL, -- judged incomplete: volume below min_volume_share of the median, no rows while the baseline had some, or silent longer than max_silent_days
    PRIMARY KEY (run_id, store_id, source)
);
