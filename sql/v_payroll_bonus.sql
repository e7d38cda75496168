-- v_payroll_bonus: what payroll pays: every agent's bonus of the current version of each month.
CREATE VIEW v_payroll_bonus AS
SELECT month_start, agent_id, agent_name, store_id, tier, bonus_amount, version
FROM kpi_agent_monthly WHERE is_current;
