CREATE VIEW v_agent AS
    -- v_agent: every agent with their latest roster row (the newest month's current version): name, store, team, hiring and leaving dates, for BI to label and filter.
    -- agent_id: agent (客服工号)
    -- agent_name: name as on the roster
    -- store_id: store as on the roster
    -- team_id: team as on the roster; the store_id when the roster has none
    -- hired_on: hiring date as on the roster
    -- left_on: leaving date as on the roster
    -- as_of_month: the month whose current roster row this is (the newest)
SELECT r.agent_id, r.agent_name, r.store_id, r.team_id, r.hired_on, r.left_on,
       r.month_start AS as_of_month
FROM kpi_roster_monthly r
WHERE r.is_current AND r.month_start = (
    SELECT MAX(x.month_start) FROM kpi_roster_monthly x
    WHERE x.is_current AND x.agent_id = r.agent_id);
