CREATE VIEW v_kpi_agent_current AS
    -- v_kpi_agent_current: the current scorecard of every agent and month (kpi_agent_monthly where is_current).
SELECT * FROM kpi_agent_monthly WHERE is_current;
