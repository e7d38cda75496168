CREATE TABLE IF NOT EXISTS kpi_team_monthly (
    -- kpi_team_monthly: a team's pooled monthly metrics, team reward (团队奖励) and department targets. Grain: one row per (month_start, store_id, team_id, version).
    month_start DATE NOT NULL, -- first day of the month
    period_start_on DATE, -- first day of the month's evaluation period (the calendar month's first day unless the scheme sets period.end_day)
    period_end_on DATE, -- last day of the evaluation period, inclusive
    store_id TEXT NOT NULL, -- store of the team
    team_id TEXT NOT NULL, -- team within the store; the store_id when the store is one team
    version INTEGER NOT NULL, -- version of the month (see kpi_agent_monthly)
    is_current BOOLEAN NOT NULL, -- true on the version BI uses
    run_id TEXT NOT NULL, -- the run that wrote the row
    scheme_version TEXT NOT NULL, -- version of the scheme file used
    agent_count INTEGER NOT NULL, -- active agents of the team
    customers_received INTEGER NOT NULL, -- distinct customers received over the team
    survey_count INTEGER NOT NULL, -- surveys over the team
    satisfaction_avg DOUBLE PRECISION, -- mean rating 1..5 over the team; null when no surveys
    satisfaction_pct DOUBLE PRECISION, -- fraction 0..1: satisfaction_avg / 5
    satisfied_share DOUBLE PRECISION, -- fraction 0..1 of surveys rated 4 or 5
    complaint_count INTEGER NOT NULL, -- valid complaints over the team
    complaint_rate DOUBLE PRECISION, -- fraction: distinct complaint customers / customers_received; null when none received
    consultation_count INTEGER NOT NULL, -- consultations over the team
    timely_count INTEGER NOT NULL, -- timely consultations over the team
    is_team_reward BOOLEAN NOT NULL, -- the team earned the team reward
    is_satisfaction_target_met BOOLEAN, -- satisfaction_pct reached the scheme target; null without target or value
    is_complaint_target_met BOOLEAN, -- complaint_rate within the scheme target; null without target or value
    is_timeliness_target_met BOOLEAN, -- timely rate reached the scheme target; null without target or value
    PRIMARY KEY (month_start, store_id, team_id, version)
);
CREATE INDEX IF NOT EXISTS kpi_team_monthly_current ON kpi_team_monthly (month_start, is_current);
