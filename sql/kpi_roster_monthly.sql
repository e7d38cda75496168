CREATE TABLE IF NOT EXISTS kpi_roster_monthly (
    -- kpi_roster_monthly: the roster a version was scored with. Grain: one row per (month_start, agent_id, version), every roster row, active in the period or not.
    month_start DATE NOT NULL, -- first day of the month
    period_start_on DATE, -- first day of the month's evaluation period (the calendar month's first day unless the scheme sets period.end_day)
    period_end_on DATE, -- last day of the evaluation period, inclusive
    agent_id TEXT NOT NULL, -- agent (客服工号)
    version INTEGER NOT NULL, -- version of the month (see kpi_agent_monthly)
    is_current BOOLEAN NOT NULL, -- true on the version BI uses
    run_id TEXT NOT NULL, -- the run that read the roster
    agent_name TEXT NOT NULL, -- name as on the roster
    store_id TEXT NOT NULL, -- store as on the roster
    team_id TEXT NOT NULL, -- team as on the roster; the store_id when the roster has none
    hired_on DATE, -- hiring date as on the roster
    left_on DATE, -- leaving date as on the roster
    is_active BOOLEAN NOT NULL, -- active in the month's evaluation period (gets a scorecard)
    PRIMARY KEY (month_start, agent_id, version)
);
