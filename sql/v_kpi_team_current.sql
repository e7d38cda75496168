CREATE VIEW v_kpi_team_current AS
    -- v_kpi_team_current: the current team metrics of every team and month (kpi_team_monthly where is_current).
SELECT * FROM kpi_team_monthly WHERE is_current;
