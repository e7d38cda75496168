-- v_kpi_team_current: the current team metrics of every team and month (kpi_team_monthly where is_current).
CREATE VIEW v_kpi_team_current AS
SELECT * FROM kpi_team_monthly WHERE is_current;
