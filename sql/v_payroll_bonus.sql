CREATE VIEW v_payroll_bonus AS
    -- v_payroll_bonus: what payroll pays: every agent's bonus of the current version of each month.
SELECT month_start, agent_id, agent_name, store_id, tier, bonus_amount, version
FROM kpi_agent_monthly WHERE is_current;
