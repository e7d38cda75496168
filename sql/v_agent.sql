CREATE VIEW v_agent AS
    -- v_agent: every agent with their latest roster row (the newest month's current version): name, store, team, hiring and leaving dates, for BI to label and filter.
SELECT r.agent_id, r.agent_name, r.store_id, r.team_id, r.hired_on, r.left_on,
       r.month_start AS as_of_month
FROM kpi_roster_monthly r
WHERE r.is_current AND r.month_start = (
    SELECT MAX(x.month_start) FROM kpi_roster_monthly x
    WHERE x.is_current AND x.agent_id = r.agent_id);
